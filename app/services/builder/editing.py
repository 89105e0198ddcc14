"""What every builder change shares: the survey at the version the lead saw, and its record.

`change(...)` loads the survey, refuses a save made from an older version with what the
other person changed (and one whose page sent no version it could have shown, without
blaming anyone), and after the change bumps the version and writes the audit row.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Response, Survey, SurveyStatus
from app.services import audit
from app.services.errors import NotFound, ServiceError

SURVEY_NOT_FOUND = "We cannot find this survey"


class EditConflict(ServiceError):
    """Someone saved this survey after the lead opened the page: nothing was saved."""

    status_code = 409

    def __init__(self, changes: list[str]) -> None:
        super().__init__(
            "Someone else changed this survey while you were working on it. "
            "Your changes are below and were not saved. Check them and save again."
        )
        self.changes = changes


class VersionNotKnown(ServiceError):
    """The page sent no survey version it could have shown (none, garbled or never reached).

    No one else need have changed anything, so nothing is said about other people's changes.
    """

    def __init__(self) -> None:
        super().__init__(
            "We could not check that this page was up to date, so nothing was saved. "
            "Check the page and try again."
        )


class ReadOnly(ServiceError):
    """An archived survey cannot be changed."""

    status_code = 409


@dataclass
class Change:
    """One builder change in progress: the survey, who makes it, and what to record."""

    survey: Survey
    actor: audit.Actor
    action: str
    details: dict = field(default_factory=dict)

    def has_responses(self) -> bool:
        """Say whether anyone has answered this survey yet."""
        return survey_has_responses(self.survey.id)


def survey_has_responses(survey_id: int) -> bool:
    """Say whether the survey has at least one sent response."""
    query = select(func.count()).select_from(Response).where(Response.survey_id == survey_id)
    return bool(db.session.scalar(query))


def get_survey(survey_id: int) -> Survey:
    """Return a survey for the builder, or raise NotFound."""
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        raise NotFound(SURVEY_NOT_FOUND)
    return survey


@contextmanager
def change(
    survey_id: int,
    seen_version: int | None,
    actor: audit.Actor,
    action: str,
    *,
    archived_ok: bool = False,
) -> Iterator[Change]:
    """Yield the survey to change; afterwards bump its version and record the change."""
    survey = get_survey(survey_id)
    if survey.status == SurveyStatus.ARCHIVED and not archived_ok:
        raise ReadOnly("This survey is archived. Nothing in it can be changed.")
    if seen_version is not None:
        _check_version(survey, seen_version)
    current = Change(survey, actor, action)
    yield current
    survey.version += 1
    db.session.flush()
    audit.record(
        actor,
        action,
        subject="survey",
        subject_id=survey.id,
        survey_id=survey.id,
        version=survey.version,
        **current.details,
    )


def _check_version(survey: Survey, seen_version: int) -> None:
    """Refuse a version the survey never had, or an older one with what changed since."""
    if not 1 <= seen_version <= survey.version:
        raise VersionNotKnown
    if seen_version != survey.version:
        raise EditConflict(changes_since(survey.id, seen_version))


def changes_since(survey_id: int, version: int) -> list[str]:
    """Describe, in plain words, the changes saved after `version`."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.survey_id == survey_id, AuditEvent.subject == "survey")
        .order_by(AuditEvent.id)
    )
    return [
        f"{event.user_name} {describe(event)} at {event.at:%H:%M} on {event.at.day} {event.at:%B}"
        for event in events
        if (event.details or {}).get("version", 0) > version
    ]


def describe(event: AuditEvent) -> str:
    """Say what one recorded builder change did, for a lead."""
    details = event.details or {}
    what = ACTION_WORDS.get(event.action, event.action.replace(".", " ").replace("_", " "))
    fields = details.get("fields")
    if fields:
        what += f" ({', '.join(FIELD_WORDS.get(name, name) for name in fields)})"
    return what


ACTION_WORDS = {
    "survey.created": "created the survey",
    "survey.duplicated": "made this survey as a copy",
    "survey.details_changed": "changed the survey's details",
    "question.added": "added a question",
    "question.changed": "changed a question",
    "question.moved": "moved a question",
    "question.deleted": "deleted a question",
    "survey.opened": "opened the survey",
    "survey.closed": "closed the survey",
    "survey.reopened": "opened the survey again",
    "survey.archived": "archived the survey",
    "warning.accepted": "accepted an easy-read warning",
    "translation.saved": "saved translations",
}

FIELD_WORDS = {
    "title": "title",
    "easy_read_title": "easy-read title",
    "intro": "introduction",
    "easy_read_intro": "easy-read introduction",
    "contact": "contact line",
    "picture_key": "picture",
    "framework_key": "framework",
    "opens_on": "opening date",
    "closes_on": "closing date",
    "kiosk_allowed": "kiosk setting",
    "save_for_later_allowed": "save and come back setting",
}
