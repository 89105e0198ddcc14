"""No sideways scroll at 320 CSS px (WCAG 1.4.10, issue 10 point 9) on every resident page
with each bigger text size and with high contrast: the existing accessibility test covers the
standard size. The confirmation page's reference number wraps in groups instead of
overflowing its panel."""

import pytest

from app.extensions import db
from app.services.demo import DEMO_SLUG, seed_demo
from tests.browser.conftest import PHONE, open_context
from tests.browser.resident import RESIDENT_PAGES, open_resident_page

pytestmark = pytest.mark.browser

DISPLAYS = ["size=1", "size=2", "contrast=high", "size=2&contrast=high"]
# Elements that reach past the right edge of the screen: the page scrolls sideways, or (where a
# box clips its content) words are cut off. Hidden helpers (skip link, honeypot, screen
# reader text) do not count.
HIDDEN_HELPERS = ".govuk-visually-hidden, .govuk-skip-link, .heard-honeypot, dialog:not([open])"
TOO_WIDE_JS = """([width, hidden]) => [...document.querySelectorAll('body *')]
    .filter(e => !e.closest(hidden) && e.getBoundingClientRect().right > width + 1)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} ${e.getBoundingClientRect().right}`)"""


@pytest.fixture(scope="module")
def phone(browser):
    """One phone-sized context for the module (each page in a tab of its own)."""
    context = open_context(browser, width=PHONE)
    yield context
    context.close()


@pytest.mark.parametrize("display", DISPLAYS)
@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_resident_page_does_not_scroll_sideways_at_320px_with_any_display(
    browser, phone, live_server, app, name, display
):
    with app.app_context():
        seed_demo()
        db.session.remove()
    # The kiosk timeout page runs a fake clock, which belongs to its whole context.
    context = open_context(browser, width=PHONE) if name == "kiosk-timeout" else phone
    page = context.new_page()
    try:
        open_resident_page(name, page, live_server, app, DEMO_SLUG, query=display)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        too_wide = page.evaluate(TOO_WIDE_JS, [PHONE, HIDDEN_HELPERS])
        assert width <= PHONE, f"{name} with {display} is {width}px wide: {too_wide}"
        assert not too_wide, f"{name} with {display} reaches past {PHONE}px: {too_wide}"
    finally:
        page.close()
        if context is not phone:
            context.close()


def test_the_reference_number_wraps_in_groups_with_the_biggest_text(phone, live_server, app, demo):
    page = phone.new_page()
    open_resident_page("thanks", page, live_server, app, demo, query="size=2")

    groups = page.locator(".heard-reference__group").all_inner_texts()
    tops = page.evaluate(
        "() => [...document.querySelectorAll('.heard-reference__group')]"
        ".map(g => g.getBoundingClientRect().top)"
    )
    page.close()

    assert len(groups) == 2
    assert all(len(group) == 5 for group in groups)
    assert tops[1] > tops[0], "At 320px with the biggest text the groups are on two lines"


@pytest.mark.parametrize("language", ["cy", "ar"])
def test_the_or_before_none_of_these_stays_one_word_with_the_biggest_text(
    phone, live_server, demo, language
):
    """GOV.UK Frontend sizes the divider for "or"; Welsh "neu" broke in two at 320px."""
    page = phone.new_page()
    page.goto(f"{live_server}/s/{demo}?lang={language}&size=2")
    page.click("a.govuk-button--start")
    page.goto(page.url.replace("/questions/1", "/questions/4"))
    divider = page.locator(".govuk-checkboxes__divider").first
    height = divider.bounding_box()["height"]
    line = page.evaluate(
        "e => parseFloat(getComputedStyle(e).lineHeight)", divider.element_handle()
    )
    page.close()

    assert height < 1.5 * line, f"the divider is {height}px high, its line {line}px"
