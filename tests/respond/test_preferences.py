"""Residents choose easy-read or standard words, pictures or words only, and a language;
the choice is kept on every page of the visit with no cookie."""

from app.services.wording import add_translation
from tests import journey
from tests.factories import create_survey
from tests.pages import get


def _first_question(client, slug: str, query: str):
    start = get(client, f"/s/{slug}?{query}")
    return get(client, start.all("a.govuk-button--start")[0].get("href"))


def test_easy_read_words_are_shown_by_default(client):
    survey = create_survey(questions=2)
    page = journey.start(client, survey.slug)
    assert page.text("h1") == "Easy question 1?"
    assert page.all("h1 img[alt='']"), "A picture sits beside the question"


def test_standard_words_are_kept_for_the_whole_visit(client):
    survey = create_survey(questions=2)
    page = _first_question(client, survey.slug, "words=standard")
    assert page.text("h1") == "Question 1 text?"
    assert "words=standard" in page.all("form")[0].get("action")
    response = journey.answer(client, page, page.all("input[type=radio]")[0].get("value"))
    assert "words=standard" in response.headers["Location"]
    assert get(client, response.headers["Location"]).text("h1") == "Question 2 text?"


def test_words_only_shows_no_pictures(client):
    survey = create_survey(questions=1)
    page = _first_question(client, survey.slug, "pictures=off")
    assert page.all("main img") == []
    assert page.texts(".govuk-radios__label")[:2] == ["Yes", "No"]


def test_survey_words_are_shown_in_the_chosen_language(client):
    survey = create_survey(questions=1)
    question = survey.questions[0]
    add_translation(
        entity="question", entity_id=question.id, language="cy", name="easy_read_text",
        text="Cwestiwn hawdd 1?",
    )  # fmt: skip
    add_translation(
        entity="option", entity_id=question.options[0].id, language="cy", name="easy_read_label",
        text="Ydw",
    )  # fmt: skip
    page = _first_question(client, survey.slug, "lang=cy")
    assert page.text("h1") == "Cwestiwn hawdd 1?"
    assert page.texts(".govuk-radios__label")[0] == "Ydw"
    assert page.document.get("lang") == "cy"
    assert "lang=cy" in page.all("form")[0].get("action")


def test_unknown_choices_fall_back_to_the_defaults(client):
    survey = create_survey(questions=1)
    page = _first_question(client, survey.slug, "lang=xx&words=%3Cscript%3E&pictures=maybe")
    assert page.text("h1") == "Easy question 1?"
    assert page.document.get("lang") == "en"
    assert "script" not in page.all("form")[0].get("action")
