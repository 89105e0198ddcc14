"""Configuration: production refuses to start half-configured; SQLite is set up to keep answers."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app import create_app
from app.extensions import db
from config import ProductionConfig


@pytest.mark.parametrize(
    ("environment", "missing"),
    [
        ({}, ["SECRET_KEY", "DATABASE_URL"]),
        ({"SECRET_KEY": "x" * 32}, ["DATABASE_URL"]),
        ({"DATABASE_URL": "sqlite:///heard.db"}, ["SECRET_KEY"]),
    ],
)
def test_production_refuses_to_start_without_its_settings(
    monkeypatch, capsys, environment, missing
):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://heard.example")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as refused:
        create_app(ProductionConfig)
    assert refused.value.code == 2
    problems = capsys.readouterr().err.splitlines()[1:]
    assert [problem.split()[1] for problem in problems] == missing


def test_sqlite_connections_are_set_up_to_keep_answers_safe(app):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite settings only apply to SQLite")
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def _printed_in_a_fresh_process(script: str, environment: dict, tmp_path):
    """Run `script` as gunicorn starts Heard, with only `environment`; return its JSON line."""
    result = subprocess.run(  # noqa: S603 - our own interpreter, a fixed script
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[1],
        env={"PATH": "", "HOME": str(tmp_path), **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_what_a_load_test_or_a_council_changes_comes_from_the_environment(tmp_path):
    # A fresh process, as gunicorn starts one: the settings are read when config.py loads.
    changed = {
        "RESPOND_SENDS_PER_MINUTE": "1000 per minute",
        "WITHDRAW_TRIES": "5 per hour",
        "RESPOND_TOKEN_MAX_AGE_SECONDS": "7200",
        "SURVEY_CHECK_SECONDS": "5",
        "REPORT_BACKGROUND_MIN_RESPONSES": "500",
    }
    script = (
        f"import json, wsgi; print(json.dumps({{k: wsgi.app.config[k] for k in {list(changed)}}}))"
    )
    assert _printed_in_a_fresh_process(script, changed, tmp_path) == {
        "RESPOND_SENDS_PER_MINUTE": "1000 per minute",
        "WITHDRAW_TRIES": "5 per hour",
        "RESPOND_TOKEN_MAX_AGE_SECONDS": 7200,
        "SURVEY_CHECK_SECONDS": 5.0,
        "REPORT_BACKGROUND_MIN_RESPONSES": 500,
    }


def test_the_database_pool_and_statement_timeout_come_from_the_environment(tmp_path):
    changed = {
        "DATABASE_URL": "postgresql://heard@127.0.0.1:1/heard",
        "DATABASE_POOL_SIZE": "8",
        "DATABASE_MAX_OVERFLOW": "2",
        "DATABASE_STATEMENT_TIMEOUT_SECONDS": "30",
    }
    script = (
        "import json, wsgi\n"
        "from app.extensions import db\n"
        "with wsgi.app.app_context():\n"
        "    pool = db.engine.pool\n"
        "    options = wsgi.app.config['SQLALCHEMY_ENGINE_OPTIONS']\n"
        "    print(json.dumps([pool.size(), pool._max_overflow, options['connect_args']]))"
    )
    assert _printed_in_a_fresh_process(script, changed, tmp_path) == [
        8,
        2,
        {"options": "-c statement_timeout=30000"},
    ]
