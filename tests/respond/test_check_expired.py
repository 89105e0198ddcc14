"""Check your answers and Send with no journey we can read (no token, a forged one, one past
its age) say that nothing was sent and how to go on. They used to show "Your answers are
below" above every question marked "Not answered", with a Send button: the journey carried
on with is always a new, empty draft (BAD-33 to BAD-35), so there was nothing below."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Draft, Response
from tests import journey
from tests.factories import create_survey
from tests.pages import check_page, get

TOKENS = ["", "forged.token.value", "eyJzIjoxfQ"]


def _stored() -> tuple[int, int]:
    drafts = db.session.scalar(select(func.count()).select_from(Draft))
    return drafts, db.session.scalar(select(func.count()).select_from(Response))


def _says_nothing_was_sent(page, slug: str) -> None:
    assert page.status == 400
    assert page.text("h1") == "This page has expired"
    assert "We have not sent any answers." in page.text("main")
    assert "Not answered" not in page.text("main")
    assert not page.all("form[action$='/send']")
    assert page.all("a.heard-start-again")[0].get("href") == f"/s/{slug}"


@pytest.mark.parametrize("token", TOKENS)
def test_check_your_answers_without_a_journey_says_nothing_was_sent(client, token):
    survey = create_survey(questions=3)

    page = check_page(client.get(f"/s/{survey.slug}/check?token={token}"))

    _says_nothing_was_sent(page, survey.slug)
    assert page.all("a[href$='/resume']")[0].get("href") == f"/s/{survey.slug}/resume"
    assert _stored() == (0, 0)


@pytest.mark.parametrize("token", TOKENS)
def test_send_without_a_journey_says_nothing_was_sent_and_keeps_the_real_draft(client, token):
    survey = create_survey(questions=1)
    page = journey.start(client, survey.slug)
    journey.answer(client, page, page.all("input[type=radio]")[0].get("value"))

    sent = check_page(client.post(f"/s/{survey.slug}/send", data={"token": token}))

    _says_nothing_was_sent(sent, survey.slug)
    assert _stored() == (1, 0)


def test_the_come_back_link_is_offered_only_where_answers_can_be_saved(client):
    survey = create_survey(questions=1)
    survey.save_for_later_allowed = False
    db.session.commit()

    page = check_page(client.get(f"/s/{survey.slug}/check"))

    assert page.text("h1") == "This page has expired"
    assert not page.all("a[href$='/resume']")


@pytest.mark.parametrize(("language", "words"), [("cy", "Dechrau eto"), ("ar", "ابدأ من جديد")])
def test_the_expired_page_speaks_the_persons_language(client, language, words):
    survey = create_survey(questions=1)

    page = get(client, f"/s/{survey.slug}/check?lang={language}")

    assert page.document.get("lang") == language
    assert page.text("a.heard-start-again") == words


def test_a_kiosk_page_past_its_age_starts_again_at_the_kiosk_and_offers_no_code(app, client, kiosk):
    start = get(client, f"/k/{kiosk.key}")
    question = get(client, start.all("a.govuk-button--start")[0].get("href"))
    token = question.form_fields()["token"]
    day = app.config["RESPOND_TOKEN_MAX_AGE_SECONDS"]
    app.config["RESPOND_TOKEN_MAX_AGE_SECONDS"] = -1  # every token is now past its age
    try:
        page = check_page(client.get(f"/s/{kiosk.survey.slug}/check?token={token}"))
    finally:
        app.config["RESPOND_TOKEN_MAX_AGE_SECONDS"] = day

    assert page.text("h1") == "This page has expired"
    assert page.all("a.heard-start-again")[0].get("href") == f"/k/{kiosk.key}"
    assert not page.all("a[href$='/resume']")
