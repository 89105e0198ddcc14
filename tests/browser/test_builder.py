"""A new lead builds a survey in real Chromium, using the keyboard, with JavaScript off and
again with it on: a blank survey, questions with principles, pictures and a branch, the
details, a preview, then opening it; a resident answers it. axe finds nothing on any builder
page at 320 and 1280 pixels."""

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.services.frameworks import load_all_frameworks
from tests.browser.conftest import WIDTHS, assert_no_axe_violations
from tests.factories import PASSWORD, create_user

pytestmark = pytest.mark.browser


@pytest.fixture
def lead_email(app) -> str:
    with app.app_context():
        load_all_frameworks()
        email = create_user(role="lead").email
        db.session.remove()
    return email


def _sign_in(page: Page, live_server: str, email: str) -> None:
    page.goto(f"{live_server}/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", name="Surveys", exact=True)).to_be_visible()


def _press(page: Page, name: str) -> None:
    """Move to a button with the keyboard and press it, as a keyboard user would."""
    button = page.get_by_role("button", name=name, exact=True).first
    button.focus()
    page.keyboard.press("Enter")


def _add_question(page: Page, kind: str, words: str, picture: str, principle: str | None) -> None:
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label(kind).check()
    page.get_by_label("Question", exact=True).fill(words)
    page.get_by_label("Question in easy-read words").fill(words)
    page.locator("#picture_key").select_option(picture)
    if principle:
        page.get_by_label(principle, exact=False).first.check()
    if kind == "Yes, no or not sure":
        page.locator("#option-1-label").fill("Yes")
        page.locator("#option-1-picture_key").select_option("yes")
        page.locator("#option-2-label").fill("No")
        page.locator("#option-2-picture_key").select_option("no")
    else:
        page.get_by_label("Question 1 (Do you go to a day centre?): Yes").check()
    _press(page, "Save question")
    expect(page.get_by_role("heading", name="Questions")).to_be_visible()


@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
def test_a_lead_builds_previews_and_opens_a_survey_with_the_keyboard(
    new_context, live_server, lead_email, javascript
):
    page = new_context(java_script_enabled=javascript).new_page()
    _sign_in(page, live_server, lead_email)
    page.get_by_role("link", name="Create a survey").click()
    page.get_by_label("Title").fill("Day centres in Gateshead " + ("on" if javascript else "off"))
    _press(page, "Create a blank survey")
    expect(page.locator("h1")).to_contain_text("Day centres in Gateshead")

    _add_question(
        page,
        "Yes, no or not sure",
        "Do you go to a day centre?",
        "place",
        "Involve people every step of the way, from beginning to end",
    )
    _add_question(
        page, "Write an answer in their own words", "What do you like there?", "idea", None
    )
    expect(page.locator("#questions ~ ol")).to_contain_text(
        "Asked only when the answer to question 1 is “Yes”"
    )
    expect(page.locator("#untagged")).to_contain_text("1 question has no principle")

    page.get_by_role("link", name="Change the survey's details").click()
    page.get_by_label("Title in easy-read words").fill("Day centres")
    _press(page, "Save details")

    page.get_by_role("link", name="Preview as a resident").click()
    expect(page.locator("body")).to_contain_text("Preview")
    page.go_back()

    _press(page, "Open the survey")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Open")


def _build_pages(page: Page, live_server: str) -> list[str]:
    page.get_by_role("link", name="Create a survey").click()
    new = page.url
    page.get_by_label("Title").fill("Carers' breaks")
    _press(page, "Create a blank survey")
    overview = page.url
    _add_question(page, "Yes, no or not sure", "Do you get a break?", "time", None)
    page.get_by_role("link", name="Change question 1").click()
    edit = page.url
    details = overview.replace("/build", "/details")
    adding = overview.replace("/build", "/questions/new")
    return [new, overview, edit, details, adding, edit.replace("/edit", "/delete")]


@pytest.mark.parametrize("width", WIDTHS)
def test_builder_pages_have_no_axe_violations(new_context, live_server, lead_email, width):
    page = new_context(width=width).new_page()
    _sign_in(page, live_server, lead_email)
    for address in _build_pages(page, live_server):
        page.goto(address)
        assert_no_axe_violations(page)
        scrolls = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
        assert not scrolls or width > 320, f"{address} scrolls sideways at {width}px"
