"""Each worker's loaded copy of an open survey (app/services/survey_cache.py): read once, kept
across requests and commits, replaced when the builder changes the survey, and never trusted
for sending once the survey has closed."""

from datetime import date

import pytest

from app.extensions import db
from app.models import QuestionKind
from app.services import audit, surveys
from app.services.builder import lifecycle, questions
from app.services.errors import Gone
from tests.factories import create_survey
from tests.statements import counting

LEAD = audit.Actor(None, "Sam Lead")


@pytest.fixture
def long_checks(app, monkeypatch):
    # As in production, where a worker checks a survey's version every few seconds.
    monkeypatch.setitem(app.config, "SURVEY_CHECK_SECONDS", 3600.0)


def test_a_survey_served_again_costs_no_statement_at_all(app_context, long_checks):
    survey = create_survey(questions=3)
    first = surveys.get_open_survey(survey.slug)
    with counting(db.engine) as statements:
        again = surveys.get_open_survey(survey.slug)
        options = [option.label for q in again.questions for option in q.options]
    assert again is first
    assert options
    assert len(statements) == 0, str(statements)


def test_a_commit_does_not_make_the_copy_read_again(app_context, long_checks):
    survey = create_survey(questions=2)
    copy = surveys.get_open_survey(survey.slug)
    db.session.commit()
    with counting(db.engine) as statements:
        words = [(q.text, [o.label for o in q.options], q.principles) for q in copy.questions]
    assert len(words) == 2
    assert len(statements) == 0, str(statements)


def test_a_check_reads_one_small_row_when_nothing_changed(app_context):
    survey = create_survey(questions=3)
    first = surveys.get_open_survey(survey.slug)
    with counting(db.engine) as statements:
        again = surveys.get_open_survey(survey.slug)
    assert again is first
    assert [s.split(" FROM ")[0] for s in statements.sent if s.startswith("SELECT")] == [
        "SELECT survey.id, survey.version, survey.created_at, survey.status, survey.opens_on,"
        " survey.closes_on"
    ]


def test_a_builder_change_is_served_after_the_check(app_context):
    survey = create_survey(questions=2)
    before = surveys.get_open_survey(survey.slug)
    questions.add_question(
        LEAD,
        survey.id,
        survey.version,
        questions.QuestionDetails(
            kind=QuestionKind.FREE_TEXT, text="Anything else?", easy_read_text="Anything else?"
        ),
    )
    after = surveys.get_open_survey(survey.slug)
    assert len(before.questions) == 2
    assert [q.text for q in after.questions][-1] == "Anything else?"


def test_closing_stops_sending_at_once_even_before_the_next_check(app_context, long_checks):
    survey = create_survey(questions=2)
    surveys.get_open_survey(survey.slug)
    lifecycle.close_survey(LEAD, survey.id, survey.version, date.today())  # noqa: DTZ011
    with pytest.raises(Gone):
        surveys.get_open_survey(survey.slug, fresh=True)


def test_a_copy_is_for_one_survey_only(app_context, long_checks):
    one, other = create_survey(questions=1), create_survey(questions=3)
    assert len(surveys.get_open_survey(one.slug).questions) == 1
    assert len(surveys.get_open_survey(other.slug).questions) == 3


def test_a_copy_handed_to_a_new_row_and_committed_is_loaded_again(app_context, long_checks):
    # Kiosk(survey=copy) pulls the copy into the session, whose commit expires it: it can
    # never load those attributes again once detached, so it must not be served.
    from app.services import kiosks

    slug = create_survey(questions=2).slug
    db.session.remove()  # as in a new request
    copy = surveys.get_open_survey(slug)
    kiosks.create_kiosk(survey=copy, venue="Birtley Library", idle_seconds="90")
    db.session.remove()

    again = surveys.get_open_survey(slug)

    assert again.status == "open"
    assert [q.position for q in again.questions] == [1, 2]
