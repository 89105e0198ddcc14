"""Settings are checked at start: one clear line per problem, exit status 2, never a traceback.

Each test starts Heard the way a council would, in a fresh process with only the environment
it is given: `flask` (FLASK_APP=wsgi.py, or `--app app`), `python -m flask`, gunicorn, or an
import of `wsgi`, which gunicorn does.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
FLASK = str(Path(sys.executable).with_name("flask"))
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
GOOD_PRODUCTION = {
    "HEARD_ENV": "production",
    "SECRET_KEY": "k" * 64,
    "PUBLIC_BASE_URL": "https://heard.gateshead.gov.uk",
}
# Every way of starting Heard; gunicorn reads the repository's gunicorn.conf.py by itself.
ENTRY_POINTS = {
    "flask --app app": [FLASK, "--app", "app", "routes"],
    "flask --app wsgi": [FLASK, "--app", "wsgi", "routes"],
    "FLASK_APP=wsgi.py flask": [FLASK, "routes"],
    "python -m flask --app app": [sys.executable, "-m", "flask", "--app", "app", "routes"],
    "FLASK_APP=wsgi.py python -m flask": [sys.executable, "-m", "flask", "routes"],
    "gunicorn wsgi:app": [GUNICORN, "--bind", "127.0.0.1:0", "wsgi:app"],
    "gunicorn app:create_app()": [GUNICORN, "--bind", "127.0.0.1:0", "app:create_app()"],
}
# A PostgreSQL address nothing listens on: the connection is refused at once.
SILENT_DATABASE = "postgresql+psycopg://heard:not-a-real-password@127.0.0.1:1/heard"


def _start(environment: dict, command: list[str], tmp_path) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "FLASK_APP": "wsgi.py",
        "PYTHONDONTWRITEBYTECODE": "1",
        **environment,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and flask, fixed arguments
        command, cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def _import_wsgi(environment: dict, tmp_path) -> subprocess.CompletedProcess:
    return _start(environment, [sys.executable, "-c", "import wsgi"], tmp_path)


def _problems(result: subprocess.CompletedProcess) -> list[str]:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Heard cannot start:"), lines
    return lines[1:]


def test_good_production_settings_start(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'heard.db'}"}
    result = _import_wsgi(GOOD_PRODUCTION | database, tmp_path)
    assert result.returncode == 0, result.stderr


def test_production_with_nothing_set_names_each_missing_setting(tmp_path):
    problems = _problems(_import_wsgi({"HEARD_ENV": "production"}, tmp_path))
    assert [line.split()[1] for line in problems] == [
        "SECRET_KEY",
        "DATABASE_URL",
        "PUBLIC_BASE_URL",
    ]
    assert all(line.startswith("- ") and "set it to" in line for line in problems)
    assert (
        "Heard cannot start: 3 settings to fix."
        in _import_wsgi({"HEARD_ENV": "production"}, tmp_path).stderr
    )


def test_every_wrong_value_is_reported_at_once_by_a_flask_command(tmp_path):
    environment = GOOD_PRODUCTION | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'heard.db'}",
        "REPORT_SUPPRESSION_THRESHOLD": "3",
        "REPORT_BACKGROUND_MIN_RESPONSES": "lots",
        "MAIL_PORT": "25a",
        "TRUSTED_PROXIES": "two",
        "SURVEY_LANGUAGES": "cy,fr",
        "SURVEY_CHECK_SECONDS": "soon",
        "SECRET_KEY": "short",
        "PUBLIC_BASE_URL": "http://heard.gateshead.gov.uk",
    }
    problems = _problems(_start(environment, [FLASK, "db", "upgrade"], tmp_path))
    assert [line.split()[1] for line in problems] == [
        "REPORT_SUPPRESSION_THRESHOLD",
        "REPORT_BACKGROUND_MIN_RESPONSES",
        "MAIL_PORT",
        "TRUSTED_PROXIES",
        "SURVEY_CHECK_SECONDS",
        "SURVEY_LANGUAGES",
        "SECRET_KEY",
        "PUBLIC_BASE_URL",
    ]
    said = "\n".join(problems)
    assert "REPORT_SUPPRESSION_THRESHOLD is 3: set it to a whole number from 5 to 10" in said
    assert "MAIL_PORT is '25a'" in said
    assert "SURVEY_LANGUAGES has 'fr'" in said
    assert "SECRET_KEY has only 5 characters" in said
    assert not (tmp_path / "heard.db").exists(), "Nothing may run with wrong settings"


def test_retention_limits_must_surround_the_default(tmp_path):
    environment = {"RETENTION_MIN_MONTHS": "24", "RETENTION_DEFAULT_MONTHS": "12"}
    problems = _problems(_import_wsgi(environment, tmp_path))
    assert len(problems) == 1
    assert "the shortest must be no more than the default" in problems[0]
    assert _problems(_import_wsgi({"RETENTION_MAX_MONTHS": "0"}, tmp_path)) == [
        "- RETENTION_MAX_MONTHS is 0: set it to a whole number from 1 to 120 "
        "(the most months a lead may choose), or leave it unset for the default."
    ]


def test_a_database_that_does_not_answer_is_one_line_without_its_password(tmp_path):
    environment = GOOD_PRODUCTION | {"DATABASE_URL": SILENT_DATABASE}
    problems = _problems(_import_wsgi(environment, tmp_path))
    assert len(problems) == 1
    assert problems[0].startswith(
        "- DATABASE_URL (postgresql+psycopg://heard:***@127.0.0.1:1/heard) does not answer"
    )
    assert "not-a-real-password" not in problems[0]


@pytest.mark.parametrize(
    "address", ["https://heard.gateshead.gov.uk", "http://localhost:8000", "http://127.0.0.1:8000"]
)
def test_public_base_url_is_https_or_this_machine(tmp_path, address):
    environment = GOOD_PRODUCTION | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'heard.db'}",
        "PUBLIC_BASE_URL": address,
    }
    assert _import_wsgi(environment, tmp_path).returncode == 0


def test_development_starts_with_nothing_set(tmp_path):
    assert _import_wsgi({}, tmp_path).returncode == 0


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_every_entry_point_stops_with_the_same_lines(tmp_path, entry_point):
    environment = {"HEARD_ENV": "production", "MAIL_PORT": "x"}
    expected = _import_wsgi(environment, tmp_path)
    result = _start(environment, ENTRY_POINTS[entry_point], tmp_path)
    assert _problems(result) == _problems(expected)
    assert result.stderr == expected.stderr
    assert [line.split()[1] for line in _problems(result)] == [
        "MAIL_PORT",
        "SECRET_KEY",
        "DATABASE_URL",
        "PUBLIC_BASE_URL",
    ]


def test_gunicorn_stops_with_the_same_lines(tmp_path):
    command = [GUNICORN, "--config", "gunicorn.conf.py", "--bind", "127.0.0.1:0", "wsgi:app"]
    problems = _problems(_start({"HEARD_ENV": "production", "MAIL_PORT": "x"}, command, tmp_path))
    assert [line.split()[1] for line in problems] == [
        "MAIL_PORT",
        "SECRET_KEY",
        "DATABASE_URL",
        "PUBLIC_BASE_URL",
    ]


UNUSABLE = {
    "rate limits and page lifetime": {
        "RESPOND_TOKEN_MAX_AGE_SECONDS": "60",
        "RESPOND_SENDS_PER_MINUTE": "lots",
        "WITHDRAW_TRIES": "10 an hour",
    },
    "database pool": {
        "DATABASE_POOL_SIZE": "0",
        "DATABASE_MAX_OVERFLOW": "many",
        "DATABASE_STATEMENT_TIMEOUT_SECONDS": "0.5",
        "DATABASE_IDLE_BEFORE_CHECK_SECONDS": "-1",
    },
    "sign-in limits": {
        "SIGN_IN_FAILURES_PER_ADDRESS": "0",
        "SIGN_IN_FAILURES_PER_ACCOUNT": "ten",
    },
}


@pytest.mark.parametrize("environment", UNUSABLE.values(), ids=UNUSABLE.keys())
def test_settings_that_cannot_be_used_are_each_reported(tmp_path, environment):
    problems = _problems(_import_wsgi(environment, tmp_path))
    assert [line.split()[1] for line in problems] == list(environment)


def test_a_rate_limit_is_reported_with_an_example_of_one_that_works(tmp_path):
    problems = _problems(_import_wsgi({"RESPOND_SENDS_PER_MINUTE": "lots"}, tmp_path))
    assert (
        "RESPOND_SENDS_PER_MINUTE is 'lots': set it to a rate like '30 per minute'" in (problems[0])
    )
