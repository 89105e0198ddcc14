"""A form filler that fills in the hidden field gets one more press; a program that fills it
in again is refused and nothing is written (issue 10, point 5; docs/bad-input.md BAD-45)."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Draft, Response
from tests import journey
from tests.factories import create_survey
from tests.pages import Page, check_page, get

SPAM = {"website": "https://spam.example"}


@pytest.fixture
def survey(app_context):
    return create_survey(questions=2)


def _post(client, page: Page, answer: dict, **extra):
    form = page.all("form")[0]
    return client.post(form.get("action"), data={**page.form_fields(), **answer, **extra})


def _choice(page: Page) -> dict[str, str]:
    radio = page.all("input[type=radio]")[1]
    return {radio.get("name"): radio.get("value")}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_filled_in_field_keeps_the_answer_and_asks_for_one_more_press(client, survey):
    first = journey.start(client, survey.slug)

    again = check_page(_post(client, first, _choice(first), **SPAM))

    assert again.status == 200
    assert again.text(".heard-press-again") == "Please press Continue again."
    assert again.all(".heard-press-again")[0].get("role") == "status"
    assert again.all(".govuk-error-summary") == []
    checked = [radio.get("value") for radio in again.all("input[type=radio][checked]")]
    assert checked == list(_choice(first).values())
    draft = db.session.scalars(select(Draft)).one()
    assert draft.answers[str(survey.questions[0].id)] == {"options": [int(checked[0])]}
    assert again.all("input[name=website]")[0].get("value") == ""


def test_pressing_continue_again_carries_on(client, survey):
    first = journey.start(client, survey.slug)
    again = check_page(_post(client, first, _choice(first), **SPAM))

    response = _post(client, again, _choice(again))

    assert response.status_code == 303
    assert "/questions/2" in response.headers["Location"]


def test_filled_in_again_is_refused_and_writes_nothing(client, survey):
    first = journey.start(client, survey.slug)
    again = check_page(_post(client, first, _choice(first), **SPAM))
    second = check_page(_post(client, again, _choice(again))).response
    second_page = get(client, second.headers["Location"])
    second_again = check_page(_post(client, second_page, _choice(second_page), **SPAM))
    before = db.session.scalars(select(Draft)).one().answers

    refused = _post(client, second_again, _choice(second_again), **SPAM)

    assert refused.status_code == 400
    assert "There is a problem sending your answers" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalars(select(Draft)).one().answers == before


def test_sending_with_the_field_filled_in_asks_again_then_refuses(client, survey):
    page = journey.start(client, survey.slug)
    for _ in range(2):
        page = get(
            client, journey.answer(client, page, _choice(page).popitem()[1]).headers["Location"]
        )
    check = journey.past_support_question(client, page)
    assert check.text("h1") == "Check your answers"

    again = check_page(_post(client, check, {}, **SPAM))

    assert again.text(".heard-press-again") == "Please press Send my answers again."
    assert _count(Response) == 0
    assert _post(client, again, {}, **SPAM).status_code == 400
    assert _count(Response) == 0
    assert _post(client, again, {}).status_code == 303
    assert _count(Response) == 1


def test_the_come_back_page_asks_again_without_looking_at_the_code(client, survey):
    page = get(client, f"/s/{survey.slug}/resume")
    again = check_page(client.post(f"/s/{survey.slug}/resume", data={"code": "ABCD 2345", **SPAM}))

    assert again.status == 200
    assert again.text(".heard-press-again") == "Please press Continue again."
    assert again.all("input[name=code]")[0].get("value") == "ABCD 2345"
    assert page.all(".heard-press-again") == []
    refused = client.post(
        f"/s/{survey.slug}/resume", data={"code": "ABCD 2345", "asked_again": "1", **SPAM}
    )
    assert refused.status_code == 400


def test_saving_for_later_with_the_field_filled_in_keeps_the_answer_and_asks_again(client, survey):
    first = journey.start(client, survey.slug)
    save = first.all("form button.heard-save-for-later")[0].get("formaction")

    again = check_page(client.post(save, data={**first.form_fields(), **_choice(first), **SPAM}))

    assert again.text(".heard-press-again") == "Please press Save and come back later again."
    draft = db.session.scalars(select(Draft)).one()
    assert draft.answers == {
        str(survey.questions[0].id): {"options": [int(*_choice(first).values())]}
    }
    assert draft.resume_code_hash is None
    saved = check_page(client.post(save, data={**again.form_fields(), **_choice(first)}))
    assert saved.text("h1") == "Your answers are saved"


def test_how_you_answered_with_the_field_filled_in_keeps_the_choice_and_asks_again(client, survey):
    token = journey.start(client, survey.slug).form_fields()["token"]
    address = f"/s/{survey.slug}/how-you-answered"
    page = get(client, f"{address}?token={token}")

    again = check_page(_post(client, page, {"support": "helped"}, **SPAM))

    assert again.text(".heard-press-again") == "Please press Continue again."
    assert again.all("input[name=support][checked]")[0].get("value") == "helped"
    assert db.session.scalars(select(Draft)).one().answers["support"] == {"value": "helped"}
    assert _post(client, again, {"support": "helped"}).status_code == 303
