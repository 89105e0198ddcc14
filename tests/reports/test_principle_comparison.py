"""Each principle's balance of views by channel and by partner (issue 11, part 3): a line is
shown only where its numbers pass suppression, and shown numbers are rounded to 5."""

import pandas as pd

import reports
from app.extensions import db
from reports import suppression, tables
from reports.comparison import comparison
from tests.factories import create_survey
from tests.reports.builders import add_answers, add_partner_link, add_response, page_texts

SMILEYS = ["Very happy", "Happy", "Not happy or sad", "Sad", "Very sad"]
NOTE = "Some channels had too few answers to show."


def _smiley_survey(kinds=("smiley_scale", "free_text")):
    survey = create_survey(questions=2, kinds=list(kinds))
    if kinds[0] == "smiley_scale":
        for option, label in zip(survey.questions[0].options, SMILEYS, strict=True):
            option.label = option.easy_read_label = label
    db.session.commit()
    return survey


def _rows(found) -> list[tuple]:
    return [
        (row.label, *(count.text for count in row.counts), row.total.text) for row in found.rows
    ]


def test_each_channel_and_partner_gets_a_line_when_its_numbers_allow(app_context):
    survey = _smiley_survey()
    age_uk = add_partner_link(survey, name="Age UK", code="ageuk")
    carers = add_partner_link(survey, name="Carers Trust", code="carers")
    add_answers(survey, {"Very happy": 21, "Sad": 12}, link=age_uk)
    add_answers(survey, {"Happy": 16, "Very sad": 11, "Not happy or sad": 10}, channel="paper",
            link=carers)  # fmt: skip
    section = reports.build_report(db.engine, survey.id).sections[0]
    # Rounded to 5: 21 is 20, 12 is 10, 16 is 15, 11 is 10; shares are of the rounded numbers.
    assert _rows(section.by_channel) == [
        ("Online, on their own phone or computer", "20", "0", "10", "35"),
        ("On paper", "15", "10", "10", "35"),
    ]
    assert section.by_channel.rows[0].percentages == ["57%", "0%", "29%"]
    assert not section.by_channel.left_out and section.by_channel.note == ""
    assert _rows(section.by_partner) == [
        ("Age UK", "20", "0", "10", "35"),
        ("Carers Trust", "15", "10", "10", "35"),
    ]
    html = reports.what_we_heard(db.engine, survey.id, output="html").decode()
    assert "compared by channel" in html and "compared by partner" in html
    assert "20 (57%)" in html
    # The easy-read edition leaves comparisons out on purpose (docs/reporting-method.md).
    easy = reports.what_we_heard(db.engine, survey.id, output="html", edition="easy-read")
    assert "compared by" not in easy.decode() and "Positive" not in easy.decode()


def test_a_channel_with_too_few_answers_is_left_out_with_a_plain_note(app_context):
    survey = _smiley_survey()
    add_answers(survey, {"Very happy": 30, "Sad": 20})
    add_answers(survey, {"Happy": 25, "Very sad": 15}, channel="paper")
    add_answers(survey, {"Happy": 20, "Very sad": 12}, channel="group")
    add_answers(survey, {"Happy": 3}, channel="kiosk")
    found = reports.build_report(db.engine, survey.id).sections[0].by_channel
    labels = [row.label for row in found.rows]
    assert "On a kiosk in a public place" not in labels
    # The kiosk's 3 could be worked out from the others and the total of positive answers,
    # so one more line is left out with it: the smallest one, the group's.
    assert labels == ["Online, on their own phone or computer", "On paper"]
    assert found.left_out and found.note == NOTE
    assert not any(count.hidden for row in found.rows for count in [*row.counts, row.total])
    html = reports.what_we_heard(db.engine, survey.id, output="html").decode()
    assert NOTE in html
    csv = tables.csv_bytes(reports.build_report(db.engine, survey.id)).decode()
    assert NOTE in csv and "kiosk" not in csv.lower().split("principle 1 by channel")[-1]


def test_no_comparison_with_only_one_channel_or_no_partner_links(app_context):
    survey = _smiley_survey()
    add_answers(survey, {"Very happy": 30, "Sad": 20})
    section = reports.build_report(db.engine, survey.id).sections[0]
    assert section.by_channel is None and section.by_partner is None
    html = reports.what_we_heard(db.engine, survey.id, output="html").decode()
    assert "compared by channel" not in html


def test_a_principle_with_no_ordered_question_compares_how_many_answered(app_context):
    survey = _smiley_survey(kinds=("yes_no", "free_text"))
    for channel, count in (("online", 23), ("paper", 14)):
        for n in range(count):
            add_response(survey, texts={2: f"The bus was late {n}"}, channel=channel)
    # Placeholder answers say nothing: they are not counted.
    for _ in range(6):
        add_response(survey, texts={2: "n/a"}, channel="paper")
    # Question 2 (free text) is the second principle's.
    found = reports.build_report(db.engine, survey.id).sections[1].by_channel
    assert not found.ordered and found.columns == []
    assert _rows(found) == [
        ("Online, on their own phone or computer", "25"),
        ("On paper", "15"),
    ]


def test_every_shown_number_is_a_multiple_of_5_and_shares_use_the_rounded_numbers():
    table = pd.DataFrame(
        {"Positive": [33, 12, 41], "Neutral": [11, 0, 17], "Negative": [13, 19, 28]},
        index=["A", "B", "C"],
    )
    found = comparison("Channel", table, 10, ordered=True)
    for row in found.rows:
        values = [count.value for count in row.counts]
        assert all(value % 5 == 0 for value in [*values, row.total.value])
        assert (
            row.total.value == round(sum(table.loc[row.label]) / 5) * 5
            or abs(row.total.value - sum(table.loc[row.label])) <= 2
        )
        for value, share in zip(values, row.percentages, strict=True):
            expected = (200 * value + row.total.value) // (2 * row.total.value)
            assert share == f"{expected}%"


def test_the_comparison_tables_are_in_the_csv_and_xlsx(app_context):
    survey = _smiley_survey()
    add_answers(survey, {"Very happy": 21, "Sad": 12})
    add_answers(survey, {"Happy": 16, "Very sad": 11}, channel="paper")
    report = reports.build_report(db.engine, survey.id)
    names = [table.name for table in tables.report_tables(report)]
    assert any(name.startswith("Principle 1 by channel") for name in names)
    csv = tables.csv_bytes(report).decode()
    assert "On paper,Positive,15" in csv


def test_the_standard_report_keeps_its_layout_with_the_comparisons(app_context):
    survey = _smiley_survey()
    partner = add_partner_link(survey, name="Age UK", code="ageuk")
    add_answers(survey, {"Very happy": 20, "Happy": 20, "Sad": 15}, link=partner)
    add_answers(survey, {"Very happy": 12, "Sad": 15}, channel="paper")
    pages = page_texts(reports.what_we_heard(db.engine, survey.id))
    nearly_empty = [n for n, words in enumerate(pages[:-1], 1) if len(words) < 150]
    assert nearly_empty == []
    for heading in ("compared by channel", "compared by partner"):
        page = next(words for words in pages if heading in words)
        # The heading shares its page with its table's caption: never separated.
        assert page.index(heading) < page.index(heading.replace("compared", "answers"))


def test_lines_are_left_out_whole_and_only_as_many_as_it_takes():
    table = pd.DataFrame(
        {"Positive": [40, 12, 3], "Negative": [15, 15, 0]}, index=["online", "paper", "kiosk"]
    )
    # The kiosk's 3 alone could be worked out from a column total: the smallest other line,
    # paper, goes with it. Together they add up to 15 and 15, so online stays.
    left_out = suppression.rows_to_leave_out(table, threshold=10)
    assert list(left_out) == [False, True, True]


def test_a_column_of_noughts_among_the_lines_left_out_gives_nobody_away():
    table = pd.DataFrame(
        {"Positive": [40, 12, 3], "Neutral": [20, 0, 0]}, index=["online", "paper", "kiosk"]
    )
    assert list(suppression.rows_to_leave_out(table, threshold=10)) == [False, True, True]
    # Left-out lines that add up to a small number in a column take one more line with them.
    table.loc["paper", "Neutral"] = 4
    assert list(suppression.rows_to_leave_out(table, threshold=10)) == [True, True, True]
