"""Starter surveys and uploaded definition files start a draft survey, with its record."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Survey, SurveyStatus
from app.services import audit, easy_read_checks
from app.services.builder import readiness, starting
from app.services.definitions import DefinitionRefused
from app.services.frameworks import load_all_frameworks

LEAD = audit.Actor(None, "Sam Lead")


def test_every_shipped_framework_has_a_starter_survey(app_context):
    frameworks = {framework.key for framework in load_all_frameworks()}
    assert {starter.framework_key for starter in starting.starters()} == frameworks


@pytest.mark.parametrize("starter", starting.starters(), ids=lambda s: s.framework_key)
def test_a_starter_asks_about_every_principle_and_passes_the_easy_read_checks(app_context, starter):
    load_all_frameworks()
    survey = starting.create_from_starter(LEAD, starter.framework_key)
    assert survey.status == SurveyStatus.DRAFT
    tagged = {p.key for q in survey.questions for p in q.principles}
    assert tagged == {p.key for p in survey.framework.principles}
    errors = [f for f in readiness.easy_read_findings(survey) if f.level == easy_read_checks.ERROR]
    assert errors == []
    assert readiness.problems(survey) == []


def test_starting_twice_from_a_starter_gives_two_surveys_at_two_addresses(app_context):
    first = starting.create_from_starter(LEAD, "making-it-real")
    second = starting.create_from_starter(LEAD, "making-it-real")
    assert (first.slug, second.slug) == ("making-it-real-starter", "making-it-real-starter-2")
    events = db.session.scalars(select(AuditEvent.details)).all()
    assert [event["starter"] for event in events] == ["making-it-real", "making-it-real"]


def test_a_refused_file_writes_nothing(app_context):
    with pytest.raises(DefinitionRefused):
        starting.create_from_file(LEAD, b"schema_version: 1\ntitle: [", "broken.yaml")
    assert db.session.scalar(select(func.count()).select_from(Survey)) == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_an_uploaded_file_becomes_a_draft_with_its_record(app_context):
    data = starting.starters()[0].path.read_bytes()
    survey = starting.create_from_file(LEAD, data, "our-survey.yaml")
    assert survey.status == SurveyStatus.DRAFT
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.details["file"]) == ("survey.created", "our-survey.yaml")
