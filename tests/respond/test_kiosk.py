"""Kiosk mode: a start screen that explains the timeout, responses that carry the kiosk, and
"start again" that deletes the last person's answers on the server."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Draft
from app.services import kiosks
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in


def _first_question(client, kiosk):
    start = get(client, f"/k/{kiosk.key}")
    return start, get(client, start.all("a.govuk-button--start")[0].get("href"))


def _answer(client, page):
    form = page.all("form")[0]
    radio = page.all("input[type=radio]")[0]
    data = {**page.form_fields(), radio.get("name"): radio.get("value")}
    return client.post(form.get("action"), data=data)


def test_the_kiosk_start_screen_says_how_the_timeout_works(client, kiosk):
    start, _ = _first_question(client, kiosk)
    text = start.text("main")
    assert "Do not leave the screen for more than 90 seconds." in text
    assert "If you do, we ask if you are still there." in text
    assert "30 seconds" in text
    assert "we delete your answers" in text
    assert start.response.headers["Cache-Control"] == "no-store"


def test_start_again_deletes_the_draft_and_back_shows_nothing(client, kiosk):
    _, page = _first_question(client, kiosk)
    second = get(client, _answer(client, page).headers["Location"])
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 1
    reset = client.post(
        f"/k/{kiosk.key}/start-again", data={"token": second.form_fields()["token"]}
    )
    assert reset.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
    start = get(client, reset.headers["Location"])
    assert "We deleted the answers on this screen" in start.text("main")
    back = get(client, page.all("form")[0].get("action").replace("/questions/1", "/questions/1"))
    assert back.all("input[type=radio][checked]") == []


def test_start_again_with_another_kiosks_token_deletes_nothing(client, kiosk):
    other = kiosks.create_kiosk(survey=kiosk.survey, venue="Day centre")
    _, page = _first_question(client, other)
    second = get(client, _answer(client, page).headers["Location"])
    client.post(f"/k/{kiosk.key}/start-again", data={"token": second.form_fields()["token"]})
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 1


def test_an_unknown_kiosk_is_not_found(client):
    assert client.get("/k/no-such-kiosk").status_code == 404


@pytest.mark.parametrize(
    ("seconds", "ok"), [("", True), ("60", True), ("59", False), ("abc", False), ("٣٠٠", False)]
)
def test_staff_set_up_kiosks_with_a_sensible_idle_time(client, seconds, ok):
    survey = create_survey(questions=1)
    sign_in(client, create_user(role="lead"))
    page = get(client, "/staff/kiosks")
    data = {**page.form_fields("form[action='/staff/kiosks']"), "survey_id": str(survey.id),
            "venue": "Birtley Library", "idle_seconds": seconds}  # fmt: skip
    response = client.post("/staff/kiosks", data=data)
    if ok:
        assert response.status_code == 303
        listed = get(client, "/staff/kiosks")
        assert listed.texts("tbody td")[:2] == ["Birtley Library", "Test survey"]
    else:
        assert check_page(response).text(".govuk-error-summary__list") == (
            "Enter a number of seconds from 60 to 600"
        )


def test_a_kiosk_draft_remembers_its_kiosk(client, kiosk):
    _, page = _first_question(client, kiosk)
    assert _answer(client, page).status_code == 303
    assert db.session.scalar(select(Draft.kiosk_id)) == kiosk.id
