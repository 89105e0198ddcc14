""" "Forgotten your password?": a link to choose a new one is e-mailed, and the page never
says whether an address has an account. Without a mail server the page says to ask an admin."""

import re
from email import message_from_bytes, policy

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, User
from app.services import sign_in_throttle
from tests.pages import check_page, get
from tests.staff.test_sign_in import separate_user
from tests.staff.test_users import NEW_PASSWORD, _choose_password, mail_server  # noqa: F401

PAGE = "/staff/forgotten-password"


def _ask(client, email: str, address: str = "127.0.0.1"):
    fields = get(client, PAGE).form_fields()
    return client.post(PAGE, data={**fields, "email": email}, environ_base={"REMOTE_ADDR": address})


def test_the_sign_in_page_offers_it(client):
    sign_in = get(client, "/staff/sign-in")

    assert PAGE in [link.get("href") for link in sign_in.all("main a")]


def test_a_link_is_e_mailed_and_chooses_a_new_password(app, mail_server):  # noqa: F811
    user = separate_user(app, "lead")
    client = app.test_client()

    sent = check_page(_ask(client, user.email.upper()))

    assert sent.text("h1") == "Check your email"
    (raw,) = mail_server
    message = message_from_bytes(raw, policy=policy.default)
    assert message["To"] == user.email
    link = re.search(r"https://\S+", message.get_content()).group()
    path = link.removeprefix("https://heard.council.example")
    assert _choose_password(app.test_client(), path).status_code == 303
    signed_in = app.test_client()
    fields = get(signed_in, "/staff/sign-in").form_fields()
    answer = signed_in.post(
        "/staff/sign-in", data={**fields, "email": user.email, "password": NEW_PASSWORD}
    )
    assert answer.status_code == 303


def test_an_address_with_no_account_reads_the_same_and_sends_nothing(app, mail_server):  # noqa: F811
    user = separate_user(app, "viewer")
    client = app.test_client()

    known = check_page(_ask(client, user.email)).text("main").replace(user.email, "X")
    unknown_email = "nobody@council.example"
    unknown = check_page(_ask(client, unknown_email)).text("main").replace(unknown_email, "X")

    assert known == unknown
    assert len(mail_server) == 1
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["link.send", "link.not_sent"]


def test_a_deactivated_account_gets_no_link(app, mail_server):  # noqa: F811
    user = separate_user(app, "viewer")
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()

    check_page(_ask(app.test_client(), user.email))

    assert mail_server == []


def test_asking_too_often_is_refused_for_an_hour(app, mail_server):  # noqa: F811
    user = separate_user(app, "viewer")
    client = app.test_client()
    for _ in range(sign_in_throttle.RESETS_PER_ACCOUNT.amount):
        assert _ask(client, user.email).status_code == 200

    refused = _ask(client, user.email)

    assert refused.status_code == 429
    assert "Wait an hour" in check_page(refused).text(".govuk-error-summary")
    assert refused.headers["Retry-After"] == "3600"
    assert len(mail_server) == sign_in_throttle.RESETS_PER_ACCOUNT.amount


def test_an_empty_or_silly_address_gets_a_message_not_an_error(app, mail_server):  # noqa: F811
    client = app.test_client()

    empty = _ask(client, "")
    very_long = _ask(client, "a" * 400 + "@council.example")

    assert empty.status_code == 400
    assert "Enter your email address" in check_page(empty).text(".govuk-error-summary")
    assert very_long.status_code == 200
    assert mail_server == []


def test_without_a_mail_server_the_page_says_to_ask_an_admin(app, client):
    page = get(client, PAGE)

    assert "Ask an admin" in page.text("main")
    assert page.all("main form") == []
    fields = {"csrf_token": get(client, "/staff/sign-in").form_fields()["csrf_token"]}
    refused = client.post(PAGE, data={**fields, "email": "sam@council.example"})
    assert refused.status_code == 400
    assert "Ask an admin" in refused.get_data(as_text=True)
