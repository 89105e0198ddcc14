"""Changing a draft survey's framework: refused while its questions are linked to the old
framework's principles, so no question points at a principle of another framework."""

import pytest

from app.extensions import db
from app.models import QuestionKind, Survey
from app.services import audit, definitions, frameworks
from app.services.builder import details, questions
from app.services.errors import ServiceError
from tests.builder import lead_pages
from tests.pages import check_page

LEAD = audit.Actor(None, "Sam Lead")
OLD, NEW = "working-together-for-change", "making-it-real"


def _question(text: str, *principle_keys: str) -> questions.QuestionDetails:
    return questions.QuestionDetails(
        kind=QuestionKind.FREE_TEXT,
        text=text,
        easy_read_text=text,
        principle_keys=principle_keys,
    )


@pytest.fixture
def survey(app_context) -> Survey:
    frameworks.load_all_frameworks()
    survey = details.create_blank(
        LEAD, details.SurveyDetails(title="Day centres in Gateshead", framework_key=OLD)
    )
    questions.add_question(LEAD, survey.id, survey.version, _question("What works?", "involve"))
    questions.add_question(LEAD, survey.id, survey.version, _question("What could be better?"))
    questions.add_question(LEAD, survey.id, survey.version, _question("Who helps?", "involve"))
    return survey


def _new_framework(survey: Survey) -> Survey:
    wanted = details.SurveyDetails(title=survey.title, framework_key=NEW)
    return details.update_details(LEAD, survey.id, survey.version, wanted)


def test_a_new_framework_is_refused_while_questions_have_the_old_ones_principles(survey):
    version = survey.version

    with pytest.raises(ServiceError, match="Remove the principles") as refused:
        _new_framework(survey)

    assert refused.value.message.startswith("Questions 1 and 3 are linked to principles")
    assert refused.value.field == "framework_key"
    db.session.expire_all()
    assert (survey.framework.key, survey.version) == (OLD, version)
    assert [p.key for p in survey.questions[0].principles] == ["involve"]


def test_the_framework_changes_once_the_principles_are_removed(survey):
    for question in list(survey.questions):
        wanted = _question(question.text)
        questions.update_question(LEAD, survey.id, survey.version, question.id, wanted)

    _new_framework(survey)

    assert survey.framework.key == NEW
    wanted = _question("What works?", "workforce")
    questions.update_question(LEAD, survey.id, survey.version, survey.questions[0].id, wanted)
    exported = definitions.export(survey, format="yaml")
    copy = definitions.create_survey(definitions.parse(exported, filename="copy.yaml"), slug="copy")
    assert [p.key for p in copy.questions[0].principles] == ["workforce"]


def test_the_details_page_refuses_the_new_framework_with_the_reason(client, lead):
    survey = lead_pages.create(client)
    tagged = {"kind": "free_text", "principles": "involve", "text": "What works?"}
    assert (
        lead_pages.add(client, survey.id, **tagged, easy_read_text="What works?").status_code == 303
    )
    changes = lead_pages.survey_changes()

    page = check_page(lead_pages.details(client, survey.id, framework_key=NEW))

    assert page.status == 400
    assert "Question 1 is linked to principles" in page.text(".govuk-error-summary")
    assert lead_pages.survey_changes() == changes
    db.session.expire_all()
    assert db.session.get(Survey, survey.id).framework.key == OLD
