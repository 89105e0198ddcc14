"""Closing a survey early and opening it again: the survey does not close again the night it
is opened, the date it had is kept in the audit row, and a reason too long is refused, not
cut short."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, QuestionKind, Survey, SurveyStatus
from app.services import audit, frameworks
from app.services.builder import details, lifecycle, questions
from app.services.errors import ServiceError
from tests.builder import lead_pages
from tests.pages import check_page

LEAD = audit.Actor(None, "Sam Lead")
TODAY = date(2026, 12, 1)


def _open_survey(closes_on: date | None) -> Survey:
    frameworks.load_all_frameworks()
    survey = details.create_blank(
        LEAD,
        details.SurveyDetails(
            title="Day centres in Gateshead",
            easy_read_title="Day centres in Gateshead",
            closes_on=closes_on,
        ),
    )
    question = questions.QuestionDetails(
        kind=QuestionKind.YES_NO,
        text="Do you go to a day centre?",
        easy_read_text="Do you go to a day centre?",
        options=tuple(questions.OptionDetails(label) for label in ("Yes", "No", "Not sure")),
    )
    questions.add_question(LEAD, survey.id, survey.version, question)
    return lifecycle.open_survey(LEAD, survey.id, survey.version, TODAY)


def _close_and_reopen(survey: Survey, closed_on: date, reopened_on: date) -> Survey:
    lifecycle.close_survey(LEAD, survey.id, survey.version, closed_on)
    assert survey.closes_on == closed_on
    return lifecycle.reopen_survey(LEAD, survey.id, survey.version, "Carers asked", reopened_on)


@pytest.mark.parametrize("closes_on", [date(2026, 12, 31), None])
@pytest.mark.parametrize("reopened_on", [TODAY, date(2026, 12, 10)])
def test_opening_again_takes_away_the_closing_date_closing_set(app_context, closes_on, reopened_on):
    survey = _open_survey(closes_on)

    _close_and_reopen(survey, TODAY, reopened_on)

    assert (survey.status, survey.closes_on) == (SurveyStatus.OPEN, None)
    tonight = date.fromordinal(reopened_on.toordinal() + 1)
    assert lifecycle.status_on(survey, tonight) == SurveyStatus.OPEN
    closed = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "survey.closed"))
    planned = closes_on.isoformat() if closes_on else None
    assert (closed.details["planned_closes_on"], closed.details["closes_on"]) == (
        planned,
        TODAY.isoformat(),
    )


def test_a_closing_date_still_to_come_is_kept_when_opened_again(app_context):
    survey = _open_survey(date(2026, 12, 31))
    lifecycle.close_survey(LEAD, survey.id, survey.version, TODAY)
    wanted = details.SurveyDetails(title=survey.title, closes_on=date(2027, 2, 1))
    details.update_details(LEAD, survey.id, survey.version, wanted)

    lifecycle.reopen_survey(LEAD, survey.id, survey.version, "Carers asked", TODAY)

    assert survey.closes_on == date(2027, 2, 1)


def test_a_reason_over_1000_characters_is_refused_and_nothing_is_written(app_context):
    survey = _open_survey(None)
    lifecycle.close_survey(LEAD, survey.id, survey.version, TODAY)
    version = survey.version

    with pytest.raises(ServiceError, match="must be 1,000 characters or fewer") as refused:
        lifecycle.reopen_survey(LEAD, survey.id, survey.version, "x" * 1001, TODAY)

    assert refused.value.field == "reason"
    db.session.expire_all()
    assert (survey.status, survey.version) == (SurveyStatus.CLOSED, version)
    reason = " " + "x" * 1000 + " "
    lifecycle.reopen_survey(LEAD, survey.id, survey.version, reason, TODAY)
    reopened = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "survey.reopened"))
    assert reopened.details["reason"] == "x" * 1000


def test_the_page_refuses_a_reason_over_1000_characters(client, lead):
    survey = lead_pages.create(client)
    assert lead_pages.add(client, survey.id).status_code == 303
    db.session.get(Survey, survey.id).status = SurveyStatus.CLOSED
    db.session.commit()
    events = db.session.scalar(select(func.count()).select_from(AuditEvent))

    page = check_page(lead_pages.press(client, survey.id, "/reopen", reason="x" * 1001))

    assert page.status == 400
    assert "The reason must be 1,000 characters or fewer" in page.text(".govuk-error-summary")
    db.session.expire_all()
    assert db.session.get(Survey, survey.id).status == SurveyStatus.CLOSED
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events
