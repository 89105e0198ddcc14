"""Fixtures: one app and one migrated database per session, emptied between tests.

The schema comes from `flask db upgrade`, never `create_all`. SQLite by default; the same
suite runs on PostgreSQL when TEST_DATABASE_URL is set.
"""

import os

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from app import create_app
from app.extensions import db, limiter
from app.respond import blank_pages
from app.services import survey_cache
from config import TestConfig


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    database_url = os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'heard-test.db'}"
    )

    class SessionConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = database_url

    application = create_app(SessionConfig)
    with application.app_context():
        if database_url.startswith("postgres"):
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        upgrade()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _empty_database(request):
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        limiter.reset()
        survey_cache.forget_all()
        blank_pages.forget_all(application)
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app, app_context):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def lead(client):
    """An engagement lead, signed in on `client` (builder tests also load the frameworks)."""
    # Imported here: tests/staff/test_access.py is a test module, rewritten for asserts when
    # pytest collects it, not when this file loads.
    from tests.factories import create_user
    from tests.staff.test_access import sign_in

    user = create_user(role="lead")
    sign_in(client, user)
    return user


@pytest.fixture
def frameworks(app_context):
    """The shipped frameworks and their principles, loaded as `make run` loads them."""
    from app.services.frameworks import load_all_frameworks

    load_all_frameworks()
