"""Survey words shown in English on a Welsh or Arabic page say so (WCAG 3.1.2), translated
words do not, and an English page marks nothing; see docs/accessibility.md."""

from app.extensions import db
from app.services.wording import add_translation
from tests.factories import create_survey
from tests.pages import Page, get


def _first_question(client, slug: str, query: str) -> Page:
    start = get(client, f"/s/{slug}?{query}")
    return get(client, start.all("a.govuk-button--start")[0].get("href"))


def _translate(question) -> None:
    add_translation(
        entity="question", entity_id=question.id, language="cy", name="easy_read_text",
        text="Cwestiwn hawdd 1?",
    )  # fmt: skip
    add_translation(
        entity="option", entity_id=question.options[0].id, language="cy", name="easy_read_label",
        text="Ydw",
    )  # fmt: skip


def test_an_untranslated_question_on_a_welsh_page_is_marked_english(client):
    survey = create_survey(questions=2)
    _translate(survey.questions[1])

    page = _first_question(client, survey.slug, "lang=cy")

    assert page.document.get("lang") == "cy"
    marked = page.all("h1 [lang=en]")
    assert [" ".join(e.text_content().split()) for e in marked] == ["Easy question 1?"]
    assert marked[0].get("dir") is None
    assert page.text("title").startswith("Easy question 1?")


def test_a_translated_question_on_a_welsh_page_is_not_marked(client):
    survey = create_survey(questions=2)
    _translate(survey.questions[0])

    page = _first_question(client, survey.slug, "lang=cy")

    assert page.text("h1") == "Cwestiwn hawdd 1?"
    assert page.all("h1 [lang]") == []
    labels = page.all(".govuk-radios__label")
    assert labels[0].cssselect("[lang]") == []
    assert [e.text_content() for e in labels[1].cssselect("[lang=en]")] == ["No"]


def test_english_on_an_arabic_page_also_reads_left_to_right(client):
    survey = create_survey(questions=1)

    page = _first_question(client, survey.slug, "lang=ar")

    marked = page.all("h1 [lang=en]")[0]
    assert (marked.text_content(), marked.get("dir")) == ("Easy question 1?", "ltr")


def test_an_english_page_marks_no_survey_words(client):
    survey = create_survey(questions=1)

    page = _first_question(client, survey.slug, "lang=en")

    assert page.all("main [lang]") == []


def test_the_start_page_marks_its_english_title_intro_and_contact_on_a_welsh_page(client):
    survey = create_survey(questions=1)
    survey.contact = "Call 0191 433 3000."
    db.session.commit()

    page = get(client, f"/s/{survey.slug}?lang=cy")

    marked = [" ".join(e.text_content().split()) for e in page.all("main [lang=en]")]
    assert marked == ["Test survey", "We want to know what you think.", "Call 0191 433 3000."]


def test_a_hint_in_english_on_a_welsh_page_is_marked(client):
    survey = create_survey(questions=1)
    survey.questions[0].hint = "Choose one answer."
    db.session.commit()

    page = _first_question(client, survey.slug, "lang=cy")

    assert page.text(".govuk-hint [lang=en]") == "Choose one answer."


def test_the_start_page_shows_the_survey_title_in_welsh_when_it_is_translated(client):
    survey = create_survey(questions=1)
    add_translation(
        entity="survey", entity_id=survey.id, language="cy", name="easy_read_title",
        text="Arolwg prawf",
    )  # fmt: skip
    page = get(client, f"/s/{survey.slug}?lang=cy")
    assert page.text("h1") == "Arolwg prawf"
    assert page.all("h1 [lang=en]") == []


def test_an_optional_untranslated_question_keeps_its_english_mark(client):
    survey = create_survey(questions=1, required=False)
    page = _first_question(client, survey.slug, "lang=cy")
    marked = page.all("h1 [lang=en]")
    assert [" ".join(e.text_content().split()) for e in marked] == ["Easy question 1?"]
