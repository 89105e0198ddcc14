"""Admins add staff users, change roles, deactivate and reactivate them, and send one-time
links to choose a password: e-mailed when a mail server is set, shown once when not."""

import re
import socketserver
import threading
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Role, User
from app.services import partners, sign_in_links
from app.staff.auth import link_address
from tests.factories import PASSWORD, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in
from tests.staff.test_sign_in import separate_user

NEW_PASSWORD = "kettle violin harbour"


def _signed_in(app, role: str = "admin"):
    """A browser of its own, outside any app context (two would share `g` and its CSRF token)."""
    browser = app.test_client()
    sign_in(browser, separate_user(app, role))
    return browser


def _add_user(client, **fields):
    page = get(client, "/staff/users/new")
    data = {**page.form_fields(), "name": "Sam Jones", "email": "sam@council.example"}
    data.update({"role": "lead", "partner_id": "", **fields})
    return client.post("/staff/users/new", data=data)


def _link_on(page) -> str:
    return page.text(".heard-address code")


def _choose_password(client, link: str, password: str = NEW_PASSWORD, confirm: str | None = None):
    opened = client.get(link)
    assert opened.status_code == 303
    assert opened.headers["Location"] == "/staff/choose-password"  # the token leaves the address
    form = get(client, "/staff/choose-password")
    data = {**form.form_fields(), "password": password, "confirm": confirm or password}
    return client.post("/staff/choose-password", data=data)


def test_an_admin_adds_a_user_who_chooses_a_password_through_a_link_shown_once(app):
    client = _signed_in(app)
    added = check_page(_add_user(client))
    assert added.status == 200
    assert added.response.headers["Cache-Control"] == "no-store"
    link = _link_on(added)
    assert link.startswith("http://localhost/staff/choose-password/")
    person = app.test_client()
    chosen = _choose_password(person, link)
    assert chosen.headers["Location"] == "/staff/sign-in?notice=password-chosen"
    page = get(person, "/staff/sign-in")
    data = {**page.form_fields(), "email": "sam@council.example", "password": NEW_PASSWORD}
    assert person.post("/staff/sign-in", data=data).status_code == 303
    # The link works once.
    again = person.get(link, follow_redirects=True)
    assert check_page(again).text("h1") == "This link has expired"


def test_a_link_expires_after_24_hours(app_context, monkeypatch):
    user = create_user(role="lead")
    link = sign_in_links.send(user, sign_in_links.LinkPurpose.RESET, lambda token: token)
    now = sign_in_links.utc_now()
    monkeypatch.setattr(sign_in_links, "utc_now", lambda: now + timedelta(hours=23, minutes=59))
    assert sign_in_links.find(link) is not None
    monkeypatch.setattr(sign_in_links, "utc_now", lambda: now + timedelta(hours=24, seconds=1))
    assert sign_in_links.find(link) is None


def test_a_new_link_stops_the_older_one_and_a_new_password_ends_every_session(app):
    lead = separate_user(app, "lead")
    other = app.test_client()
    sign_in(other, lead)
    client = _signed_in(app)
    fields = get(client, "/staff/users").form_fields(
        f"form[action='/staff/users/{lead.id}/reset-password']"
    )
    first = _link_on(check_page(client.post(f"/staff/users/{lead.id}/reset-password", data=fields)))
    second = _link_on(
        check_page(client.post(f"/staff/users/{lead.id}/reset-password", data=fields))
    )
    assert first != second
    stranger = app.test_client()
    assert stranger.get(first, follow_redirects=True).status_code == 200
    assert check_page(stranger.get("/staff/choose-password")).text("h1") == "This link has expired"
    assert _choose_password(stranger, second).status_code == 303
    assert other.get("/staff/").status_code == 302  # signed out by the new password


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("short pw", None, "Password must be 12 characters or more"),
        ("password12345", None, "This password is too easy to guess. Try three random words"),
        (NEW_PASSWORD, "something else entirely", "The two passwords are not the same"),
    ],
)
def test_a_weak_or_mistyped_password_is_refused_and_the_link_still_works(
    app, password, confirm, message
):
    client = _signed_in(app)
    link = _link_on(check_page(_add_user(client)))
    person = app.test_client()
    refused = check_page(_choose_password(person, link, password, confirm))
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == message
    assert get(person, "/staff/choose-password").text("h1") == "Choose a password"


def test_a_role_that_is_not_one_is_refused_in_plain_words(client):
    sign_in(client, create_user(role="admin"))
    refused = check_page(_add_user(client, role="superuser"))
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == "Choose a role"
    assert db.session.scalar(select(User).where(User.email == "sam@council.example")) is None


def test_a_name_too_long_to_keep_whole_is_refused_not_cut_short(client):
    sign_in(client, create_user(role="admin"))
    refused = check_page(_add_user(client, name="Samantha " * 30))
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == "The name must be 200 characters or fewer"
    assert db.session.scalar(select(User).where(User.email == "sam@council.example")) is None


def test_a_partner_user_must_be_tied_to_a_partner(client):
    partner = partners.create_partner(name="Lunch club", contact="Sam", allowed_origins="")
    sign_in(client, create_user(role="admin"))
    refused = check_page(_add_user(client, role="partner"))
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == "Choose the partner this user works for"
    assert check_page(_add_user(client, role="partner", partner_id=str(partner.id))).status == 200
    added = db.session.scalar(select(User).where(User.email == "sam@council.example"))
    assert (added.role, added.partner_id) == (Role.PARTNER, partner.id)


def test_changing_a_role_to_partner_needs_a_partner_and_other_roles_drop_it(client):
    partner = partners.create_partner(name="Lunch club", contact="Sam", allowed_origins="")
    lead = create_user(role="lead")
    sign_in(client, create_user(role="admin"))
    action = f"/staff/users/{lead.id}/role"
    token = get(client, "/staff/users").form_fields(f"form[action='{action}']")["csrf_token"]
    refused = check_page(client.post(action, data={"csrf_token": token, "role": "partner"}))
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == "Choose the partner this user works for"
    assert refused.all(".govuk-error-summary__list a")[0].get("href") == f"#partner-{lead.id}"
    data = {"csrf_token": token, "role": "partner", "partner_id": str(partner.id)}
    assert client.post(action, data=data).status_code == 303
    assert client.post(action, data={**data, "role": "viewer"}).status_code == 303
    db.session.expire_all()
    changed = db.session.get(User, lead.id)
    assert (changed.role, changed.partner_id) == (Role.VIEWER, None)


def test_an_admin_deactivates_and_reactivates_a_user_who_is_never_deleted(client):
    admin, lead = create_user(role="admin"), create_user(role="lead")
    sign_in(client, admin)
    page = get(client, "/staff/users")
    fields = page.form_fields(f"form[action='/staff/users/{lead.id}/deactivate']")
    assert client.post(f"/staff/users/{lead.id}/deactivate", data=fields).status_code == 303
    page = get(client, "/staff/users")
    assert "Deactivated" in page.text(f"tr:has(form[action='/staff/users/{lead.id}/reactivate'])")
    fields = page.form_fields(f"form[action='/staff/users/{lead.id}/reactivate']")
    assert client.post(f"/staff/users/{lead.id}/reactivate", data=fields).status_code == 303
    db.session.expire_all()
    assert db.session.get(User, lead.id).active
    actions = db.session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.subject_id == lead.id, AuditEvent.subject == "user")
        .order_by(AuditEvent.id)
    ).all()
    assert actions[-2:] == ["user.deactivate", "user.reactivate"]


def test_the_last_admin_cannot_be_deactivated_or_demoted_and_nobody_deactivates_themselves(
    client,
):
    admin = create_user(role="admin")
    sign_in(client, admin)
    token = get(client, "/staff/users").form_fields("form.heard-sign-out")["csrf_token"]
    mine = client.post(f"/staff/users/{admin.id}/deactivate", data={"csrf_token": token})
    assert check_page(mine).text(".govuk-error-summary__list") == "You cannot deactivate yourself"
    demoted = client.post(
        f"/staff/users/{admin.id}/role", data={"csrf_token": token, "role": "lead"}
    )
    assert check_page(demoted).text(".govuk-error-summary__list") == (
        "Heard must keep at least one active admin"
    )
    db.session.expire_all()
    assert db.session.get(User, admin.id).role == Role.ADMIN


def test_a_user_that_does_not_exist_is_not_found(client):
    sign_in(client, create_user(role="admin"))
    token = get(client, "/staff/users").form_fields("form.heard-sign-out")["csrf_token"]
    for path in ("deactivate", "reactivate", "reset-password"):
        assert (
            client.post(f"/staff/users/99999/{path}", data={"csrf_token": token}).status_code == 404
        )


class _Inbox(socketserver.StreamRequestHandler):
    """Just enough SMTP to receive one message (the test's own local mail server)."""

    received: list[bytes]

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._say("220 localhost test mail server")
        while line := self.rfile.readline():
            command = line.decode().strip().upper()
            if command == "DATA":
                self._say("354 go ahead")
                self.received.append(self._read_message())
                self._say("250 stored")
            elif command == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 ok")

    def _read_message(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line)
        return b"".join(lines)


@pytest.fixture
def mail_server(app):
    received: list[bytes] = []
    handler = type("Inbox", (_Inbox,), {"received": received})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    before = {name: app.config[name] for name in ("MAIL_SERVER", "MAIL_PORT", "STAFF_BASE_URL")}
    app.config.update(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=server.server_address[1],
        STAFF_BASE_URL="https://heard.council.example",
    )  # fmt: skip
    yield received
    app.config.update(before)  # as the settings were: later tests copy them
    server.shutdown()
    server.server_close()


def test_with_a_mail_server_the_link_is_e_mailed_on_the_configured_address_and_not_shown(
    app, mail_server
):
    client = _signed_in(app)
    added = check_page(_add_user(client))
    assert added.all(".heard-address") == []
    assert "We have e-mailed sam@council.example" in added.text("main")
    (raw,) = mail_server
    message = message_from_bytes(raw, policy=policy.default)
    assert message["To"] == "sam@council.example"
    link = re.search(r"https://\S+", message.get_content()).group()
    assert link.startswith("https://heard.council.example/staff/choose-password/")
    path = link.removeprefix("https://heard.council.example")
    assert _choose_password(app.test_client(), path).status_code == 303


def test_a_forged_host_does_not_change_the_link_in_the_e_mail(app, client, mail_server):
    sign_in(client, create_user(role="admin"))
    page = get(client, "/staff/users/new")
    data = {**page.form_fields(), "name": "Sam", "email": "sam@council.example", "role": "lead"}
    forged = {"X-Forwarded-Host": "evil.example"}
    assert client.post("/staff/users/new", data=data, headers=forged).status_code == 200
    with app.test_request_context("/staff/users/new", headers={"Host": "evil.example"}):
        assert link_address("abc") == "https://heard.council.example/staff/choose-password/abc"
    (raw,) = mail_server
    body = message_from_bytes(raw, policy=policy.default).get_content()
    assert "evil.example" not in body
    assert "https://heard.council.example/staff/choose-password/" in body


def test_sign_in_still_works_for_users_made_with_a_password(client):
    user = create_user(role="viewer", password=PASSWORD)
    sign_in(client, user)
    assert get(client, "/staff/account").text("h1") == "Your account"
