"""Bring a browser to each resident page of the demo survey, and answer questions in it.

Later pages (check your answers, confirmation) need a journey with answers. The quick way
there is the Flask test client, which needs no cookies either: the journey lives in the
signed token in the address, so the browser can carry on from the same address.
"""

import itertools
import re
from urllib.parse import urlsplit

import yaml
from flask import Flask
from playwright.sync_api import Page, expect

from app.extensions import db
from app.models import Partner, PartnerLink
from app.services import kiosks, surveys
from app.services.demo import DEMO_FILE
from tests import journey
from tests.pages import get

_DEMO_QUESTIONS = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))["questions"]
QUESTION_COUNT = len(_DEMO_QUESTIONS)
QUESTION_PAGES = [f"question-{n}" for n in range(1, QUESTION_COUNT + 1)]
ERROR_PAGE = "question-1-error"
# Question pages whose answers are radios or checkboxes (question 1's error page too).
OPTION_PAGES = [
    *(f"question-{n}" for n, item in enumerate(_DEMO_QUESTIONS, start=1) if item.get("options")),
    ERROR_PAGE,
]
KIOSK_IDLE_SECONDS = 60  # the shortest idle time staff can set
# Question pages with display choices: name → (page it shows, query string).
DISPLAY_PAGES = {
    "question-1-welsh": ("question-1", "lang=cy"),
    "question-4-arabic": ("question-4", "lang=ar"),
    "question-1-biggest-text": ("question-1", "size=2"),
    "question-6-biggest-text": ("question-6", "size=2"),
    "question-1-error-high-contrast": (ERROR_PAGE, "contrast=high"),
}
RESIDENT_PAGES = [
    "home",
    "start",
    *QUESTION_PAGES,
    ERROR_PAGE,
    "how-you-answered",
    "check",
    "check-expired",
    "thanks",
    "saved",
    "resume",
    "you-said-we-did",
    "take-back",
    "taken-back",
    "privacy",
    "accessibility",
    "not-found",
    "kiosk-start",
    "kiosk-timeout",
    "embedded-question",
    *DISPLAY_PAGES,
]
OPTION_PAGES += [name for name, (shows, _) in DISPLAY_PAGES.items() if shows in OPTION_PAGES]
SUPPORT_PATH = "/how-you-answered"
TEXT_ANSWER = "More buses to the day centre"
NUMBER_ANSWER = "3"


def _path(location: str) -> str:
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def first_question_path(app: Flask, slug: str) -> str:
    """Return the address of question 1 with a fresh journey token, as "Start now" links."""
    start = get(app.test_client(), f"/s/{slug}")
    return start.all("a.govuk-button--start")[0].get("href")


def _an_answer(page) -> tuple[str, str]:
    """Return the field name and a valid answer for the question on a fetched page."""
    choices = page.all("input[type=radio], input[type=checkbox]")
    if choices:
        return choices[0].get("name"), choices[0].get("value")
    if page.all("textarea"):
        return page.all("textarea")[0].get("name"), TEXT_ANSWER
    return page.all("input[inputmode=numeric]")[0].get("name"), NUMBER_ANSWER


def check_path(app: Flask, slug: str, *, first: str | None = None) -> str:
    """Answer every question asked through the test client, the optional "How did you
    answer?" too; return the check-your-answers address.

    `first`: the address of question 1 to start from (a kiosk's or partner's journey).
    """
    client = app.test_client()
    page = get(client, first) if first else journey.start(client, slug)
    for _ in range(QUESTION_COUNT + 1):
        name, value = _an_answer(page)
        form = page.all("form")[0]
        response = client.post(form.get("action"), data={**page.form_fields(), name: value})
        assert response.status_code == 303, response.get_data(as_text=True)
        location = _path(response.headers["Location"])
        if "/check" in location:
            return location
        page = get(client, location)
    raise AssertionError("The demo survey never reached check your answers")


def thanks_path(app: Flask, slug: str, *, first: str | None = None) -> str:
    """Answer and send the demo survey through the test client; return the thanks address."""
    client = app.test_client()
    check = get(client, check_path(app, slug, first=first))
    form = check.all("form")[0]
    response = client.post(form.get("action"), data=check.form_fields())
    assert response.status_code == 303, response.get_data(as_text=True)
    return _path(response.headers["Location"])


_numbers = itertools.count(1)


def create_kiosk(app: Flask, slug: str, idle_seconds: int = KIOSK_IDLE_SECONDS) -> str:
    """Set up a kiosk for the survey; return its key."""
    with app.app_context():
        survey = surveys.get_open_survey(slug)
        key = kiosks.create_kiosk(survey=survey, venue="Library", idle_seconds=idle_seconds).key
        db.session.remove()
    return key


def create_embed_link(app: Flask, slug: str, allowed_origins: str) -> str:
    """Let a partner embed the survey from `allowed_origins`; return the embed code.

    The Partner row is written directly: the staff form accepts only https:// sites, and
    test hosts on loopback are http://.
    """
    with app.app_context():
        survey = surveys.get_open_survey(slug)
        number = next(_numbers)
        partner = Partner(name=f"Test partner {number}", allowed_origins=allowed_origins)
        link = PartnerLink(partner=partner, survey=survey, label="Web site", code=f"embed{number}")
        db.session.add_all([partner, link])
        db.session.commit()
        code = link.code
        db.session.remove()
    return code


def kiosk_question_path(app: Flask, key: str) -> str:
    """Return question 1 of a kiosk journey, as the kiosk's "Start" button links to it."""
    start = get(app.test_client(), f"/k/{key}")
    return start.all("a.govuk-button--start")[0].get("href")


def open_idle_dialog(page: Page, idle_seconds: int = KIOSK_IDLE_SECONDS) -> None:
    """On a kiosk page loaded after `page.clock.install()`, pause the fake clock and run it
    on a second at a time until "Are you still there?" opens; the clock stays paused.

    A second at a time, so the dialog is seen before its countdown first ticks (one long
    jump to just before the idle time missed the dialog in Chromium here).
    """
    # The idle timer starts when the kiosk module has loaded: pausing the clock before that
    # left the timer unset on a busy machine, and the dialog never came.
    page.wait_for_load_state("networkidle")
    # In seconds, not ms; half a second on, as a running clock moves while we ask.
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 0.5)
    for _ in range(idle_seconds + 5):
        page.clock.run_for(1000)
        if page.evaluate("() => Boolean(document.querySelector('dialog[open]'))"):
            break
    expect(page.get_by_role("alertdialog")).to_be_visible()


def resident_address(name: str, app: Flask, slug: str) -> str:
    """Return the address of one of RESIDENT_PAGES (the error page is question 1's)."""
    fixed = {
        "home": "/",
        "start": f"/s/{slug}",
        "resume": f"/s/{slug}/resume",
        "you-said-we-did": f"/s/{slug}/you-said-we-did",
        "take-back": "/take-back-my-answers",
        "taken-back": "/take-back-my-answers/done",
        "privacy": "/privacy",
        "accessibility": "/accessibility",
        "not-found": f"/s/{slug}/no-such-page",
        "check-expired": f"/s/{slug}/check",  # no journey token: nothing to check
    }
    if name in fixed:
        return fixed[name]
    if name in DISPLAY_PAGES:
        shows, query = DISPLAY_PAGES[name]
        return f"{resident_address(shows, app, slug)}&{query}"
    if name == "kiosk-start":
        return f"/k/{create_kiosk(app, slug)}"
    if name == "kiosk-timeout":
        return kiosk_question_path(app, create_kiosk(app, slug))
    if name == "embedded-question":
        code = create_embed_link(app, slug, "https://partner.example")
        start = get(app.test_client(), f"/e/{code}")
        return start.all("a.govuk-button--start")[0].get("href")
    if name == "saved":
        name = "question-2"
    if name == "check":
        return check_path(app, slug)
    if name == "thanks":
        return thanks_path(app, slug)
    first = first_question_path(app, slug)
    if name == "how-you-answered":
        return first.replace("/questions/1?", f"{SUPPORT_PATH}?", 1)
    number = int(name.split("-")[1])
    return first.replace("/questions/1?", f"/questions/{number}?", 1)


def expected_status(name: str) -> int:
    """Return the status one of RESIDENT_PAGES answers with: some are error pages."""
    return {"not-found": 404, "check-expired": 400}.get(name, 200)


def open_resident_page(
    name: str, page: Page, base_url: str, app: Flask, slug: str, *, query: str = ""
) -> None:
    """Load one of RESIDENT_PAGES into the browser page, with display choices in `query`."""
    address = resident_address(name, app, slug)
    if query:
        address += ("&" if "?" in address else "?") + query
    if name == "kiosk-timeout":
        page.clock.install()
    response = page.goto(base_url + address)
    assert response is not None
    assert response.status == expected_status(name), f"{address} answered {response.status}"
    if name == ERROR_PAGE or DISPLAY_PAGES.get(name, ("",))[0] == ERROR_PAGE:
        press_continue(page)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
    if name == "saved":
        with page.expect_navigation():
            page.get_by_role("button", name="Save and come back later").click()
        expect(page.locator("h1")).to_have_text("Your answers are saved")
    if name == "kiosk-timeout":
        open_idle_dialog(page)


def press_continue(page: Page) -> None:
    """Press the page's Continue button and wait for the next page."""
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def answer_current_question(page: Page) -> str:
    """Give a valid answer to the question on screen by clicking and typing; return it."""
    options = page.locator(".govuk-radios__label, .govuk-checkboxes__label")
    if options.count():
        label = options.first
        words = label.inner_text().strip()
        label.click()
        return words
    if page.locator("textarea").count():
        page.locator("textarea").fill(TEXT_ANSWER)
        return TEXT_ANSWER
    page.locator("input[inputmode=numeric]").fill(NUMBER_ANSWER)
    return NUMBER_ANSWER


def on_a_question(page: Page) -> bool:
    """Say whether the page asks a question: one of the survey's, or "How did you answer?"."""
    return "/questions/" in page.url or SUPPORT_PATH in page.url


def answer_every_question(page: Page) -> list[str]:
    """From question 1, answer each question asked and press Continue until the check page.

    Return the answers given. Branching may skip questions, so progress counts those asked.
    """
    given = []
    while on_a_question(page):
        assert len(given) <= QUESTION_COUNT, "More questions than the survey has"
        if "/questions/" in page.url:
            progress = page.inner_text(".heard-question__progress")
            assert re.fullmatch(rf"Question {len(given) + 1} of (about )?\d+", progress), progress
        given.append(answer_current_question(page))
        press_continue(page)
    return given
