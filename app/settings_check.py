"""Check every setting when Heard starts, and say what to fix, one line per problem.

`config.py` reads the environment without ever failing: a value that is not a number is kept
as it was typed. `check()` then looks at every setting at once and raises `SettingsError` with
all the problems, so a council's IT team fixes them in one go instead of one traceback at a
time. `create_app()` runs it inside `stop_on_bad_settings()`, which prints them and exits with
status 2, never a traceback, however Heard was started (`flask --app app` or `wsgi`,
`python -m flask`, gunicorn).

In production it also needs a secret key long enough to sign sessions, a database that
answers within a few seconds, and the https:// address residents open Heard on.
"""

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from urllib.parse import urlsplit

from app.proxies import trusted_proxies

EXIT_STATUS = 2
SHORTEST_SECRET_KEY = 32
DATABASE_TIMEOUT_SECONDS = 3
# Whole-number settings: (lowest, highest, what it counts).
WHOLE_NUMBERS = {
    "REPORT_SUPPRESSION_THRESHOLD": (5, 10, "the fewest answers a report shows a figure for"),
    "REPORT_BACKGROUND_MIN_RESPONSES": (1, 10_000_000, "responses above which reports wait"),
    "MAIL_PORT": (1, 65535, "the mail server's port"),
    "RETENTION_DEFAULT_MONTHS": (1, 120, "months answers are kept after a survey closes"),
    "RETENTION_MIN_MONTHS": (1, 120, "the fewest months a lead may choose"),
    "RETENTION_MAX_MONTHS": (1, 120, "the most months a lead may choose"),
    "RESPOND_TOKEN_MAX_AGE_SECONDS": (3600, 30 * 24 * 3600, "seconds a resident's page lasts"),
    "DATABASE_POOL_SIZE": (1, 100, "database connections each worker keeps"),
    "DATABASE_MAX_OVERFLOW": (0, 100, "extra database connections a busy worker may open"),
    "DATABASE_STATEMENT_TIMEOUT_SECONDS": (1, 3600, "seconds one SQL statement may run"),
    "DATABASE_IDLE_BEFORE_CHECK_SECONDS": (0, 3600, "idle seconds before a connection is checked"),
    "SIGN_IN_FAILURES_PER_ADDRESS": (5, 100_000, "failed sign-ins from one address in 15 minutes"),
    "SIGN_IN_FAILURES_PER_ACCOUNT": (3, 1000, "failed sign-ins to one account in 15 minutes"),
}
# Rate limits, in Flask-Limiter's words: a wrong one would switch its limit off unseen.
RATES = ("RESPOND_SENDS_PER_MINUTE", "WITHDRAW_TRIES")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


class SettingsError(RuntimeError):
    """Heard cannot start: each item of `problems` is one setting to fix."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Heard cannot start:\n" + "\n".join(problems))
        self.problems = problems


def check(config: Mapping, *, production: bool, environ: Mapping | None = None) -> None:
    """Raise SettingsError listing every problem with these settings; return if there is none."""
    problems = [*_whole_numbers(config), *_retention(config), *_other_settings(config)]
    if production:
        problems += _production(config, environ if environ is not None else {})
    if problems:
        raise SettingsError(problems)


@contextmanager
def stop_on_bad_settings() -> Iterator[None]:
    """Print the problems of a SettingsError to stderr and exit with status 2."""
    try:
        yield
    except SettingsError as error:
        count = len(error.problems)
        lines = [f"Heard cannot start: {count} setting{'s' * (count != 1)} to fix."]
        sys.stderr.write("\n- ".join(lines + error.problems) + "\n")
        raise SystemExit(EXIT_STATUS) from None


def _in_range(name: str, value: object) -> bool:
    lowest, highest, _what = WHOLE_NUMBERS[name]
    return isinstance(value, int) and lowest <= value <= highest


def _whole_numbers(config: Mapping) -> Iterator[str]:
    for name, (lowest, highest, what) in WHOLE_NUMBERS.items():
        value = config.get(name)
        if not _in_range(name, value):
            yield (
                f"{name} is {value!r}: set it to a whole number from {lowest} to {highest} "
                f"({what}), or leave it unset for the default."
            )


def _retention(config: Mapping) -> Iterator[str]:
    names = [f"RETENTION_{name}_MONTHS" for name in ("MIN", "DEFAULT", "MAX")]
    months = [config.get(name) for name in names]
    # A value out of its own range is reported once, by _whole_numbers.
    each_fine = all(_in_range(name, value) for name, value in zip(names, months, strict=True))
    if each_fine and not months[0] <= months[1] <= months[2]:
        yield (
            "RETENTION_MIN_MONTHS, RETENTION_DEFAULT_MONTHS and RETENTION_MAX_MONTHS are "
            f"{months[0]}, {months[1]} and {months[2]}: the shortest must be no more than the "
            "default, and the default no more than the longest."
        )


def _other_settings(config: Mapping) -> Iterator[str]:
    try:
        trusted_proxies(config.get("TRUSTED_PROXIES"))
    except RuntimeError as problem:
        yield f"{problem}: set it to how many reverse proxies stand in front of Heard."
    seconds = config.get("SURVEY_CHECK_SECONDS")
    if not isinstance(seconds, float) or not 0 <= seconds <= 3600:
        yield (
            f"SURVEY_CHECK_SECONDS is {seconds!r}: set it to a number of seconds from 0 to 3600, "
            "or leave it unset for 2."
        )
    yield from _survey_languages(config.get("SURVEY_LANGUAGES") or "")
    yield from _rates(config)


def _rates(config: Mapping) -> Iterator[str]:
    from limits import parse_many

    for name in RATES:
        value = config.get(name)
        try:
            parse_many(value if isinstance(value, str) else "")
        except ValueError:
            yield (
                f"{name} is {value!r}: set it to a rate like '30 per minute' or "
                "'10 per hour', or leave it unset for the default."
            )


def _survey_languages(text: str) -> Iterator[str]:
    from app.languages import DEFAULT_LANGUAGE, LANGUAGES

    codes = [code.strip() for code in text.split(",") if code.strip()]
    wrong = [code for code in codes if code not in LANGUAGES or code == DEFAULT_LANGUAGE]
    if wrong:
        choices = ", ".join(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)
        yield (
            f"SURVEY_LANGUAGES has {', '.join(repr(code) for code in wrong)}: list "
            f"comma-separated codes from {choices}."
        )


def _production(config: Mapping, environ: Mapping) -> Iterator[str]:
    key = config.get("SECRET_KEY") or ""
    if len(key) < SHORTEST_SECRET_KEY:
        said = "is not set" if not key else f"has only {len(key)} characters"
        yield (
            f"SECRET_KEY {said}: set it to a random value of at least {SHORTEST_SECRET_KEY} "
            "characters, for example the output of "
            '`python -c "import secrets; print(secrets.token_hex(32))"`.'
        )
    if not environ.get("DATABASE_URL"):
        yield (
            "DATABASE_URL is not set: set it to the database's address, for example "
            "postgresql+psycopg://heard:PASSWORD@db.internal/heard."
        )
    else:
        yield from _database_answers(config.get("SQLALCHEMY_DATABASE_URI") or "")
    yield from _public_base_url(config.get("PUBLIC_BASE_URL") or "")


def _public_base_url(address: str) -> Iterator[str]:
    if not address:
        yield (
            "PUBLIC_BASE_URL is not set: set it to the https:// address residents open Heard "
            "on, like https://heard.gateshead.gov.uk (posters and QR codes are built on it)."
        )
        return
    parts = urlsplit(address)
    local = parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
    if not (parts.scheme == "https" or local) or not parts.hostname:
        yield (
            f"PUBLIC_BASE_URL is {address!r}: set it to an https:// address, like "
            "https://heard.gateshead.gov.uk (http:// only for localhost)."
        )


def _database_answers(url: str) -> Iterator[str]:
    """Connect once, waiting a few seconds at most; SQLite is a file, so it always answers."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError
    from sqlalchemy.pool import NullPool

    try:
        address = make_url(url)
    except ArgumentError:
        yield "DATABASE_URL is not a database address: use postgresql+psycopg://USER:PASSWORD@HOST/NAME."
        return
    if address.get_backend_name() != "postgresql":
        return
    shown = address.render_as_string(hide_password=True)
    engine = create_engine(
        address, poolclass=NullPool, connect_args={"connect_timeout": DATABASE_TIMEOUT_SECONDS}
    )
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as problem:
        reason = str(getattr(problem, "orig", problem)).strip().splitlines()[0]
        yield (
            f"DATABASE_URL ({shown}) does not answer within {DATABASE_TIMEOUT_SECONDS} "
            f"seconds: {reason}. Check the address, user and password, and that the database "
            "server is running."
        )
    finally:
        engine.dispose()
