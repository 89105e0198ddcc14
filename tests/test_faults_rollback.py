"""A database error mid-request is the "not sent yet, press again" page, never a 500 (issue 13).

The session is rolled back before that page is made: a failed flush leaves it refusing every
later statement (`PendingRollbackError`), and the page, or the next thing the request reads,
would otherwise fail again. A connection the server dropped is a 503 whatever the driver
called it, and a rollback that fails, in the error handler or as the request ends, is
logged and never reaches gunicorn. Faults are made in the driver (tests/test_faults.py).
"""

import contextlib

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import Draft, Response, Survey
from tests import journey
from tests.test_faults import Faults, _send_form, _stored, _survey

NOT_SENT = "have not been sent yet"


@pytest.fixture
def faults(app, monkeypatch):
    return Faults(app, monkeypatch)


def _careless_view(survey_id: int):
    """A view that catches a failed write and carries on reading in the same session."""

    def view(slug: str):
        db.session.add(Draft(survey_id=survey_id, token="t" * 32, channel="online", answers={}))
        with contextlib.suppress(OperationalError):  # the careless part: no rollback
            db.session.flush()
        db.session.scalar(select(func.count()).select_from(Draft))
        return "never reached"

    return view


def _survey_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Survey.id).where(Survey.slug == slug))


def test_a_read_after_a_failed_write_is_the_press_again_page(app, faults, monkeypatch):
    survey = _survey(app)
    view = _careless_view(_survey_id(app, survey.slug))
    monkeypatch.setitem(app.view_functions, "respond.start", view)
    faults.fail("INSERT INTO draft", message="disk I/O error")

    shown = app.test_client().get(f"/s/{survey.slug}", headers={"Accept": "text/html"})

    assert faults.seen == ["INSERT INTO draft"]
    assert shown.status_code == 503
    assert NOT_SENT in shown.get_data(as_text=True)


def test_the_press_again_page_is_made_when_the_rollback_fails_too(app, faults, monkeypatch):
    survey = _survey(app)
    view = _careless_view(_survey_id(app, survey.slug))
    monkeypatch.setitem(app.view_functions, "respond.start", view)
    faults.fail("INSERT INTO draft", message="disk I/O error")
    faults.left["ROLLBACK"] = 1

    shown = app.test_client().get(f"/s/{survey.slug}")

    assert faults.seen == ["INSERT INTO draft", "ROLLBACK"]
    assert shown.status_code == 503
    monkeypatch.undo()
    assert app.test_client().get(f"/s/{survey.slug}").status_code == 200


def test_a_connection_the_driver_calls_closed_is_the_press_again_page(app, faults):
    """psycopg raises InterfaceError, not OperationalError, on a connection it knows is gone."""
    client = app.test_client()
    survey = _survey(app)
    action, form = _send_form(client, survey.slug)
    faults.error = faults.dialect.loaded_dbapi.InterfaceError
    faults.fail("", times=1_000)

    refused = client.post(action, data=form, headers={"Accept": "text/html"})

    faults.fail("", times=0)
    assert refused.status_code == 503
    assert NOT_SENT in refused.get_data(as_text=True)
    assert _stored(app) == 0
    again = client.post(action, data=form)
    assert again.status_code == 303 and "/thanks/" in again.headers["Location"]
    assert _stored(app) == 1


def test_a_bug_in_a_statement_is_still_a_500(app, faults, monkeypatch):
    """Only a database that could not answer says "press again": a statement the database
    refused as wrong (a programming error) must not hide behind it."""
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    client = app.test_client()
    survey = _survey(app)
    page = journey.start(client, survey.slug)
    address = page.all("form")[0].get("action") + "?token=" + page.form_fields()["token"]
    faults.error = faults.dialect.loaded_dbapi.ProgrammingError
    faults.fail("FROM draft", times=1_000, message="syntax error")

    shown = client.get(address)

    faults.fail("", times=0)
    assert faults.seen
    assert shown.status_code == 500


def test_a_rollback_that_raises_anything_as_a_request_ends_is_not_a_500(app, monkeypatch):
    """A driver may fail its rollback with an error of its own, not the DB-API's."""
    client = app.test_client()
    survey = _survey(app)
    assert client.get(f"/s/{survey.slug}").status_code == 200  # the survey is kept from now on
    with app.app_context():
        dialect = db.engine.dialect
    real_rollback = dialect.do_rollback
    calls = []

    def rollback(dbapi_connection):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionResetError("Connection reset by peer")
        real_rollback(dbapi_connection)

    monkeypatch.setattr(dialect, "do_rollback", rollback)

    shown = client.get(f"/s/{survey.slug}")

    # The first rollback failed; whether the pool rolls back once more as the connection
    # goes back depends on what earlier tests left in the pool.
    assert calls, "the rollback as the request ended was made to fail"
    assert shown.status_code == 200
    assert client.get(f"/s/{survey.slug}").status_code == 200


def test_no_response_is_half_stored_when_the_send_fails_mid_way(app, faults):
    client = app.test_client()
    survey = _survey(app)
    action, form = _send_form(client, survey.slug)
    faults.fail("DELETE FROM draft", times=1_000, message="disk I/O error")

    refused = client.post(action, data=form)

    faults.fail("", times=0)
    assert refused.status_code == 503
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 1
