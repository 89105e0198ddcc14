"""Every resident page in real Chromium: axe-core at phone and desktop widths, reflow at
320 CSS px, one h1, easy-read text (sans-serif, 19px and more, answers at 24px, left aligned,
no hyphenation, no stray markup) and answer targets of 44px.

Each page is loaded once per width and module, then every check reads it, which keeps the
suite quick. The checks only read the page, so their order does not matter.
"""

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from app.extensions import db
from app.services.demo import DEMO_SLUG, seed_demo
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    WIDTHS,
    assert_no_axe_violations,
    axe_violations,
    describe,
    open_context,
)
from tests.browser.resident import (
    OPTION_PAGES,
    RESIDENT_PAGES,
    open_resident_page,
)

pytestmark = pytest.mark.browser

BODY_TEXT_MIN_PX = 19
ANSWER_LABEL_MIN_PX = 24
TARGET_MIN_PX = 44

# Every visible run of text, with the font of the element that holds it.
VISIBLE_TEXT_JS = """() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode.textContent.trim();
        const element = walker.currentNode.parentElement;
        if (!text || element.closest('script, style, .govuk-visually-hidden, .heard-honeypot'))
            continue;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
        found.push({text: text.slice(0, 50), px: parseFloat(style.fontSize),
                    family: style.fontFamily, style: style.fontStyle,
                    element: element.tagName.toLowerCase() + '.' + element.classList[0]});
    }
    return found;
}"""

ANSWER_LABEL_SIZES_JS = """() => [...document.querySelectorAll(
        '.govuk-radios__label, .govuk-checkboxes__label')]
    .map(label => ({text: label.innerText.trim(),
                    px: parseFloat(getComputedStyle(label).fontSize)}))"""

JUSTIFIED_OR_HYPHENATED_JS = """() => [...document.querySelectorAll('body, body *')]
    .filter(e => {
        const style = getComputedStyle(e);
        return style.textAlign === 'justify' || style.hyphens === 'auto'
            || style.webkitHyphens === 'auto';
    })
    .map(e => e.tagName.toLowerCase() + '.' + e.className)"""

# The clickable box of each answer: its label, and the (transparent) input under the circle.
ANSWER_TARGETS_JS = """() => [...document.querySelectorAll(
        '.govuk-radios__item, .govuk-checkboxes__item')].map(item => {
    const label = item.querySelector('label').getBoundingClientRect();
    const input = item.querySelector('input').getBoundingClientRect();
    return {text: item.innerText.trim(), labelWidth: label.width, labelHeight: label.height,
            inputWidth: input.width, inputHeight: input.height};
})"""


class LoadedPages:
    """Resident pages loaded on demand, once each per width, in one context per width.

    The kiosk timeout page has a context of its own: Playwright's fake clock belongs to a
    whole context.
    """

    def __init__(self, browser: Browser, base_url: str, app) -> None:
        self.browser, self.base_url, self.app = browser, base_url, app
        self.contexts: dict[tuple[int, bool], BrowserContext] = {}
        self.pages: dict[tuple[str, int], Page] = {}

    def get(self, name: str, width: int) -> Page:
        """Return the page called `name` at `width` CSS px, loading it the first time."""
        if (name, width) not in self.pages:
            # Tables are emptied after every test: seed again (it is idempotent) before loading.
            with self.app.app_context():
                seed_demo()
                db.session.remove()
            key = (width, name == "kiosk-timeout")
            if key not in self.contexts:
                self.contexts[key] = open_context(self.browser, width=width)
            page = self.contexts[key].new_page()
            open_resident_page(name, page, self.base_url, self.app, DEMO_SLUG)
            self.pages[(name, width)] = page
        return self.pages[(name, width)]

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="module")
def resident_pages(browser, live_server, app):
    pages = LoadedPages(browser, live_server, app)
    yield pages
    pages.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_resident_page_has_no_axe_violations(resident_pages, name, width):
    page = resident_pages.get(name, width)

    assert_no_axe_violations(page, paused_clock=name == "kiosk-timeout")


@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_resident_page_does_not_scroll_sideways_at_320px(resident_pages, name):
    page = resident_pages.get(name, PHONE)

    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")

    assert scroll_width <= PHONE, f"{name} is {scroll_width}px wide at {PHONE}px"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_resident_page_has_exactly_one_h1(resident_pages, name, width):
    page = resident_pages.get(name, width)

    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_resident_page_is_never_justified_or_hyphenated(resident_pages, name):
    page = resident_pages.get(name, PHONE)

    assert page.evaluate(JUSTIFIED_OR_HYPHENATED_JS) == []


@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_resident_page_text_is_sans_serif_and_never_italic(resident_pages, name):
    page = resident_pages.get(name, PHONE)

    texts = page.evaluate(VISIBLE_TEXT_JS)
    wrong = [t for t in texts if not t["family"].endswith("sans-serif") or t["style"] != "normal"]

    assert texts
    assert not wrong, f"Text in a serif font or in italics:\n{describe(wrong)}"


@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_resident_page_shows_no_html_tags_as_words(resident_pages, name):
    page = resident_pages.get(name, PHONE)

    words = page.inner_text("body")

    assert not re.search(r"</?[a-z]+[ >]", words), words


@pytest.mark.parametrize("name", RESIDENT_PAGES)
def test_resident_page_text_is_at_least_19px_on_a_phone(resident_pages, name):
    page = resident_pages.get(name, PHONE)

    texts = page.evaluate(VISIBLE_TEXT_JS)
    too_small = [text for text in texts if text["px"] < BODY_TEXT_MIN_PX]

    assert len(texts) > 3
    assert not too_small, f"Text under {BODY_TEXT_MIN_PX}px:\n{describe(too_small)}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", OPTION_PAGES)
def test_answer_labels_are_at_least_24px(resident_pages, name, width):
    page = resident_pages.get(name, width)

    labels = page.evaluate(ANSWER_LABEL_SIZES_JS)
    too_small = [label for label in labels if label["px"] < ANSWER_LABEL_MIN_PX]

    assert labels
    assert not too_small, f"Answers under {ANSWER_LABEL_MIN_PX}px:\n{describe(too_small)}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", OPTION_PAGES)
def test_answers_are_targets_of_at_least_44px(resident_pages, name, width):
    page = resident_pages.get(name, width)

    targets = page.evaluate(ANSWER_TARGETS_JS)
    small = [
        target
        for target in targets
        if min(target["labelWidth"], target["labelHeight"]) < TARGET_MIN_PX
        or min(target["inputWidth"], target["inputHeight"]) < TARGET_MIN_PX
    ]

    assert targets
    assert not small, f"Answers smaller than {TARGET_MIN_PX}px:\n{describe(small)}"


def test_axe_check_fails_on_a_page_with_an_unlabelled_input_and_an_image_without_alt(browser):
    context = open_context(browser, width=DESKTOP)
    page = context.new_page()
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>'
        '<h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<input type="text" name="answer"></main></body></html>'
    )

    rules = {violation["id"] for violation in axe_violations(page)}
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page)
    context.close()

    assert {"image-alt", "label"} <= rules
    assert "image-alt (critical): Images must have alternative text\n    img" in str(failure.value)
    assert "label (critical): Form elements must have labels\n    input" in str(failure.value)
