"""The send limit counts every online journey's sends; only a kiosk's own journey is exempt
(a kiosk's residents share one address). A kiosk's token added to the address of an online
send once switched the limit off, because the exemption read the address and the send the
form (issue 13, security review)."""

import pytest

from app.services import kiosks
from tests import journey
from tests.factories import create_survey
from tests.pages import get


@pytest.fixture
def two_sends_a_minute(app):
    before = app.config["RESPOND_SENDS_PER_MINUTE"]
    app.config["RESPOND_SENDS_PER_MINUTE"] = "2 per minute"
    yield
    app.config["RESPOND_SENDS_PER_MINUTE"] = before


def _check_page(client, slug):
    page = journey.start(client, slug)
    for _ in range(5):
        choice = page.all("input[type=radio]")
        response = journey.answer(client, page, choice[0].get("value")) if choice else None
        page = get(client, response.headers["Location"])
        page = journey.past_support_question(client, page)
        if page.all("form[action*='/send']"):
            return page
    raise AssertionError("never reached check your answers")


def _kiosk_token(app, client, survey) -> str:
    kiosk = kiosks.create_kiosk(survey=survey, venue="Birtley Library", idle_seconds="90")
    start = get(client, f"/k/{kiosk.key}")
    first = get(client, start.all("a.govuk-button--start")[0].get("href"))
    return first.form_fields()["token"]


def test_a_kiosk_token_in_the_address_does_not_lift_an_online_sends_limit(
    app, app_context, two_sends_a_minute
):
    survey = create_survey(questions=1)
    client = app.test_client()
    kiosk_token = _kiosk_token(app, client, survey)
    statuses = []
    for _ in range(3):
        check = _check_page(client, survey.slug)
        action = check.all("form[action*='/send']")[0].get("action")
        sent = client.post(
            f"{action}?token={kiosk_token}", data=check.form_fields("form[action*='/send']")
        )
        statuses.append(sent.status_code)

    assert statuses == [303, 303, 429]
