"""Easy-read warnings can be accepted for the words as they stand; errors cannot."""

import pytest

from app.models import QuestionKind
from app.services import audit
from app.services.builder import checking, details, questions
from app.services.errors import ServiceError
from app.services.frameworks import load_all_frameworks

LEAD = audit.Actor(None, "Sam Lead")


def _question(text: str) -> questions.QuestionDetails:
    return questions.QuestionDetails(
        kind=QuestionKind.YES_NO,
        text=text,
        easy_read_text=text,
        picture_key="question",
        options=(
            questions.OptionDetails("Yes", picture_key="yes"),
            questions.OptionDetails("No", picture_key="no"),
        ),
    )


@pytest.fixture
def survey(app_context):
    load_all_frameworks()
    return details.create_blank(
        LEAD, details.SurveyDetails(title="Respite", easy_read_title="Short breaks")
    )


def _warnings(survey, field):
    return [c for c in checking.checked_findings(survey) if c.finding.field == field]


def test_a_warning_accepted_stays_accepted_until_the_words_change(survey):
    question = questions.add_question(
        LEAD, survey.id, survey.version, _question("Did you have a care assessment?")
    )
    [warning] = [
        c for c in _warnings(survey, "questions[0].easy_read_text") if c.finding.rule == "E7"
    ]
    assert not warning.accepted
    checking.accept_warning(LEAD, survey.id, survey.version, warning.finding.field, "E7")
    [warning] = [
        c for c in _warnings(survey, "questions[0].easy_read_text") if c.finding.rule == "E7"
    ]
    assert warning.accepted
    questions.update_question(
        LEAD, survey.id, survey.version, question.id, _question("Did you have an assessment?")
    )
    [warning] = [
        c for c in _warnings(survey, "questions[0].easy_read_text") if c.finding.rule == "E7"
    ]
    assert not warning.accepted


def test_an_error_cannot_be_accepted(survey):
    questions.add_question(
        LEAD, survey.id, survey.version, _question("Do you feel safe and happy?")
    )
    error = next(c for c in checking.checked_findings(survey) if c.finding.level == "error")
    with pytest.raises(ServiceError, match="cannot be accepted"):
        checking.accept_warning(
            LEAD, survey.id, survey.version, error.finding.field, error.finding.rule
        )


def test_one_click_puts_the_plainer_words_in_place(survey):
    questions.add_question(
        LEAD, survey.id, survey.version, _question("Did you have an assessment?")
    )
    hard = next(
        c.finding
        for c in checking.checked_findings(survey)
        if c.finding.rule == "E7" and c.finding.field == "questions[0].easy_read_text"
    )
    checking.use_suggestion(LEAD, survey.id, survey.version, hard.field, "E7")
    assert survey.questions[0].easy_read_text == (
        "Did you have a meeting to find out what help you need?"
    )
    assert survey.questions[0].text == "Did you have an assessment?"
