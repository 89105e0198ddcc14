"""Coding free text at scale: accepting a suggestion codes its answers, ticked answers, undo."""

import pytest
from sqlalchemy import event, func, select

from app.extensions import db
from app.models import AuditEvent, CodingBatch, Theme, answer_theme
from app.services import audit, coding, free_text, quotes, themes
from app.services.errors import NotFound, ServiceError
from tests.factories import create_survey
from tests.staff.test_themes import add_free_text_answers, themes_of

LEAD = audit.Actor(None, "A lead")


@pytest.fixture
def survey(app_context):
    return create_survey(questions=1, kinds=["free_text"])


def _coded(theme_name: str) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(answer_theme)
        .join(Theme, Theme.id == answer_theme.c.theme_id)
        .where(Theme.name == theme_name)
    )


def test_accepting_a_suggestion_codes_every_answer_using_it_or_a_near_form(survey):
    waiting, wait, other, placeholder = add_free_text_answers(
        survey, ["The waiting time was long", "Wait times are awful", "Lovely lunch", "n/a"]
    )
    batch = coding.accept_suggestion(survey.id, "wait times", "Waiting", by=LEAD)
    assert batch.answers == 2 and batch.created_theme and batch.phrase == "wait times"
    assert themes_of(waiting) == themes_of(wait) == {"Waiting"}
    assert themes_of(other) == themes_of(placeholder) == set()
    event_row = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "theme.code-answers")
    ).one()
    assert (event_row.details["answers"], event_row.details["theme"]) == (2, "Waiting")


def test_undoing_an_acceptance_takes_the_theme_away_and_offers_the_suggestion_again(survey):
    add_free_text_answers(survey, ["The bus is late", "No buses on Sunday", "Lunch is nice"])
    assert themes.suggest(survey.id)[0].phrase == "bus"
    batch = coding.accept_suggestion(survey.id, "bus", "Transport", by=LEAD)
    assert "bus" not in [s.phrase for s in themes.suggest(survey.id)]
    assert coding.undo(survey.id, batch.id, by=LEAD) is True
    assert db.session.scalars(select(Theme)).all() == []
    assert db.session.scalars(select(CodingBatch)).all() == []
    assert themes.suggest(survey.id)[0].phrase == "bus"
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["theme.code-answers", "theme.undo-coding"]


def test_undoing_ticked_answers_leaves_answers_that_had_the_theme_before(survey):
    before, ticked, untouched = add_free_text_answers(survey, ["Bus late", "Bus full", "Bus ok"])
    theme = themes.create_theme(survey.id, "Transport")
    free_text.set_answer_themes(survey.id, before.id, [theme.id])
    batch = coding.code_answers(survey.id, [before.id, ticked.id], theme.id, by=LEAD)
    assert batch.answers == 1
    assert _coded("Transport") == 2
    assert coding.review(survey.id, batch.id).answers == [(ticked.id, "Bus full")]
    assert coding.undo(survey.id, batch.id, by=LEAD) is False
    assert themes_of(before) == {"Transport"} and themes_of(ticked) == set()
    assert themes_of(untouched) == set()
    assert coding.get_batch(survey.id, batch.id).undone_at is not None
    with pytest.raises(ServiceError, match="already been undone"):
        coding.undo(survey.id, batch.id, by=LEAD)


def test_ticked_answers_that_cannot_be_coded_are_refused_and_nothing_is_written(survey):
    (answer, placeholder) = add_free_text_answers(survey, ["Bus late", "Did not answer"])
    other_survey = create_survey(questions=1, kinds=["free_text"])
    (elsewhere,) = add_free_text_answers(other_survey, ["Bus late"])
    theme = themes.create_theme(survey.id, "Transport")
    for ticked, theme_id, message in [
        ([answer.id, elsewhere.id], theme.id, "not answers of this survey"),
        ([placeholder.id], theme.id, "not answers of this survey"),
        ([], theme.id, "Tick the answers"),
        ([answer.id], None, "Choose a theme"),
        (list(range(1, coding.MAX_TICKED + 2)), theme.id, "or fewer at once"),
    ]:
        with pytest.raises(ServiceError, match=message):
            coding.code_answers(survey.id, ticked, theme_id, by=LEAD)
    with pytest.raises(NotFound):
        coding.code_answers(other_survey.id, [elsewhere.id], theme.id, by=LEAD)
    assert _coded("Transport") == 0
    assert db.session.scalars(select(CodingBatch)).all() == []


def test_a_batch_of_another_survey_is_not_found(survey):
    (answer,) = add_free_text_answers(survey, ["Bus late"])
    batch = coding.accept_suggestion(survey.id, "bus", by=LEAD)
    other = create_survey(questions=1)
    with pytest.raises(NotFound):
        coding.review(other.id, batch.id)
    with pytest.raises(NotFound):
        coding.undo(other.id, batch.id, by=LEAD)
    assert themes_of(answer) == {"bus"}


def test_placeholder_answers_are_never_listed_themed_quoted_or_suggested(survey, app):
    _, placeholder, blank = add_free_text_answers(survey, ["No idea", "N/A.", "   "])
    page = free_text.free_text_answers(survey.id)
    assert [a.text for a in page.answers] == ["No idea"] and page.total == 1
    theme = themes.create_theme(survey.id, "Transport")
    for refused in (placeholder, blank):
        with pytest.raises(ServiceError, match="counts as no answer"):
            free_text.set_answer_themes(survey.id, refused.id, [theme.id])
        with pytest.raises(ServiceError, match="counts as no answer"):
            quotes.mark_as_quote(survey.id, refused.id)
    add_free_text_answers(survey, ["No idea"])
    assert [s.phrase for s in themes.suggest(survey.id)] == ["idea"]
    app.config["FREE_TEXT_PLACEHOLDERS"] = "no idea; n/a"
    try:
        assert themes.suggest(survey.id) == []
        assert free_text.free_text_answers(survey.id).total == 0
    finally:
        app.config["FREE_TEXT_PLACEHOLDERS"] = None
    assert free_text.free_text_answers(survey.id).total == 2


def test_answers_are_found_by_the_words_they_hold_ignoring_case(survey):
    add_free_text_answers(survey, ["The BUS is late", "Buses", "100% happy", "Lunch", "bus stop"])

    def found(words: str) -> list[str]:
        shown = free_text.AnswerFilter(search=words)
        return [a.text for a in free_text.free_text_answers(survey.id, shown=shown).answers]

    assert found("bus") == ["The BUS is late", "Buses", "bus stop"]
    assert found("bus late") == ["The BUS is late"]
    assert found("100%") == ["100% happy"]
    assert found("%") == ["100% happy"]
    assert found("_") == []


def test_pages_follow_each_other_by_id_forwards_and_back(survey):
    add_free_text_answers(survey, [f"Comment {n}" for n in range(1, 121)])
    first = free_text.free_text_answers(survey.id)
    assert (first.total, first.before, first.has_previous, first.has_next) == (120, 0, False, True)
    second = free_text.free_text_answers(survey.id, after=first.last_id)
    third = free_text.free_text_answers(survey.id, after=second.last_id)
    assert [a.text for a in third.answers] == [f"Comment {n}" for n in range(101, 121)]
    assert (third.before, third.has_next) == (100, False)
    back = free_text.free_text_answers(survey.id, before=third.first_id)
    assert back.answers == second.answers and back.has_previous and back.has_next


def _statements_for(survey, count: int) -> list[str]:
    add_free_text_answers(survey, [f"Comment about the bus {n}" for n in range(count)])
    first = free_text.free_text_answers(survey.id)
    seen: list[str] = []

    def note(_connection, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        free_text.free_text_answers(survey.id, after=first.last_id)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return seen


def test_a_page_of_answers_takes_the_same_statements_at_any_size(app_context):
    small = _statements_for(create_survey(questions=1, kinds=["free_text"]), 120)
    large = _statements_for(create_survey(questions=1, kinds=["free_text"]), 1200)
    assert len(small) == len(large) <= 7  # six reads, and the audit row of the read
    # Paged by id (keyset): the database starts at the page, not counting its way past earlier
    # answers; SQLite's "OFFSET ?" is always there, with 0.
    page = [statement for statement in large if "ORDER BY answer.id" in statement]
    assert len(page) == 1 and "answer.id > " in page[0]


def test_accepting_a_suggestion_writes_a_fixed_number_of_statements(app_context):
    def statements(count: int) -> int:
        survey = create_survey(questions=1, kinds=["free_text"])
        add_free_text_answers(survey, [f"The bus is late {n}" for n in range(count)])
        seen: list[str] = []

        def note(_connection, _cursor, statement, *_args):
            seen.append(statement)

        event.listen(db.engine, "before_cursor_execute", note)
        try:
            assert coding.accept_suggestion(survey.id, "bus", by=LEAD).answers == count
        finally:
            event.remove(db.engine, "before_cursor_execute", note)
        return len(seen)

    assert statements(20) == statements(400)
