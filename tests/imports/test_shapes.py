"""Recognising the exports of Microsoft Forms, Google Forms, SurveyMonkey and LimeSurvey."""

import pytest

from app.services.imports.reading import read_rows
from app.services.imports.shapes import column_letter, tidy
from tests.imports import samples

QUESTIONS = ["How was the day centre?", "Which did you use?", "Anything else?"]
OPTIONS = ["Yes", "No", "Not sure", "Sometimes", "None of these"]


def test_microsoft_forms_metadata_is_left_out_and_its_completion_time_kept():
    table = tidy(read_rows("a.csv", samples.microsoft_forms(QUESTIONS)))
    assert table.shape == "Microsoft Forms"
    assert table.headers == ["ID", "Completion time", *QUESTIONS]
    assert table.letters == ["A", "C", "G", "H", "I"]
    assert table.rows[0] == [
        2,
        "1",
        "27/03/2024 10:01:00",
        "Yes",
        "Yes;Not sure;",
        "More buses, please",
    ]


def test_google_forms_email_addresses_are_left_out():
    table = tidy(read_rows("a.csv", samples.google_forms(QUESTIONS)))
    assert table.shape == "Google Forms"
    assert table.headers == ["Timestamp", *QUESTIONS]
    assert not any("@" in cell for row in table.rows for cell in row[1:])


def test_survey_monkey_header_rows_are_merged_and_option_columns_joined():
    table = tidy(read_rows("a.xlsx", samples.survey_monkey(QUESTIONS, OPTIONS)))
    assert table.shape == "SurveyMonkey"
    assert table.headers == [
        "Respondent ID",
        "End Date",
        "How was the day centre?",
        "Which did you use?",
        "Which did you use? – Other (please specify)",
        "Anything else?",
    ]
    assert [row[0] for row in table.rows] == [3, 4, 5]
    assert [row[4] for row in table.rows] == ["Yes;Not sure", "Sometimes", "None of these"]


def test_survey_monkey_matrix_columns_stay_apart():
    rows = [
        ["Respondent ID", "Collector ID", "How often do you use:", None],
        [None, None, "Bus", "Train"],
        ["1", "9", "Often", "Never"],
    ]
    table = tidy(read_rows("a.xlsx", samples.xlsx_bytes(rows)))
    assert table.headers == [
        "Respondent ID",
        "How often do you use: – Bus",
        "How often do you use: – Train",
    ]
    assert table.rows == [[3, "1", "Often", "Never"]]


def test_lime_survey_option_columns_are_joined_and_other_kept_apart():
    table = tidy(read_rows("a.csv", samples.lime_survey(QUESTIONS, OPTIONS)))
    assert table.shape == "LimeSurvey"
    assert table.headers == [
        "id",
        "submitdate",
        "How was the day centre?",
        "Which did you use?",
        "Which did you use? [Other]",
        "Anything else?",
    ]
    assert [row[4] for row in table.rows] == ["Yes;Not sure", "Sometimes", "None of these"]


def test_a_plain_spreadsheet_keeps_every_column_and_names_empty_headers():
    rows = [["Name", "", "Q"], ["Sam", "x", "Yes", "extra"]]
    table = tidy(read_rows("a.csv", samples.csv_bytes(rows)))
    assert table.shape is None
    assert table.headers == ["Name", "Column B", "Q", "Column D"]
    assert table.rows == [[2, "Sam", "x", "Yes", "extra"]]


def test_rows_with_only_metadata_are_left_out():
    rows = [["Timestamp", "Email Address", "Q"], ["", "a@example.com", ""], ["", "", "Yes"]]
    assert tidy(read_rows("a.csv", samples.csv_bytes(rows))).rows == [[3, "", "Yes"]]


def test_rows_with_only_the_tools_response_id_are_left_out():
    rows = [["ID", "Start time", "Completion time", "Q"], ["7", "", "", ""], ["8", "", "", "Yes"]]
    assert tidy(read_rows("a.csv", samples.csv_bytes(rows))).rows == [[3, "8", "", "Yes"]]


def test_merged_option_columns_keep_the_letters_of_the_original_file():
    table = tidy(read_rows("a.csv", samples.lime_survey(QUESTIONS, OPTIONS)))
    assert dict(zip(table.headers, table.letters, strict=True))["Which did you use?"] == "J–N"


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (199, "GR")])
def test_columns_are_named_by_their_spreadsheet_letter(index, letter):
    assert column_letter(index) == letter
