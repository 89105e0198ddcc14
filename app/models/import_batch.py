"""An uploaded file of responses from another tool, kept between upload and confirmation."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utc_now


class ImportBatch(Base):
    """The rows of one uploaded CSV or XLSX file, waiting for staff to map and import them.

    Kept in the database, not in a worker's memory or disk, so any instance can finish it.
    """

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    headers: Mapped[list] = mapped_column(JSON)
    rows: Mapped[list] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
