"""Behind TRUSTED_PROXIES reverse proxies each resident keeps their own address and limits."""

import pytest
from flask import request

from app import create_app
from app.extensions import db
from app.proxies import trusted_proxies
from config import TestConfig
from tests import journey
from tests.factories import create_survey

PROXY = "10.0.0.1"


@pytest.fixture
def apps_behind(app):
    """Make apps behind N proxies on the test database; close their connections afterwards."""
    made = []

    def make(proxies: str):
        class BehindProxy(TestConfig):
            SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
            TRUSTED_PROXIES = proxies

        application = create_app(BehindProxy)
        application.add_url_rule("/test-address", "test_address", lambda: request.remote_addr)
        made.append(application)
        return application

    yield make
    for application in made:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


def _address_seen(application, forwarded_for: str) -> str:
    return (
        application.test_client()
        .get(
            "/test-address",
            headers={"X-Forwarded-For": forwarded_for},
            environ_base={"REMOTE_ADDR": PROXY},
        )
        .get_data(as_text=True)
    )


def test_one_trusted_proxy_passes_on_the_residents_address(apps_behind):
    behind_one = apps_behind("1")
    assert _address_seen(behind_one, "203.0.113.7") == "203.0.113.7"
    # A forged header in front of the proxy's own entry is not believed.
    assert _address_seen(behind_one, "198.51.100.1, 203.0.113.7") == "203.0.113.7"


def test_with_no_trusted_proxy_the_header_is_ignored(apps_behind):
    direct = apps_behind("0")
    assert _address_seen(direct, "203.0.113.7") == PROXY


@pytest.mark.parametrize("value", ["-1", "two", "6", "1.5"])
def test_a_wrong_setting_stops_start_up_with_the_reason(value):
    with pytest.raises(RuntimeError, match="TRUSTED_PROXIES must be a whole number"):
        trusted_proxies(value)


def _send(client, slug, token, resident):
    return client.post(
        f"/s/{slug}/send",
        data={"token": token},
        headers={"X-Forwarded-For": resident},
        environ_base={"REMOTE_ADDR": PROXY},
    )


def test_a_town_behind_one_proxy_is_not_one_person_to_the_send_limit(apps_behind, app_context):
    survey = create_survey(questions=1, required=False)
    behind_one = apps_behind("1").test_client()
    token = journey.start(behind_one, survey.slug).form_fields()["token"]
    for resident in range(31):
        assert _send(behind_one, survey.slug, token, f"203.0.113.{resident}").status_code == 303
    for _ in range(30):
        _send(behind_one, survey.slug, token, "198.51.100.9")
    assert _send(behind_one, survey.slug, token, "198.51.100.9").status_code == 429


def _post_an_answer(application, survey, headers: dict) -> int:
    """Answer question 1 as a resident whose requests come through a proxy at PROXY."""
    client = application.test_client()
    environ = {"REMOTE_ADDR": PROXY}
    start = client.get(f"/s/{survey.slug}", headers=headers, environ_base=environ)
    assert start.status_code == 200
    page = journey.start(client, survey.slug)
    form = page.all("form")[0]
    radio = form.cssselect("input[type=radio]")[0]
    data = {**page.form_fields(), radio.get("name"): radio.get("value")}
    sent = client.post(form.get("action"), data=data, headers=headers, environ_base=environ)
    return sent.status_code


PROXIED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "heard.gateshead.example",
    "Origin": "https://heard.gateshead.example",
}


def test_behind_a_proxy_on_another_machine_residents_posts_are_from_us(apps_behind, app_context):
    survey = create_survey(questions=2)

    assert _post_an_answer(apps_behind("1"), survey, PROXIED) == 303
    # Not trusting the proxy, its scheme and host are not believed: the post looks foreign.
    assert _post_an_answer(apps_behind("0"), survey, PROXIED) == 403
