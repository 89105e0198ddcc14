"""A new lead runs a whole consultation in real Chromium, using the keyboard, with JavaScript
off and again with it on: a blank survey, six questions tagged to two principles with pictures
and a branch, the details, a Welsh translation, a preview, then opening it; a resident answers
it in Welsh; the lead closes it and downloads the report organised by the two principles. axe
finds nothing on any builder page at 320 and 1280 pixels, and none scrolls sideways at 320."""

import pytest
from playwright.sync_api import Locator, Page, expect

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
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _follow(page: Page, name: str | Locator) -> None:
    """Move to a link with the keyboard and follow it."""
    link = page.get_by_role("link", name=name, exact=True).first if isinstance(name, str) else name
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _add_question(
    page: Page,
    kind: str,
    words: str,
    picture: str,
    principle: str | None,
    *,
    options: tuple[tuple[str, str], ...] = (),
    only_when: tuple[str, str] | None = None,
) -> None:
    _follow(page, "Add a question")
    page.get_by_label(kind).check()
    page.get_by_label("Question", exact=True).fill(words)
    page.get_by_label("Question in easy-read words").fill(words)
    page.locator("#picture_key").select_option(picture)
    if principle:
        page.get_by_label(principle, exact=False).first.check()
    for number, (label, option_picture) in enumerate(options, start=1):
        page.locator(f"#option-{number}-label").fill(label)
        page.locator(f"#option-{number}-picture_key").select_option(option_picture)
    if only_when:
        question, answer = only_when
        rule = page.locator("#show_if fieldset fieldset").filter(has_text=question)
        rule.get_by_label(answer, exact=True).check()
    _press(page, "Save question")
    expect(page.get_by_role("heading", name="Questions")).to_be_visible()


YES_NO = (("Yes", "yes"), ("No", "no"))
INVOLVE = "Involve people every step of the way, from beginning to end"
ACTION = "Make change happen by taking action"
WELSH = "Ydych chi'n mynd i ganolfan ddydd?"


def _build_six_questions(page: Page) -> None:
    _add_question(
        page, "Yes, no or not sure", "Do you go to a day centre?", "place", INVOLVE, options=YES_NO
    )
    _add_question(
        page,
        "Write an answer in their own words",
        "What do you like there?",
        "idea",
        ACTION,
        only_when=("Question 1: Do you go to a day centre?", "Yes"),
    )
    transport = (("Bus", "bus"), ("Car", "transport"), ("Walk", "people"))
    _add_question(
        page, "Choose one answer", "How do you get there?", "bus", INVOLVE, options=transport
    )
    _add_question(page, "A whole number", "How many days a week do you go?", "calendar", ACTION)
    _add_question(
        page, "Yes, no or not sure", "Do staff listen to you?", "listen", INVOLVE, options=YES_NO
    )
    _add_question(
        page, "Write an answer in their own words", "What should we change?", "change", ACTION
    )


def _translate_into_welsh(page: Page) -> None:
    _follow(page, "Translations")
    _follow(page, "Welsh")
    boxes = page.locator("form#translations .govuk-form-group").filter(
        has_text="English: Do you go to a day centre?"
    )
    for number in range(boxes.count()):
        boxes.nth(number).locator("textarea").fill(WELSH)
    _press(page, "Save translations")
    expect(page.locator(".heard-translations-count")).to_contain_text("2 of")


def _answer_in_welsh(page: Page, address: str) -> None:
    page.goto(address + "?lang=cy")
    _follow(page, page.locator("a.govuk-button--start"))
    expect(page.locator("h1")).to_contain_text(WELSH)
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    for answer in ("Yes", None, "Bus", "3", "No", None):
        if answer is None:
            page.locator("textarea").fill("Y bws a'r bobl")
        elif answer == "3":
            page.locator("input[inputmode=numeric]").fill(answer)
        else:
            page.get_by_label(answer, exact=True).check()
        _press(page, page.locator("form button.govuk-button").first.inner_text().strip())
    # "How did you answer?" is optional: carry on past it.
    _press(page, page.locator("form button.govuk-button").first.inner_text().strip())
    _press(page, page.locator("form[action*='/send'] button").first.inner_text().strip())
    expect(page.locator(".govuk-panel")).to_be_visible()


@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
def test_a_lead_runs_a_whole_consultation_with_the_keyboard(
    new_context, live_server, lead_email, javascript
):
    page = new_context(java_script_enabled=javascript).new_page()
    _sign_in(page, live_server, lead_email)
    _follow(page, "Create a survey")
    page.get_by_label("Title").fill("Day centres in Gateshead " + ("on" if javascript else "off"))
    _press(page, "Create a blank survey")
    expect(page.locator("h1")).to_contain_text("Day centres in Gateshead")

    _build_six_questions(page)
    listed = page.locator("#questions ~ ol")
    expect(listed).to_contain_text("Asked only when the answer to question 1 is “Yes”")
    expect(listed.locator(":scope > li")).to_have_count(6)
    expect(page.locator("#untagged")).to_have_count(0)
    build = page.url

    _follow(page, "Change the survey's details")
    page.get_by_label("Title in easy-read words").fill("Day centres")
    _press(page, "Save details")
    survey_page = build.removesuffix("/build")
    page.goto(survey_page)
    _translate_into_welsh(page)

    page.goto(survey_page)
    _follow(page, "Preview as a resident")
    expect(page.locator(".heard-preview-banner")).to_contain_text("Preview")
    page.goto(build)
    _press(page, "Open the survey")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Open")
    page.goto(survey_page)
    resident_address = page.locator(".govuk-summary-list").get_by_text("/s/").inner_text()

    resident = new_context(java_script_enabled=javascript).new_page()
    _answer_in_welsh(resident, resident_address.strip())

    page.goto(build)
    _press(page, "Close the survey")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Closed")
    page.goto(survey_page)
    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF", exact=True).click()
    assert pdf.value.path().read_bytes().startswith(b"%PDF")
    page.get_by_role("link", name="Web page", exact=True).click()
    involve = page.locator("section[id^=principle-]").filter(has_text=INVOLVE)
    action = page.locator("section[id^=principle-]").filter(has_text=ACTION)
    expect(involve).to_contain_text("Do you go to a day centre?")
    expect(involve).to_contain_text("How do you get there?")
    expect(action).to_contain_text("What do you like there?")
    expect(action).to_contain_text("How many days a week do you go?")


def _build_pages(page: Page, live_server: str) -> list[str]:
    page.get_by_role("link", name="Create a survey").click()
    new = page.url
    page.get_by_label("Title").fill("Carers' breaks")
    _press(page, "Create a blank survey")
    overview = page.url
    _add_question(page, "Yes, no or not sure", "Do you get a break?", "time", None, options=YES_NO)
    page.get_by_role("link", name="Change question 1").click()
    edit = page.url
    details = overview.replace("/build", "/details")
    adding = overview.replace("/build", "/questions/new")
    survey = overview.removesuffix("/build")
    return [
        new,
        overview,
        edit,
        details,
        adding,
        edit.replace("/edit", "/delete"),
        survey,
        f"{survey}/translations",
        f"{survey}/translations/cy",
        f"{survey}/translations/ar",
        f"{survey}/preview",
    ]


# Elements reaching past the right edge of the window: the cause of a sideways scroll.
TOO_WIDE_JS = """() => [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .map(e => `${e.tagName}.${e.className}`).slice(0, 5)"""


@pytest.mark.parametrize("width", WIDTHS)
def test_builder_pages_have_no_axe_violations(new_context, live_server, lead_email, width):
    page = new_context(width=width).new_page()
    _sign_in(page, live_server, lead_email)
    for address in _build_pages(page, live_server):
        page.goto(address)
        assert_no_axe_violations(page)
        scrolls = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
        wide = page.evaluate(TOO_WIDE_JS)
        assert not scrolls or width > 320, f"{address} scrolls sideways at {width}px: {wide}"
