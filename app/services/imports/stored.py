"""An upload's rows as kept between upload and import: a thousand rows to a chunk.

Service layer. The rows are written as they are read from the file and read back one chunk
at a time, each with its own statement, so the preview, the checks and the import hold one
chunk, never the whole upload (psycopg would otherwise fetch every chunk of one query at
once). Core statements throughout: a row is a list, never an ORM object.
"""

from collections.abc import Iterable, Iterator
from itertools import islice

from sqlalchemy import delete, func, insert, select

from app.extensions import db
from app.models import ImportBatch, ImportBatchChunk

CHUNK_ROWS = 1000


def keep(batch: ImportBatch, new_rows: Iterable[list]) -> int:
    """Store an upload's rows in chunks as they come; return how many there were."""
    iterator, position, count = iter(new_rows), 0, 0
    while chunk := list(islice(iterator, CHUNK_ROWS)):
        db.session.execute(
            insert(ImportBatchChunk), [{"batch_id": batch.id, "position": position, "rows": chunk}]
        )
        position, count = position + 1, count + len(chunk)
    return count


def rows(batch: ImportBatch) -> Iterator[list]:
    """Yield the upload's rows in file order, reading one chunk at a time."""
    query = select(ImportBatchChunk.rows).where(ImportBatchChunk.batch_id == batch.id)
    for position in range(chunk_count(batch)):
        chunk = db.session.scalar(query.where(ImportBatchChunk.position == position))
        yield from chunk or []


def first_rows(batch: ImportBatch, count: int) -> list[list]:
    """Return the upload's first rows, for the preview's sample."""
    return list(islice(rows(batch), count))


def chunk_count(batch: ImportBatch) -> int:
    """Return how many chunks hold the upload's rows (none once it is imported)."""
    return db.session.scalar(
        select(func.count())
        .select_from(ImportBatchChunk)
        .where(ImportBatchChunk.batch_id == batch.id)
    )


def forget(batch_ids) -> None:
    """Delete the rows of these uploads (an id or a select of ids), keeping their records."""
    ids = [batch_ids] if isinstance(batch_ids, int) else batch_ids
    db.session.execute(delete(ImportBatchChunk).where(ImportBatchChunk.batch_id.in_(ids)))
