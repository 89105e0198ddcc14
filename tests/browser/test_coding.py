"""A lead codes free text with the keyboard alone in real Chromium: ticks answers, gives them a
theme, reviews and undoes it, accepts a suggestion; axe finds nothing on the answers,
suggestions and review pages at 320 and 1280 pixels (issue 11, part 4)."""

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.services import themes
from tests.browser.conftest import WIDTHS, assert_no_axe_violations
from tests.browser.test_builder import _sign_in
from tests.factories import create_survey, create_user
from tests.staff.test_themes import add_free_text_answers

pytestmark = pytest.mark.browser

ANSWERS = ["The bus is late", "No buses on Sunday", "Lovely lunch club", "Did not answer"]


@pytest.fixture
def coding_survey(app) -> tuple[str, int]:
    with app.app_context():
        survey = create_survey(questions=1, kinds=["free_text"])
        add_free_text_answers(survey, ANSWERS)
        themes.create_theme(survey.id, "Transport")
        email = create_user(role="lead").email
        survey_id = survey.id
        db.session.remove()
    return email, survey_id


def _tab_to(page: Page, locator) -> None:
    """Press Tab until the locator has focus (at most 80 times), as a keyboard user would."""
    for _ in range(80):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError("Tab never reached the element")


def _check_axe(page: Page) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)


def test_a_lead_ticks_answers_codes_them_and_undoes_it_with_the_keyboard(
    page: Page, live_server, coding_survey
):
    email, survey_id = coding_survey
    _sign_in(page, live_server, email)
    page.goto(f"{live_server}/staff/surveys/{survey_id}/themes/answers")
    expect(page.locator("bdi.heard-answer")).to_have_text(ANSWERS[:3])
    _check_axe(page)
    for position in (0, 1):
        box = page.locator("input[name=answer_ids]").nth(position)
        _tab_to(page, box)
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    page.locator("#theme_id").select_option(label="Transport")
    button = page.get_by_role("button", name="Give the theme to ticked answers")
    _tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#coded-answers li")).to_have_text(ANSWERS[:2])
    _check_axe(page)
    undo = page.get_by_role("button", name="Undo: take the theme off these answers")
    _tab_to(page, undo)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-inset-text")).to_contain_text("This was undone")


def test_a_lead_accepts_a_suggestion_with_the_keyboard(page: Page, live_server, coding_survey):
    email, survey_id = coding_survey
    _sign_in(page, live_server, email)
    page.goto(f"{live_server}/staff/surveys/{survey_id}/themes/suggestions")
    expect(page.locator(".govuk-summary-card__title").first).to_have_text("“bus”")
    _check_axe(page)
    accept = page.get_by_role("button", name="Accept “bus”")
    _tab_to(page, accept)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#coded-answers li")).to_have_text(ANSWERS[:2])
