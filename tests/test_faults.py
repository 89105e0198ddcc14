"""A database that drops the connection mid-request never gives a 500 (issue 13, faults).

Saving, sending and reading a resident's answers try once more on a fresh connection; while
the database stays down the resident gets the "not sent yet, press again" page (503) and the
next press works. Most faults are made in the driver: the dialect's execute, commit or
rollback raises the driver's own OperationalError for matching statements, and the dialect
calls it a lost connection, as psycopg does when PostgreSQL restarts or kills the backend.
On PostgreSQL one test kills the pool's real connections with `pg_terminate_backend`.
"""

import os

import lxml.html
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.pool import NullPool

from app.extensions import db
from app.models import Response
from tests import journey
from tests.factories import create_survey
from tests.respond.test_send_limit import _check_page

LOST = "server closed the connection unexpectedly"


class Faults:
    """Make the next `times` statements matching `words` fail as a lost connection."""

    def __init__(self, app, monkeypatch) -> None:
        with app.app_context():
            self.dialect = db.engine.dialect
        self.error = self.dialect.loaded_dbapi.OperationalError
        self.left: dict[str, int] = {}
        self.seen: list[str] = []
        real_execute = self.dialect.do_execute

        def do_execute(cursor, statement, parameters, context=None):
            self._maybe_fail(statement)
            return real_execute(cursor, statement, parameters, context)

        def failing(real, words):
            def run(dbapi_connection):
                self._maybe_fail(words)
                return real(dbapi_connection)

            return run

        monkeypatch.setattr(self.dialect, "do_execute", do_execute)
        for words in ("COMMIT", "ROLLBACK"):
            name = f"do_{words.lower()}"
            monkeypatch.setattr(self.dialect, name, failing(getattr(self.dialect, name), words))
        monkeypatch.setattr(self.dialect, "is_disconnect", lambda error, *_: LOST in str(error))

    def fail(self, words: str, times: int = 1, message: str = LOST) -> None:
        self.left[words] = times
        self.message = message

    def _maybe_fail(self, statement: str) -> None:
        for words, left in self.left.items():
            if left and words in statement:
                self.left[words] = left - 1
                self.seen.append(words)
                raise self.error(self.message)


@pytest.fixture
def faults(app, monkeypatch):
    return Faults(app, monkeypatch)


class _Survey:
    def __init__(self, slug: str) -> None:
        self.slug = slug


def _survey(app) -> _Survey:
    """Make a survey, then leave the app context: each request below has its own, as under
    gunicorn, so the session is removed (and rolled back) at the end of every request."""
    with app.app_context():
        return _Survey(create_survey(questions=2).slug)


def _send_form(client, slug: str) -> tuple[str, dict]:
    check = _check_page(client, slug)
    return check.all("form[action*='/send']")[0].get("action"), check.form_fields(
        "form[action*='/send']"
    )


def _stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Response))


@pytest.mark.parametrize("words", ["INSERT INTO draft", "FROM draft", "COMMIT"])
def test_an_answer_is_saved_when_the_connection_is_lost_once(app, faults, words):
    client = app.test_client()
    survey = _survey(app)
    page = journey.start(client, survey.slug)
    faults.fail(words)

    saved = journey.answer(client, page, page.all("input[type=radio]")[0].get("value"))

    assert faults.seen == [words]
    assert saved.status_code == 303
    assert "/questions/2" in saved.headers["Location"]


@pytest.mark.parametrize("words", ["INSERT INTO response", "DELETE FROM draft", "COMMIT"])
def test_a_send_is_stored_once_when_the_connection_is_lost_once(app, faults, words):
    client = app.test_client()
    survey = _survey(app)
    action, form = _send_form(client, survey.slug)
    faults.fail(words)

    sent = client.post(action, data=form)

    assert faults.seen == [words]
    assert sent.status_code == 303 and "/thanks/" in sent.headers["Location"]
    assert _stored(app) == 1


def test_a_send_while_the_database_is_down_says_press_again_and_the_next_press_works(app, faults):
    client = app.test_client()
    survey = _survey(app)
    action, form = _send_form(client, survey.slug)
    faults.fail("", times=1_000)

    refused = client.post(action, data=form, headers={"Accept": "text/html"})

    faults.fail("", times=0)
    assert refused.status_code == 503
    assert "have not been sent yet" in refused.get_data(as_text=True)
    assert _stored(app) == 0
    again = client.post(action, data=form)
    assert again.status_code == 303 and "/thanks/" in again.headers["Location"]
    assert _stored(app) == 1


def test_an_answer_while_the_database_is_down_says_press_again(app, faults):
    client = app.test_client()
    survey = _survey(app)
    page = journey.start(client, survey.slug)
    value = page.all("input[type=radio]")[0].get("value")
    faults.fail("", times=1_000)

    refused = journey.answer(client, page, value)

    faults.fail("", times=0)
    assert refused.status_code == 503
    assert "have not been sent yet" in refused.get_data(as_text=True)
    assert journey.answer(client, page, value).status_code == 303


def test_a_rollback_that_fails_as_a_request_ends_is_not_a_500(app, faults):
    """PostgreSQL killed the connection after the page was made: the rollback at the end of
    the request fails inside Flask-SQLAlchemy's teardown. It used to reach gunicorn (a 500)."""
    client = app.test_client()
    survey = _survey(app)
    page = journey.start(client, survey.slug)
    address = page.all("form")[0].get("action") + "?token=" + page.form_fields()["token"]
    faults.fail("ROLLBACK")

    shown = client.get(address)

    assert faults.seen == ["ROLLBACK"]
    assert shown.status_code == 200
    assert client.get(address).status_code == 200


def test_a_page_is_shown_when_the_connection_is_lost_once_while_reading_the_answers(app, faults):
    client = app.test_client()
    survey = _survey(app)
    page = journey.start(client, survey.slug)
    journey.answer(client, page, page.all("input[type=radio]")[0].get("value"))
    address = page.all("form")[0].get("action") + "?token=" + page.form_fields()["token"]
    faults.fail("FROM draft")

    shown = client.get(address)

    assert faults.seen == ["FROM draft"]
    assert shown.status_code == 200


def test_the_thanks_page_is_shown_when_the_connection_is_lost_once(app, faults):
    client = app.test_client()
    survey = _survey(app)
    action, form = _send_form(client, survey.slug)
    thanks = client.post(action, data=form).headers["Location"]
    faults.fail("FROM response")

    shown = client.get(thanks)

    assert faults.seen == ["FROM response"]
    assert shown.status_code == 200


def test_a_busy_sqlite_database_gives_the_not_sent_page_with_the_answer_kept(app, faults):
    """`database is locked` after the busy timeout is not a lost connection: no retry (the
    wait was already 5 seconds), the 503 page, and the resident's choice still chosen."""
    client = app.test_client()
    survey = _survey(app)
    page = journey.start(client, survey.slug)
    value = page.all("input[type=radio]")[0].get("value")
    faults.fail("INSERT INTO draft", message="database is locked")

    refused = journey.answer(client, page, value)

    assert faults.seen == ["INSERT INTO draft"]
    assert refused.status_code == 503
    shown = lxml.html.fromstring(refused.get_data(as_text=True))
    assert "have not been sent yet" in shown.cssselect(".govuk-error-summary")[0].text_content()
    assert [box.get("value") for box in shown.cssselect("input[type=radio][checked]")] == [value]


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="pg_terminate_backend is PostgreSQL's",
)
def test_a_send_is_stored_once_after_postgresql_killed_the_pools_connections(app):
    client = app.test_client()
    survey = _survey(app)
    action, form = _send_form(client, survey.slug)
    killer = create_engine(os.environ["TEST_DATABASE_URL"], poolclass=NullPool)
    with killer.begin() as connection:
        killed = connection.scalar(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    killer.dispose()

    sent = client.post(action, data=form)

    assert killed >= 1
    assert sent.status_code == 303 and "/thanks/" in sent.headers["Location"]
    assert client.get(sent.headers["Location"]).status_code == 200
    assert _stored(app) == 1


def test_the_start_page_is_shown_when_the_connection_is_lost_once_reading_the_survey(app, faults):
    client = app.test_client()
    survey = _survey(app)
    faults.fail("FROM survey")

    shown = client.get(f"/s/{survey.slug}")

    assert faults.seen == ["FROM survey"]
    assert shown.status_code == 200


@pytest.mark.parametrize("words", ["FROM response", "INSERT INTO response", "COMMIT", "FROM draft"])
def test_a_send_that_loses_the_connection_twice_says_press_again(app, faults, words):
    client = app.test_client()
    survey = _survey(app)
    action, form = _send_form(client, survey.slug)
    faults.fail(words, times=2)

    refused = client.post(action, data=form)

    assert faults.seen == [words, words]
    assert refused.status_code == 503
    assert "have not been sent yet" in refused.get_data(as_text=True)
    again = client.post(action, data=form)
    assert again.status_code == 303 and "/thanks/" in again.headers["Location"]
    assert _stored(app) == 1


def test_a_connection_lost_as_an_interface_error_is_tried_once_more(app, faults):
    """psycopg reports some dropped connections as InterfaceError, not OperationalError."""
    faults.error = faults.dialect.loaded_dbapi.InterfaceError
    client = app.test_client()
    survey = _survey(app)
    page = journey.start(client, survey.slug)
    faults.fail("INSERT INTO draft")

    saved = journey.answer(client, page, page.all("input[type=radio]")[0].get("value"))

    assert faults.seen == ["INSERT INTO draft"]
    assert saved.status_code == 303


def test_an_interface_error_that_lasts_keeps_the_answer_on_the_not_sent_page(app, faults):
    faults.error = faults.dialect.loaded_dbapi.InterfaceError
    client = app.test_client()
    survey = _survey(app)
    page = journey.start(client, survey.slug)
    value = page.all("input[type=radio]")[0].get("value")
    faults.fail("INSERT INTO draft", times=2)

    refused = journey.answer(client, page, value)

    assert refused.status_code == 503
    shown = lxml.html.fromstring(refused.get_data(as_text=True))
    assert "have not been sent yet" in shown.cssselect(".govuk-error-summary")[0].text_content()
    assert [box.get("value") for box in shown.cssselect("input[type=radio][checked]")] == [value]
