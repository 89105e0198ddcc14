"""A pooled connection is checked before use only after idle time or an error
(app/database.py), not on every request as `pool_pre_ping` would."""

import pytest
from flask import current_app
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from app import database
from app.extensions import db
from tests.statements import counting


def _use(engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def _idle_seconds() -> float:
    return current_app.config["DATABASE_IDLE_BEFORE_CHECK_SECONDS"]


def _idle(engine, seconds: float) -> None:
    # Make every pooled connection look as if it was put back `seconds` ago.
    for record in list(engine.pool._pool.queue):
        record.info["idle_since"] -= seconds


@pytest.fixture
def engine(app_context):
    engine = db.engine
    engine.dispose()  # one pooled connection, so each test checks out the one it used
    _use(engine)
    return engine


def test_a_connection_used_a_moment_ago_is_not_checked(engine):
    with counting(engine) as statements:
        _use(engine)
    assert "ping" not in statements.sent, str(statements)


def test_a_connection_idle_for_a_while_is_checked_first(engine):
    _idle(engine, _idle_seconds() + 1)
    with counting(engine) as statements:
        _use(engine)
    assert statements.sent[0] == "ping", str(statements)


def test_a_connection_whose_last_use_failed_is_checked_first(engine):
    with pytest.raises(DBAPIError), engine.connect() as connection:
        connection.execute(text("SELECT * FROM no_such_table"))
    with counting(engine) as statements:
        _use(engine)
    assert statements.sent[0] == "ping", str(statements)


def test_a_dropped_connection_is_replaced_without_an_error(engine, monkeypatch):
    _idle(engine, _idle_seconds() + 1)
    answers = iter([False])
    monkeypatch.setattr(engine.dialect, "do_ping", lambda _c: next(answers, True))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
    assert next(answers, None) is None


@pytest.mark.parametrize(("idle_seconds", "checked"), [(0, True), (600, False)])
def test_the_idle_time_before_a_check_is_the_setting(idle_seconds, checked, tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'idle.db'}")
    database._check_connections_when_stale(engine, idle_seconds)
    _use(engine)
    _idle(engine, 60)
    with counting(engine) as statements:
        _use(engine)
    assert (statements.sent[0] == "ping") is checked, str(statements)
    engine.dispose()
