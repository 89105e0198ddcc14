"""The privacy notice and the accessibility statement: easy-read defaults, the council's own
words when it gives them, and a link from every resident page's footer."""

import pytest

from tests.factories import create_survey
from tests.pages import get


@pytest.fixture
def survey(app_context):
    return create_survey(questions=1)


@pytest.mark.parametrize("address", ["/", "/s/{slug}", "/privacy", "/take-back-my-answers"])
def test_every_resident_page_links_to_privacy_accessibility_and_taking_back(
    client, survey, address
):
    page = get(client, address.format(slug=survey.slug))
    links = {a.text_content().strip(): a.get("href") for a in page.all(".heard-footer__links a")}
    assert [href.split("?")[0] for href in links.values()] == [
        "/privacy",
        "/accessibility",
        "/take-back-my-answers",
    ]
    assert list(links) == ["Privacy", "Accessibility", "Take back my answers"]


def test_the_default_privacy_notice_says_how_long_answers_are_kept(client, app_context):
    page = get(client, "/privacy")
    assert page.text("h1") == "How we look after your answers"
    assert "How long we keep your answers" in page.texts("h2")
    assert page.all("a[href^='/take-back-my-answers']")


def test_the_default_accessibility_statement_says_how_to_report_a_problem(client, app_context):
    page = get(client, "/accessibility")
    assert page.text("h1") == "Accessibility"
    assert "Tell us about a problem" in page.texts("h2")


@pytest.fixture
def council_words(app, tmp_path):
    (tmp_path / "privacy-notice.txt").write_text(
        "## Who we are\n\nGateshead Council.\nWe <b>care</b>.\n\n"
        "## Contact\n\ndpo@example.gov.uk\n",
        encoding="utf-8",
    )
    (tmp_path / "privacy-notice.cy.txt").write_text("## Pwy ydym ni\n\nCyngor.", encoding="utf-8")
    app.config["NOTICES_FOLDER"] = str(tmp_path)
    yield
    app.config["NOTICES_FOLDER"] = None


def test_the_councils_own_words_replace_the_default_and_are_shown_as_text(client, council_words):
    page = get(client, "/privacy")
    assert page.texts(".heard-body h2") == ["Who we are", "Contact"]
    assert page.texts(".heard-body p") == [
        "Gateshead Council. We <b>care</b>.",
        "dpo@example.gov.uk",
    ]
    assert page.all(".heard-body b") == []
    default = get(client, "/accessibility")
    assert "Tell us about a problem" in default.texts("h2")


def test_the_councils_welsh_words_are_shown_on_welsh_pages(client, council_words):
    welsh = get(client, "/privacy?lang=cy")
    assert welsh.texts(".heard-body h2") == ["Pwy ydym ni"]
    assert welsh.all(".heard-body [lang=cy] p")


def test_without_arabic_words_the_councils_english_is_marked_english(client, council_words):
    arabic = get(client, "/privacy?lang=ar")
    assert arabic.texts(".heard-body [lang=en] h2") == ["Who we are", "Contact"]


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_the_default_notices_are_translated(app, app_context, lang):
    page = get(app.test_client(), f"/privacy?lang={lang}")
    assert page.text("h1") != "How we look after your answers"
    statement = get(app.test_client(), f"/accessibility?lang={lang}")
    assert statement.text("h1") != "Accessibility"
