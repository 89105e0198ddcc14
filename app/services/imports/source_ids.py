"""Refuse rows imported before, by the other tool's own response id.

Service layer, reads only. A council exports the same Microsoft Forms survey again a month
later: the file is new (so its hash is too), but most of its rows are not. Each row's response
id is looked up among the survey's responses, and rows already there are refused, saying
from which file and when they came; so are ids that appear twice in the same file.
"""

from itertools import islice

from sqlalchemy import select

from app.extensions import db
from app.models import ImportBatch, Response, Survey
from app.services.imports import stored
from app.services.imports.mapping import Mapping, row_cell
from app.services.imports.problems import ProblemList
from app.services.imports.provenance import SOURCE_ID_FIELD, source_id
from app.services.imports.uploads import when

# Ids looked up per query: well under the parameter limits of SQLite and PostgreSQL.
LOOKUP_CHUNK = 500


def check(survey: Survey, batch: ImportBatch, mapping: Mapping, problems: ProblemList) -> None:
    """Note rows whose response id is in the file twice or already in the survey."""
    if mapping.source_id_column is None:
        return
    rows_by_id: dict[str, list[int]] = {}
    for row in stored.rows(batch):
        found = source_id(row_cell(row, mapping.source_id_column))
        if found is not None:
            rows_by_id.setdefault(found, []).append(row[0])
    for found, numbers in rows_by_id.items():
        for number in numbers[1:]:
            problems.add(
                f"The response id “{found}” is in the file more than once", SOURCE_ID_FIELD, number
            )
    for found, filename, imported_at in _imported(survey.id, list(rows_by_id)):
        problems.add(
            f"Already imported from “{filename}” on {when(imported_at)}",
            SOURCE_ID_FIELD,
            rows_by_id[found][0],
        )


def _imported(survey_id: int, ids: list[str]):
    """Yield (id, file name, time imported) for each of these ids already in the survey."""
    iterator = iter(ids)
    while chunk := list(islice(iterator, LOOKUP_CHUNK)):
        query = (
            select(Response.source_response_id, ImportBatch.filename, ImportBatch.imported_at)
            .join(ImportBatch, ImportBatch.id == Response.import_batch_id)
            .where(Response.survey_id == survey_id, Response.source_response_id.in_(chunk))
            .order_by(Response.source_row)
        )
        yield from db.session.execute(query).all()
