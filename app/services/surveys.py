"""Find surveys for residents and staff.

Residents see only open surveys; a draft or archived survey is "not found", a closed one is
"gone" with its closing date.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import Response, Survey, SurveyStatus
from app.services import survey_cache
from app.services.builder import lifecycle
from app.services.errors import Gone, NotFound
from app.services.form_input import an_id
from app.services.reconnect import once_more_if_the_connection_was_lost

SURVEY_NOT_FOUND = _l("We cannot find this survey")


@dataclass(frozen=True)
class SurveySummary:
    """A survey with the numbers a staff list shows."""

    survey: Survey
    responses: int
    people: int


def list_open_surveys() -> list[Survey]:
    """Return the surveys residents can answer today, newest first."""
    query = (
        select(Survey).where(Survey.status == SurveyStatus.OPEN).order_by(Survey.created_at.desc())
    )
    today = lifecycle.council_today()
    return [
        s for s in db.session.scalars(query) if lifecycle.status_on(s, today) == SurveyStatus.OPEN
    ]


@once_more_if_the_connection_was_lost
def get_open_survey(slug: str, *, fresh: bool = False) -> Survey:
    """Return the open survey with this slug, with its questions and options loaded.

    It is this process's read-only copy (`survey_cache`); `fresh` checks its version now,
    as sending must, instead of trusting a check made in the last few seconds.
    """
    survey = survey_cache.survey_by_slug(slug, fresh=fresh)
    # Dates apply without a scheduler: before its opening date a survey is not there yet,
    # after its closing date it is closed.
    status = lifecycle.status_on(survey, lifecycle.council_today()) if survey else None
    if survey is None or status in (SurveyStatus.DRAFT, SurveyStatus.ARCHIVED):
        raise NotFound(SURVEY_NOT_FOUND)
    if status == SurveyStatus.CLOSED:
        if survey.closes_on:
            when = f"{survey.closes_on.day} {survey.closes_on:%B %Y}"
            raise Gone(_("This survey closed on %(date)s. Your answers were not sent", date=when))
        raise Gone(_("This survey has closed. Your answers were not sent"))
    return survey


def get_survey(survey_id: int) -> Survey:
    """Return any survey by id, for staff; an id too large for any survey to have is not found."""
    survey = db.session.get(Survey, survey_id) if an_id(str(survey_id)) else None
    if survey is None:
        raise NotFound(SURVEY_NOT_FOUND)
    return survey


def get_by_slug(slug: str) -> Survey:
    """Return any survey by its slug, for staff and commands; raise NotFound."""
    survey = db.session.scalar(select(Survey).where(Survey.slug == slug))
    if survey is None:
        raise NotFound(SURVEY_NOT_FOUND)
    return survey


def list_surveys_with_counts(*, archived: bool = False) -> list[SurveySummary]:
    """Return the surveys (archived ones only when asked) with their response and people counts."""
    counts = (
        select(
            Response.survey_id,
            func.count(Response.id).label("responses"),
            func.coalesce(func.sum(Response.people_count), 0).label("people"),
        )
        .group_by(Response.survey_id)
        .subquery()
    )
    query = (
        select(Survey, counts.c.responses, counts.c.people)
        .outerjoin(counts, counts.c.survey_id == Survey.id)
        .order_by(Survey.created_at.desc(), Survey.id.desc())
    )
    if not archived:
        query = query.where(Survey.status != SurveyStatus.ARCHIVED)
    rows = db.session.execute(query)
    return [
        SurveySummary(survey, responses or 0, people or 0) for survey, responses, people in rows
    ]


def survey_summary(survey_id: int) -> SurveySummary:
    """Return one survey with its number of responses and of people they speak for."""
    survey = get_survey(survey_id)
    responses, people = db.session.execute(
        select(func.count(Response.id), func.coalesce(func.sum(Response.people_count), 0)).where(
            Response.survey_id == survey_id
        )
    ).one()
    return SurveySummary(survey, responses, people)
