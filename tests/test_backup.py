"""`flask backup` and `flask restore` for SQLite: a backup taken while Heard runs, restored
into a fresh database, holds every response; a file that is not a Heard database is refused
and nothing is replaced. Runs on its own SQLite database whatever TEST_DATABASE_URL says."""

import sqlite3

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select

from app import create_app
from app.backup import BackupRefused, sqlite_path
from app.extensions import db
from app.models import Response
from app.services import demo
from config import TestConfig


@pytest.fixture
def sqlite_app(tmp_path):
    class SqliteConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'live.db'}"

    application = create_app(SqliteConfig)
    with application.app_context():
        upgrade()
        demo.seed_demo(responses=40, seed=7)
        db.session.remove()
    yield application
    with application.app_context():
        db.engine.dispose()


def _responses(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("select count(*) from response").fetchone()[0]


def test_a_backup_restored_into_a_fresh_database_finds_every_response(sqlite_app, tmp_path):
    with sqlite_app.app_context():
        stored = db.session.scalar(select(func.count()).select_from(Response))
    runner = sqlite_app.test_cli_runner()

    made = runner.invoke(args=["backup", str(tmp_path / "backup.db")])
    assert made.exit_code == 0, made.output
    assert "Backed up" in made.output

    class FreshConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'fresh.db'}"

    fresh = create_app(FreshConfig)
    restored = fresh.test_cli_runner().invoke(
        args=["restore", str(tmp_path / "backup.db"), "--yes"]
    )
    assert restored.exit_code == 0, restored.output
    with fresh.app_context():
        db.engine.dispose()
    assert stored >= 40
    assert _responses(tmp_path / "fresh.db") == stored


def test_a_backup_never_overwrites_a_file(sqlite_app, tmp_path):
    existing = tmp_path / "keep.db"
    existing.write_text("my notes")

    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(existing)])

    assert result.exit_code != 0
    assert "already exists" in result.output
    assert existing.read_text() == "my notes"


def test_a_file_that_is_not_a_heard_database_is_refused_and_nothing_replaced(sqlite_app, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    live = tmp_path / "live.db"
    before = _responses(live)

    result = sqlite_app.test_cli_runner().invoke(args=["restore", str(junk), "--yes"])

    assert result.exit_code != 0
    assert "is not a Heard database" in result.output
    assert _responses(live) == before


def test_postgresql_is_pointed_to_pg_dump():
    with pytest.raises(BackupRefused, match="pg_dump"):
        sqlite_path("postgresql+psycopg://postgres@127.0.0.1/heard")
