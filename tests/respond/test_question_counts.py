"""The start page and "Question 3 of 10" tell the truth, worked out from the survey: the
total never grows as a person goes on, with branching too (issue 10, point 8)."""

import itertools

import pytest

from app.extensions import db
from app.services.journey import progress, question_count, questions_that_could_be_asked
from tests import journey
from tests.factories import create_survey
from tests.pages import get


@pytest.fixture
def branching(app_context):
    """Five questions; question 2 is asked only after "No" to question 1, and question 4
    only after "Yes" to question 3."""
    survey = create_survey(questions=5)
    first, second, third, fourth, _ = survey.questions
    second.show_if_question_id = first.id
    second.show_if_option_ids = [first.options[1].id]
    fourth.show_if_question_id = third.id
    fourth.show_if_option_ids = [third.options[0].id]
    db.session.commit()
    return survey


def _walk(client, survey, choices: list[int]) -> list[str]:
    """Answer with the option at each index in turn; return every progress line shown."""
    page = journey.start(client, survey.slug)
    seen = []
    for choice in choices:
        if not page.all(".heard-question__progress"):
            break
        seen.append(page.text(".heard-question__progress"))
        value = page.all("input[type=radio]")[choice].get("value")
        page = get(client, journey.answer(client, page, value).headers["Location"])
    return seen


@pytest.mark.parametrize(
    ("questions", "words"), [(1, "There is 1 question."), (4, "There are 4 questions.")]
)
def test_the_start_page_counts_the_questions_of_the_survey(client, questions, words):
    survey = create_survey(questions=questions)

    start = get(client, f"/s/{survey.slug}")

    assert start.text(".heard-question-count") == words


@pytest.mark.parametrize(
    ("language", "questions", "words"),
    [
        # Arabic counts in six forms: 3 to 10 take the plural أسئلة, 11 to 99 the singular.
        ("ar", 2, "هناك 2 سؤالان."),
        ("ar", 3, "هناك 3 أسئلة."),
        ("ar", 11, "هناك 11 سؤالًا."),
        ("cy", 3, "Mae 3 cwestiwn."),
        ("cy", 11, "Mae 11 cwestiwn."),
    ],
)
def test_the_question_count_takes_the_plural_of_the_language(client, language, questions, words):
    survey = create_survey(questions=questions)

    start = get(client, f"/s/{survey.slug}?lang={language}")

    assert start.text(".heard-question-count") == words


def test_with_branching_the_start_page_says_about_how_many(client, branching):
    start = get(client, f"/s/{branching.slug}")

    assert start.text(".heard-question-count") == "There are about 5 questions."


def test_the_first_question_agrees_with_the_start_page(client, branching):
    assert _walk(client, branching, [0]) == ["Question 1 of about 5"]


@pytest.mark.parametrize("choices", list(itertools.product([0, 1], repeat=4)))
def test_the_total_never_grows_and_the_number_goes_up_by_one(client, branching, choices):
    seen = _walk(client, branching, [*choices, 0])
    numbers = [int(line.split()[1]) for line in seen]
    totals = [int(line.split()[-1]) for line in seen]

    assert numbers == list(range(1, len(seen) + 1))
    assert totals == sorted(totals, reverse=True), seen
    assert totals[-1] == len(seen), "the last question says how many were asked"
    assert seen[-1] == f"Question {len(seen)} of {len(seen)}"


def test_a_survey_without_branching_counts_exactly(app_context):
    survey = create_survey(questions=3)

    count = question_count(survey)
    place = progress(survey, {}, survey.questions[0])

    assert (count.most, count.fewest, count.exact) == (3, 3, True)
    assert (place.number, place.total, place.exact) == (1, 3, True)


def test_a_skipped_question_rules_out_what_it_would_have_brought_in(branching):
    first, second, *_ = branching.questions

    possible = questions_that_could_be_asked(branching, {str(first.id): {}})

    assert second not in possible
    assert len(possible) == 4


def test_the_demo_survey_does_not_type_its_own_question_count():
    from pathlib import Path

    demo = Path(__file__).parents[2] / "app" / "demo" / "working-together.yaml"
    starters = (Path(__file__).parents[2] / "app" / "frameworks" / "starters").glob("*.yaml")
    for path in [demo, *starters]:
        assert "questions." not in path.read_text(encoding="utf-8").split("questions:")[0], path


@pytest.mark.parametrize(
    ("intro", "found"),
    [
        ("We want to know.\nThere are 10 questions.", "10 questions"),
        ("Ten questions.", "Ten questions"),
    ],
)
def test_the_builder_warns_a_lead_who_types_the_number_of_questions(intro, found):
    from app.services.easy_read_checks import WARNING, SurveyText, check_survey

    findings = check_survey(
        SurveyText(title="Buses", easy_read_title="Buses", easy_read_intro=intro)
    )

    typed = [f for f in findings if f.rule == "P10"]
    assert [(f.level, f.field, f.found) for f in typed] == [(WARNING, "easy_read_intro", found)]
    assert typed[0].message.startswith(f'Take "{found}" out.')


def test_an_introduction_without_a_count_gets_no_such_warning():
    from app.services.easy_read_checks import SurveyText, check_survey

    findings = check_survey(SurveyText(title="Buses", easy_read_intro="Answer the questions."))

    assert [f for f in findings if f.rule == "P10"] == []
