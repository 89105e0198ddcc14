"""A plain, read-only copy of a survey's questions and options for checking many rows.

Service layer, pure. Checking 100,000 rows reads each question's kind, limits and options
millions of times; on ORM objects every read goes through SQLAlchemy's attribute machinery,
which made that the slowest part of an import. These frozen copies have the same attribute
names, so `answers.parse_answer` and `branching.asked_questions` read them as they read the
models, and each option's label is folded for matching once, not once a cell.
"""

from dataclasses import dataclass, field

from app.models import QuestionKind, Survey
from app.services.imports.shapes import header_key


@dataclass(frozen=True)
class PlainOption:
    """An option's id, words and whether it is chosen on its own."""

    id: int
    label: str
    easy_read_label: str
    exclusive: bool


@dataclass(frozen=True)
class PlainQuestion:
    """The parts of a question that checking an answer and branching read."""

    id: int
    position: int
    kind: QuestionKind
    text: str
    required: bool
    max_choices: int | None
    min_number: int | None
    max_number: int | None
    show_if_question_id: int | None
    show_if_option_ids: list[int] | None
    options: list[PlainOption]
    # Each option's label and easy-read label, folded as `header_key` folds, → option id.
    option_keys: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlainSurvey:
    """A survey's id and its questions in order."""

    id: int
    questions: list[PlainQuestion]


def plain_survey(survey: Survey) -> PlainSurvey:
    """Return a frozen copy of the survey's questions and options."""
    return PlainSurvey(survey.id, [_plain_question(q) for q in survey.questions])


def _plain_question(question) -> PlainQuestion:
    options = [PlainOption(o.id, o.label, o.easy_read_label, o.exclusive) for o in question.options]
    keys: dict[str, str] = {}
    for option in options:
        for words in (option.label, option.easy_read_label):
            keys.setdefault(header_key(words), str(option.id))
    return PlainQuestion(
        id=question.id,
        position=question.position,
        kind=question.kind,
        text=question.text,
        required=question.required,
        max_choices=question.max_choices,
        min_number=question.min_number,
        max_number=question.max_number,
        show_if_question_id=question.show_if_question_id,
        show_if_option_ids=question.show_if_option_ids,
        options=options,
        option_keys=keys,
    )
