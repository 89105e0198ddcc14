"""Staff pages need a signed-in user, and some need an admin."""

import pytest

from app.extensions import db
from app.models import Role, User
from tests.factories import PASSWORD, create_survey, create_user
from tests.pages import check_page, get


def sign_in(client, user) -> None:
    page = get(client, "/staff/sign-in")
    data = {**page.form_fields(), "email": user.email, "password": PASSWORD}
    response = client.post("/staff/sign-in", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:300]


@pytest.mark.parametrize("url", ["/staff/", "/staff/users", "/staff/surveys/1/report.pdf"])
def test_signed_out_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in?next=")


def test_staff_home_lists_surveys_with_response_counts(client):
    create_survey(title="Meals survey")
    sign_in(client, create_user(role="viewer"))
    page = get(client, "/staff/")
    assert page.texts("tbody tr th, tbody tr td")[:4] == ["Meals survey", "Open", "0", "0"]


def test_a_wrong_password_gets_one_generic_message(client):
    user = create_user()
    page = get(client, "/staff/sign-in")
    data = {**page.form_fields(), "email": user.email, "password": "not the password"}
    failed = check_page(client.post("/staff/sign-in", data=data))
    assert failed.status == 400
    assert failed.text(".govuk-error-summary__list") == "Enter a correct email address and password"
    unknown = {**data, "email": "nobody@council.example"}
    assert (
        check_page(client.post("/staff/sign-in", data=unknown)).text(".govuk-error-summary__list")
        == "Enter a correct email address and password"
    )


def test_sign_in_with_empty_boxes_says_what_to_enter_in_each(client):
    page = get(client, "/staff/sign-in")
    empty = {**page.form_fields(), "email": "", "password": ""}
    failed = check_page(client.post("/staff/sign-in", data=empty))
    assert failed.status == 400
    assert failed.texts(".govuk-error-summary__list li") == [
        "Enter your email address",
        "Enter your password",
    ]


def test_sign_in_without_a_csrf_token_is_refused(client):
    user = create_user()
    response = client.post("/staff/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "This page has expired" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "target", ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)"]
)
def test_sign_in_never_redirects_to_another_site(client, target):
    user = create_user()
    page = get(client, "/staff/sign-in")
    data = {**page.form_fields(), "email": user.email, "password": PASSWORD}
    response = client.post(f"/staff/sign-in?next={target}", data=data)
    assert response.headers["Location"] == "/staff/"


def test_a_viewer_cannot_see_users_or_change_roles(client):
    viewer = create_user(role="viewer")
    sign_in(client, viewer)
    assert client.get("/staff/users").status_code == 403
    home = get(client, "/staff/")
    token = home.form_fields("form.heard-sign-out")["csrf_token"]
    response = client.post(
        f"/staff/users/{viewer.id}/role", data={"csrf_token": token, "role": "admin"}
    )
    assert response.status_code == 403
    assert db.session.get(User, viewer.id).role == Role.VIEWER


def test_an_admin_can_change_a_role(client):
    admin = create_user(role="admin")
    lead = create_user(role="viewer")
    sign_in(client, admin)
    page = get(client, "/staff/users")
    token = page.form_fields(f"form[action='/staff/users/{lead.id}/role']")["csrf_token"]
    response = client.post(
        f"/staff/users/{lead.id}/role", data={"csrf_token": token, "role": "lead"}
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(User, lead.id).role == Role.LEAD


def test_staff_can_download_the_what_we_heard_pdf(client):
    from app.services import demo

    survey = demo.seed_demo(responses=15)
    sign_in(client, create_user(role="viewer"))
    response = client.get(f"/staff/surveys/{survey.id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    disposition = response.headers["Content-Disposition"]
    assert disposition == f"attachment; filename=what-we-heard-survey-{survey.id}.pdf"


def test_staff_pages_cannot_be_framed(client):
    response = client.get("/staff/sign-in")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
