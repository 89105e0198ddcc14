"""A journey token past its age starts a new draft: it never reopens the answers of the old
one, so an old address left in a shared computer's history shows nobody's answers. Its
channel (kiosk, partner link) is kept (issue 13, security review)."""

import pytest
from sqlalchemy import func, select

from app import journey_tokens as tokens
from app.extensions import db
from app.models import Draft
from tests import journey
from tests.factories import create_survey
from tests.pages import get


def test_an_expired_token_opens_a_new_empty_draft_not_the_old_one(app, app_context):
    survey = create_survey(questions=2, kinds=["free_text"])
    survey_id, slug = survey.id, survey.slug
    client = app.test_client()
    page = journey.start(client, slug)
    answered = journey.answer(client, page, "My neighbour Joan helps me")
    second = answered.headers["Location"]
    old_token = get(client, second).form_fields()["token"]

    day = app.config["RESPOND_TOKEN_MAX_AGE_SECONDS"]
    app.config["RESPOND_TOKEN_MAX_AGE_SECONDS"] = -1  # every token is now past its age
    try:
        check = get(client, second.replace("/questions/2", "/check"))
        with app.test_request_context(), pytest.raises(tokens.JourneyTokenInvalid) as invalid:
            tokens.read(old_token, survey_id)
    finally:
        app.config["RESPOND_TOKEN_MAX_AGE_SECONDS"] = day

    assert check.text("h1") == "This page has expired"
    assert "Joan" not in check.text("main")
    old = tokens.peek(old_token)
    assert invalid.value.journey.token != old.token
    assert invalid.value.journey.channel == old.channel
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 1
