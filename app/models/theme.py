"""Themes that staff give to free-text answers, and quotes approved for publication."""

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utc_now

answer_theme = Table(
    "answer_theme",
    Base.metadata,
    Column("answer_id", ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True),
)


class Theme(Base):
    """A code for free-text answers in one survey ("Transport", "Staff changing too often").

    Status is "accepted" for themes in use, "suggested" for Heard's offline suggestions that
    staff have not decided on, and "rejected" so a suggestion is not offered again.
    """

    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("survey_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(20), default="accepted")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    answers: Mapped[list["Answer"]] = relationship(secondary=answer_theme)  # noqa: F821


class Quote(Base):
    """A free-text answer marked for publication, with personal details redacted.

    Nothing appears in a report until a person approves it.
    """

    __tablename__ = "quote"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), unique=True)
    redacted_text: Mapped[str] = mapped_column(Text)
    approved: Mapped[bool] = mapped_column(default=False)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
