"""What a council's IT team runs Heard by: the health checks, and JSON request logs that
never hold what a resident typed (docs/deploying.md)."""

import io
import json
import logging

import pytest
from sqlalchemy import select, text

from app import create_app
from app.extensions import db
from app.health import newest_migration
from app.models import Response
from tests import journey
from tests.factories import create_survey
from tests.pages import get

TYPED = {
    "free_text": "Margaret Oyelaran, 07700 900123, margaret.o@example.com, NE8 1HH",
    "whole_number": "4",
}


def test_healthz_answers_without_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_is_ready_when_the_database_is_at_the_newest_migration(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ready"}


def test_readyz_is_not_ready_when_migrations_have_not_run(client):
    db.session.execute(text("update alembic_version set version_num = '0001'"))
    db.session.commit()
    try:
        response = client.get("/readyz")
    finally:
        db.session.execute(
            text("update alembic_version set version_num = :head"), {"head": newest_migration()}
        )
        db.session.commit()

    assert response.status_code == 503
    assert response.get_json()["status"] == "not ready"
    assert "run flask db upgrade" in response.get_json()["problems"][0]


@pytest.fixture
def logged_app(app):
    """A second app on the same database, logging JSON into a buffer."""
    saved = {name: _logger_state(name) for name in ("heard", "app")}

    config = type(
        "JsonLogConfig",
        (object,),
        {key: value for key, value in app.config.items() if key.isupper()} | {"LOG_FORMAT": "json"},
    )
    logged = create_app(config)
    buffer = io.StringIO()
    for handler in logging.getLogger("heard").handlers:
        handler.setStream(buffer)
    yield logged, buffer
    with logged.app_context():
        db.session.remove()
        db.engine.dispose()  # the second app's own connections
    for name, (handlers, level, propagate) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers, logger.level, logger.propagate = handlers, level, propagate


def _logger_state(name: str):
    logger = logging.getLogger(name)
    return list(logger.handlers), logger.level, logger.propagate


def test_each_request_is_one_json_line_with_no_answer_token_or_reference(logged_app, app_context):
    logged, buffer = logged_app
    survey = create_survey(questions=2, kinds=["free_text", "whole_number"])
    resident = logged.test_client()

    page = journey.start(resident, survey.slug)
    token = page.form_fields()["token"]
    page = get(resident, journey.answer(resident, page, TYPED["free_text"]).headers["Location"])
    response = journey.answer(resident, page, TYPED["whole_number"])
    assert response.status_code == 303, response.get_data(as_text=True)[-3000:]
    check = journey.past_support_question(resident, get(resident, response.headers["Location"]))
    sent = resident.post(
        check.all("form[action*='/send']")[0].get("action"),
        data=check.form_fields("form[action*='/send']"),
    )
    thanks = sent.headers["Location"]
    resident.get(thanks)
    resident.get("/healthz")

    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    requests = [line for line in lines if line.get("message") == "request"]
    assert [line["route"] for line in requests][-2:] == [
        "/s/<slug>/send",
        "/s/<slug>/thanks/<receipt>",
    ]
    assert all(line["request_id"] and line["instance"] for line in requests)
    assert {line["status"] for line in requests} <= {200, 303}
    logged_text = buffer.getvalue()
    reference = thanks.rsplit("/", 1)[-1].split("?")[0]
    stored = db.session.scalar(select(Response).where(Response.survey_id == survey.id))
    secrets = [TYPED["free_text"], "07700", "margaret", "NE8 1HH", token, reference]
    secrets.append(stored.submission_token)
    for secret in secrets:
        assert secret.lower() not in logged_text.lower(), secret
    assert "/healthz" not in logged_text


def test_a_proxy_request_id_is_kept_and_a_made_up_one_replaced(logged_app):
    logged, buffer = logged_app
    client = logged.test_client()

    kept = client.get("/", headers={"X-Request-Id": "lb-7f3a9c2e41"})
    replaced = client.get("/", headers={"X-Request-Id": "<script>forged"})

    assert kept.headers["X-Request-Id"] == "lb-7f3a9c2e41"
    assert replaced.headers["X-Request-Id"] != "<script>forged"
    assert len(replaced.headers["X-Request-Id"]) == 32
    assert "forged" not in buffer.getvalue()
