"""The easy-read checks as a lead sees them: each finding with where it is, and whether a
warning has been accepted for the words as they stand.

An accepted warning is an `AcceptedWarning` row holding the words it was accepted for: when
the words change, the warning comes back. Errors cannot be accepted; they stop the survey
opening (readiness.py).
"""

import re
from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.models import AcceptedWarning, Option, Question, Survey
from app.services import audit, easy_read_checks
from app.services.builder import editing, readiness
from app.services.easy_read_checks import from_models
from app.services.errors import ServiceError
from app.services.transactions import transactional

_PART = re.compile(r"(questions|options)\[(\d+)\]")


@dataclass(frozen=True)
class Place:
    """The row and column a finding is about."""

    entity: str
    entity_id: int
    field: str
    text: str


@dataclass(frozen=True)
class CheckedFinding:
    """A finding, where it is, and whether a lead accepted it (warnings only)."""

    finding: easy_read_checks.Finding
    where: str
    accepted: bool


def checked_findings(survey: Survey) -> list[CheckedFinding]:
    """Return every easy-read finding of the survey, warnings marked when accepted."""
    accepted = {
        (row.entity, row.entity_id, row.field, row.rule): row.text
        for row in db.session.scalars(
            select(AcceptedWarning).where(AcceptedWarning.survey_id == survey.id)
        )
    }
    found = []
    for finding in readiness.easy_read_findings(survey):
        place = place_of(survey, finding.field)
        key = (place.entity, place.entity_id, place.field, finding.rule)
        is_accepted = finding.level == easy_read_checks.WARNING and accepted.get(key) == place.text
        found.append(CheckedFinding(finding, easy_read_checks.place(finding.field), is_accepted))
    return found


def easy_read_ease(survey: Survey) -> dict[int, str]:
    """Return each question's reading-ease figure in words ("62, fairly easy"), by index.

    Information beside the rule-based checks, never instead of them; short texts have none.
    """
    scores = easy_read_checks.survey_reading_ease(from_models.survey_text(survey))
    found = {}
    for index in range(len(survey.questions)):
        score = scores.get(f"questions[{index}].easy_read_text")
        if score is not None:
            found[index] = f"{score} ({easy_read_checks.describe(score)})"
    return found


@transactional
def accept_warning(
    actor: audit.Actor, survey_id: int, seen_version: int, field: str, rule: str
) -> AcceptedWarning:
    """Record that a lead has read a warning and keeps the words as they are."""
    with editing.change(survey_id, seen_version, actor, "warning.accepted") as current:
        survey = current.survey
        finding = _finding(survey, field, rule)
        if finding is None:
            raise ServiceError("This warning no longer applies: the words have changed")
        if finding.level != easy_read_checks.WARNING:
            raise ServiceError("An error cannot be accepted. Change the words to put it right.")
        place = place_of(survey, field)
        row = db.session.scalar(
            select(AcceptedWarning).where(
                AcceptedWarning.survey_id == survey.id,
                AcceptedWarning.entity == place.entity,
                AcceptedWarning.entity_id == place.entity_id,
                AcceptedWarning.field == place.field,
                AcceptedWarning.rule == rule,
            )
        ) or AcceptedWarning(
            survey_id=survey.id,
            entity=place.entity,
            entity_id=place.entity_id,
            field=place.field,
            rule=rule,
        )
        row.text = place.text
        row.accepted_by_id = actor.user_id
        db.session.add(row)
        current.details.update(field=field, rule=rule)
    return row


@transactional
def use_suggestion(
    actor: audit.Actor, survey_id: int, seen_version: int, field: str, rule: str
) -> str:
    """Put a finding's plainer words in place of the hard ones, in one click; return the text."""
    with editing.change(survey_id, seen_version, actor, "suggestion.used") as current:
        survey = current.survey
        if current.has_responses():
            raise ServiceError(
                "People have answered this survey: change the words on the question's page, "
                "and say why"
            )
        finding = _finding(survey, field, rule)
        if finding is None or finding.suggestion is None:
            raise ServiceError("There are no plainer words to use here")
        thing, column = _thing_at(survey, field)
        new_text = easy_read_checks.apply_suggestion(getattr(thing, column), finding)
        setattr(thing, column, new_text)
        current.details.update(field=field, rule=rule)
    return new_text


def _finding(survey: Survey, field: str, rule: str) -> easy_read_checks.Finding | None:
    """Return the survey's finding of this rule on this field as the words stand now."""
    found = readiness.easy_read_findings(survey)
    return next((f for f in found if (f.field, f.rule) == (field, rule)), None)


def _thing_at(survey: Survey, field: str) -> tuple[Survey | Question | Option, str]:
    thing: Survey | Question | Option = survey
    for name, index in _PART.findall(field):
        items = thing.questions if name == "questions" else thing.options
        thing = items[int(index)]
    return thing, field.rsplit(".", 1)[-1]


def place_of(survey: Survey, field: str) -> Place:
    """Return the row a finding's field names: "questions[2].options[0].label" → an option."""
    thing, column = _thing_at(survey, field)
    entity = {Survey: "survey", Question: "question", Option: "option"}[type(thing)]
    text = getattr(thing, column, "")
    return Place(entity, thing.id, column, text if isinstance(text, str) else "")
