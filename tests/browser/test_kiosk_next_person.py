"""A kiosk forgets the last person completely, in real Chromium (issue 10, point 7): after
the idle reset and after a send, the next person gets the kiosk's own display choices (set
by staff), not the last person's language, text size and colours, and Back reaches no page
of the last visit, the confirmation with its reference number included."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.services import kiosks
from app.services.kiosks import WARNING_SECONDS
from tests.browser.conftest import PHONE
from tests.browser.resident import answer_every_question, create_kiosk, open_idle_dialog

pytestmark = pytest.mark.browser

WELSH = {"lang": "cy", "words": "easy", "pictures": "on", "size": "0", "contrast": "normal"}


@pytest.fixture
def welsh_kiosk(app, demo, monkeypatch) -> str:
    """A kiosk whose screen starts in Welsh; its visits end two seconds on (journey tokens
    tell the time to the second)."""
    key = create_kiosk(app, demo)
    with app.app_context():
        kiosks.set_display_defaults(kiosks.kiosk_by_key(key), WELSH)
        db.session.remove()
    monkeypatch.setattr(kiosks, "utc_now", lambda: datetime.now(UTC) + timedelta(seconds=2))
    return key


def _looks(page) -> dict:
    return page.evaluate(
        """() => ({lang: document.documentElement.lang,
                   classes: [...document.body.classList].filter(c => c.startsWith('heard-'))})"""
    )


def _start_a_visit(new_context, kiosk_address: str, choices: str):
    """Open the kiosk's start screen with the display `choices` a person made, on a
    phone-sized page with a fake clock, and press Start."""
    page = new_context(width=PHONE).new_page()
    page.clock.install()
    page.goto(f"{kiosk_address}?{choices}")
    with page.expect_navigation():
        page.locator(".heard-kiosk-start__button").click()
    return page


def test_after_the_idle_reset_the_next_person_gets_the_kiosks_own_display(
    new_context, live_server, welsh_kiosk
):
    page = _start_a_visit(
        new_context, f"{live_server}/k/{welsh_kiosk}", "lang=ar&size=2&contrast=high"
    )
    assert _looks(page) == {"lang": "ar", "classes": ["heard-text-size-2", "heard-high-contrast"]}
    open_idle_dialog(page)

    with page.expect_navigation(url=re.compile(rf"/k/{welsh_kiosk}\?reset=1$")):
        page.clock.run_for(WARNING_SECONDS * 1000 + 1000)

    assert _looks(page) == {"lang": "cy", "classes": []}
    page.go_back()
    assert re.search(rf"/k/{welsh_kiosk}$", page.url), page.url
    assert _looks(page) == {"lang": "cy", "classes": []}
    expect(page.locator(".heard-question__progress")).to_have_count(0)


def test_after_a_send_the_next_person_gets_the_kiosks_own_display_and_back_shows_no_reference(
    new_context, live_server, welsh_kiosk
):
    page = _start_a_visit(
        new_context, f"{live_server}/k/{welsh_kiosk}", "lang=en&size=2&contrast=high"
    )
    answer_every_question(page)
    page.wait_for_load_state("networkidle")  # the send-retry module has been imported
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url(re.compile(r"/thanks/"))
    reference = page.locator(".heard-reference").inner_text()
    assert re.fullmatch(r"\w{5} \w{5}", reference), reference
    page.wait_for_load_state("networkidle")  # the return-to-start module has been imported

    with page.expect_navigation(url=re.compile(rf"/k/{welsh_kiosk}$")):
        page.clock.run_for(11_000)

    assert _looks(page) == {"lang": "cy", "classes": []}
    for _ in range(2):
        page.go_back()
        assert re.search(rf"/k/{welsh_kiosk}$", page.url), page.url
        expect(page.locator(".heard-reference")).to_have_count(0)
        assert reference.replace(" ", "") not in page.content().replace(" ", "")
