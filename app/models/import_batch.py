"""An uploaded file of responses from another tool, kept between upload and confirmation."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utc_now


class ImportBatch(Base):
    """One uploaded CSV or XLSX file: its record, and its rows (in chunks) until imported.

    Kept in the database, not in a worker's memory or disk, so any instance can finish it.
    The rows live in `import_batch_chunk`, a thousand to a row, so the preview, the checks
    and the import read them one chunk at a time and never hold a 100,000-row file at once.
    They are deleted when the import is done, and the whole upload after a week if it never
    is (`app/services/imports/uploads.py`); the record that stays (name, content hash,
    counts, times) is what refuses the same file twice and lets it be undone.
    """

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    # SHA-256 of the uploaded bytes: the same file again is recognised without keeping it.
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    headers: Mapped[list] = mapped_column(JSON)
    # Each kept column's letters in the original file ("C", or "F–J" for merged option columns).
    letters: Mapped[list | None] = mapped_column(JSON)
    row_count: Mapped[int] = mapped_column(default=0)
    response_count: Mapped[int | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ImportBatchChunk(Base):
    """Up to a thousand consecutive rows of an upload: [[row number, cell, cell, …], …].

    Written and read with Core statements, one chunk at a time (`imports/stored.py`), never
    as a collection on the batch: loading them all is what the chunks are there to avoid.
    """

    __tablename__ = "import_batch_chunk"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    rows: Mapped[list] = mapped_column(JSON)
