"""Read the survey builder's forms into the builder's plain values, and back for the page.

A form is read as text; the builder services judge it. Reading never loses what was typed:
`*_values` give the page back exactly what the person sent, to show again after a problem.
"""

import re
from collections.abc import Mapping

from werkzeug.datastructures import MultiDict

from app.models import Question, QuestionKind, Survey
from app.services.builder.branch_rules import Rule, rule_of
from app.services.builder.details import SurveyDetails
from app.services.builder.questions import OptionDetails, QuestionDetails
from app.services.errors import ServiceError
from app.services.form_input import an_id, govuk_date, whole_number_between

KIND_WORDS = {
    QuestionKind.SINGLE_CHOICE: "Choose one answer",
    QuestionKind.MULTIPLE_CHOICE: "Choose one or more answers",
    QuestionKind.SMILEY_SCALE: "A scale of faces, from very happy to very sad",
    QuestionKind.YES_NO: "Yes, no or not sure",
    QuestionKind.FREE_TEXT: "Write an answer in their own words",
    QuestionKind.WHOLE_NUMBER: "A whole number",
}

OPTION_ROWS = 8
MORE_ROWS = 4
MOST_ROWS = 30
# An answer row's words on the question form: option-3-label, option-3-easy_read_label.
_ANSWER_WORDS = re.compile(r"option-([1-9][0-9]{0,2})-(?:label|easy_read_label)")
DATE_PARTS = ("day", "month", "year")
TEXT_FIELDS = ("title", "easy_read_title", "intro", "easy_read_intro", "contact")


def survey_details(form: Mapping[str, str]) -> SurveyDetails:
    """Return the details a survey form sent, or raise the first date problem."""
    return SurveyDetails(
        **{name: form.get(name, "") for name in TEXT_FIELDS},
        picture_key=form.get("picture_key", ""),
        framework_key=form.get("framework_key", ""),
        opens_on=_date(form, "opens_on", "Enter the opening date, like 27 3 2026"),
        closes_on=_date(form, "closes_on", "Enter the closing date, like 27 3 2026"),
        kiosk_allowed=form.get("kiosk_allowed") == "yes",
        save_for_later_allowed=form.get("save_for_later_allowed") == "yes",
    )


def survey_values(survey: Survey) -> dict[str, str]:
    """Return a survey's details as a form would send them."""
    values = {name: getattr(survey, name) for name in TEXT_FIELDS}
    values |= {"picture_key": survey.picture_key, "framework_key": survey.framework.key}
    for name in ("opens_on", "closes_on"):
        day = getattr(survey, name)
        for part in DATE_PARTS:
            values[f"{name}-{part}"] = str(getattr(day, part)) if day else ""
    values["kiosk_allowed"] = "yes" if survey.kiosk_allowed else ""
    values["save_for_later_allowed"] = "yes" if survey.save_for_later_allowed else ""
    return values


def question_details(form: MultiDict) -> QuestionDetails:
    """Return the question a question form sent, or raise the first problem in plain words."""
    try:
        kind = QuestionKind(form.get("kind", ""))
    except ValueError as error:
        raise ServiceError("Choose what kind of question this is", field="kind") from error
    return QuestionDetails(
        kind=kind,
        text=form.get("text", ""),
        easy_read_text=form.get("easy_read_text", ""),
        hint=form.get("hint", ""),
        picture_key=form.get("picture_key", ""),
        required=form.get("required", "yes") == "yes",
        max_choices=_number(form, "max_choices", 1, MOST_ROWS),
        min_number=_number(form, "min_number", -1_000_000, 1_000_000, signed=True),
        max_number=_number(form, "max_number", -1_000_000, 1_000_000, signed=True),
        principle_keys=tuple(form.getlist("principles")),
        options=_options(form) if kind.has_options else (),
        show_if=_rule(form.getlist("show_if")),
        reason=form.get("reason", ""),
    )


def question_values(question: Question) -> dict:
    """Return a question as its form would send it."""
    values = {
        "kind": question.kind.value,
        "text": question.text,
        "easy_read_text": question.easy_read_text,
        "hint": question.hint,
        "picture_key": question.picture_key,
        "required": "yes" if question.required else "no",
        "max_choices": _text(question.max_choices),
        "min_number": _text(question.min_number),
        "max_number": _text(question.max_number),
        "principles": [principle.key for principle in question.principles],
        "rows": str(max(OPTION_ROWS, len(question.options))),
    }
    for number, option in enumerate(question.options, start=1):
        values |= {
            f"option-{number}-id": str(option.id),
            f"option-{number}-label": option.label,
            f"option-{number}-easy_read_label": option.easy_read_label,
            f"option-{number}-picture_key": option.picture_key,
            f"option-{number}-exclusive": "yes" if option.exclusive else "",
        }
    rule = rule_of(question)
    values["show_if"] = [f"{rule.position}:{p}" for p in rule.option_positions] if rule else []
    return values


def row_count(form: Mapping[str, str], *, more: bool = False) -> int:
    """Return how many answer rows to read and show; 4 more after "Add more answer rows".

    At least every row the form has words in: a `rows` field that was lost or garbled must
    not drop answers the lead typed (too many is then refused by the service, with all shown).
    """
    try:
        rows = whole_number_between(
            form.get("rows"), OPTION_ROWS, MOST_ROWS, field="rows", message="rows"
        )
    except ServiceError:
        rows = None
    rows = max(rows or OPTION_ROWS, _last_row_with_words(form))
    return min(MOST_ROWS, rows + MORE_ROWS) if more else rows


def _last_row_with_words(form: Mapping[str, str]) -> int:
    numbers = [
        int(found.group(1))
        for name in form
        if (found := _ANSWER_WORDS.fullmatch(name)) and str(form.get(name, "")).strip()
    ]
    return max(numbers, default=0)


def _options(form: Mapping[str, str]) -> tuple[OptionDetails, ...]:
    rows = [
        OptionDetails(
            label=form.get(f"option-{n}-label", ""),
            easy_read_label=form.get(f"option-{n}-easy_read_label", ""),
            picture_key=form.get(f"option-{n}-picture_key", ""),
            exclusive=form.get(f"option-{n}-exclusive") == "yes",
            option_id=an_id(form.get(f"option-{n}-id")) or None,
        )
        for n in range(1, row_count(form) + 1)
    ]
    # Rows left empty are not answers (a saved answer's row emptied is removed); answers keep
    # the order they were typed in, and each saved one its own row (its id is sent).
    return tuple(row for row in rows if row.label.strip() or row.easy_read_label.strip())


def _rule(values: list[str]) -> Rule | None:
    if not values:
        return None
    pairs = []
    for value in values:
        question, _, option = value.partition(":")
        if not (question.isdigit() and option.isdigit()):
            raise ServiceError("Choose answers from the list", field="show_if")
        pairs.append((int(question), int(option)))
    if len({question for question, _ in pairs}) != 1:
        raise ServiceError("Choose answers of one question only", field="show_if")
    return Rule(pairs[0][0], tuple(sorted(option for _, option in pairs)))


def _date(form: Mapping[str, str], name: str, message: str):
    parts = [form.get(f"{name}-{part}") for part in DATE_PARTS]
    return govuk_date(*parts, field=f"{name}-day", message=message)


def _number(form: Mapping[str, str], name: str, low: int, high: int, *, signed: bool = False):
    text = (form.get(name) or "").strip()
    negative = signed and text.startswith("-")
    number = whole_number_between(
        text[1:] if negative else text, 0, max(abs(low), high), field=name,
        message=f"Enter a whole number from {low:,} to {high:,}",
    )  # fmt: skip
    return -number if negative and number is not None else number


def _text(value: int | None) -> str:
    return "" if value is None else str(value)
