"""The free-text limit is said in easy words ("You can write about 2 pages") and counted in
words, the same way on the page and on the server (issue 10, point 12)."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Draft
from app.services.answers import FREE_TEXT_MAX_WORDS, word_count
from tests import journey
from tests.factories import create_survey
from tests.pages import check_page


@pytest.fixture
def text_page(client):
    survey = create_survey(questions=1, kinds=["free_text"])
    return journey.start(client, survey.slug)


def _words(count: int) -> str:
    return " ".join(["word"] * count)


def test_the_page_says_the_limit_in_pages_and_counts_words(text_page):
    box = text_page.all(".govuk-character-count")[0]

    assert text_page.text(".heard-word-limit") == "You can write about 2 pages."
    assert box.get("data-maxwords") == str(FREE_TEXT_MAX_WORDS)
    assert box.get("data-maxlength") is None, "characters are not what people count"
    assert text_page.text(".govuk-character-count__message") == "You can write up to 1,000 words."
    assert "characters" not in text_page.text("main")


def test_the_live_count_speaks_in_easy_words(text_page):
    box = text_page.all(".govuk-character-count")[0]

    assert box.get("data-i18n.words-under-limit.other") == "You can write %{count} more words"
    assert box.get("data-i18n.words-over-limit.one") == "You wrote 1 word too many"


def test_the_server_takes_as_many_words_as_the_page_offers(client, text_page):
    response = journey.answer(client, text_page, _words(FREE_TEXT_MAX_WORDS))

    assert response.status_code == 303
    draft = db.session.scalars(select(Draft)).one()
    assert word_count(next(iter(draft.answers.values()))["text"]) == FREE_TEXT_MAX_WORDS


def test_one_word_more_than_the_page_offers_is_refused_in_words(client, text_page):
    page = check_page(journey.answer(client, text_page, _words(FREE_TEXT_MAX_WORDS + 1)))

    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == (
        "Your answer is too long. You can write up to 1,000 words. You wrote 1,001 words."
    )
    assert page.text("textarea").startswith("word word")


def test_long_words_in_any_language_count_as_words_not_letters(client, text_page):
    welsh = " ".join(["cyfrifoldebau"] * 900)  # 12,600 characters

    assert journey.answer(client, text_page, welsh).status_code == 303


def test_one_enormous_word_is_still_refused(client, text_page):
    page = check_page(journey.answer(client, text_page, "x" * 20001))

    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == "Your answer is too long. Make it shorter."


@pytest.mark.parametrize(
    ("text", "count"),
    [("", 0), ("  one  ", 1), ("two\nlines", 2), ("tab\tand\u00a0nbsp", 3), ("مرحبا بكم", 2)],
)
def test_words_are_counted_as_the_page_counts_them(text, count):
    assert word_count(text) == count
