"""Partners (community and voluntary organisations) and their tracked survey links."""

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Partner(Base):
    """An organisation that shares Heard's surveys with the people it works with."""

    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    contact: Mapped[str] = mapped_column(Text, default="")
    # Web sites allowed to embed surveys, one `https://host[:port]` per line.
    allowed_origins: Mapped[str] = mapped_column(Text, default="")
    # In the order they were made, so the partner page lists them the same way every time.
    links: Mapped[list["PartnerLink"]] = relationship(
        back_populates="partner", order_by="PartnerLink.id"
    )


class PartnerLink(Base):
    """A tracked link (`/l/<code>`) that a partner shares for one survey."""

    __tablename__ = "partner_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    partner: Mapped[Partner] = relationship(back_populates="links")
    survey: Mapped["Survey"] = relationship()  # noqa: F821 - resolved by the registry
