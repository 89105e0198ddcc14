"""Staff record "you said, we did" actions against a principle and, optionally, a theme."""

from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Action, ActionStatus, Theme
from app.services import actions, themes
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in


@pytest.fixture
def survey(app_context):
    return create_survey(questions=1, kinds=["free_text"])


def _fields(survey, **changes) -> dict:
    principle = survey.framework.principles[2]
    return {
        "principle_id": str(principle.id),
        "theme_id": "",
        "title": "",
        "you_said": "The bus to the day centre is late.",
        "we_did": "We changed the bus times.",
        "status": "done",
        "action_date-day": "5",
        "action_date-month": "5",
        "action_date-year": "2026",
        **changes,
    }


def _submit(client, url: str, fields: dict):
    page = get(client, url)
    selector = f"form[action='{url}']"
    return client.post(url, data={**page.form_fields(selector), **fields})


def test_a_lead_records_an_action_against_a_principle_and_a_theme(client, survey, lead):
    theme = themes.create_theme(survey.id, "Transport")
    url = f"/staff/surveys/{survey.id}/actions/new"
    response = _submit(client, url, _fields(survey, theme_id=str(theme.id)))
    assert response.status_code == 303
    action = db.session.scalars(select(Action)).one()
    principle = survey.framework.principles[2]
    assert (action.principle_id, action.theme_id) == (principle.id, theme.id)
    assert (action.status, action.action_date) == (ActionStatus.DONE, date(2026, 5, 5))
    assert action.you_said == "The bus to the day centre is late."
    page = get(client, response.headers["Location"])
    assert principle.title in page.texts("h2")
    rows = dict(
        zip(
            page.texts(".govuk-summary-list__key"),
            page.texts(".govuk-summary-list__value"),
            strict=True,
        )
    )
    assert rows == {
        "You said": "The bus to the day centre is late.",
        "We did": "We changed the bus times.",
        "Status": "Done",
        "Date": "Tuesday 5 May 2026",
        "Theme": "Transport",
    }
    assert page.all(f"a[href='/s/{survey.slug}/you-said-we-did']")


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("31", "2", "2026"),
        ("5", "13", "2026"),
        ("5", "", "2026"),
        ("x", "5", "2026"),
        ("5", "5", "26"),
    ],
)
def test_a_date_that_is_not_real_is_refused(client, survey, lead, day, month, year):
    url = f"/staff/surveys/{survey.id}/actions/new"
    fields = _fields(
        survey, **{"action_date-day": day, "action_date-month": month, "action_date-year": year}
    )
    page = check_page(_submit(client, url, fields))
    assert page.status == 400
    assert page.texts(".govuk-error-summary__list li") == ["Enter a real date"]
    assert page.all(".govuk-error-summary__list a")[0].get("href") == "#action_date-day"
    assert page.all("#action_date-day")[0].get("value") == day
    assert db.session.scalars(select(Action)).all() == []


def test_every_missing_answer_is_listed_at_once(client, survey, lead):
    url = f"/staff/surveys/{survey.id}/actions/new"
    fields = _fields(survey, principle_id="", you_said=" ", we_did="", status="")
    page = check_page(_submit(client, url, fields))
    assert page.status == 400
    assert page.texts(".govuk-error-summary__list li") == [
        "Choose the principle this action is for",
        "Enter what people said",
        "Enter what we did or will do",
        "Choose how far the action has got",
    ]
    assert page.title.startswith("Error: ")


def test_an_action_can_have_no_date_and_no_theme(client, survey, lead):
    url = f"/staff/surveys/{survey.id}/actions/new"
    empty_date = {"action_date-day": "", "action_date-month": "", "action_date-year": ""}
    assert _submit(client, url, _fields(survey, status="planned", **empty_date)).status_code == 303
    action = db.session.scalars(select(Action)).one()
    assert (action.action_date, action.theme_id, action.status) == (
        None,
        None,
        ActionStatus.PLANNED,
    )


def test_a_principle_or_theme_from_elsewhere_is_refused(client, survey, lead):
    other = create_survey(questions=1, kinds=["free_text"])
    foreign_theme = themes.create_theme(other.id, "Elsewhere")
    url = f"/staff/surveys/{survey.id}/actions/new"
    page = check_page(
        _submit(client, url, _fields(survey, principle_id="999999", theme_id=str(foreign_theme.id)))
    )
    assert page.texts(".govuk-error-summary__list li") == [
        "Choose the principle this action is for",
        "Choose a theme from the list",
    ]
    assert db.session.scalars(select(Action)).all() == []


def test_a_lead_changes_and_deletes_an_action(client, survey, lead):
    action = actions.create_action(
        survey.id,
        actions.ActionDetails(
            principle_id=survey.framework.principles[0].id,
            theme_id=None,
            you_said="Meetings have no lift",
            we_did="We will move the meetings",
            status="planned",
        ),
    )
    url = f"/staff/surveys/{survey.id}/actions/{action.id}"
    page = get(client, url)
    assert page.all("textarea#you_said")[0].text == "Meetings have no lift"
    assert page.all("input[name=status][value=planned][checked]")
    fields = _fields(survey, status="in_progress", we_did="We are moving the meetings")
    assert _submit(client, url, fields).status_code == 303
    db.session.expire_all()
    changed = db.session.get(Action, action.id)
    assert (changed.status, changed.we_did) == (
        ActionStatus.IN_PROGRESS,
        "We are moving the meetings",
    )
    page = get(client, url)
    assert page.all("#action_date-year")[0].get("value") == "2026"
    deleted = client.post(f"{url}/delete", data=page.form_fields(f"form[action='{url}/delete']"))
    assert deleted.status_code == 303
    assert db.session.get(Action, action.id) is None


def test_viewers_read_actions_but_cannot_add_them(client, survey):
    actions.create_action(
        survey.id,
        actions.ActionDetails(
            principle_id=survey.framework.principles[0].id,
            theme_id=None,
            you_said="Meetings have no lift",
            we_did="We moved them",
            status="done",
        ),
    )
    sign_in(client, create_user(role="viewer"))
    page = get(client, f"/staff/surveys/{survey.id}/actions")
    assert "Meetings have no lift" in page.texts(".govuk-summary-list__value")
    assert page.all("a[href$='/actions/new']") == []
    assert client.get(f"/staff/surveys/{survey.id}/actions/new").status_code == 403


def test_merging_a_theme_keeps_its_actions(client, survey, lead):
    bus, transport = (
        themes.create_theme(survey.id, "Bus"),
        themes.create_theme(survey.id, "Transport"),
    )
    action = actions.create_action(
        survey.id,
        actions.ActionDetails(
            principle_id=survey.framework.principles[0].id,
            theme_id=bus.id,
            you_said="Late buses",
            we_did="New timetable",
            status="done",
        ),
    )
    themes.merge_themes(survey.id, source_id=bus.id, target_id=transport.id)
    assert db.session.get(Action, action.id).theme_id == transport.id
    assert db.session.scalars(select(Theme.name)).all() == ["Transport"]
