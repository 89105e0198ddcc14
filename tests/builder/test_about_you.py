"""The standard "about you" questions: optional, "I do not want to say" on each, added once."""

import pytest

from app.services import audit, easy_read_checks
from app.services.builder import about_you, details, readiness
from app.services.errors import ServiceError
from app.services.frameworks import load_all_frameworks

LEAD = audit.Actor(None, "Sam Lead")


@pytest.fixture
def survey(app_context):
    load_all_frameworks()
    return details.create_blank(
        LEAD, details.SurveyDetails(title="Carers' survey", easy_read_title="Carers' survey")
    )


def test_the_set_covers_the_monitoring_questions_each_with_a_way_not_to_say():
    texts = [question.easy_read_text for question in about_you.question_set()]
    assert len(texts) == 8
    for question in about_you.question_set():
        assert not question.required and question.section == "about_you"
        assert question.options[-1].label == "I do not want to say"
        assert len(question.options) <= 8


def test_adding_the_set_puts_it_at_the_end_once_with_no_easy_read_error(survey):
    added = about_you.add_about_you(LEAD, survey.id, survey.version)
    assert [q.position for q in added] == list(range(1, 9))
    assert {q.section for q in survey.questions} == {"about_you"}
    errors = [f for f in readiness.easy_read_findings(survey) if f.level == easy_read_checks.ERROR]
    assert errors == []
    with pytest.raises(ServiceError, match="already has"):
        about_you.add_about_you(LEAD, survey.id, survey.version)
    assert len(survey.questions) == 8
