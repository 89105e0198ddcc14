"""Kiosks: shared touch screens in a library, day centre or waiting room, one survey each."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utc_now


class Kiosk(Base):
    """A device at a venue that shows one survey to one person after another."""

    __tablename__ = "kiosk"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    venue: Mapped[str] = mapped_column(String(200))
    # The device key in the kiosk's address; it exempts the kiosk from per-address limits.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    idle_seconds: Mapped[int] = mapped_column(default=120)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # How the screen looks for each new person (staff choose); a person may change it for
    # their own visit only. The values are the resident display choices' own.
    display_lang: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    display_words: Mapped[str] = mapped_column(String(16), default="easy", server_default="easy")
    display_pictures: Mapped[str] = mapped_column(String(8), default="on", server_default="on")
    display_size: Mapped[str] = mapped_column(String(8), default="0", server_default="0")
    display_contrast: Mapped[str] = mapped_column(
        String(16), default="normal", server_default="normal"
    )
    # When the last visit ended (start again, or the next person after a send): no page of
    # a visit from before then is shown again on this kiosk.
    moved_on_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    survey: Mapped["Survey"] = relationship()  # noqa: F821 - resolved by the registry
