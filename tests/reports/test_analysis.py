"""Analysis on small literal frames and small surveys: sentences, linked hiding, about-you."""

import lxml.html
import pandas as pd
import pytest

import reports
from app.extensions import db
from reports import render
from reports.content import Count, OptionRow, QuestionResult
from reports.findings import easy_lines, out_of_ten, principle_findings
from reports.how_we_heard import breakdown
from tests.factories import create_survey
from tests.reports.builders import add_response


@pytest.mark.parametrize(
    ("count", "total", "words"),
    [
        (7, 10, "7 out of 10 people"),
        (68, 100, "7 out of 10 people"),
        (65, 100, "7 out of 10 people"),
        (64, 100, "6 out of 10 people"),
        (4, 100, "Fewer than 1 in 10 people"),
        (97, 100, "Almost all the people"),
        (12, 12, "All the people"),
    ],
)
def test_shares_are_said_out_of_ten(count, total, words):
    assert out_of_ten(count, total) == words


def _question(position: int, counts: list[int | None], answered: int | None) -> QuestionResult:
    rows = [
        OptionRow(label, label, Count(count), None if count is None else f"{count}%")
        for label, count in zip(["Yes", "No", "Not sure"], counts, strict=False)
    ]
    return QuestionResult(
        question_id=position,
        position=position,
        text=f"Question {position}?",
        easy_read_text=f"Easy {position}?",
        kind="yes_no",
        picture_key="question",
        answered=Count(answered),
        rows=rows,
    )


def test_a_principle_summary_gives_the_strongest_findings_first():
    questions = [
        _question(1, [40, 60], 100),
        _question(2, [90, 10], 100),
        _question(3, [None], None),
    ]
    sentences = principle_findings(questions)
    assert sentences[0] == "We asked 3 questions about this."
    assert sentences[1].startswith("9 out of 10 people said “Yes” when we asked “Question 2?”")
    assert sentences[2].startswith("6 out of 10 people said “No”")
    assert len(sentences) == 3


def test_a_summary_without_enough_answers_says_so():
    sentences = principle_findings([_question(1, [None, None], None)])
    assert sentences == ["We asked 1 question about this.", "Too few people answered these "
                         "questions for us to show the results."]  # fmt: skip


def test_the_top_answer_ignores_hidden_counts():
    lines = easy_lines(_question(1, [None, 30, None], 45))
    assert lines == ["We asked: Easy 1?", "7 out of 10 people said “No”."]


def test_a_line_with_one_hidden_number_hides_the_other():
    frame = pd.DataFrame(
        {
            "label": ["Online", "Kiosk", "Paper", "Group"],
            "responses": [150, 15, 4, 12],
            "people": [150, 15, 4, 60],
        }
    )
    table = breakdown("Channel", frame, 10)
    shown = {row.label: (row.responses.text, row.people.text) for row in table.rows}
    assert shown["Paper"] == ("fewer than 10", "fewer than 10")
    # Secondary suppression hides a second number in each column; its line hides both.
    hidden_lines = [label for label, pair in shown.items() if "fewer than 10" in pair]
    assert len(hidden_lines) >= 2
    assert all(shown[label] == ("fewer than 10",) * 2 for label in hidden_lines)
    # Totals of 181 and 229 are published rounded to the nearest 5.
    assert (table.total.responses.text, table.total.people.text) == ("180", "230")


@pytest.fixture
def about_you_survey(app_context):
    survey = create_survey(questions=3, kinds=["single_choice", "single_choice", "free_text"])
    survey.questions[1].section = "about_you"
    db.session.commit()
    return survey


def _about_you_html(survey) -> lxml.html.HtmlElement:
    report = reports.build_report(db.engine, survey.id)
    return lxml.html.fromstring(render.html(report))


def test_about_you_questions_are_shown_as_totals_only_in_their_own_section(about_you_survey):
    for number in range(12):
        add_response(about_you_survey, options={1: "Yes", 2: "No" if number % 3 else "Yes"})
    page = _about_you_html(about_you_survey)
    about = page.cssselect("#about-you")[0].text_content()
    assert "These answers are shown only as totals" in about
    assert "Question 2 text?" in about
    principles = " ".join(s.text_content() for s in page.cssselect("section[id^=principle-]"))
    assert "Question 2 text?" not in principles


def test_about_you_is_left_out_when_fewer_than_10_answered(about_you_survey):
    for _ in range(6):
        add_response(about_you_survey, options={1: "Yes", 2: "No"})
    about = _about_you_html(about_you_survey).cssselect("#about-you")[0].text_content()
    assert "Fewer than 10 people answered the questions about themselves" in about
    assert "Question 2 text?" not in about


def test_a_survey_without_about_you_questions_says_so(app_context):
    survey = create_survey(questions=1)
    about = _about_you_html(survey).cssselect("#about-you")[0].text_content()
    assert "did not ask the equality monitoring questions" in about
