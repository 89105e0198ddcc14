"""Answers in progress, and the wrong come-back codes tried against them.

A draft is keyed by the journey's submission token and written on every Continue; sending
turns it into a response and deletes it in the same transaction (`app.models.response`).
Models only: no services, no blueprints.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utc_now
from app.models.response import Channel


class Draft(Base):
    """Answers in progress, kept on the server and keyed by the journey's submission token."""

    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("survey_id", "token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    token: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    channel: Mapped[str] = mapped_column(String(20), default=Channel.ONLINE.value)
    partner_link_id: Mapped[int | None] = mapped_column(ForeignKey("partner_link.id"))
    language: Mapped[str] = mapped_column(String(10), default="en")
    # The other display choices (text size, colours, words, pictures) that differ from the
    # defaults, as they were when the person saved: coming back with the code restores them.
    display_choices: Mapped[dict | None] = mapped_column(JSON)
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    # Save and come back later: the link's token and the short code, stored only as hashes.
    resume_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # The code's first letters, kept plain so wrong codes can be counted against their draft.
    resume_handle: Mapped[str | None] = mapped_column(String(8), index=True)


class ResumeAttempt(Base):
    """A wrong come-back code: which draft it was aimed at (by the code's first letters) and
    from which address (hashed), so each address waits longer between its own wrong tries."""

    __tablename__ = "resume_attempt"
    __table_args__ = (
        Index(
            "ix_resume_attempt_survey_id_handle_address_hash", "survey_id", "handle", "address_hash"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int]
    handle: Mapped[str] = mapped_column(String(8))
    address_hash: Mapped[str] = mapped_column(String(64), index=True)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
