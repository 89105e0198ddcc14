"""The builder's use cases: create, edit with versions, branch rules, meaning fixed once
answered, duplicate, and a survey's life."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AuditEvent,
    Draft,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
    Translation,
    WordingChange,
)
from app.services import audit, frameworks
from app.services.builder import details, duplicating, editing, lifecycle, questions
from app.services.builder.branch_rules import Rule, describe
from app.services.errors import ServiceError

LEAD = audit.Actor(None, "Sam Lead")
OTHER = audit.Actor(None, "Ali Other")
TODAY = date(2026, 12, 1)


def _choice(text: str, labels=("Yes", "No", "Not sure"), **extra) -> questions.QuestionDetails:
    return questions.QuestionDetails(
        kind=QuestionKind.SINGLE_CHOICE,
        text=text,
        easy_read_text=text,
        options=tuple(questions.OptionDetails(label=label) for label in labels),
        **extra,
    )


@pytest.fixture
def survey(app_context) -> Survey:
    frameworks.load_all_frameworks()
    return details.create_blank(
        LEAD,
        details.SurveyDetails(
            title="Day centres in Gateshead", easy_read_title="Day centres in Gateshead"
        ),
    )


def _add(survey: Survey, text: str, **extra) -> Question:
    return questions.add_question(LEAD, survey.id, survey.version, _choice(text, **extra))


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _answer(survey: Survey) -> None:
    db.session.add(Response(survey_id=survey.id, submission_token="t" * 32, receipt="HRD-TEST1"))
    db.session.commit()


def test_a_blank_survey_is_a_draft_with_an_address_from_its_title(survey):
    assert (survey.slug, survey.status, survey.version) == (
        "day-centres-in-gateshead",
        SurveyStatus.DRAFT,
        1,
    )
    again = details.create_blank(LEAD, details.SurveyDetails(title="Day centres in Gateshead!"))
    assert again.slug == "day-centres-in-gateshead-2"


@pytest.mark.parametrize(
    ("title", "slug"), [("Café survey", "cafe-survey"), ("سؤال", "survey"), ("  A  B ", "a-b")]
)
def test_addresses_are_lowercase_hyphenated_ascii(title, slug):
    assert details.slug_for(title) == slug


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"picture_key": "no-such-picture"}, "picture_key"),
        ({"framework_key": "not-a-framework"}, "framework_key"),
        ({"opens_on": date(2027, 1, 2), "closes_on": date(2027, 1, 1)}, "closes_on"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_written(survey, change, field):
    before = _count(AuditEvent)
    values = {"title": "Fine"} | change
    with pytest.raises(ServiceError) as refused:
        details.update_details(LEAD, survey.id, survey.version, details.SurveyDetails(**values))
    assert refused.value.field == field
    assert _count(AuditEvent) == before
    assert db.session.get(Survey, survey.id).title == "Day centres in Gateshead"


def test_a_save_from_an_older_version_is_refused_with_what_changed(survey):
    seen = survey.version
    details.update_details(OTHER, survey.id, seen, details.SurveyDetails(title="Their title"))
    with pytest.raises(editing.EditConflict) as refused:
        details.update_details(LEAD, survey.id, seen, details.SurveyDetails(title="My title"))
    assert refused.value.status_code == 409
    assert refused.value.changes[0].startswith(
        "Ali Other changed the survey's details (title, easy-read title) at "
    )
    assert db.session.get(Survey, survey.id).title == "Their title"


@pytest.mark.parametrize("seen", [0, -1, 2, 999_999_999])
def test_a_version_the_survey_never_had_is_refused_without_naming_any_change(survey, seen):
    before = (_count(AuditEvent), survey.version)
    with pytest.raises(editing.VersionNotKnown) as refused:
        details.update_details(LEAD, survey.id, seen, details.SurveyDetails(title="My title"))
    assert refused.value.status_code == 400
    assert "Someone else" not in refused.value.message
    db.session.expire_all()
    assert (_count(AuditEvent), db.session.get(Survey, survey.id).version) == before
    assert db.session.get(Survey, survey.id).title == "Day centres in Gateshead"


def test_questions_are_added_moved_and_deleted_in_order(survey):
    first = _add(survey, "Do you go to a day centre?")
    second = _add(survey, "Do you like the food?")
    questions.move_question(LEAD, survey.id, survey.version, second.id, -1)
    assert [q.text for q in survey.questions] == [second.text, first.text]
    questions.delete_question(LEAD, survey.id, survey.version, second.id)
    assert [(q.position, q.text) for q in survey.questions] == [(1, first.text)]
    assert survey.version == 5


def test_a_question_that_asks_nothing_or_has_one_answer_is_refused(survey):
    with pytest.raises(ServiceError, match="Enter the question"):
        _add(survey, "  ")
    with pytest.raises(ServiceError, match="at least 2 answers"):
        _add(survey, "Do you?", labels=("Yes",))
    with pytest.raises(ServiceError, match="its own words"):
        _add(survey, "Do you?", labels=("Yes", "yes"))
    assert survey.questions == []


def test_a_branch_rule_reads_an_earlier_question_and_is_said_in_words(survey):
    _add(survey, "Do you go to a day centre?")
    follow_up = _add(survey, "What do you like there?", show_if=Rule(1, (3,)))
    assert describe(follow_up) == "Asked only when the answer to question 1 is “Not sure”"
    with pytest.raises(ServiceError, match="comes before it"):
        _add(survey, "Later?", show_if=Rule(4, (1,)))
    with pytest.raises(ServiceError, match="before the question it depends on"):
        questions.move_question(LEAD, survey.id, survey.version, follow_up.id, -1)
    with pytest.raises(ServiceError, match="Question 2 depends on"):
        questions.delete_question(LEAD, survey.id, survey.version, survey.questions[0].id)
    with pytest.raises(ServiceError, match="depends on the answer “Not sure”"):
        questions.update_question(
            LEAD,
            survey.id,
            survey.version,
            survey.questions[0].id,
            _choice("Go?", labels=("Yes", "No")),
        )


def test_once_answered_only_words_change_and_each_change_is_recorded(survey):
    question = _add(survey, "Do you like the food?")
    _answer(survey)
    with pytest.raises(ServiceError, match="make a copy"):
        _add(survey, "A new question?")
    with pytest.raises(ServiceError, match="make a copy"):
        questions.update_question(
            LEAD, survey.id, survey.version, question.id, _choice("Food?", labels=("Yes", "No"))
        )
    with pytest.raises(ServiceError, match="Say why"):
        questions.update_question(
            LEAD, survey.id, survey.version, question.id, _choice("Do you like the meals?")
        )
    questions.update_question(
        LEAD,
        survey.id,
        survey.version,
        question.id,
        _choice("Do you like the meals?", reason="Residents call it meals"),
    )
    recorded = db.session.scalars(select(WordingChange).order_by(WordingChange.field)).all()
    assert [(c.field, c.old_text, c.new_text, c.reason) for c in recorded] == [
        (
            "easy_read_text",
            "Do you like the food?",
            "Do you like the meals?",
            "Residents call it meals",
        ),
        ("text", "Do you like the food?", "Do you like the meals?", "Residents call it meals"),
    ]


def test_a_copy_has_the_questions_rules_and_translations_but_no_responses(survey):
    _add(survey, "Do you go to a day centre?")
    _add(survey, "What do you like there?", show_if=Rule(1, (1, 3)))
    db.session.add(
        Translation(
            entity="question", entity_id=survey.questions[0].id, language="cy", field="text",
            text="Ydych chi'n mynd?",
        )
    )  # fmt: skip
    db.session.commit()
    _answer(survey)
    copy = duplicating.duplicate(LEAD, survey.id)
    assert (copy.status, copy.slug) == (SurveyStatus.DRAFT, "day-centres-in-gateshead-2")
    assert [q.text for q in copy.questions] == [q.text for q in survey.questions]
    assert (
        describe(copy.questions[1])
        == "Asked only when the answer to question 1 is “Yes” or “Not sure”"
    )
    assert copy.questions[1].show_if_question_id == copy.questions[0].id
    welsh = db.session.scalar(
        select(Translation).where(Translation.entity_id == copy.questions[0].id)
    )
    assert welsh.text == "Ydych chi'n mynd?"
    assert db.session.scalar(select(func.count()).where(Response.survey_id == copy.id)) == 0


def test_a_survey_opens_when_ready_closes_and_removes_unsent_answers(survey):
    with pytest.raises(ServiceError, match="no questions"):
        lifecycle.open_survey(LEAD, survey.id, survey.version, TODAY)
    _add(survey, "Do you go to a day centre?")
    lifecycle.open_survey(LEAD, survey.id, survey.version, TODAY)
    assert survey.status == SurveyStatus.OPEN
    db.session.add(Draft(survey_id=survey.id, token="d" * 32, answers={}))
    db.session.commit()
    lifecycle.close_survey(LEAD, survey.id, survey.version, TODAY)
    assert (survey.status, survey.closes_on, _count(Draft)) == (SurveyStatus.CLOSED, TODAY, 0)
    with pytest.raises(ServiceError, match="Say why"):
        lifecycle.reopen_survey(LEAD, survey.id, survey.version, " ", TODAY)
    lifecycle.reopen_survey(LEAD, survey.id, survey.version, "More carers asked", TODAY)
    assert survey.status == SurveyStatus.OPEN
    with pytest.raises(ServiceError, match="Close the survey"):
        lifecycle.archive_survey(LEAD, survey.id, survey.version)
    lifecycle.close_survey(LEAD, survey.id, survey.version, TODAY)
    lifecycle.archive_survey(LEAD, survey.id, survey.version)
    with pytest.raises(editing.ReadOnly):
        _add(survey, "Too late?")
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-4:] == ["survey.closed", "survey.reopened", "survey.closed", "survey.archived"]


def test_dates_decide_what_residents_see_without_a_scheduler(survey):
    survey.status = SurveyStatus.OPEN
    survey.opens_on, survey.closes_on = date(2026, 12, 2), date(2026, 12, 31)
    assert lifecycle.status_on(survey, TODAY) == SurveyStatus.DRAFT
    assert lifecycle.status_on(survey, date(2026, 12, 31)) == SurveyStatus.OPEN
    assert lifecycle.status_on(survey, date(2027, 1, 1)) == SurveyStatus.CLOSED


def test_an_easy_read_error_stops_the_survey_opening_until_it_is_put_right(survey):
    question = _add(survey, "Do you feel safe and happy?")
    with pytest.raises(ServiceError) as refused:
        lifecycle.open_survey(LEAD, survey.id, survey.version, TODAY)
    assert "(E2)" in refused.value.message
    assert survey.status == SurveyStatus.DRAFT
    questions.update_question(
        LEAD, survey.id, survey.version, question.id, _choice("Do you feel safe?")
    )
    lifecycle.open_survey(LEAD, survey.id, survey.version, TODAY)
    assert survey.status == SurveyStatus.OPEN


def test_corrected_words_are_listed_in_the_reports_method_section(survey):
    import reports

    question = _add(survey, "Do you like the food?")
    _answer(survey)
    questions.update_question(
        LEAD,
        survey.id,
        survey.version,
        question.id,
        _choice("Do you like the meals?", reason="Residents call it meals"),
    )
    html = reports.what_we_heard(db.engine, survey.id, output="html").decode()
    assert "Words we corrected" in html
    assert (
        "Question 1: the question: “Do you like the food?” became “Do you like the meals?”. "
        "Why: Residents call it meals"
    ) in html
