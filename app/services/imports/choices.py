"""Read back the preview form of an import: the lead's matches, each checked against the
choices the page offered.

Service layer, no database writes. A value that is not one of a list's choices (a page
changed by hand, or an option deleted since the page was shown) is taken as not chosen and
named with its field, so the page can be shown again with the lead's other choices and a
message at that box (docs/bad-input.md BAD-62).
"""

from app.models import Channel, ImportBatch, Question, Survey
from app.services.errors import ServiceError
from app.services.form_input import NotAWholeNumber, whole_number
from app.services.imports.dates import DateOrder
from app.services.imports.mapping import (
    DATE_ORDER_FIELD,
    DROP_CONTROLS_FIELD,
    MAX_ANSWERS_SHOWN,
    SKIP,
    TIME_FIELD,
    Mapping,
    answer_field,
    column_field,
    tally,
)
from app.services.imports.problems import Problem
from app.services.imports.provenance import (
    CHANNEL_FIELD,
    RESPONDENT_FIELD,
    SOURCE_ID_FIELD,
    channel_field,
)
from app.services.imports.shapes import header_key

BAD_CHOICE = "Choose from the list"
CHOOSE_COLUMN = "Choose a column from the list"
CHOOSE_DATE_ORDER = "Choose how the dates are written: day first or month first"


def mapping_from_form(survey: Survey, batch: ImportBatch, form) -> Mapping:
    """Return the mapping in a preview form that was sent back, or raise `BadChoices`."""
    read = _FormChoices(batch, form)
    columns = {}
    for question in survey.questions:
        column = read.column(column_field(question))
        if column is not None:
            columns[question.id] = column
    channel_column = read.column(CHANNEL_FIELD)
    found = tally(survey.questions, batch, columns, channel_column)
    answers = {
        question.id: _answer_choices(question, found.answers[question.id], read)
        for question in survey.questions
        if question.id in found.answers
    }
    mapping = Mapping(
        read.column(TIME_FIELD),
        columns,
        answers,
        date_order=read.date_order(),
        source_id_column=read.column(SOURCE_ID_FIELD),
        respondent_column=read.column(RESPONDENT_FIELD),
        channel_column=channel_column,
        channels=_channel_choices(found.channels, read),
        drop_controls=form.get(DROP_CONTROLS_FIELD) == "yes",
    )
    if read.problems:
        raise BadChoices(read.problems, mapping)
    return mapping


class BadChoices(ServiceError):
    """Choices on the preview form that were never offered; `mapping` holds all the others."""

    def __init__(self, problems: list[Problem], mapping: Mapping) -> None:
        super().__init__(BAD_CHOICE, field=problems[0].field)
        self.problems = problems
        self.mapping = mapping


class _FormChoices:
    """The preview form sent back, read one field at a time; choices not offered are noted."""

    def __init__(self, batch: ImportBatch, form) -> None:
        self.batch = batch
        self.form = form
        self.problems: list[Problem] = []

    def column(self, name: str) -> int | None:
        """Return the column chosen in a field, or None for none (or one never offered)."""
        try:
            column = whole_number(self.form.get(name, ""))
        except NotAWholeNumber:
            column = -1
        if column is not None and not 0 <= column < len(self.batch.headers):
            self.problems.append(Problem(CHOOSE_COLUMN, name))
            return None
        return column

    def date_order(self) -> DateOrder | None:
        """Return how staff said the dates are written, or None."""
        value = self.form.get(DATE_ORDER_FIELD, "")
        if value and value not in set(DateOrder):
            self.problems.append(Problem(CHOOSE_DATE_ORDER, DATE_ORDER_FIELD))
            return None
        return DateOrder(value) if value else None

    def choice(self, name: str, allowed: set[str], message: str) -> str | None:
        """Return the value of a list, "" (not matched) for one never offered, None if unsent."""
        value = self.form.get(name)
        if value is not None and value not in allowed:
            self.problems.append(Problem(message, name))
            return ""
        return value


def _channel_choices(found: list[tuple[str, int]], read: _FormChoices) -> dict[str, str]:
    allowed = {""} | {str(channel) for channel in Channel}
    chosen = {}
    for text, _rows in found[:MAX_ANSWERS_SHOWN]:
        message = f"Choose a way of answering for “{text}” from the list"
        value = read.choice(channel_field(text), allowed, message)
        if value is not None:
            chosen[header_key(text)] = value
    return chosen


def _answer_choices(
    question: Question, found: list[tuple[str, int]], read: _FormChoices
) -> dict[str, str]:
    allowed = {"", SKIP} | {str(option.id) for option in question.options}
    chosen = {}
    for answer, _rows in found[:MAX_ANSWERS_SHOWN]:
        message = f"Choose the answer to question {question.position} that “{answer}” matches"
        value = read.choice(answer_field(question, answer), allowed, message)
        if value is not None:
            chosen[header_key(answer)] = value
    return chosen
