"""Unsent answers of a survey are removed once it closes, whether a lead pressed "Close the
survey" or its closing date passed with the survey still marked open."""

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Draft
from app.services import resume
from app.services.builder.lifecycle import council_today
from tests.factories import create_survey


def _draft(survey, token: str) -> None:
    db.session.add(Draft(survey_id=survey.id, token=token, answers={}))
    db.session.commit()


def test_drafts_of_a_survey_past_its_closing_date_are_removed(app_context):
    past = create_survey(questions=1, status="open")
    past.closes_on = council_today() - timedelta(days=1)
    running = create_survey(questions=1, status="open")
    closes_today = create_survey(questions=1, status="open")
    closes_today.closes_on = council_today()
    for survey, token in ((past, "past"), (running, "running"), (closes_today, "today")):
        _draft(survey, token)

    assert resume.purge_expired_drafts() == 1

    assert sorted(db.session.scalars(select(Draft.token))) == ["running", "today"]
