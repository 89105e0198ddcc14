"""A lead checks a quote's redactions in real Chromium: each shown with what it was, kept or
taken out with the keyboard, and axe finds nothing on the quote and kept-names pages at 320 and
1280 pixels (issue 11)."""

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.services import quotes
from tests.browser.conftest import WIDTHS, assert_no_axe_violations
from tests.browser.test_builder import _sign_in
from tests.factories import create_survey, create_user
from tests.staff.test_themes import add_free_text_answers

pytestmark = pytest.mark.browser

PRAISE = "My carer Will rang from 07700 900123 about Crew no2570"


@pytest.fixture
def quote_page(app) -> tuple[str, str]:
    with app.app_context():
        survey = create_survey(questions=1, kinds=["free_text"])
        (answer,) = add_free_text_answers(survey, [PRAISE])
        quote = quotes.mark_as_quote(survey.id, answer.id)
        email = create_user(role="lead").email
        path = f"/staff/surveys/{survey.id}/quotes/{quote.id}"
        db.session.remove()
    return email, path


def test_a_lead_keeps_an_ordinary_word_with_the_keyboard(page: Page, live_server, quote_page):
    email, path = quote_page
    _sign_in(page, live_server, email)
    page.goto(f"{live_server}{path}")
    published = page.locator("#published")
    expect(published).to_have_text(
        "My carer [name removed] rang from [phone number removed] about [reference number removed]"
    )
    expect(page.locator("#original .heard-quote__kind")).to_have_text(
        [" (name)", " (phone number)", " (reference number)"]
    )
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
    button = page.get_by_role("button", name="Keep these words Will")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(published).to_contain_text("My carer Will rang")
    expect(page.locator("#kept-details")).to_contain_text("Someone chose to keep it.")
    assert_no_axe_violations(page)
    page.goto(f"{live_server}{path.rsplit('/', 1)[0]}/kept-names")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
