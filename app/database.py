"""Database connection settings that keep answers safe (docs/bad-input.md REL-7).

SQLite gets WAL, full sync, a busy timeout and foreign keys on every connection;
PostgreSQL gets a pool and a statement timeout.

A pooled connection is checked (a `SELECT 1` before use) only when it has been idle for
`DATABASE_IDLE_BEFORE_CHECK_SECONDS` (10 by default) or its last use ended in an error, not
on every checkout as `pool_pre_ping` would (one round trip per request, 6.5% of a worker's
time under load). A connection the server dropped meanwhile fails that check and the pool
opens a new one; one dropped while busy is invalidated by SQLAlchemy as the error is raised.
"""

import contextlib
import logging
import time

from flask import Flask
from sqlalchemy import event, exc

log = logging.getLogger(__name__)


def configure_engine_options(app: Flask) -> None:
    """Set pool and driver options for the configured database."""
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    # A failed statement's error (logged with its traceback) would otherwise quote its
    # parameters: a resident's answers, comments, e-mail addresses.
    options.setdefault("hide_parameters", True)
    if uri.startswith("postgres"):
        if uri.startswith("postgresql://") or uri.startswith("postgres://"):
            uri = "postgresql+psycopg://" + uri.split("://", 1)[1]
            app.config["SQLALCHEMY_DATABASE_URI"] = uri
        options.setdefault("pool_size", app.config.get("DATABASE_POOL_SIZE", 5))
        options.setdefault("max_overflow", app.config.get("DATABASE_MAX_OVERFLOW", 5))
        timeout_ms = 1000 * app.config.get("DATABASE_STATEMENT_TIMEOUT_SECONDS", 10)
        options.setdefault("connect_args", {"options": f"-c statement_timeout={timeout_ms}"})
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def register_connection_settings(app: Flask) -> None:
    """Check pooled connections after idle time or an error; on SQLite, apply its pragmas."""
    with app.app_context():
        from app.extensions import db

        engine = db.engine
    _check_connections_when_stale(engine, app.config["DATABASE_IDLE_BEFORE_CHECK_SECONDS"])
    # Registered after Flask-SQLAlchemy's own teardown, so it runs first (teardowns run in
    # reverse): a rollback that fails because the server dropped the connection is logged,
    # not raised to gunicorn as a 500 after the page was already made.
    app.teardown_appcontext(_remove_session_quietly)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)


def _check_connections_when_stale(engine, idle_seconds: float) -> None:
    def checkin(_dbapi_connection, record) -> None:
        if record is not None:
            record.info["idle_since"] = time.monotonic()

    def checkout(dbapi_connection, record, _proxy) -> None:
        idle_since = record.info.get("idle_since")
        stale = idle_since is not None and time.monotonic() - idle_since > idle_seconds
        if (stale or record.info.pop("failed", False)) and not _answers(engine, dbapi_connection):
            # The pool throws this connection away and tries a new one.
            raise exc.DisconnectionError("The database connection was dropped")

    def error(context) -> None:
        connection = context.connection
        if connection is not None and not connection.invalidated:
            connection.info["failed"] = True

    event.listen(engine.pool, "checkin", checkin)
    event.listen(engine.pool, "checkout", checkout)
    event.listen(engine, "handle_error", error)


def roll_back_quietly() -> None:
    """Roll back the request's session after a database error, even if the rollback fails.

    A connection the server dropped cannot roll back; it is thrown away instead, so the
    session can read again on a fresh one (to render the error page, say).
    """
    from app.extensions import db

    try:
        db.session.rollback()
    except Exception as error:  # whatever the driver raised, the page must still be made
        # The name only: an error's text can quote the statement's parameters (answers).
        log.warning("The database connection was lost while rolling back: %s", _name(error))
        _throw_session_away(db)


def _remove_session_quietly(_error: BaseException | None) -> None:
    from app.extensions import db

    try:
        db.session.remove()
    except Exception as error:  # a teardown that raises is a 500 after the page was made
        log.warning("The database connection was lost as a request ended: %s", _name(error))
        _throw_session_away(db)


def _name(error: Exception) -> str:
    return type(getattr(error, "orig", None) or error).__name__


def _throw_session_away(db) -> None:
    with contextlib.suppress(Exception):
        db.session.registry().invalidate()
    db.session.registry.clear()


def _answers(engine, dbapi_connection) -> bool:
    try:
        return engine.dialect.do_ping(dbapi_connection)
    except engine.dialect.loaded_dbapi.Error:
        return False


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",
        "busy_timeout=5000",
        "foreign_keys=ON",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
