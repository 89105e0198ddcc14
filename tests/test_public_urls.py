"""Absolute addresses that outlive a page — partner links, embed snippets, kiosk addresses,
QR codes, come-back links — are built on PUBLIC_BASE_URL, whatever Host a request claims."""

import pytest
from flask import render_template_string, url_for

from app.services import partners
from tests.factories import create_survey, create_user
from tests.pages import get
from tests.staff.test_access import sign_in

BASE = "https://heard.gateshead.example"
EVIL = {"Host": "evil.example"}


@pytest.fixture
def based(app):
    app.config["PUBLIC_BASE_URL"] = BASE + "/"
    yield
    app.config["PUBLIC_BASE_URL"] = None


def test_absolute_addresses_use_the_base_not_the_requests_host(app, based):
    with app.test_request_context("/", headers=EVIL):
        in_python = url_for("respond.start", slug="day-centres", _external=True)
        in_template = render_template_string(
            "{{ url_for('respond.start', slug='day-centres', _external=True) }}"
        )
        relative = url_for("respond.start", slug="day-centres")

    assert in_python == in_template == f"{BASE}/s/day-centres"
    assert relative == "/s/day-centres"


def test_the_partner_page_prints_links_and_snippets_on_the_base(app, client, based):
    survey = create_survey(questions=1)
    partner = partners.create_partner(
        name="Age UK Gateshead", allowed_origins="https://ageuk.example"
    )
    link = partners.create_link(partner=partner, survey=survey, label="Newsletter")
    sign_in(client, create_user(role="admin"))

    page = get(client, f"/staff/partners/{partner.id}", headers=EVIL)

    html = page.response.get_data(as_text=True)
    assert f"{BASE}/l/{link.code}" in html
    assert f"{BASE}/e/{link.code}" in html
    assert "evil.example" not in html


def test_without_a_base_the_request_address_is_used_as_before(app):
    with app.test_request_context("/", headers={"Host": "localhost:5000"}):
        assert url_for("respond.start", slug="x", _external=True) == "http://localhost:5000/s/x"


def test_a_static_address_is_built_once_for_each_place_the_app_is_mounted(app):
    with app.test_request_context("/"):
        at_the_root = url_for("static", filename="build/heard.css")
        again = url_for("static", filename="build/heard.css")
        external = url_for("static", filename="build/heard.css", _external=True)
    with app.test_request_context("/", base_url="http://localhost/heard/"):
        under_a_prefix = url_for("static", filename="build/heard.css")

    assert at_the_root.startswith("/static/build/heard.css?v=")
    assert again == at_the_root
    assert external.startswith("http") and external.endswith(at_the_root)
    assert under_a_prefix == "/heard" + at_the_root
