"""The balance of views, honestly (issue 11, part 3): grouped answers, people, other questions,
week-by-week responses and a layout with no near-empty pages."""

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import text

import reports
from app.extensions import db
from app.models import Answer
from reports.questions import balance_rows
from tests.factories import create_survey
from tests.reports.builders import add_answers, add_quote, add_response, add_theme, page_texts

SMILEYS = ["Very happy", "Happy", "Not happy or sad", "Sad", "Very sad"]


def _smiley_survey(*, tagged: bool = True):
    survey = create_survey(questions=2, kinds=["smiley_scale", "free_text"])
    for option, label in zip(survey.questions[0].options, SMILEYS, strict=True):
        option.label = option.easy_read_label = label
    if not tagged:
        for question in survey.questions:
            question.principles = []
    db.session.commit()
    return survey


def test_neighbouring_answers_are_added_together_before_small_numbers_are_hidden():
    options = pd.DataFrame({"label": SMILEYS, "easy_read_label": [""] * 5})
    rows = balance_rows(options, pd.Series([30, 12, 6, 6, 8]), 10)
    shown = [(row.label, row.count.text) for row in rows]
    # Sad (6) and very sad (8) are each hidden; together they are 14, shown rounded as 15.
    assert shown == [
        ("Happy or very happy", "40"),
        ("Not happy or sad", "fewer than 10"),
        ("Sad or very sad", "15"),
    ]


def test_the_summary_gives_the_share_of_good_middle_and_bad_answers(app_context):
    survey = _smiley_survey()
    add_answers(
        survey, {"Very happy": 20, "Happy": 20, "Not happy or sad": 12, "Sad": 6, "Very sad": 8}
    )
    report = reports.build_report(db.engine, survey.id)
    findings = " ".join(report.sections[0].findings)
    # 40 of 66 and 14 of 66, rounded: 40 of 65 and 15 of 65.
    assert "happy or very happy: 62%" in findings
    assert "sad or very sad: 23%" in findings
    html = reports.what_we_heard(db.engine, survey.id, output="html").decode()
    assert "Sad or very sad" in html
    assert "we also added neighbouring answers together before hiding small numbers" in html
    easy = reports.what_we_heard(db.engine, survey.id, output="html", edition="easy-read")
    assert "2 out of 10 people said “sad or very sad”." in easy.decode()


def test_responses_and_people_are_counted_the_same_way_everywhere(app_context):
    survey = _smiley_survey()
    add_answers(survey, {"Very happy": 40, "Sad": 20})
    add_answers(survey, {"Very sad": 10}, channel="group", people=4)
    report = reports.build_report(db.engine, survey.id)
    assert (report.responses.text, report.people.text) == ("70", "100")
    html = reports.what_we_heard(db.engine, survey.id, output="html").decode()
    assert "70 responses from 100 people (a group response counts everyone in the group)" in html
    # On people: 40 of 100 people were very happy; on responses it would be 6 out of 10.
    top = report.sections[0].questions[0].rows[0]
    assert (top.count.text, top.people.text) == ("40", "40")
    assert report.sections[0].questions[0].people_answered.text == "100"


def test_imported_rows_from_one_respondent_count_as_one_person(app_context):
    survey = _smiley_survey()
    add_answers(survey, {"Happy": 30}, channel="import")
    db.session.execute(
        text("UPDATE response SET respondent_key = 'k' || (id % 10) WHERE survey_id = :s"),
        {"s": survey.id},
    )
    db.session.commit()
    report = reports.build_report(db.engine, survey.id)
    assert (report.responses.text, report.people.text) == ("30", "10")


def test_untagged_questions_get_an_other_questions_section_in_both_editions(app_context):
    survey = _smiley_survey(tagged=False)
    for number in range(12):
        add_response(survey, options={1: "Happy"}, texts={2: f"The bus was late {number}"})
    answers = db.session.query(Answer).filter(Answer.text_value.is_not(None)).all()
    add_theme(survey, name="Transport", answers=answers)
    add_quote(answers[0], text="The bus was late.", approved=True)
    standard = reports.what_we_heard(db.engine, survey.id, output="html").decode()
    assert '<section id="other-questions">' in standard
    assert "Themes in what people wrote" in standard and "“The bus was late.”" in standard
    easy = reports.what_we_heard(db.engine, survey.id, output="html", edition="easy-read")
    page = easy.decode()
    assert "We did not ask about this" not in page
    assert "Other questions" in page
    assert "Transport" in page and "“The bus was late.”" in page


def test_responses_are_shown_week_by_week_with_a_chart(app_context):
    survey = _smiley_survey()
    for day, count in ((2, 12), (9, 3), (16, 20)):
        when = datetime(2026, 11, day, 12, tzinfo=UTC)
        add_answers(survey, {"Happy": count}, submitted_at=when)
    report = reports.build_report(db.engine, survey.id)
    # 3 is hidden, and 12 with it, or 3 could be worked out from the total of 35.
    assert [(label, count.text) for label, count in report.weeks] == [
        ("Week of Monday 2 November 2026", "fewer than 10"),
        ("Week of Monday 9 November 2026", "fewer than 10"),
        ("Week of Monday 16 November 2026", "20"),
    ]
    html = reports.what_we_heard(db.engine, survey.id, output="html").decode()
    assert "Responses week by week" in html
    assert 'alt="Bar chart of responses week by week. Week of Monday 2 November 2026:' in html


def test_no_page_of_the_standard_report_is_left_nearly_empty(app_context):
    # The easy-read edition gives each principle a page of its own on purpose.
    survey = _smiley_survey()
    add_answers(survey, {"Very happy": 20, "Happy": 20, "Sad": 15})
    pages = page_texts(reports.what_we_heard(db.engine, survey.id))
    # Every page but the last says more than its running head and page number.
    nearly_empty = [n for n, words in enumerate(pages[:-1], 1) if len(words) < 150]
    assert nearly_empty == []
