"""Tracked partner links and embeds: attribution, framing allowlists and cross-site posts."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Channel, Response
from app.services import partners
from tests import journey
from tests.factories import create_survey
from tests.pages import get

PARTNER_SITE = "https://www.ageuk.example"


@pytest.fixture
def link(app_context):
    survey = create_survey(questions=1)
    partner = partners.create_partner(name="Age UK Gateshead", allowed_origins=PARTNER_SITE)
    return partners.create_link(partner=partner, survey=survey, label="Lunch club poster")


def _complete(client, start_url: str, headers: dict | None = None):
    start = get(client, start_url)
    question = get(client, start.all("a.govuk-button--start")[0].get("href"))
    form = question.all("form")[0]
    radio = form.cssselect("input[type=radio]")[0]
    data = {**question.form_fields(), radio.get("name"): radio.get("value")}
    answered = client.post(form.get("action"), data=data, headers=headers or {})
    assert answered.status_code == 303, answered.status_code
    check = journey.past_support_question(client, get(client, answered.headers["Location"]))
    send = check.all("form[action$='/send']")[0]
    return client.post(
        send.get("action"), data=check.form_fields("form[action$='/send']"), headers=headers or {}
    )


def test_link_codes_are_short_and_readable(link):
    assert len(link.code) == 8
    assert set(link.code) <= set("abcdefghjkmnpqrstuvwxyz23456789")


def test_a_tracked_link_records_the_partner_on_the_response(client, link):
    sent = _complete(client, f"/l/{link.code}")
    assert sent.status_code == 303
    response = db.session.scalars(select(Response)).one()
    assert response.partner_link_id == link.id
    assert response.channel == Channel.ONLINE


def test_an_embedded_journey_may_be_framed_only_by_the_partner(client, link):
    start = client.get(f"/e/{link.code}")
    assert f"frame-ancestors {PARTNER_SITE}" in start.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in start.headers
    home = client.get("/")
    assert "frame-ancestors 'none'" in home.headers["Content-Security-Policy"]


def test_an_embedded_journey_accepts_answers_posted_from_the_partner_site(client, link):
    headers = {"Origin": PARTNER_SITE, "Sec-Fetch-Site": "cross-site"}
    sent = _complete(client, f"/e/{link.code}", headers=headers)
    assert sent.status_code == 303
    thanks = client.get(sent.headers["Location"])
    assert f"frame-ancestors {PARTNER_SITE}" in thanks.headers["Content-Security-Policy"]
    response = db.session.scalars(select(Response)).one()
    assert response.channel == Channel.EMBED
    assert response.partner_link_id == link.id


def test_an_embedded_journey_refuses_answers_from_another_site(client, link):
    headers = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    start = get(client, f"/e/{link.code}")
    question = get(client, start.all("a.govuk-button--start")[0].get("href"))
    form = question.all("form")[0]
    radio = form.cssselect("input[type=radio]")[0]
    data = {**question.form_fields(), radio.get("name"): radio.get("value")}
    refused = client.post(form.get("action"), data=data, headers=headers)
    assert refused.status_code == 403
    assert db.session.scalars(select(Response)).all() == []


def test_an_unknown_link_or_a_closed_survey_is_not_found(client, link):
    assert client.get("/l/nosuchcode").status_code == 404
    link.survey.status = "closed"
    db.session.commit()
    assert client.get(f"/l/{link.code}").status_code == 404


def test_the_back_link_of_an_embedded_first_question_returns_to_the_embed_page(client, link):
    start = get(client, f"/e/{link.code}")
    question = get(client, start.all("a.govuk-button--start")[0].get("href"))

    back = question.all(".govuk-back-link")[0].get("href")

    assert back == f"/e/{link.code}"
    assert PARTNER_SITE in client.get(back).headers["Content-Security-Policy"]


def test_links_that_leave_an_embedded_journey_open_a_new_tab_and_say_so(client, link):
    sent = _complete(client, f"/e/{link.code}", headers={"Origin": PARTNER_SITE})
    thanks = get(client, sent.headers["Location"])

    outside = [a for a in thanks.all("main a") if a.get("target") == "_blank"]

    assert {a.get("href").split("?")[0] for a in outside} >= {
        f"/s/{link.survey.slug}/you-said-we-did",
        "/",
    }
    for a in outside:
        assert set(a.get("rel").split()) >= {"noopener"}
        assert " ".join(a.text_content().split()).endswith("(opens in new tab)")


def test_the_same_links_outside_a_frame_open_in_the_same_tab(client, link):
    sent = _complete(client, f"/l/{link.code}")
    thanks = get(client, sent.headers["Location"])

    assert [a for a in thanks.all("main a") if a.get("target")] == []
    assert "(opens in new tab)" not in thanks.text("main")
