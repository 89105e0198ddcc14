"""Leads set how long a survey's answers are kept; admins see on the staff home what goes soon."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, SurveyStatus
from app.services import retention
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in

TODAY = date.today()  # noqa: DTZ011 - the staff home reads the council's day


@pytest.fixture
def survey(app_context):
    return create_survey(title="Day centres")


def _save(client, survey, **fields):
    url = f"/staff/surveys/{survey.id}/retention"
    form = get(client, url)
    data = {**form.form_fields("form[method=post]:not(.heard-sign-out)"), **fields}
    return client.post(url, data=data)


def test_a_lead_sets_the_months_and_what_is_removed(client, survey):
    sign_in(client, create_user(role="lead"))
    done = _save(client, survey, retention_months="6", removal="whole_response")
    assert done.status_code == 303
    db.session.expire_all()
    assert (survey.retention_months, survey.removal) == (6, "whole_response")
    logged = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "survey.retention_changed")
    )
    assert logged.details == {"retention_months": 6, "removal": "whole_response"}
    page = get(client, f"/staff/surveys/{survey.id}/retention")
    assert page.text("#purge-date").startswith("The answers will be removed on ")


@pytest.mark.parametrize(
    ("months", "removal", "message"),
    [
        ("48", "personal_data", "Enter a number of months from 3 to 36"),
        ("1", "personal_data", "Enter a number of months from 3 to 36"),
        ("twelve", "personal_data", "Enter the number of months as a whole number, like 12"),
        ("9" * 5000, "personal_data", "Enter the number of months as a whole number, like 12"),
        ("12", "everything", "Choose what to remove when the time is up"),
    ],
)
def test_a_retention_outside_the_limits_is_refused_and_nothing_changes(
    client, survey, months, removal, message
):
    sign_in(client, create_user(role="lead"))
    page = check_page(_save(client, survey, retention_months=months, removal=removal))
    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == message
    db.session.expire_all()
    assert (survey.retention_months, survey.removal) == (None, "personal_data")


def test_admins_see_on_the_staff_home_which_surveys_go_in_the_next_30_days(client, survey):
    survey.status, survey.closes_on = SurveyStatus.CLOSED, TODAY - timedelta(days=350)
    later = create_survey(title="Carers")
    later.status, later.closes_on = SurveyStatus.CLOSED, TODAY - timedelta(days=200)
    db.session.commit()
    purge_on = retention.purge_date(survey)
    sign_in(client, create_user(role="admin"))
    page = get(client, "/staff/")
    assert page.texts(".heard-purges-soon li") == [
        f"Day centres: {purge_on:%A} {purge_on.day} {purge_on:%B %Y}"
    ]


def test_leads_are_not_shown_the_purges(client, survey):
    survey.status, survey.closes_on = SurveyStatus.CLOSED, TODAY - timedelta(days=350)
    db.session.commit()
    sign_in(client, create_user(role="lead"))
    assert get(client, "/staff/").all(".heard-purges-soon") == []
