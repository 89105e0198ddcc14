"""Read aloud on every resident page that is not a question (issue 10, point 10): the start
page, check your answers, the confirmation, saved, the kiosk's start screen and "you said, we
did" each offer it, and it reads the page's heading first and then every paragraph, in order.
The browser's speech synthesis is replaced by a recorder."""

import pytest
from playwright.sync_api import expect

from tests.browser.resident import open_resident_page
from tests.browser.test_read_aloud import RECORD_SPEECH_JS

pytestmark = pytest.mark.browser

PAGES = ["start", "check", "thanks", "saved", "kiosk-start", "you-said-we-did"]
# The words of every paragraph a person can see in the main content, but the button's own.
VISIBLE_PARAGRAPHS_JS = """() => [...document.querySelectorAll('main p')]
    .filter(p => p.offsetParent !== null && !p.closest('.heard-read-aloud, .heard-honeypot'))
    .map(p => p.innerText.replace(/\\s+/g, ' ').trim())
    .filter(Boolean)"""


@pytest.mark.parametrize("name", PAGES)
def test_read_aloud_reads_the_whole_page(page, live_server, app, demo, name):
    page.add_init_script(RECORD_SPEECH_JS)
    open_resident_page(name, page, live_server, app, demo)
    button = page.get_by_role("button", name="Read aloud")
    expect(button).to_be_visible()

    button.click()

    spoken = page.evaluate("() => window.heardSpeech.spoken")
    texts = [" ".join(part["text"].split()) for part in spoken]
    heard = " ".join(texts)
    assert texts[0] == " ".join(page.locator("h1").inner_text().split())
    paragraphs = page.evaluate(VISIBLE_PARAGRAPHS_JS)
    assert paragraphs
    missing = [words for words in paragraphs if words not in heard]
    assert not missing, f"Not read aloud: {missing}"
    assert "Read aloud" not in texts, "The button does not read itself"
    expect(page.get_by_role("button", name="Stop reading")).to_be_visible()
