"""Coding batches: many answers given one theme at once, kept so the change can be undone.

Accepting a suggestion codes every answer that uses its words, and staff may code the answers
they tick on a page in one go. Each of those is one `CodingBatch`, with the answers it coded
(answers that already had the theme are not listed, so undoing leaves them as they were).
"""

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utc_now

coding_batch_answer = Table(
    "coding_batch_answer",
    Base.metadata,
    Column("batch_id", ForeignKey("coding_batch.id", ondelete="CASCADE"), primary_key=True),
    Column("answer_id", ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True),
)


class CodingBatch(Base):
    """One theme given to many answers at once: from a suggestion, or from ticked answers."""

    __tablename__ = "coding_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    # The suggestion's words, or "" for answers staff ticked.
    phrase: Mapped[str] = mapped_column(String(120), default="")
    # True when the batch made the theme, so undoing it takes the theme away again.
    created_theme: Mapped[bool] = mapped_column(default=False)
    answers: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
