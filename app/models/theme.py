"""Themes that staff give to free-text answers, and quotes approved for publication."""

import enum
from datetime import datetime

from sqlalchemy import JSON, Column, Enum, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utc_now

answer_theme = Table(
    "answer_theme",
    Base.metadata,
    Column("answer_id", ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True),
)


class ThemeStatus(enum.StrEnum):
    """Whether staff code answers with a theme, or turned it down as a suggestion."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Theme(Base):
    """A code for free-text answers in one survey ("Transport", "Staff changing too often").

    Status is "accepted" for themes in use and "rejected" for a suggestion staff turned down,
    kept so it is not offered again. Suggestions staff have not decided on are never stored.
    """

    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("survey_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    # The column stays a 20-character string holding the values, as the migration made it.
    status: Mapped[ThemeStatus] = mapped_column(
        Enum(
            ThemeStatus,
            name="theme_status",
            native_enum=False,
            length=20,
            validate_strings=True,
            values_callable=lambda members: [member.value for member in members],
        ),
        default=ThemeStatus.ACCEPTED,
    )
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
    # Staff's choices, kept as words so they survive an edit: their own wording (None: the
    # answer's), words the redactor removed that they put back, and words they removed.
    edited_text: Mapped[str | None] = mapped_column(Text)
    kept_words: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    removed_words: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
