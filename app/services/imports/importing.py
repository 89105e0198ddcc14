"""Keep an uploaded file until staff confirm it, then import every row or none.

Service layer: each public function that writes is one transaction (`@transactional`). Every
row is checked with the same rules as answers typed on the question pages (`rows.py`, through
`app.services.answers.parse_answer`); one bad row and nothing is written. Problems are grouped
by what is wrong (`problems.py`), so a mistake made in 300 rows is one line. Rows are written
in chunks as they are checked, so memory follows the chunk, not the file; a problem found
later rolls the whole import back. Each response's submission token is built from the upload
and the row, so confirming twice imports once.
"""

import secrets
from collections.abc import Iterator
from typing import BinaryIO

from flask import current_app
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Answer, ImportBatch, Response, Survey
from app.models.base import utc_now
from app.services import audit
from app.services.errors import NotFound, ServiceError
from app.services.imports import source_ids, stored, uploads
from app.services.imports.cells import Sheet
from app.services.imports.dates import EXAMPLES, DateOrder
from app.services.imports.mapping import (
    DATE_ORDER_FIELD,
    TIME_FIELD,
    Mapping,
    column_field,
    date_column,
    letter_of,
)
from app.services.imports.plain import PlainSurvey, plain_survey
from app.services.imports.problems import MAX_PROBLEMS_SHOWN, Problem, ProblemList
from app.services.imports.reading import read_upload
from app.services.imports.rows import CheckedRow, RowRules, check_row
from app.services.imports.shapes import lay_out
from app.services.transactions import transactional

FILENAME_MAX_LENGTH = 255
RECEIPT_MAX_LENGTH = 16
WRITE_CHUNK = 1000
NO_RESPONSES = "There are no responses in this file. Check it has a header row and rows below it"
ALREADY_IMPORTED = "These responses were already imported"


class ImportProblems(ServiceError):
    """Rows or matches that cannot be imported: nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems):,} problems were found. Nothing was imported")
        self.problems = problems[:MAX_PROBLEMS_SHOWN]
        self.total = len(problems)


class AlreadyImported(ServiceError):
    """This upload's responses are in the survey already."""

    status_code = 409

    def __init__(self) -> None:
        super().__init__(ALREADY_IMPORTED)


@transactional
def start_import(
    survey: Survey, *, filename: str, data: bytes | BinaryIO, created_by_id: int | None
) -> ImportBatch:
    """Read an uploaded file and keep its answer columns until staff confirm the import."""
    name = clean_filename(filename)
    upload = read_upload(name, data)
    uploads.refuse_if_imported(survey.id, upload.content_hash)
    layout = lay_out(upload)
    if layout is None or not layout.headers:
        raise ServiceError(NO_RESPONSES, field="file")
    batch = ImportBatch(
        survey_id=survey.id,
        filename=name,
        content_hash=upload.content_hash,
        headers=layout.headers,
        letters=layout.letters,
        created_by_id=created_by_id,
    )
    db.session.add(batch)
    db.session.flush()
    batch.row_count = stored.keep(batch, layout.answer_rows(upload))
    if not batch.row_count:
        raise ServiceError(NO_RESPONSES, field="file")
    # Cells past the last header are named once every row has been read.
    batch.headers, batch.letters = layout.headers, layout.letters
    audit.record(
        audit.current_actor(), "import.upload", subject="import_batch", subject_id=batch.id,
        survey_id=survey.id, filename=name, rows=batch.row_count,
    )  # fmt: skip
    return batch


def clean_filename(filename: str) -> str:
    """Return an uploaded file's name as text to show: no control characters, 255 at most."""
    printable = "".join(c for c in filename if c.isprintable())
    return " ".join(printable.split())[:FILENAME_MAX_LENGTH] or "upload"


def get_batch(batch_id: int) -> ImportBatch:
    """Return an upload by id."""
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound("We cannot find this upload. Upload the file again")
    return batch


@transactional
def import_responses(
    survey: Survey, batch: ImportBatch, mapping: Mapping, *, actor: audit.Actor = audit.COMMAND_LINE
) -> int:
    """Import every row of the upload as one response each, or none; return how many."""
    if batch.imported_at is not None:
        raise AlreadyImported()
    if batch.content_hash:
        uploads.refuse_if_imported(survey.id, batch.content_hash, other_than=batch.id)
    _check_mapping(survey, mapping)
    now = utc_now()
    problems = ProblemList()
    order = _date_order(batch, mapping, problems)
    source_ids.check(survey, batch, mapping, problems)
    rules = RowRules(mapping, order, now, survey.opens_on)
    try:
        count = _import_rows(survey, batch, mapping, rules, problems)
    except IntegrityError as problem:
        # Tokens are the upload's id and row number, so only a confirmation of this same
        # upload at the same moment can hold them: it has imported the rows already.
        raise AlreadyImported() from problem
    if not count:
        raise ServiceError("There are no answers to import in the columns you chose")
    _record(actor, survey, batch, mapping, count)
    batch.imported_at, batch.response_count = now, count
    stored.forget(batch.id)
    return count


def imported_count(batch: ImportBatch) -> int:
    """Return how many responses came from this upload."""
    if batch.response_count is not None and batch.undone_at is None:
        return batch.response_count
    return uploads.batch_responses(batch)


def _import_rows(
    survey: Survey, batch: ImportBatch, mapping: Mapping, rules: RowRules, problems: ProblemList
) -> int:
    """Check every row; write the good ones in chunks until the first problem, then only check."""
    secret = current_app.config["SECRET_KEY"]
    written, chunk = 0, []
    sheet = Sheet(batch, mapping, problems)
    plain = plain_survey(survey)
    for row in stored.rows(batch):
        cells = sheet.row(row)
        if not any(cells.has_text(column) for column in mapping.columns.values()):
            continue
        checked = check_row(plain, rules, cells, secret, problems)
        if checked is None or problems:
            continue
        chunk.append(checked)
        if len(chunk) >= WRITE_CHUNK:
            written += _write(plain, batch, chunk)
            chunk = []
    if problems:
        raise ImportProblems(problems.problems())
    return written + (_write(plain, batch, chunk) if chunk else 0)


def _check_mapping(survey: Survey, mapping: Mapping) -> None:
    if not mapping.columns:
        first = survey.questions[0] if survey.questions else None
        field = column_field(first) if first else TIME_FIELD
        raise ImportProblems([Problem("Choose a column for at least one question", field)])
    unmatched = [q for q in survey.questions if q.required and q.id not in mapping.columns]
    if unmatched:
        raise ImportProblems(
            [
                Problem(
                    f"Choose the column with the answers to question {q.position}: "
                    "it must be answered",
                    column_field(q),
                )
                for q in unmatched
            ]
        )


def _date_order(batch: ImportBatch, mapping: Mapping, problems: ProblemList) -> DateOrder | None:
    """Return how the time column's dates are read, or note why it cannot be decided."""
    dates = date_column(batch, mapping.time_column)
    if dates is None:
        return None
    letter = letter_of(batch, mapping.time_column)
    if dates.conflicting:
        problems.add(
            f"Column {letter} has dates written day first (like row {dates.day_first_row}) and "
            f"dates written month first (like row {dates.month_first_row}). Correct the file so "
            "every date is written the same way",
            TIME_FIELD,
        )
        return None
    if dates.order is not None:
        return dates.order
    if dates.ambiguous and mapping.date_order is None:
        problems.add(
            f"The dates in column {letter} could be day first ({EXAMPLES[DateOrder.DAY_FIRST]}) "
            f"or month first ({EXAMPLES[DateOrder.MONTH_FIRST]}). Choose how they are written",
            DATE_ORDER_FIELD,
        )
    return mapping.date_order or DateOrder.DAY_FIRST


def _write(survey: PlainSurvey, batch: ImportBatch, checked: list[CheckedRow]) -> int:
    """Insert the responses, then their answers, in bulk: a thousand rows a statement.

    Core inserts on the tables, not the ORM's, and no RETURNING: on SQLite both send one
    statement per row, which made 100,000 rows take minutes. The new ids are read back by
    the batch and row number they were written with.
    """
    db.session.execute(
        insert(Response.__table__), [_response_values(survey, batch, row) for row in checked]
    )
    ids = dict(
        db.session.execute(
            select(Response.source_row, Response.id).where(
                Response.import_batch_id == batch.id,
                Response.source_row.between(checked[0].number, checked[-1].number),
            )
        ).all()
    )
    answers = [
        answer for row in checked for answer in _answer_values(survey, ids[row.number], row.answers)
    ]
    if answers:
        db.session.execute(insert(Answer.__table__), answers)
    return len(checked)


def _response_values(survey: PlainSurvey, batch: ImportBatch, row: CheckedRow) -> dict:
    return {
        "survey_id": survey.id,
        "submission_token": f"{_token_prefix(batch)}{row.number}",
        "receipt": _receipt(batch, row.number),
        "channel": row.channel,
        "submitted_at": row.submitted_at,
        "people_count": 1,
        "source_file": batch.filename,
        "source_row": row.number,
        "source_response_id": row.source_id,
        "respondent_key": row.respondent_key,
        "import_batch_id": batch.id,
    }


def _answer_values(
    survey: PlainSurvey, response_id: int, answers: dict[str, dict]
) -> Iterator[dict]:
    """Yield one row per chosen option or value, as the question pages store them."""
    empty = {"response_id": response_id, "option_id": None, "text_value": None}
    empty["number_value"] = None
    for question in survey.questions:
        answer = answers.get(str(question.id)) or {}
        row = {**empty, "question_id": question.id}
        for option_id in answer.get("options", []):
            yield {**row, "option_id": option_id}
        if "text" in answer:
            yield {**row, "text_value": answer["text"]}
        if "number" in answer:
            yield {**row, "number_value": answer["number"]}


def _record(
    actor: audit.Actor, survey: Survey, batch: ImportBatch, mapping: Mapping, count: int
) -> None:
    columns = {
        letter_of(batch, column): f"question {question.position}"
        for question in survey.questions
        if (column := mapping.columns.get(question.id)) is not None
    }
    audit.record(
        actor,
        "import.responses",
        subject="import_batch",
        subject_id=batch.id,
        survey_id=survey.id,
        filename=batch.filename,
        responses=count,
        columns=columns,
    )


def _token_prefix(batch: ImportBatch) -> str:
    return f"import-{batch.id}-"


def _receipt(batch: ImportBatch, number: int) -> str:
    """Return a receipt no online response can have (those never contain "-")."""
    receipt = f"I{batch.id}-{number}"
    return receipt if len(receipt) <= RECEIPT_MAX_LENGTH else f"I-{secrets.token_hex(6)}"
