"""A survey's life: draft → open → closed → archived, and closed → open again with a reason.

Opening checks that the survey is ready (questions, no easy-read errors). Dates work without
a scheduler: an open survey whose opening date is still to come is not yet shown to
residents, and one whose closing date has passed is shown as closed (`status_on`).

Closing early makes today the closing date (residents are told when it closed, and answers
are kept for a time counted from it); the date it had is kept in the audit row for the
record. Opening it again takes away a closing date that has come, so the survey does not
close again that night; the lead can set a new one in the survey's details.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete

from app.extensions import db
from app.models import Draft, Survey, SurveyStatus
from app.services import audit
from app.services.builder import editing, readiness
from app.services.errors import ServiceError
from app.services.transactions import transactional

COUNCIL_TIME_ZONE = ZoneInfo("Europe/London")
REASON_MAX = 1000


def council_today() -> date:
    """Return today's date where the council is: a survey opens and closes on UK days."""
    return datetime.now(COUNCIL_TIME_ZONE).date()


def status_on(survey: Survey, today: date) -> SurveyStatus:
    """Return the status residents see today, with the survey's dates applied."""
    if survey.status == SurveyStatus.OPEN:
        if survey.opens_on and today < survey.opens_on:
            return SurveyStatus.DRAFT
        if survey.closes_on and today > survey.closes_on:
            return SurveyStatus.CLOSED
    return survey.status


@transactional
def open_survey(actor: audit.Actor, survey_id: int, seen_version: int, today: date) -> Survey:
    """Open a draft survey for answers, if it is ready."""
    with editing.change(survey_id, seen_version, actor, "survey.opened") as current:
        survey = current.survey
        if survey.status != SurveyStatus.DRAFT:
            raise ServiceError("Only a draft survey can be opened. A closed one is opened again.")
        readiness.refuse_if_not_ready(survey)
        if survey.closes_on and survey.closes_on < today:
            raise ServiceError(
                "The closing date has passed. Change the closing date first.", field="closes_on"
            )
        survey.status = SurveyStatus.OPEN
    return survey


@transactional
def close_survey(actor: audit.Actor, survey_id: int, seen_version: int, today: date) -> Survey:
    """Close an open survey now; answers not yet sent are removed."""
    with editing.change(survey_id, seen_version, actor, "survey.closed") as current:
        survey = current.survey
        if survey.status != SurveyStatus.OPEN:
            raise ServiceError("Only an open survey can be closed")
        survey.status = SurveyStatus.CLOSED
        current.details["planned_closes_on"] = _day_text(survey.closes_on)
        if survey.closes_on is None or survey.closes_on > today:
            survey.closes_on = today
        current.details["closes_on"] = _day_text(survey.closes_on)
        current.details["drafts_removed"] = remove_unsent_drafts(survey.id)
    return survey


@transactional
def reopen_survey(
    actor: audit.Actor, survey_id: int, seen_version: int, reason: str, today: date
) -> Survey:
    """Open a closed survey again, saying why; a closing date that has come is taken away."""
    if not reason.strip():
        raise ServiceError("Say why you are opening the survey again", field="reason")
    if len(reason.strip()) > REASON_MAX:
        raise ServiceError(f"The reason must be {REASON_MAX:,} characters or fewer", field="reason")
    with editing.change(survey_id, seen_version, actor, "survey.reopened") as current:
        survey = current.survey
        if survey.status != SurveyStatus.CLOSED:
            raise ServiceError("Only a closed survey can be opened again")
        survey.status = SurveyStatus.OPEN
        if survey.closes_on and survey.closes_on <= today:
            survey.closes_on = None
        current.details["reason"] = reason.strip()
    return survey


@transactional
def archive_survey(actor: audit.Actor, survey_id: int, seen_version: int) -> Survey:
    """Archive a closed or draft survey: it becomes read-only and leaves the lists."""
    with editing.change(survey_id, seen_version, actor, "survey.archived") as current:
        survey = current.survey
        if survey.status == SurveyStatus.OPEN:
            raise ServiceError("Close the survey before you archive it")
        survey.status = SurveyStatus.ARCHIVED
        current.details["drafts_removed"] = remove_unsent_drafts(survey.id)
    return survey


def _day_text(day: date | None) -> str | None:
    return day.isoformat() if day else None


def remove_unsent_drafts(survey_id: int) -> int:
    """Delete the survey's unsent drafts as part of the running use case; return how many."""
    result = db.session.execute(delete(Draft).where(Draft.survey_id == survey_id))
    return result.rowcount or 0
