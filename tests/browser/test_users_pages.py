"""Staff accounts in a real browser: an admin adds a user with the keyboard, the new user
chooses a password through the link, and every page on the way (users, add a user, the link,
choose a password, your account, the audit log) passes axe at phone and desktop widths."""

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from tests.browser.conftest import WIDTHS, assert_no_axe_violations
from tests.factories import PASSWORD, create_user

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_email(app) -> str:
    with app.app_context():
        email = create_user(role="admin").email
        db.session.remove()
    return email


def _sign_in(page: Page, live_server: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server}/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_label("Password").press("Enter")


def _press(page: Page, name: str) -> None:
    button = page.get_by_role("button", name=name, exact=True).first
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_admin_adds_a_user_who_chooses_a_password_with_the_keyboard(
    new_context, live_server, admin_email, width
):
    page = new_context(width=width).new_page()
    _sign_in(page, live_server, admin_email)
    page.goto(f"{live_server}/staff/users")
    assert_no_axe_violations(page)
    page.goto(f"{live_server}/staff/users/new")
    _press(page, "Add user and make their link")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Full name").fill("Sam Jones")
    page.get_by_label("Email address").fill("sam@council.example")
    page.get_by_label("Engagement lead", exact=False).check()
    _press(page, "Add user and make their link")
    expect(page.get_by_role("heading", name="User added")).to_be_visible()
    assert_no_axe_violations(page)
    link = page.locator(".heard-address code").inner_text()

    newcomer = new_context(width=width).new_page()
    newcomer.goto(link)
    expect(newcomer.get_by_role("heading", name="Choose a password")).to_be_visible()
    assert_no_axe_violations(newcomer)
    newcomer.get_by_label("New password").fill("kettle violin harbour")
    newcomer.get_by_label("Type the password again").fill("kettle violin harbour")
    _press(newcomer, "Save password")
    expect(newcomer.get_by_text("Your password is saved")).to_be_visible()
    _sign_in(newcomer, live_server, "sam@council.example", "kettle violin harbour")
    newcomer.goto(f"{live_server}/staff/account")
    assert_no_axe_violations(newcomer)

    page.goto(f"{live_server}/staff/audit-log")
    expect(page.locator(".heard-audit-log")).to_contain_text("password.set")
    assert_no_axe_violations(page)
