"""Configuration: production refuses to start half-configured; SQLite is set up to keep answers."""

import pytest
from sqlalchemy import text

from app import create_app
from app.extensions import db
from app.settings_check import SettingsError
from config import ProductionConfig


@pytest.mark.parametrize(
    ("environment", "missing"),
    [
        ({}, ["SECRET_KEY", "DATABASE_URL"]),
        ({"SECRET_KEY": "x" * 32}, ["DATABASE_URL"]),
        ({"DATABASE_URL": "sqlite:///heard.db"}, ["SECRET_KEY"]),
    ],
)
def test_production_refuses_to_start_without_its_settings(monkeypatch, environment, missing):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://heard.example")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as refused:
        create_app(ProductionConfig)
    assert [problem.split()[0] for problem in refused.value.problems] == missing


def test_sqlite_connections_are_set_up_to_keep_answers_safe(app):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite settings only apply to SQLite")
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
