"""Save and come back later keeps the answer on the page it is pressed on, after the checks
Continue makes, and coming back restores the display choices (issue 10, points 1 and 3)."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Draft
from tests import journey
from tests.factories import create_survey
from tests.pages import Page, check_page, get


def _save(client, page: Page, answer: dict[str, str | list[str]], query: str = ""):
    """Press "Save and come back later" on `page` with `answer` in its form."""
    button = page.all("form button.heard-save-for-later")[0]
    data = {**page.form_fields(), **answer}
    address = button.get("formaction")
    return client.post(f"{address}&{query}" if query else address, data=data)


def _answered(client, survey, count: int, query: str = "") -> Page:
    """Answer the first `count` questions; return the page of the next one."""
    page = journey.start(client, survey.slug, query)
    for _ in range(count):
        response = journey.answer(client, page, page.all("input[type=radio]")[1].get("value"))
        page = get(client, response.headers["Location"])
    return page


def _code(saved: Page) -> str:
    return saved.text(".heard-resume-code")


def _come_back(survey, app, code: str, query: str = "") -> Page:
    other = app.test_client()  # another browser: no cookie, no history
    address = f"/s/{survey.slug}/resume" + (f"?{query}" if query else "")
    response = other.post(address, data={"code": code})
    assert response.status_code == 303
    return get(other, response.headers["Location"])


@pytest.fixture
def survey(app_context):
    return create_survey(questions=4)


def test_the_answer_on_the_page_is_saved_with_the_code(client, app, survey):
    third = _answered(client, survey, 2)
    sometimes = third.all("input[type=radio]")[2]

    saved = check_page(_save(client, third, {sometimes.get("name"): sometimes.get("value")}))

    back = _come_back(survey, app, _code(saved))
    assert back.text("h1") == "Easy question 4?", "question 3 is answered"
    third_again = get(app.test_client(), back.all(".govuk-back-link")[0].get("href"))
    checked = [radio.get("value") for radio in third_again.all("input[type=radio][checked]")]
    assert checked == [sometimes.get("value")]


def test_saving_with_no_answer_on_the_page_asks_that_question_on_coming_back(client, app, survey):
    third = _answered(client, survey, 2)

    saved = check_page(_save(client, third, {}))

    assert saved.text("h1") == "Your answers are saved"
    assert _come_back(survey, app, _code(saved)).text("h1") == "Easy question 3?"


def test_an_answer_continue_would_refuse_is_not_saved_and_the_person_is_told(client, survey):
    third = _answered(client, survey, 2)
    name = third.all("input[type=radio]")[0].get("name")

    page = check_page(_save(client, third, {name: "99999"}))

    assert page.status == 400
    assert page.texts(".govuk-error-summary__list li") == [
        "Choose one of the options",
        "Your answers are not saved yet. Put this answer right, then save again",
    ]
    draft = db.session.scalars(select(Draft)).one()
    assert draft.resume_code_hash is None
    assert str(survey.questions[2].id) not in draft.answers


def test_free_text_on_the_page_is_saved_as_typed(client, app):
    survey = create_survey(questions=2, kinds=["single_choice", "free_text"])
    second = _answered(client, survey, 1)
    box = second.all("textarea")[0].get("name")

    saved = check_page(_save(client, second, {box: "  More buses, please  "}))

    draft = db.session.scalars(select(Draft)).one()
    assert draft.answers[str(survey.questions[1].id)] == {"text": "More buses, please"}
    assert _come_back(survey, app, _code(saved)).text("h1") == "Check your answers"


def test_coming_back_with_the_code_restores_the_display_choices(client, app, survey):
    choices = "size=2&contrast=high&pictures=off&words=standard&lang=cy"
    second = _answered(client, survey, 1, choices)

    saved = check_page(_save(client, second, {}, choices))

    back = _come_back(survey, app, _code(saved))
    classes = back.document.cssselect("html, body")
    shown = " ".join(element.get("class") or "" for element in classes)
    assert "heard-text-size-2" in shown
    assert "heard-high-contrast" in shown
    assert "heard-words-only" in shown
    assert back.document.get("lang") == "cy"
    query = back.response.request.query_string.decode()
    assert "words=standard" in query


def test_choices_made_on_the_come_back_page_win_over_the_saved_ones(client, app, survey):
    second = _answered(client, survey, 1, "size=2&lang=cy")
    saved = check_page(_save(client, second, {}, "size=2&lang=cy"))

    back = _come_back(survey, app, _code(saved), "lang=ar")

    assert back.document.get("lang") == "ar"
    assert "size=2" in back.response.request.query_string.decode()


def test_the_link_restores_the_display_choices_from_the_draft(client, app, survey):
    second = _answered(client, survey, 1, "size=1&contrast=high")
    saved = check_page(_save(client, second, {}, "size=1&contrast=high"))
    link = saved.all(".heard-resume-link")[0].get("href").split("?")[0]

    other = app.test_client()
    back = get(other, other.get(link.replace("http://localhost", "")).headers["Location"])

    shown = " ".join(e.get("class") or "" for e in back.document.cssselect("html, body"))
    assert "heard-text-size-1" in shown
    assert "heard-high-contrast" in shown
