"""Keep an uploaded file until staff confirm it, then import every row or none.

Service layer: each public function that writes is one transaction (`@transactional`). Every row
is checked with the same rules as answers typed on the question pages
(`app.services.answers.parse_answer`); one bad row and nothing is written. Each response's
submission token is built from the upload and the row, so confirming twice imports once.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Answer, Channel, ImportBatch, Question, Response, Survey
from app.models.base import utc_now
from app.services import branching
from app.services.answers import parse_answer
from app.services.errors import AnswerInvalid, NotFound, ServiceError
from app.services.imports.mapping import SKIP, TIME_FIELD, Mapping, column_field, row_cell
from app.services.imports.mapping import split_cell as split_answers
from app.services.imports.reading import read_rows
from app.services.imports.shapes import tidy
from app.services.imports.times import parse_time
from app.services.transactions import transactional

MAX_PROBLEMS_SHOWN = 50
FILENAME_MAX_LENGTH = 255
RECEIPT_MAX_LENGTH = 16
NO_RESPONSES = "There are no responses in this file. Check it has a header row and rows below it"
ALREADY_IMPORTED = "These responses were already imported"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file or the matching, and the form field it is about."""

    text: str
    field: str


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


@dataclass(frozen=True)
class _CheckedRow:
    number: int
    answers: dict[str, dict]
    submitted_at: datetime


class _RowProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.text)
        self.problem = problem


@transactional
def start_import(
    survey: Survey, *, filename: str, data: bytes, created_by_id: int | None
) -> ImportBatch:
    """Read an uploaded file and keep its answer columns until staff confirm the import."""
    name = clean_filename(filename)
    rows = read_rows(name, data)
    table = tidy(rows) if len(rows) > 1 else None
    if table is None or not table.rows or not table.headers:
        raise ServiceError(NO_RESPONSES, field="file")
    batch = ImportBatch(
        survey_id=survey.id,
        filename=name,
        headers=table.headers,
        rows=table.rows,
        created_by_id=created_by_id,
    )
    db.session.add(batch)
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
def import_responses(survey: Survey, batch: ImportBatch, mapping: Mapping) -> int:
    """Import every row of the upload as one response each, or none; return how many."""
    if batch.imported_at is not None:
        raise AlreadyImported()
    _check_mapping(survey, mapping)
    now = utc_now()
    checked = _check_rows(survey, batch, mapping, now)
    if not checked:
        raise ServiceError("There are no answers to import in the columns you chose")
    try:
        _write(survey, batch, checked)
    except IntegrityError as problem:
        # Tokens are the upload's id and row number, so only a confirmation of this same
        # upload at the same moment can hold them: it has imported the rows already.
        raise AlreadyImported() from problem
    batch.imported_at = now
    return len(checked)


def imported_count(batch: ImportBatch) -> int:
    """Return how many responses came from this upload."""
    return db.session.scalar(
        select(func.count(Response.id)).where(
            Response.survey_id == batch.survey_id,
            Response.submission_token.startswith(_token_prefix(batch), autoescape=True),
        )
    )


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


def _check_rows(
    survey: Survey, batch: ImportBatch, mapping: Mapping, now: datetime
) -> list[_CheckedRow]:
    checked: list[_CheckedRow] = []
    problems: list[Problem] = []
    for row in batch.rows:
        if not any(_has_text(row_cell(row, column)) for column in mapping.columns.values()):
            continue
        row_problems, answers = _check_answers(survey, mapping, row)
        submitted_at = _submitted_at(mapping, row, now, row_problems)
        problems += row_problems
        if not row_problems:
            checked.append(_CheckedRow(row[0], answers, submitted_at))
    if problems:
        raise ImportProblems(problems)
    return checked


def _check_answers(
    survey: Survey, mapping: Mapping, row: list
) -> tuple[list[Problem], dict[str, dict]]:
    problems, answers = [], {}
    for question in (q for q in survey.questions if q.id in mapping.columns):
        try:
            answer = _answer(question, mapping, row)
        except _RowProblem as problem:
            problems.append(problem.problem)
            continue
        if answer is not None:
            answers[str(question.id)] = answer
    asked = branching.asked_questions(survey, answers)
    problems += _unanswered(asked, mapping, row[0], answers, problems)
    asked_ids = {str(q.id) for q in asked}
    return problems, {key: value for key, value in answers.items() if key in asked_ids}


def _unanswered(
    asked: list[Question], mapping: Mapping, number: int, answers: dict, problems: list[Problem]
) -> list[Problem]:
    """Return a problem for each required question asked but left empty in a matched column."""
    failed = {problem.field for problem in problems}
    return [
        Problem(f"Row {number}: question {question.position} has no answer", column_field(question))
        for question in asked
        if question.required
        and str(question.id) not in answers
        and question.id in mapping.columns
        and column_field(question) not in failed
    ]


def _answer(question: Question, mapping: Mapping, row: list) -> dict | None:
    """Return a question's answer in a row, checked as if it were typed on its page."""
    cell = row_cell(row, mapping.columns[question.id])
    values = _option_ids(question, mapping, row[0], cell) if question.kind.has_options else []
    if not question.kind.has_options and _has_text(cell):
        values = [cell]
    if not values:
        return None
    try:
        return parse_answer(question, values)
    except AnswerInvalid as invalid:
        raise _RowProblem(
            Problem(
                f"Row {row[0]}, question {question.position}: {invalid.message}",
                column_field(question),
            )
        ) from invalid


def _option_ids(question: Question, mapping: Mapping, number: int, cell: str) -> list[str]:
    ids = []
    for answer in split_answers(question, cell):
        option = mapping.option_for(question, answer)
        if option == SKIP:
            continue
        if not option:
            raise _RowProblem(
                Problem(
                    f"Row {number}: “{answer}” is not one of the answers to question "
                    f"{question.position}",
                    column_field(question),
                )
            )
        ids.append(option)
    return ids


def _submitted_at(mapping: Mapping, row: list, now: datetime, problems: list[Problem]):
    if mapping.time_column is None:
        return now
    cell = row_cell(row, mapping.time_column)
    if not cell.strip():
        return now
    found = parse_time(cell)
    if found is None:
        problems.append(
            Problem(f"Row {row[0]}: “{cell}” is not a date and time we can read", TIME_FIELD)
        )
    return found or now


def _write(survey: Survey, batch: ImportBatch, checked: list[_CheckedRow]) -> None:
    """Insert the responses, then their answers, in bulk: thousands of rows in one go."""
    response_ids = db.session.scalars(
        insert(Response).returning(Response.id, sort_by_parameter_order=True),
        [_response_values(survey, batch, row) for row in checked],
    ).all()
    answers = [
        answer
        for response_id, row in zip(response_ids, checked, strict=True)
        for answer in _answer_values(survey, response_id, row.answers)
    ]
    if answers:
        db.session.execute(insert(Answer), answers)


def _response_values(survey: Survey, batch: ImportBatch, row: _CheckedRow) -> dict:
    return {
        "survey_id": survey.id,
        "submission_token": f"{_token_prefix(batch)}{row.number}",
        "receipt": _receipt(batch, row.number),
        "channel": Channel.IMPORT,
        "submitted_at": row.submitted_at,
        "people_count": 1,
        "source_file": batch.filename,
        "source_row": row.number,
    }


def _answer_values(survey: Survey, response_id: int, answers: dict[str, dict]):
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


def _token_prefix(batch: ImportBatch) -> str:
    return f"import-{batch.id}-"


def _receipt(batch: ImportBatch, number: int) -> str:
    """Return a receipt no online response can have (those never contain "-")."""
    receipt = f"I{batch.id}-{number}"
    return receipt if len(receipt) <= RECEIPT_MAX_LENGTH else f"I-{secrets.token_hex(6)}"


def _has_text(cell: str) -> bool:
    return bool("".join(cell.split()).strip(_INVISIBLE))
