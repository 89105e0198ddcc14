"""Actions: "you said, we did" — what the council did about what it heard."""

import enum
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, enum_type


class ActionStatus(enum.StrEnum):
    """How far an action has got."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Action(Base):
    """What people said, and what the council did or will do about it."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    principle_id: Mapped[int | None] = mapped_column(ForeignKey("principle.id"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id"), index=True)
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    status: Mapped[ActionStatus] = mapped_column(
        enum_type(ActionStatus, "action_status"),
        default=ActionStatus.PLANNED,
    )
    action_date: Mapped[date | None]
    title: Mapped[str] = mapped_column(String(200), default="")
