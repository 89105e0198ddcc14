"""Check one row of an upload with the rules of the question pages: its answers (matched to
options, branching followed, required questions answered), when it was sent, how, and who.

Service layer, used by `importing.py`; writes nothing. A problem is added to the import's
`ProblemList` with the row number and the field of the matching form it links to.
"""

from dataclasses import dataclass
from datetime import date, datetime

from app.models import Channel
from app.services import branching
from app.services.errors import AnswerInvalid
from app.services.imports import provenance
from app.services.imports.cells import Cells
from app.services.imports.dates import LONDON, DateOrder, parse_time
from app.services.imports.mapping import (
    MAX_ANSWERS_SHOWN,
    SKIP,
    TIME_FIELD,
    Mapping,
    answer_field,
    column_field,
    distinct_answers,
)
from app.services.imports.mapping import split_cell as split_answers
from app.services.imports.plain import PlainQuestion, PlainSurvey
from app.services.imports.problems import ProblemList
from app.services.imports.provenance import CHANNEL_FIELD, channel_field
from app.services.imports.shapes import header_key


@dataclass(frozen=True)
class CheckedRow:
    """One row's answers and provenance, checked and ready to write."""

    number: int
    answers: dict[str, dict]
    submitted_at: datetime
    channel: str
    source_id: str | None
    respondent_key: str | None


class _RowProblem(Exception):
    """One cell that cannot be imported, with the form field the problem links to."""

    def __init__(self, text: str, field: str, key: str | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.field = field
        self.key = key


@dataclass(frozen=True)
class RowRules:
    """What every row of one import is read with: the matches, the date order, the time now
    and the day the survey opened, if it has one."""

    mapping: Mapping
    date_order: DateOrder | None
    now: datetime
    opens_on: date | None = None


def check_row(
    survey: PlainSurvey, rules: RowRules, cells: Cells, secret: str, problems: ProblemList
) -> CheckedRow | None:
    """Return the row checked as if its answers were typed on the question pages, or None
    after adding to `problems` what is wrong with it."""
    mapping, number = rules.mapping, cells.number
    answers = _check_answers(survey, mapping, cells, problems)
    submitted_at = _submitted_at(rules, cells, problems)
    channel = _channel(mapping, cells, problems)
    if answers is None or submitted_at is None or channel is None:
        return None
    respondent = None
    if mapping.respondent_column is not None:
        respondent = provenance.respondent_key(
            secret, survey.id, cells.text(mapping.respondent_column)
        )
    source = None
    if mapping.source_id_column is not None:
        source = provenance.source_id(cells.text(mapping.source_id_column))
    return CheckedRow(number, answers, submitted_at, channel, source, respondent)


def _check_answers(
    survey: PlainSurvey, mapping: Mapping, cells: Cells, problems: ProblemList
) -> dict[str, dict] | None:
    answers, failed = {}, set()
    for question in (q for q in survey.questions if q.id in mapping.columns):
        try:
            answer = _answer(question, mapping, cells)
        except _RowProblem as problem:
            problems.add(problem.text, problem.field, cells.number, key=problem.key)
            failed.add(question.id)
            continue
        if answer is not None:
            answers[str(question.id)] = answer
    asked = branching.asked_questions(survey, answers)
    missing = _unanswered(asked, mapping, answers, failed)
    for question in missing:
        problems.add(
            f"Question {question.position} has no answer", column_field(question), cells.number
        )
    return None if failed or missing else _asked_only(answers, asked)


def _asked_only(answers: dict[str, dict], asked: list[PlainQuestion]) -> dict[str, dict]:
    asked_ids = {str(q.id) for q in asked}
    return {key: value for key, value in answers.items() if key in asked_ids}


def _unanswered(
    asked: list[PlainQuestion], mapping: Mapping, answers: dict, failed: set[int]
) -> list[PlainQuestion]:
    """Return the required questions asked but left empty in a matched column."""
    return [
        question
        for question in asked
        if question.required
        and str(question.id) not in answers
        and question.id in mapping.columns
        and question.id not in failed
    ]


def _answer(question: PlainQuestion, mapping: Mapping, cells: Cells) -> dict | None:
    """Return a question's answer in a row, checked as if it were typed on its page."""
    cell = cells.text(mapping.columns[question.id])
    values = _option_ids(question, mapping, cells, cell) if question.kind.has_options else []
    if not question.kind.has_options and cells.has_text(mapping.columns[question.id]):
        values = [cell]
    if not values:
        return None
    try:
        return cells.sheet.parse(question, values)
    except AnswerInvalid as invalid:
        raise _RowProblem(
            f"Question {question.position}: {invalid.message}", column_field(question)
        ) from invalid


def _option_ids(question: PlainQuestion, mapping: Mapping, cells: Cells, cell: str) -> list[str]:
    ids = []
    for answer in split_answers(question, cell):
        option = cells.sheet.option_for(question, answer)
        if option == SKIP:
            continue
        if not option:
            raise _RowProblem(
                f"“{answer}” is not one of the answers to question {question.position}",
                _answer_field(question, cells, answer),
                key=f"answer {question.id} {header_key(answer)}",
            )
        ids.append(option)
    return ids


def _answer_field(question: PlainQuestion, cells: Cells, answer: str) -> str:
    """Link a problem to the answer's own box when the preview shows one, else to the column."""
    shown = cells.sheet.shown_answers(question, distinct_answers, MAX_ANSWERS_SHOWN)
    return answer_field(question, answer) if header_key(answer) in shown else column_field(question)


def _submitted_at(rules: RowRules, cells: Cells, problems: ProblemList) -> datetime | None:
    """Return when the row was completed, or None after noting a time that cannot be right.

    A time later than now, or on a UK day before the survey opened, is refused rather than
    counted in the report on the wrong day (docs/bad-input.md BAD-63).
    """
    column = rules.mapping.time_column
    if column is None or not cells.text(column).strip():
        return rules.now
    found = parse_time(cells.text(column), rules.date_order)
    wrong = _time_problem(rules, found)
    if wrong is not None:
        text, key = wrong
        problems.add(
            f"Column {cells.letter(column)} has {text}, like “{cells.text(column)}”",
            TIME_FIELD,
            cells.number,
            key=key,
        )
        return None
    return found


def _time_problem(rules: RowRules, found: datetime | None) -> tuple[str, str] | None:
    """Return what is wrong with a completion time, and the key its rows are grouped by."""
    if found is None:
        return "dates and times we cannot read", "unreadable time"
    if found > rules.now:
        return "dates and times later than now", "time later than now"
    opens_on = rules.opens_on
    if opens_on is not None and found.astimezone(LONDON).date() < opens_on:
        opened = f"{opens_on.day} {opens_on:%B %Y}"
        return f"dates and times before the survey opened on {opened}", "time before opening"
    return None


def _channel(mapping: Mapping, cells: Cells, problems: ProblemList) -> str | None:
    if mapping.channel_column is None:
        return Channel.IMPORT.value
    value = cells.text(mapping.channel_column).strip()
    if not value:
        return Channel.IMPORT.value
    channel = mapping.channel_for(value)
    if not channel:
        shown = cells.sheet.channel_shown(value, MAX_ANSWERS_SHOWN)
        field = channel_field(value) if shown else CHANNEL_FIELD
        problems.add(
            f"“{value}” is not matched to a way of answering",
            field,
            cells.number,
            key=f"channel {header_key(value)}",
        )
        return None
    return channel
