"""Configuration classes for Heard: one per environment, chosen by `create_app(config_class)`.

Values come from the environment so that the same code runs on a laptop (SQLite in the
instance folder) and in production (PostgreSQL through `DATABASE_URL`).
"""

import os
import secrets
from typing import ClassVar


def _number(name: str, default: int | float, parse: type = int) -> int | float | str:
    """Return a number setting (`parse` is int or float); a value that is not one is kept as typed.

    Nothing here fails: app/settings_check.py reports every wrong value at start, at once.
    """
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        return parse(text)
    except ValueError:
        return text


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///heard.db")
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {}
    # docs/bad-input.md limits: request body, form memory and form parts.
    MAX_CONTENT_LENGTH = 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 500 * 1024
    MAX_FORM_PARTS = 1000
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Gateshead Council")
    SERVICE_NAME = "Heard"
    # How long a resident's page (its signed journey token) is accepted, 1 hour to 30 days.
    RESPOND_TOKEN_MAX_AGE_SECONDS = _number("RESPOND_TOKEN_MAX_AGE_SECONDS", 24 * 3600)
    # PostgreSQL only: each web worker's pool, and how long one statement may run.
    DATABASE_POOL_SIZE = _number("DATABASE_POOL_SIZE", 5)
    DATABASE_MAX_OVERFLOW = _number("DATABASE_MAX_OVERFLOW", 5)
    DATABASE_STATEMENT_TIMEOUT_SECONDS = _number("DATABASE_STATEMENT_TIMEOUT_SECONDS", 10)
    # A pooled connection idle this long is checked (SELECT 1) before a request uses it.
    DATABASE_IDLE_BEFORE_CHECK_SECONDS = _number("DATABASE_IDLE_BEFORE_CHECK_SECONDS", 10)
    REPORT_SUPPRESSION_THRESHOLD = _number("REPORT_SUPPRESSION_THRESHOLD", 10)
    # Reports of surveys with more responses than this are built in the background.
    REPORT_BACKGROUND_MIN_RESPONSES = _number("REPORT_BACKGROUND_MIN_RESPONSES", 20000)
    REDIS_URL = os.environ.get("REDIS_URL")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # How many reverse proxies stand in front of Heard (see app/proxies.py and the README).
    TRUSTED_PROXIES = os.environ.get("TRUSTED_PROXIES", "0")
    # The address residents open Heard on, like https://heard.gateshead.gov.uk: posters, QR
    # codes, embed snippets, kiosk and come-back links are built on it (app/public_urls.py).
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL")
    # How long a worker serves its loaded copy of an open survey before checking its version
    # again (app/services/survey_cache.py); sending answers always checks.
    SURVEY_CHECK_SECONDS = _number("SURVEY_CHECK_SECONDS", 2.0, float)
    # Sends of answers one address may make (Flask-Limiter words, checked at start); a load
    # test raises it.
    RESPOND_SENDS_PER_MINUTE = os.environ.get("RESPOND_SENDS_PER_MINUTE", "30 per minute")
    # The languages a survey's own words are translated into, comma-separated codes; each must
    # also be a page language of app/languages.py (its interface words are translated there).
    SURVEY_LANGUAGES = os.environ.get("SURVEY_LANGUAGES", "cy,ar")
    # Staff accounts (docs/staff-accounts.md): the address staff open Heard on, used in the
    # one-time links it e-mails (never the request's Host header), and the mail server. With no
    # MAIL_SERVER, Heard e-mails nothing and shows each link once to the admin instead.
    STAFF_BASE_URL = os.environ.get("STAFF_BASE_URL")
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = _number("MAIL_PORT", 25)
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "").lower() in {"1", "true", "yes"}
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "heard@localhost")
    # Free-text answers that count as no answer ("n/a", "did not answer"), separated by ";".
    # Unset: reports/placeholders.py DEFAULT_PLACEHOLDERS; ";" alone: only blank answers.
    FREE_TEXT_PLACEHOLDERS = os.environ.get("FREE_TEXT_PLACEHOLDERS")
    # Retention (docs/data-protection.md): months a survey's answers are kept after it closes,
    # and the shortest and longest a lead may choose for one survey.
    RETENTION_DEFAULT_MONTHS = _number("RETENTION_DEFAULT_MONTHS", 12)
    RETENTION_MIN_MONTHS = _number("RETENTION_MIN_MONTHS", 3)
    RETENTION_MAX_MONTHS = _number("RETENTION_MAX_MONTHS", 36)
    # "Take back my answers": tries per address, so reference numbers cannot be guessed.
    WITHDRAW_TRIES = os.environ.get("WITHDRAW_TRIES", "10 per hour")
    # Failed staff sign-ins in 15 minutes (app/services/sign_in_throttle.py): from one address
    # before it is refused (raise it when every colleague signs in through one office address),
    # and for one account before its sign-ins are slowed down.
    SIGN_IN_FAILURES_PER_ADDRESS = _number("SIGN_IN_FAILURES_PER_ADDRESS", 50)
    SIGN_IN_FAILURES_PER_ACCOUNT = _number("SIGN_IN_FAILURES_PER_ACCOUNT", 10)
    # The council's own privacy notice and accessibility statement: a folder holding
    # privacy-notice.txt and accessibility-statement.txt (and .cy.txt, .ar.txt); unset, the
    # instance folder. Without those files residents see Heard's easy-read defaults.
    NOTICES_FOLDER = os.environ.get("NOTICES_FOLDER")
    # Logs (docs/deploying.md): "json" writes one JSON line per request (app/request_log.py).
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")


class DevelopmentConfig(Config):
    """Local development: SQLite in the instance folder, a throwaway key if none is set."""

    SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)


class TestConfig(Config):
    """The test suite: SQLite by default, PostgreSQL when `TEST_DATABASE_URL` is set."""

    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105 - tests only
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite:///heard-test.db")
    WTF_CSRF_ENABLED = True
    # Every request checks the survey's version, so a test that changes a survey sees it.
    SURVEY_CHECK_SECONDS = 0.0


class ProductionConfig(Config):
    """Production: app/settings_check.py refuses to start without a key, a database, an address."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")

    @classmethod
    def read_environment(cls) -> None:
        """Read the key and the database again: the environment may have changed since import."""
        cls.SECRET_KEY = os.environ.get("SECRET_KEY")
        cls.SQLALCHEMY_DATABASE_URI = (
            os.environ.get("DATABASE_URL") or Config.SQLALCHEMY_DATABASE_URI
        )
        cls.PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL")
