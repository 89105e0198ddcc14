"""Database connection settings that keep answers safe (docs/bad-input.md REL-7).

SQLite gets WAL, full sync, a busy timeout and foreign keys on every connection;
PostgreSQL gets a checked pool and a statement timeout.
"""

from flask import Flask
from sqlalchemy import event


def configure_engine_options(app: Flask) -> None:
    """Set pool and driver options for the configured database."""
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if uri.startswith("postgres"):
        if uri.startswith("postgresql://") or uri.startswith("postgres://"):
            uri = "postgresql+psycopg://" + uri.split("://", 1)[1]
            app.config["SQLALCHEMY_DATABASE_URI"] = uri
        options.setdefault("pool_pre_ping", True)
        options.setdefault("pool_size", 5)
        options.setdefault("max_overflow", 5)
        options.setdefault("connect_args", {"options": "-c statement_timeout=10000"})
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def register_connection_settings(app: Flask) -> None:
    """Apply SQLite's safety pragmas to every new connection."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        from app.extensions import db

        event.listen(db.engine, "connect", _sqlite_pragmas)


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
