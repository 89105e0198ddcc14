"""Branching: a question is asked only when an earlier answer matches its rule."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Answer
from app.services import branching
from tests import journey
from tests.factories import create_survey
from tests.pages import get


@pytest.fixture
def survey(app_context):
    """Question 3 is asked only of people who answer "No" to question 1."""
    survey = create_survey(questions=3)
    first, _, third = survey.questions
    third.show_if_question_id = first.id
    third.show_if_option_ids = [first.options[1].id]
    db.session.commit()
    return survey


def _option(question, label):
    return str(next(o.id for o in question.options if o.label == label))


def _go(client, page, value):
    return get(client, journey.answer(client, page, value).headers["Location"])


def test_a_question_whose_rule_does_not_match_is_skipped(client, survey):
    first, second, _ = survey.questions
    page = journey.start(client, survey.slug)
    page = _go(client, page, _option(first, "Yes"))
    assert page.text(".heard-question__progress") == "Question 2 of 2"
    check = journey.past_support_question(client, _go(client, page, _option(second, "Yes")))
    assert check.text("h1") == "Check your answers"
    assert check.texts(".govuk-summary-list__key") == [
        "Easy question 1?",
        "Easy question 2?",
        "How you answered",
    ]
    send = check.all("form[action$='/send']")[0]
    sent = client.post(send.get("action"), data=check.form_fields("form[action$='/send']"))
    assert sent.status_code == 303


def test_a_matching_answer_asks_the_question(client, survey):
    first, second, _third = survey.questions
    page = _go(client, journey.start(client, survey.slug), _option(first, "No"))
    page = _go(client, page, _option(second, "Yes"))
    assert page.text("h1") == "Easy question 3?"
    assert page.text(".heard-question__progress") == "Question 3 of 3"


def test_changing_an_answer_asks_a_question_it_reveals_then_returns_to_check(client, survey):
    first, second, third = survey.questions
    page = _go(client, journey.start(client, survey.slug), _option(first, "Yes"))
    check = journey.past_support_question(client, _go(client, page, _option(second, "Yes")))
    change = get(client, check.all(".govuk-summary-list__actions a")[0].get("href"))
    revealed = _go(client, change, _option(first, "No"))
    assert revealed.text("h1") == "Easy question 3?"
    back_to_check = _go(client, revealed, _option(third, "Not sure"))
    assert back_to_check.text("h1") == "Check your answers"
    assert len(back_to_check.texts(".govuk-summary-list__key")) == 4


def test_an_answer_to_a_question_no_longer_asked_is_not_stored(client, survey):
    first, second, third = survey.questions
    page = _go(client, journey.start(client, survey.slug), _option(first, "No"))
    page = _go(client, page, _option(second, "Yes"))
    check = journey.past_support_question(client, _go(client, page, _option(third, "Yes")))
    change = get(client, check.all(".govuk-summary-list__actions a")[0].get("href"))
    check = _go(client, change, _option(first, "Yes"))
    assert len(check.texts(".govuk-summary-list__key")) == 3
    send = check.all("form[action$='/send']")[0]
    client.post(send.get("action"), data=check.form_fields("form[action$='/send']"))
    stored = {a.question_id for a in db.session.scalars(select(Answer))}
    assert stored == {first.id, second.id}


def test_a_rule_on_a_question_that_was_not_asked_never_matches(survey):
    first, second, third = survey.questions
    second.show_if_question_id = first.id
    second.show_if_option_ids = [first.options[2].id]
    third.show_if_question_id = second.id
    third.show_if_option_ids = [second.options[0].id]
    answers = {
        str(first.id): {"options": [first.options[0].id]},
        str(second.id): {"options": [second.options[0].id]},
    }
    assert branching.asked_questions(survey, answers) == [first]
