"""An upload is kept and read in chunks: no step holds all its rows at once.

Memory is compared between a small and a ten times larger file in the same run (Python's
own allocations, traced), never timed: held whole, every step's peak grows with the file;
streamed, it stays that of a chunk or two.
"""

import tracemalloc

import pytest

from app.extensions import db
from app.models import ImportBatchChunk
from app.services.imports import (
    Mapping,
    auto_mapping,
    import_responses,
    mapping_from_form,
    preview,
    start_import,
    stored,
)
from tests.factories import create_survey
from tests.imports import samples

KINDS = ["single_choice", "multiple_choice", "free_text"]
SMALL, LARGE = 2_000, 20_000
# Streamed, the large file's peaks measured 0.8 to 1.8 times the small one's (the upload's
# 1 MB read buffer is what grows); with the rows held whole, 2.8 (the import) to 7.8 times.
MOST_GROWTH = 2.5


@pytest.fixture
def survey(app_context):
    return create_survey(questions=3, kinds=KINDS)


def export(survey, rows: int, *, extra: str = "") -> bytes:
    header = ["Notes", *(q.text for q in survey.questions)]
    body = [
        [f"Note {n}{extra}", "Yes", "No;Sometimes", f"Comment {n}: the day centre was fine"]
        for n in range(rows)
    ]
    return samples.csv_bytes([header, *body])


def peaks(survey, rows: int, name: str) -> dict[str, int]:
    """Return the traced peak of each step of importing a file of `rows` rows."""
    data = export(survey, rows, extra=name)
    found = {}
    tracemalloc.start()
    try:
        batch = start_import(survey, filename=name, data=data, created_by_id=None)
        found["upload"] = tracemalloc.get_traced_memory()[1]
        for step, run in (
            ("preview", lambda: preview(survey, batch, auto_mapping(survey, batch))),
            ("form", lambda: mapping_from_form(survey, batch, {"column-1": "1"})),
            ("import", lambda: import_responses(survey, batch, auto_mapping(survey, batch))),
        ):
            # Each step is a request of its own: the upload is read from the database again.
            db.session.expire_all()
            tracemalloc.reset_peak()
            run()
            found[step] = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return found


def test_no_step_of_an_import_holds_every_row(survey):
    small = peaks(survey, SMALL, "small.csv")
    large = peaks(survey, LARGE, "large.csv")
    assert {step: large[step] < MOST_GROWTH * small[step] for step in small} == dict.fromkeys(
        small, True
    ), {step: round(large[step] / small[step], 1) for step in small}


def test_an_upload_is_kept_a_thousand_rows_to_a_chunk_and_read_back_in_order(survey):
    batch = start_import(survey, filename="a.csv", data=export(survey, 2_500), created_by_id=None)
    sizes = [
        (chunk.position, len(chunk.rows))
        for chunk in db.session.scalars(
            db.select(ImportBatchChunk)
            .where(ImportBatchChunk.batch_id == batch.id)
            .order_by(ImportBatchChunk.position)
        )
    ]
    assert sizes == [(0, 1000), (1, 1000), (2, 500)]
    assert batch.row_count == 2_500
    assert [row[0] for row in stored.rows(batch)] == list(range(2, 2_502))


def test_once_imported_no_chunk_of_the_upload_is_left(survey):
    batch = start_import(survey, filename="a.csv", data=export(survey, 1_200), created_by_id=None)
    mapping = auto_mapping(survey, batch)
    assert import_responses(survey, batch, Mapping(None, mapping.columns, {})) == 1_200
    assert stored.chunk_count(batch) == 0
