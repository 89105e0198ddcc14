"""Responses (one person's or one group's answers) and their answers.

Drafts in progress are in `app.models.draft`.

A response is written once, in one transaction, from a draft. `UNIQUE (survey_id,
submission_token)` is what makes sending twice store one response.
"""

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, enum_type, utc_now


class Channel(enum.StrEnum):
    """How a response reached us."""

    ONLINE = "online"
    KIOSK = "kiosk"
    EMBED = "embed"
    PAPER = "paper"
    GROUP = "group"
    IMPORT = "import"
    # Taken by a council contact centre, or sent in by e-mail (imports map a column to these).
    PHONE = "phone"
    EMAIL = "email"


class Support(enum.StrEnum):
    """How a person answered: on their own, with help, or someone answered for them."""

    ALONE = "alone"
    HELPED = "helped"
    ANSWERED_FOR = "answered_for"


class Response(Base):
    """One person's, or one facilitated group's, submitted answers to a survey."""

    __tablename__ = "response"
    __table_args__ = (UniqueConstraint("survey_id", "submission_token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    submission_token: Mapped[str] = mapped_column(String(64))
    receipt: Mapped[str] = mapped_column(String(16), unique=True)
    channel: Mapped[Channel] = mapped_column(
        enum_type(Channel, "channel"),
        default=Channel.ONLINE,
    )
    partner_link_id: Mapped[int | None] = mapped_column(ForeignKey("partner_link.id"), index=True)
    language: Mapped[str] = mapped_column(String(10), default="en")
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    people_count: Mapped[int] = mapped_column(default=1)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    support: Mapped[Support | None] = mapped_column(enum_type(Support, "support"))
    kiosk_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk.id"), index=True)
    # Facilitated group sessions and paper forms: who helped, for which organisation, when.
    facilitator: Mapped[str | None] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    session_date: Mapped[date | None]
    # Imported responses keep where they came from, for audit.
    source_file: Mapped[str | None] = mapped_column(String(255))
    source_row: Mapped[int | None]
    source_response_id: Mapped[str | None] = mapped_column(String(100), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )
    # Rows that share a respondent id are one person: a keyed hash of that id, never the id.
    respondent_key: Mapped[str | None] = mapped_column(String(64), index=True)

    answers: Mapped[list["Answer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class Answer(Base):
    """One answered option or value of a response (long format: one row per choice)."""

    __tablename__ = "answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    option_id: Mapped[int | None] = mapped_column(ForeignKey("option.id"), index=True)
    text_value: Mapped[str | None] = mapped_column(Text)
    number_value: Mapped[int | None]

    response: Mapped[Response] = relationship(back_populates="answers")
