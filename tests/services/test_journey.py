"""The journey's rules, without Flask or a database: which page comes next, where a person
carries on, how far along they are, and what the check page lists."""

from app.models import Channel, Option, Question, QuestionKind, Survey
from app.services.journey import (
    CHECK,
    START,
    SUPPORT,
    Page,
    Progress,
    Step,
    asks_support,
    first_missing,
    first_unanswered,
    next_step,
    progress,
    step_back,
    step_before_support,
    steps_to_check,
    where_to_carry_on,
)

YES, NO = 11, 12


def _survey() -> Survey:
    """Three questions; the second is asked only when the first is answered "yes"."""
    carer = Question(
        id=1, position=1, kind=QuestionKind.SINGLE_CHOICE, text="Are you a carer?", required=True
    )
    carer.options = [Option(id=YES, label="Yes"), Option(id=NO, label="No")]
    hours = Question(
        id=2,
        position=2,
        kind=QuestionKind.WHOLE_NUMBER,
        text="How many hours a week?",
        required=True,
        show_if_question_id=1,
        show_if_option_ids=[YES],
    )
    anything = Question(
        id=3, position=3, kind=QuestionKind.FREE_TEXT, text="Anything else?", required=False
    )
    return Survey(id=1, questions=[carer, hours, anything])


def _question(survey: Survey, position: int) -> Question:
    return survey.questions[position - 1]


def _next(survey, answers, position, *, changing=False, channel=Channel.ONLINE.value) -> Step:
    return next_step(
        survey, answers, _question(survey, position), changing=changing, channel=channel
    )


def test_the_next_step_is_the_next_question_the_answers_reveal():
    survey = _survey()
    assert _next(survey, {"1": {"options": [YES]}}, 1) == Step(Page.QUESTION, _question(survey, 2))


def test_a_question_whose_rule_does_not_match_is_skipped():
    survey = _survey()
    assert _next(survey, {"1": {"options": [NO]}}, 1) == Step(Page.QUESTION, _question(survey, 3))


def test_after_the_last_question_comes_how_you_answered_online():
    assert _next(_survey(), {"1": {"options": [NO]}, "3": {}}, 3) == SUPPORT


def test_group_sessions_and_imports_go_straight_to_the_check_page():
    answers = {"1": {"options": [NO]}, "3": {}}
    assert _next(_survey(), answers, 3, channel=Channel.GROUP.value) == CHECK
    assert not asks_support(Channel.IMPORT.value)
    assert asks_support(Channel.KIOSK.value)


def test_a_change_that_reveals_a_question_asks_it_before_the_check_page():
    survey = _survey()
    answers = {"1": {"options": [YES]}, "3": {}}
    assert _next(survey, answers, 1, changing=True) == Step(
        Page.QUESTION, _question(survey, 2), changing=True
    )


def test_a_change_that_reveals_nothing_goes_back_to_the_check_page():
    answers = {"1": {"options": [NO]}, "3": {"text": "No"}}
    assert _next(_survey(), answers, 1, changing=True) == CHECK


def test_coming_back_carries_on_at_the_first_question_asked_but_not_answered():
    survey = _survey()
    assert where_to_carry_on(survey, {}) == Step(Page.QUESTION, _question(survey, 1))
    assert where_to_carry_on(survey, {"1": {"options": [YES]}}) == Step(
        Page.QUESTION, _question(survey, 2)
    )


def test_a_skipped_question_counts_as_answered_when_coming_back():
    survey = _survey()
    answers = {"1": {"options": [NO]}, "3": {}}
    assert first_unanswered(survey, answers) is None
    assert where_to_carry_on(survey, answers) == CHECK


def test_only_a_required_question_asked_and_unanswered_blocks_sending():
    survey = _survey()
    assert first_missing(survey, {"1": {"options": [NO]}}) is None
    assert first_missing(survey, {"1": {"options": [YES]}, "2": {}}) == _question(survey, 2)
    assert first_missing(survey, {}) == _question(survey, 1)


def test_progress_counts_only_the_questions_this_person_is_asked():
    survey = _survey()
    assert progress(survey, {"1": {"options": [NO]}}, _question(survey, 3)) == Progress(2, 2)
    assert progress(survey, {"1": {"options": [YES]}}, _question(survey, 3)) == Progress(3, 3)


def test_progress_on_a_question_not_asked_shows_its_place_in_the_survey():
    survey = _survey()
    assert progress(survey, {"1": {"options": [NO]}}, _question(survey, 2)) == Progress(2, 2)


def test_back_from_a_question_is_the_question_asked_before_it_or_the_start():
    survey = _survey()
    answers = {"1": {"options": [NO]}}
    assert step_back(survey, answers, _question(survey, 3)) == Step(
        Page.QUESTION, _question(survey, 1)
    )
    assert step_back(survey, answers, _question(survey, 1)) == START


def test_back_from_how_you_answered_is_the_last_question_asked():
    survey = _survey()
    assert step_before_support(survey, {}) == Step(Page.QUESTION, _question(survey, 3))
    assert step_before_support(Survey(id=2, questions=[]), {}) == START


def test_the_check_page_lists_the_questions_asked_then_how_you_answered():
    survey = _survey()
    steps = steps_to_check(survey, {"1": {"options": [NO]}}, channel=Channel.ONLINE.value)
    assert steps == [
        Step(Page.QUESTION, _question(survey, 1), changing=True),
        Step(Page.QUESTION, _question(survey, 3), changing=True),
        SUPPORT,
    ]
    group = steps_to_check(survey, {"1": {"options": [NO]}}, channel=Channel.GROUP.value)
    assert SUPPORT not in group
