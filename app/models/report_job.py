"""A report being built in the background, and the file it made."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utc_now


class ReportJobStatus(enum.StrEnum):
    """Where a background report is: queued → running → ready, or failed."""

    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"


class ReportJob(Base):
    """A "what we heard" report too large to build while a member of staff waits.

    Kept in the database so any instance (or an RQ worker) can build it and any instance can
    hand it over.
    """

    __tablename__ = "report_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    edition: Mapped[str] = mapped_column(String(20))
    output: Mapped[str] = mapped_column(String(10))
    filters: Mapped[dict] = mapped_column(JSON, default=dict)
    # Stored as the status's plain words (a string column), so no migration was needed.
    status: Mapped[str] = mapped_column(String(20), default=ReportJobStatus.QUEUED)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    error: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
