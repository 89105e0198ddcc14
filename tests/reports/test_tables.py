"""CSV and XLSX of the report tables: formula-safe, hidden numbers as "*", counts as numbers."""

import csv
import io

import pytest
from openpyxl import load_workbook

import reports
from app.extensions import db
from reports.tables import formula_safe
from tests.factories import create_survey
from tests.reports.builders import add_partner_link, add_response

EVIL_LABEL = '=HYPERLINK("https://evil.example","Click")'


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+44 191 433 3000", "'+44 191 433 3000"),
        ("-2", "'-2"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("   =1+2", "'   =1+2"),
        ("\u00a0=1+2", "'\u00a0=1+2"),
        ("\u202e=1+2", "'\u202e=1+2"),
        (" \u00a0\u202e@x", "' \u00a0\u202e@x"),
        ("Yes", "Yes"),
        ("fewer than 10", "fewer than 10"),
        ("A - B", "A - B"),
        ("42%", "42%"),
        ("", ""),
    ],
)
def test_formula_safe_puts_an_apostrophe_before_anything_a_spreadsheet_would_run(cell, safe):
    assert formula_safe(cell) == safe


@pytest.fixture
def risky_survey(app_context):
    survey = create_survey(questions=2)
    survey.questions[0].options[0].label = EVIL_LABEL
    db.session.commit()
    link = add_partner_link(survey, name="@Partner\u202e", code="risky-1")
    for _ in range(12):
        add_response(survey, options={1: EVIL_LABEL, 2: "No"}, link=link)
    for _ in range(3):
        add_response(survey, options={1: "No", 2: "Yes"})
    for _ in range(11):
        add_response(survey, options={1: "Not sure", 2: "Yes"})
    return survey


def test_csv_cells_from_staff_or_partners_cannot_run_as_formulas(risky_survey):
    data = reports.what_we_heard(db.engine, risky_survey.id, output="csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["table", "row", "column", "value"]
    cells = [cell for row in rows for cell in row]
    assert f"'{EVIL_LABEL}" in cells
    assert "'@Partner\u202e" in cells
    assert not [c for c in cells if c.lstrip(" \u00a0\u202e")[:1] in ("=", "+", "-", "@")]


def test_csv_shows_hidden_numbers_as_stars_and_the_rest_as_digits(risky_survey):
    data = reports.what_we_heard(db.engine, risky_survey.id, output="csv").decode("utf-8-sig")
    values = {
        (row["table"].split(":")[0], row["row"], row["column"]): row["value"]
        for row in csv.DictReader(io.StringIO(data))
    }
    # Shown numbers are rounded to the nearest 5: 12 of 26 reads 10 of 25, 40%.
    assert values[("Question 1", f"'{EVIL_LABEL}", "Responses")] == "10"
    assert values[("Question 1", "No", "Responses")] == "*"
    # 11 is hidden too, or 3 could be worked out from the total.
    assert values[("Question 1", "Not sure", "Responses")] == "*"
    assert values[("Question 1", "Sometimes", "Responses")] == "0"
    assert values[("Question 1", "Responses that answered", "Responses")] == "25"
    assert values[("Question 1", f"'{EVIL_LABEL}", "Per cent")] == "40%"
    assert ("Question 1", "No", "Per cent") not in values


def test_xlsx_has_a_sheet_per_table_with_numbers_stars_and_no_formulas(risky_survey):
    data = reports.what_we_heard(db.engine, risky_survey.id, output="xlsx")
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[:5] == ["Notes", "Channels", "Partners", "Q1", "Q2"]
    question = workbook["Q1"]
    rows = [[cell.value for cell in row] for row in question.iter_rows()]
    assert rows[1] == ["Answer", "Responses", "Per cent"]
    assert [f"'{EVIL_LABEL}", 10, 0.4] in rows
    assert ["No", "*", None] in rows
    # Numbers are numbers, shown with number formats, not text.
    evil = next(row for row in question.iter_rows() if row[0].value == f"'{EVIL_LABEL}")
    assert (evil[1].data_type, evil[1].number_format) == ("n", "#,##0")
    assert (evil[2].data_type, evil[2].number_format) == ("n", "0%")
    every_cell = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in every_cell if cell.data_type == "f"]
    assert workbook["Partners"]["A3"].value == "'@Partner\u202e"
