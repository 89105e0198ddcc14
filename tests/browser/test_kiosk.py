"""A kiosk in real Chromium with Playwright's fake clock (docs/bad-input.md REL-5,
docs/accessibility.md K1, K2): the idle question, "I need more time" ten times over, and the
reset that leaves the next person nothing to see, on the screen or in the database."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import Draft
from app.services import kiosks
from app.services.kiosks import WARNING_SECONDS
from tests.browser.conftest import PHONE
from tests.browser.resident import (
    KIOSK_IDLE_SECONDS,
    create_kiosk,
    kiosk_question_path,
    open_idle_dialog,
    press_continue,
    thanks_path,
)

pytestmark = pytest.mark.browser


def _drafts(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Draft))
        db.session.remove()
    return count


@pytest.fixture
def kiosk_page(new_context, live_server, app, demo) -> tuple[Page, str]:
    """A phone-sized page with a fake clock on question 1 of a kiosk journey; and the key."""
    key = create_kiosk(app, demo)
    page = new_context(width=PHONE).new_page()
    page.clock.install()
    page.goto(live_server + kiosk_question_path(app, key))
    page.wait_for_load_state("networkidle")  # the idle timer's module is running
    return page, key


def test_an_idle_kiosk_asks_if_anyone_is_still_there_and_moves_focus_to_the_question(
    kiosk_page,
):
    page, _ = kiosk_page
    dialog = page.get_by_role("alertdialog", name="Are you still there?")
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    page.clock.run_for((KIOSK_IDLE_SECONDS - 5) * 1000)
    expect(dialog).to_be_hidden()

    page.clock.run_for(5000)

    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    # The clock ran on a moment past the idle time: the countdown may have ticked once.
    countdown = rf"We delete your answers in ({WARNING_SECONDS}|{WARNING_SECONDS - 1}) seconds\."
    expect(dialog).to_contain_text(re.compile(countdown))
    assert page.evaluate("() => document.activeElement.closest('[role=alertdialog]') !== null")
    more_time = page.get_by_role("button", name="I need more time")
    expect(more_time).to_be_focused()
    box = more_time.bounding_box()
    assert box["width"] >= 44
    assert box["height"] >= 44


def test_i_need_more_time_works_ten_times_and_keeps_the_answers(kiosk_page, app):
    page, _ = kiosk_page
    page.get_by_label("Happy", exact=True).check()
    press_continue(page)
    page.get_by_label("No", exact=True).check()
    address = page.url

    for _ in range(10):
        open_idle_dialog(page)
        expect(page.locator(".heard-kiosk__seconds")).to_have_text(str(WARNING_SECONDS))
        page.clock.run_for((WARNING_SECONDS - 2) * 1000)
        page.get_by_role("button", name="I need more time").click()
        expect(page.get_by_role("alertdialog")).to_be_hidden()

    assert page.url == address
    expect(page.get_by_label("No", exact=True)).to_be_checked()
    assert _drafts(app) == 1
    press_continue(page)
    expect(page.locator(".heard-question__progress")).to_have_text(
        re.compile(r"^Question 3 of (about )?\d+$")
    )


def test_nobody_answering_deletes_the_draft_and_back_shows_nothing(kiosk_page, app, monkeypatch):
    # Journey tokens tell the time to the second: the visit ends two seconds on.
    monkeypatch.setattr(kiosks, "utc_now", lambda: datetime.now(UTC) + timedelta(seconds=2))
    page, key = kiosk_page
    page.get_by_label("Very happy").check()
    press_continue(page)
    page.get_by_label("Yes", exact=True).check()
    assert _drafts(app) == 1
    open_idle_dialog(page)

    with page.expect_navigation(url=re.compile(rf"/k/{re.escape(key)}\?reset=1$")):
        page.clock.run_for(WARNING_SECONDS * 1000 + 1000)

    expect(page.locator("main")).to_contain_text("We deleted the answers on this screen.")
    assert _drafts(app) == 0
    # Back reaches no page of the last visit: each one shows the start screen instead.
    for _ in range(2):
        page.go_back()
        assert re.search(rf"/k/{re.escape(key)}$", page.url), page.url
        expect(page.get_by_role("button", name="Start")).to_be_visible()
        expect(page.locator(".heard-question__progress, input:checked")).to_have_count(0)


def test_the_kiosk_confirmation_goes_back_to_the_start_screen_by_itself(
    new_context, live_server, app, demo
):
    key = create_kiosk(app, demo)
    address = thanks_path(app, demo, first=kiosk_question_path(app, key))
    page = new_context(width=PHONE).new_page()
    page.clock.install()
    page.goto(live_server + address)
    expect(page.locator(".heard-next-person__notice")).to_be_visible()
    expect(page.get_by_role("button", name="Start again for the next person")).to_be_visible()

    with page.expect_navigation(url=re.compile(rf"/k/{re.escape(key)}$")):
        page.clock.run_for(11_000)

    expect(page.get_by_role("button", name="Start")).to_be_visible()


def test_a_network_blip_while_sending_on_a_kiosk_retries_with_the_same_token(
    new_context, live_server, app, demo
):
    from app.models import Response
    from tests.browser.resident import answer_every_question

    key = create_kiosk(app, demo)
    page = new_context(width=PHONE).new_page()
    page.goto(live_server + kiosk_question_path(app, key))
    answer_every_question(page)
    failures = {"left": 2}

    def drop_the_first_two(route):
        if failures["left"]:
            failures["left"] -= 1
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route(re.compile(r".*/send$"), drop_the_first_two)
    page.wait_for_load_state("networkidle")  # the retry module has been imported
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".heard-send-retry__status")).to_contain_text("We are trying again")
    page.wait_for_url(re.compile(r"/thanks/"), timeout=30_000)
    assert failures["left"] == 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 1
        db.session.remove()
