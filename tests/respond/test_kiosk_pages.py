"""Kiosk journey pages: the idle timer's settings and the way back to the start screen."""

from sqlalchemy import select

from app.extensions import db
from app.models import Channel, Response
from tests import journey
from tests.pages import get
from tests.respond.test_kiosk import _answer, _first_question


def test_a_kiosk_response_records_the_kiosk_and_channel(client, kiosk):
    _, page = _first_question(client, kiosk)
    page = get(client, _answer(client, page).headers["Location"])
    check = journey.past_support_question(
        client, get(client, _answer(client, page).headers["Location"])
    )
    sent = client.post(
        check.all("form[action$='/send']")[0].get("action"),
        data=check.form_fields("form[action$='/send']"),
    )
    response = db.session.scalars(select(Response)).one()
    assert response.channel == Channel.KIOSK
    assert response.kiosk_id == kiosk.id
    assert f"/k/{kiosk.key}" in client.get(sent.headers["Location"]).get_data(as_text=True)


def test_kiosk_pages_carry_the_idle_settings(client, kiosk):
    _, page = _first_question(client, kiosk)
    assert page.all(f"[data-idle-seconds='{kiosk.idle_seconds}']"), "The page knows the idle time"
