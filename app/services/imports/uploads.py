"""What Heard keeps of an upload, and for how long: the same file refused twice, a whole
import undone, and uploads deleted once imported or after a week.

Service layer: each public function that writes is one transaction (`@transactional`). An
upload's rows are needed only to match and import it, so they are emptied when it is imported
and the whole upload goes seven days after it was made if it never is. What stays of an
imported batch is its record (file name, SHA-256, counts, who and when), which is enough to
refuse the same file again and to undo the import.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import ImportBatch, Response
from app.models.base import utc_now
from app.services import audit, retention
from app.services.errors import ServiceError
from app.services.imports import stored
from app.services.transactions import transactional

KEEP_UPLOADS_FOR = timedelta(days=7)
LONDON = ZoneInfo("Europe/London")


class FileAlreadyImported(ServiceError):
    """This file's bytes were imported into the survey before, and not undone."""

    status_code = 409

    def __init__(self, earlier: ImportBatch) -> None:
        super().__init__(
            f"This file was already imported on {when(earlier.imported_at)}"
            f" ({earlier.response_count or 0:,} responses from “{earlier.filename}”). "
            "Undo that import first if you want to import it again",
            field="file",
        )
        self.earlier = earlier


def when(moment: datetime | None) -> str:
    """Return a time as staff read it in the messages: "2 December 2026 at 10:04"."""
    if moment is None:
        return "an unknown date"
    local = moment.astimezone(LONDON)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def earlier_import(survey_id: int, content_hash: str, *, other_than: int | None = None):
    """Return the import of the same file into this survey that still stands, if there is one."""
    query = select(ImportBatch).where(
        ImportBatch.survey_id == survey_id,
        ImportBatch.content_hash == content_hash,
        ImportBatch.imported_at.is_not(None),
        ImportBatch.undone_at.is_(None),
    )
    if other_than is not None:
        query = query.where(ImportBatch.id != other_than)
    return db.session.scalars(query.order_by(ImportBatch.imported_at).limit(1)).first()


def refuse_if_imported(survey_id: int, content_hash: str, *, other_than: int | None = None):
    """Refuse a file whose bytes were imported into this survey and not undone."""
    earlier = earlier_import(survey_id, content_hash, other_than=other_than)
    if earlier is not None:
        raise FileAlreadyImported(earlier)


def batch_responses(batch: ImportBatch) -> int:
    """Return how many responses of this batch are in the survey now."""
    return db.session.scalar(
        select(func.count(Response.id)).where(Response.import_batch_id == batch.id)
    )


@transactional
def undo_import(actor: audit.Actor, batch: ImportBatch) -> int:
    """Delete every response an import wrote, and say so in the audit log; return how many."""
    if batch.imported_at is None:
        raise ServiceError("This file has not been imported, so there is nothing to undo")
    if batch.undone_at is not None:
        raise ServiceError(f"This import was already undone on {when(batch.undone_at)}")
    ids = select(Response.id).where(Response.import_batch_id == batch.id)
    removed = retention.delete_responses(ids)
    batch.undone_at = utc_now()
    audit.record(
        actor,
        "import.undone",
        subject="import_batch",
        subject_id=batch.id,
        survey_id=batch.survey_id,
        filename=batch.filename,
        responses=removed,
    )
    return removed


@transactional
def purge_old_uploads(now: datetime) -> int:
    """Delete the uploads made more than 7 days before `now` and never imported; say how many."""
    stale = select(ImportBatch.id).where(
        ImportBatch.imported_at.is_(None), ImportBatch.created_at < now - KEEP_UPLOADS_FOR
    )
    stored.forget(stale)
    removed = db.session.execute(
        delete(ImportBatch)
        .where(ImportBatch.id.in_(stale))
        .execution_options(synchronize_session=False)
    ).rowcount
    if removed:
        audit.record(
            audit.COMMAND_LINE, "import.uploads_purged", subject="import_batch", uploads=removed
        )
    return removed


def imports_of(survey_id: int, *, limit: int = 50) -> list[ImportBatch]:
    """Return the survey's imports (done or undone), newest first."""
    query = (
        select(ImportBatch)
        .where(ImportBatch.survey_id == survey_id, ImportBatch.imported_at.is_not(None))
        .order_by(ImportBatch.imported_at.desc(), ImportBatch.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
