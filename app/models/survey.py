"""Surveys, their questions and answer options, and the principles each question serves."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from app.models.base import Base, UTCDateTime, enum_type, utc_now
from app.models.framework import Framework, Principle


class SurveyStatus(enum.StrEnum):
    """Where a survey is in its life: draft → open → closed → archived."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    ARCHIVED = "archived"


class Removal(enum.StrEnum):
    """What removing a response means for a survey, at withdrawal and when retention ends."""

    PERSONAL_DATA = "personal_data"  # free text and personal details go; choices stay counted
    WHOLE_RESPONSE = "whole_response"


class QuestionKind(enum.StrEnum):
    """The kinds of question a survey can ask."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SMILEY_SCALE = "smiley_scale"
    YES_NO = "yes_no"
    FREE_TEXT = "free_text"
    WHOLE_NUMBER = "whole_number"

    @property
    def has_options(self) -> bool:
        """Say whether answers to this kind are chosen from options."""
        return self not in (QuestionKind.FREE_TEXT, QuestionKind.WHOLE_NUMBER)


question_principle = Table(
    "question_principle",
    Base.metadata,
    Column("question_id", ForeignKey("question.id", ondelete="CASCADE"), primary_key=True),
    Column("principle_id", ForeignKey("principle.id"), primary_key=True),
)


class Survey(Base):
    """An easy-read survey that residents answer and a report is written from."""

    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    easy_read_title: Mapped[str] = mapped_column(String(200), default="")
    intro: Mapped[str] = mapped_column(Text, default="")
    easy_read_intro: Mapped[str] = mapped_column(Text, default="")
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id"), index=True)
    status: Mapped[SurveyStatus] = mapped_column(
        enum_type(SurveyStatus, "survey_status"), default=SurveyStatus.DRAFT
    )
    opens_on: Mapped[date | None]
    closes_on: Mapped[date | None]
    picture_key: Mapped[str] = mapped_column(String(80), default="survey")
    contact: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # May the survey run on a kiosk, and may a resident save and come back later?
    kiosk_allowed: Mapped[bool] = mapped_column(default=True, server_default=true())
    save_for_later_allowed: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Goes up by one at every change the builder saves (app/services/builder): a save made
    # from an older version is refused, so two leads editing at once cannot overwrite each other.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Retention (app/services/retention.py): months kept after closing (None: the default
    # setting), what removal means, when the purge ran, and the report's figures (CSV) kept
    # when whole responses were deleted.
    retention_months: Mapped[int | None]
    removal: Mapped[str] = mapped_column(
        String(20), default=Removal.PERSONAL_DATA, server_default=Removal.PERSONAL_DATA.value
    )
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    kept_figures: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    # Staff or team names the council chooses to publish in quotes (praise of a named team);
    # empty unless a lead fills it in (app/services/quotes.py).
    kept_names: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")

    framework: Mapped[Framework] = relationship()
    questions: Mapped[list["Question"]] = relationship(
        back_populates="survey", order_by="Question.position", cascade="all, delete-orphan"
    )


class Question(Base):
    """One question of a survey, asked on its own page."""

    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("survey_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    kind: Mapped[QuestionKind] = mapped_column(enum_type(QuestionKind, "question_kind"))
    text: Mapped[str] = mapped_column(Text)
    easy_read_text: Mapped[str] = mapped_column(Text, default="")
    hint: Mapped[str] = mapped_column(Text, default="")
    picture_key: Mapped[str] = mapped_column(String(80), default="question")
    required: Mapped[bool] = mapped_column(default=True)
    max_choices: Mapped[int | None]
    min_number: Mapped[int | None]
    max_number: Mapped[int | None]
    # "main" questions, or "about_you" equality-monitoring questions (reported in aggregate).
    section: Mapped[str] = mapped_column(String(20), default="main")
    # Branching: ask this question only when an earlier question has one of these options.
    show_if_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="SET NULL")
    )
    show_if_option_ids: Mapped[list | None] = mapped_column(JSON)

    survey: Mapped[Survey] = relationship(back_populates="questions")
    options: Mapped[list["Option"]] = relationship(
        back_populates="question", order_by="Option.position", cascade="all, delete-orphan"
    )
    principles: Mapped[list[Principle]] = relationship(
        secondary=question_principle, order_by="Principle.position"
    )


class Option(Base):
    """One answer a person can choose for a question."""

    __tablename__ = "option"
    __table_args__ = (UniqueConstraint("question_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    label: Mapped[str] = mapped_column(String(300))
    easy_read_label: Mapped[str] = mapped_column(String(300), default="")
    picture_key: Mapped[str] = mapped_column(String(80), default="")
    # A "none of these" answer: chosen alone, shown last after an "or" divider.
    exclusive: Mapped[bool] = mapped_column(default=False)

    question: Mapped[Question] = relationship(back_populates="options")


class Translation(Base):
    """Survey words in another language: one field of one survey, question or option."""

    __tablename__ = "translation"
    __table_args__ = (UniqueConstraint("entity", "entity_id", "language", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(index=True)
    language: Mapped[str] = mapped_column(String(10))
    field: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)


class WordingChange(Base):
    """A correction to a survey's words after its first response: old, new, who, when, why.

    The report's method section lists these, so readers know what residents saw.
    """

    __tablename__ = "wording_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int]
    field: Mapped[str] = mapped_column(String(40))
    old_text: Mapped[str] = mapped_column(Text)
    new_text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class AcceptedWarning(Base):
    """An easy-read warning a lead has read and accepted for one piece of text, as it stands."""

    __tablename__ = "accepted_warning"
    __table_args__ = (UniqueConstraint("survey_id", "entity", "entity_id", "field", "rule"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int]
    field: Mapped[str] = mapped_column(String(40))
    rule: Mapped[str] = mapped_column(String(20))
    # The words accepted: when they change, the warning must be accepted again.
    text: Mapped[str] = mapped_column(Text)
    accepted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
