"""In real Chromium: "Save and come back later" keeps the choice on its page for another
browser, the word count speaks in words and agrees with the server, and a form filler that
fills the hidden field gets one more press (issue 10, points 1, 5 and 12)."""

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from app.extensions import db
from app.services.answers import FREE_TEXT_MAX_WORDS
from tests.browser.resident import answer_current_question, press_continue
from tests.factories import create_survey

pytestmark = pytest.mark.browser

COUNT = ".govuk-character-count__status"


def _survey(app: Flask, **options) -> str:
    with app.app_context():
        slug = create_survey(**options).slug
        db.session.remove()
    return slug


def _start(page: Page, base_url: str, slug: str) -> None:
    page.goto(f"{base_url}/s/{slug}")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()


def test_the_choice_on_the_page_is_there_when_the_link_opens_in_a_new_browser(
    app, live_server, new_context
):
    slug = _survey(app, questions=4)
    page = new_context().new_page()
    _start(page, live_server, slug)
    for _ in range(2):
        answer_current_question(page)
        press_continue(page)
    page.get_by_label("Sometimes", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and come back later").click()
    link = page.locator(".heard-resume-link").get_attribute("href")

    later = new_context().new_page()
    later.goto(link)

    expect(later.locator("h1")).to_have_text("Easy question 4?")
    with later.expect_navigation():
        later.locator(".govuk-back-link").click()
    expect(later.get_by_label("Sometimes", exact=True)).to_be_checked()


def test_the_live_count_is_in_words_and_the_server_agrees(app, live_server, page):
    slug = _survey(app, questions=2, kinds=["free_text"])
    _start(page, live_server, slug)
    box = page.locator("textarea")
    expect(page.locator(".heard-word-limit")).to_have_text("You can write about 2 pages.")

    box.fill(" ".join(["word"] * (FREE_TEXT_MAX_WORDS - 10)))
    expect(page.locator(COUNT)).to_have_text("You can write 10 more words")
    box.fill(" ".join(["word"] * (FREE_TEXT_MAX_WORDS + 1)))
    expect(page.locator(COUNT)).to_have_text("You wrote 1 word too many")
    press_continue(page)
    expect(page.locator(".govuk-error-summary__list")).to_have_text(
        "Your answer is too long. You can write up to 1,000 words. You wrote 1,001 words."
    )

    page.locator("textarea").fill(" ".join(["word"] * FREE_TEXT_MAX_WORDS))
    expect(page.locator(COUNT)).to_have_text("You cannot write any more words")
    press_continue(page)
    expect(page.locator(".heard-question__progress")).to_have_text("Question 2 of 2")


def test_a_form_filler_that_fills_the_hidden_field_gets_one_more_press(app, live_server, page):
    slug = _survey(app, questions=2)
    _start(page, live_server, slug)
    page.get_by_label("No", exact=True).check()
    page.locator("input[name=website]").evaluate("field => { field.value = 'https://example.org' }")

    press_continue(page)

    expect(page.locator(".heard-press-again")).to_have_text("Please press Continue again.")
    expect(page.get_by_label("No", exact=True)).to_be_checked()
    press_continue(page)
    expect(page.locator(".heard-question__progress")).to_have_text("Question 2 of 2")
