"""The resident journey in real Chromium: with JavaScript off, by keyboard alone, with the
browser's Back button, and through an error, never asking another web site for anything.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, RequestLog
from tests.browser.resident import (
    QUESTION_COUNT,
    answer_every_question,
    on_a_question,
    press_continue,
)

pytestmark = pytest.mark.browser

# Is the focused element visibly marked? GOV.UK draws focus on a radio or checkbox on its
# label's ::before box, and on links and buttons with an outline, shadow or yellow background.
FOCUS_IS_VISIBLE_JS = """() => {
    let element = document.activeElement;
    let style = getComputedStyle(element);
    if (element.matches('.govuk-radios__input, .govuk-checkboxes__input')) {
        style = getComputedStyle(document.querySelector(`label[for="${element.id}"]`), '::before');
    }
    return style.outlineStyle !== 'none' && style.outlineColor !== 'rgba(0, 0, 0, 0)'
        || style.boxShadow !== 'none'
        || style.backgroundColor === 'rgb(255, 221, 0)';
}"""


def start_survey(page: Page, base_url: str, slug: str) -> None:
    """Open the start page and follow "Start now"."""
    page.goto(f"{base_url}/s/{slug}")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()


def send_answers(page: Page) -> None:
    """Press "Send my answers" on the check page."""
    expect(page.locator("h1")).to_have_text("Check your answers")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()


def tab_to(page: Page, selector: str, *, presses: int = 40) -> None:
    """Press Tab until the focused element matches `selector`, checking focus is visible."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            assert page.evaluate(FOCUS_IS_VISIBLE_JS), f"Focus on {selector} cannot be seen"
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def answer_by_keyboard(page: Page) -> None:
    """Answer the question on screen with Tab, Space and typing, then press Enter."""
    if page.locator(".govuk-radios__input, .govuk-checkboxes__input").count():
        tab_to(page, ".govuk-radios__input, .govuk-checkboxes__input")
        page.keyboard.press("Space")
        assert page.evaluate("() => document.activeElement.checked")
    else:
        tab_to(page, "textarea, input[inputmode=numeric]")
        words = "3" if page.evaluate("() => document.activeElement.tagName") == "INPUT" else "Hi"
        page.keyboard.type(words)
    tab_to(page, "button.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def expect_confirmation(page: Page) -> None:
    expect(page.locator(".govuk-panel__title")).to_have_text("We have your answers")
    # The reference number shows in groups of 5, which wrap on a narrow screen.
    expect(page.locator(".govuk-panel__body strong")).to_have_text(
        re.compile(r"^[A-Z0-9]{5}( [A-Z0-9]{1,5})+$")
    )


def test_resident_answers_every_question_and_sends_with_javascript_off(
    new_context, live_server, demo
):
    context = new_context(width=PHONE, java_script_enabled=False)
    requests = RequestLog(context)
    page = context.new_page()

    start_survey(page, live_server, demo)
    given = answer_every_question(page)
    check_text = page.inner_text(".govuk-summary-list")
    send_answers(page)

    expect_confirmation(page)
    assert all(answer in check_text for answer in given), (given, check_text)
    assert requests.urls
    assert requests.foreign() == []


def test_resident_answers_every_question_and_sends_by_keyboard_alone(
    new_context, live_server, demo
):
    context = new_context(width=PHONE)
    requests = RequestLog(context)
    page = context.new_page()
    page.goto(f"{live_server}/s/{demo}")

    tab_to(page, "a.govuk-button--start")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    answered = 0
    while on_a_question(page):
        assert answered <= QUESTION_COUNT, "More questions than the survey has"
        if "/questions/" in page.url:
            expect(page.locator(".heard-question__progress")).to_have_text(
                re.compile(rf"^Question {answered + 1} of (about )?\d+$")
            )
        answer_by_keyboard(page)
        answered += 1
    expect(page.locator("h1")).to_have_text("Check your answers")
    # Past "Read aloud", which comes first on the page.
    tab_to(page, "form[action*='/send'] button.govuk-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect_confirmation(page)
    assert requests.foreign() == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_browser_back_shows_the_answers_already_given(new_context, live_server, demo, javascript):
    page = new_context(java_script_enabled=javascript).new_page()
    start_survey(page, live_server, demo)
    page.get_by_label("Happy", exact=True).check()
    press_continue(page)
    page.get_by_label("No", exact=True).check()
    press_continue(page)
    expect(page.locator(".heard-question__progress")).to_have_text(
        re.compile(r"^Question 3 of (about )?\d+$")
    )

    page.go_back()
    expect(page.locator(".heard-question__progress")).to_have_text(
        re.compile(r"^Question 2 of (about )?\d+$")
    )
    expect(page.get_by_label("No", exact=True)).to_be_checked()
    page.go_back()

    expect(page.locator(".heard-question__progress")).to_have_text(
        re.compile(r"^Question 1 of (about )?\d+$")
    )
    expect(page.get_by_label("Happy", exact=True)).to_be_checked()
    expect(page.locator("input:checked")).to_have_count(1)


def test_back_link_on_the_page_shows_the_answer_already_given(page, live_server, demo):
    start_survey(page, live_server, demo)
    page.get_by_label("Very sad").check()
    press_continue(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Back", exact=True).click()

    expect(page.locator(".heard-question__progress")).to_have_text(
        re.compile(r"^Question 1 of (about )?\d+$")
    )
    expect(page.get_by_label("Very sad")).to_be_checked()


def test_error_summary_takes_focus_and_the_title_starts_with_error(page, live_server, demo):
    start_survey(page, live_server, demo)

    press_continue(page)

    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    assert page.evaluate("() => document.activeElement.closest('.govuk-error-summary') !== null"), (
        "Focus is not in the error summary"
    )
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")


def test_error_summary_link_moves_focus_to_the_first_answer(page, live_server, demo):
    start_survey(page, live_server, demo)
    press_continue(page)

    page.locator(".govuk-error-summary__list a").first.click()

    expect(page.locator(".govuk-radios__input").first).to_be_focused()
    expect(page.locator(".govuk-error-message")).to_be_visible()


def test_save_and_come_back_later_with_the_code_works_with_javascript_off(
    new_context, live_server, demo
):
    page = new_context(width=PHONE, java_script_enabled=False).new_page()
    start_survey(page, live_server, demo)
    page.get_by_label("Sad", exact=True).check()
    press_continue(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator("h1")).to_have_text("Your answers are saved")
    code = page.locator(".heard-resume-code").inner_text()
    later = new_context(width=PHONE, java_script_enabled=False).new_page()
    later.goto(live_server + page.locator("a.heard-address").first.get_attribute("href"))
    later.get_by_label("Come back to your answers").fill(code.lower())
    press_continue(later)

    expect(later.locator(".heard-question__progress")).to_have_text(
        re.compile(r"^Question 2 of (about )?\d+$")
    )
    with later.expect_navigation():
        later.get_by_role("link", name="Back", exact=True).click()
    expect(later.get_by_label("Sad", exact=True)).to_be_checked()
