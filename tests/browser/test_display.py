"""The display choices in real Chromium (docs/accessibility.md K8, E9, WCAG 1.4.4, 3.1.2, 3.2.6): in
the same place on every page, working with JavaScript off, keeping the person on the same
page with the same answers; bigger text, high contrast with visible focus, words only, and
Arabic read right to left with pictures on the right of the words."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.resident import (
    first_question_path,
    press_continue,
    resident_address,
)
from tests.browser.test_journey import start_survey, tab_to

pytestmark = pytest.mark.browser

PROGRESS = ".heard-question__progress"
BODY_TEXT_SIZE_JS = "() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"


def choose(page: Page, words: str) -> None:
    """Open "Change how the page looks" and follow one of its choices."""
    details = page.locator(".heard-display__details")
    if details.get_attribute("open") is None:
        page.get_by_text("Change how the page looks").click()
    with page.expect_navigation():
        details.get_by_role("link", name=words, exact=True).click()


def display_position(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const display = document.querySelector('nav.heard-display');
            const box = display.getBoundingClientRect();
            return {top: Math.round(box.top + scrollY), left: Math.round(box.left),
                    before: display.compareDocumentPosition(document.querySelector('main'))
                        === Node.DOCUMENT_POSITION_FOLLOWING,
                    links: [...display.querySelectorAll('a')].map(a => a.textContent.trim())};
        }"""
    )


def test_the_display_choices_are_in_the_same_place_on_every_page(page, live_server, app, demo):
    names = ["home", "start", "question-1", "check", "thanks", "resume", "not-found"]
    positions = {}
    for name in names:
        page.goto(live_server + resident_address(name, app, demo))
        positions[name] = display_position(page)

    assert all(position["before"] for position in positions.values())
    assert len({(p["top"], p["left"], tuple(p["links"])) for p in positions.values()}) == 1, (
        positions
    )


def test_choices_work_with_javascript_off_and_keep_the_page_and_the_answers(
    new_context, live_server, demo
):
    page = new_context(width=PHONE, java_script_enabled=False).new_page()
    start_survey(page, live_server, demo)
    page.get_by_label("Happy", exact=True).check()
    press_continue(page)
    standard_size = page.evaluate(BODY_TEXT_SIZE_JS)

    choose(page, "Biggest")

    expect(page.locator(PROGRESS)).to_have_text(re.compile(r"^Question 2 of (about )?\d+$"))
    assert page.evaluate(BODY_TEXT_SIZE_JS) == pytest.approx(standard_size * 1.5, abs=0.5)
    with page.expect_navigation():
        page.get_by_role("link", name="Cymraeg").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.locator(PROGRESS)).to_have_text(re.compile(r"2"))
    assert page.evaluate(BODY_TEXT_SIZE_JS) == pytest.approx(standard_size * 1.5, abs=0.5)
    with page.expect_navigation():
        page.locator(".govuk-back-link").click()
    expect(page.locator("input:checked")).to_have_count(1)
    expect(page.locator("input:checked + label")).to_contain_text("Happy")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert page.evaluate(BODY_TEXT_SIZE_JS) == pytest.approx(standard_size * 1.5, abs=0.5)


@pytest.mark.parametrize(("words", "scale"), [("Standard", 1), ("Bigger", 1.25), ("Biggest", 1.5)])
def test_text_sizes_scale_the_words_and_the_answers(page, live_server, app, demo, words, scale):
    page.goto(live_server + first_question_path(app, demo))

    if words != "Standard":
        choose(page, words)

    label = page.locator(".govuk-radios__label").first
    assert page.evaluate(BODY_TEXT_SIZE_JS) == pytest.approx(19 * scale, abs=0.1)
    assert label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == pytest.approx(
        24 * scale, abs=0.1
    )


def test_high_contrast_is_light_on_black_with_focus_that_shows(page, live_server, app, demo):
    page.goto(live_server + first_question_path(app, demo))
    choose(page, "High contrast")

    colours = page.evaluate(
        """() => ({body: getComputedStyle(document.body).backgroundColor,
                   text: getComputedStyle(document.querySelector('h1')).color,
                   link: getComputedStyle(document.querySelector('.govuk-back-link')).color})"""
    )
    assert colours == {
        "body": "rgb(0, 0, 0)",
        "text": "rgb(255, 255, 255)",
        "link": "rgb(255, 255, 255)",
    }
    for selector in ["a.heard-display__choice", ".govuk-back-link", ".govuk-radios__input"]:
        tab_to(page, selector)


def test_words_only_hides_every_picture(page, live_server, app, demo):
    page.goto(live_server + first_question_path(app, demo))

    choose(page, "Words only")

    expect(page.locator(".govuk-radios__label").first).to_be_visible()
    assert page.locator("main img:visible").count() == 0
    assert "heard-words-only" in page.locator("body").get_attribute("class")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_arabic_reads_right_to_left_with_pictures_on_the_right(
    new_context, live_server, app, demo, width
):
    page = new_context(width=width).new_page()
    address = first_question_path(app, demo).replace("/questions/1?", "/questions/4?")
    english = _back_arrow(page, live_server + address)
    page.goto(f"{live_server}{address}&lang=ar")

    expect(page.locator("body")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.govuk-checkboxes__item')].map(item => {
            const box = e => e ? e.getBoundingClientRect() : null;
            const [input, picture, words] = ['input', 'img', '.heard-option__words']
                .map(s => box(item.querySelector(s)));
            return {input: input.left, picture: picture && picture.left, words: words.left};
        })"""
    )
    assert boxes
    for box in boxes:
        assert box["input"] > box["picture"] > box["words"], box
    assert _back_arrow(page) != english, "The back link arrow points the other way"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def _back_arrow(page: Page, address: str | None = None) -> dict:
    """Return where the back link's arrow is drawn and which way it turns."""
    if address:
        page.goto(address)
    return page.evaluate(
        """() => {
            const arrow = getComputedStyle(document.querySelector('.govuk-back-link'), '::before');
            return {left: arrow.left, right: arrow.right, transform: arrow.transform};
        }"""
    )
