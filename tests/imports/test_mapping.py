"""Matching an upload to a survey: columns to questions, answers written in the file to options."""

import pytest

from app.extensions import db
from app.models import ImportBatch
from app.services.errors import ServiceError
from app.services.imports import BadChoices, auto_mapping, mapping_from_form, preview, stored
from app.services.imports.mapping import answer_field, split_cell
from tests.factories import create_survey

KINDS = ["single_choice", "multiple_choice", "free_text"]


@pytest.fixture
def survey(app_context):
    return create_survey(questions=3, kinds=KINDS)


def batch_of(survey, headers: list[str], rows: list[list]) -> ImportBatch:
    batch = ImportBatch(survey_id=survey.id, filename="a.csv", headers=headers)
    db.session.add(batch)
    db.session.flush()
    batch.row_count = stored.keep(batch, rows)
    db.session.commit()
    return batch


def columns_chosen(survey, batch) -> list[int | None]:
    mapping = auto_mapping(survey, batch)
    return [mapping.columns.get(question.id) for question in survey.questions]


def test_headers_equal_to_the_question_or_its_easy_read_wording_are_matched(survey):
    headers = ["Comments", "EASY  question 2?", "question 1 TEXT?", "3. Question 3 text? *"]
    assert columns_chosen(survey, batch_of(survey, headers, [])) == [2, 1, 3]


@pytest.mark.parametrize("number", ["3. ", "Q3) ", "q3 "])
def test_question_numbers_before_a_header_are_ignored(survey, number):
    headers = [f"{number}Question 3 text?"]
    assert columns_chosen(survey, batch_of(survey, headers, [])) == [None, None, 0]


def test_close_headers_are_matched_and_unrelated_ones_are_not(survey):
    headers = ["Question 1 txt", "Postcode", "Something else entirely"]
    assert columns_chosen(survey, batch_of(survey, headers, [])) == [0, None, None]


def test_a_column_answers_one_question_at_most(survey):
    survey.questions[1].text = survey.questions[0].text
    survey.questions[1].easy_read_text = ""
    assert columns_chosen(survey, batch_of(survey, ["Question 1 text?"], [])) == [0, None, None]


def test_the_time_column_is_chosen_and_never_answers_a_question(survey):
    batch = batch_of(survey, ["Question 1 text?", "Completion time"], [])
    assert auto_mapping(survey, batch).time_column == 1


@pytest.mark.parametrize(
    ("cell", "pieces"),
    [
        ("Yes;Not sure;", ["Yes", "Not sure"]),
        (" Yes ; Sometimes", ["Yes", "Sometimes"]),
        ("Yes, Not sure", ["Yes", "Not sure"]),
        ("Yes, Blue, Red", ["Yes, Blue, Red"]),
        ("", []),
    ],
)
def test_multiple_choice_cells_are_split_into_answers(survey, cell, pieces):
    assert split_cell(survey.questions[1], cell) == pieces


def test_labels_with_commas_are_kept_whole(survey):
    question = survey.questions[1]
    question.options[0].label = "Yes, often"
    assert split_cell(question, "Yes, often, No") == ["Yes, often", "No"]
    assert split_cell(survey.questions[0], "Yes, often") == ["Yes, often"]


def test_answers_are_matched_to_options_by_label_ignoring_case(survey):
    single = survey.questions[0]
    batch = batch_of(survey, ["Question 1 text?"], [[2, "YES"], [3, "yes"], [4, "Maybe"]])
    match = preview(survey, batch, auto_mapping(survey, batch)).questions[0]
    yes = next(o for o in single.options if o.label == "Yes")
    assert [(a.text, a.rows, a.option) for a in match.answers] == [
        ("YES", 2, str(yes.id)),
        ("Maybe", 1, ""),
    ]


def test_the_preview_form_is_read_back(survey):
    single = survey.questions[0]
    batch = batch_of(survey, ["When", "Q"], [[2, "x", "Ja"]])
    no = next(o for o in single.options if o.label == "No")
    form = {"time_column": "0", f"column-{single.id}": "1", answer_field(single, "Ja"): str(no.id)}
    mapping = mapping_from_form(survey, batch, form)
    assert mapping.time_column == 0
    assert mapping.columns == {single.id: 1}
    assert mapping.option_for(single, " ja ") == str(no.id)


@pytest.mark.parametrize(
    "change",
    [
        {"time_column": "7"},
        {"time_column": "-1"},
        {"column": "x"},
        {"answer": "999999"},
    ],
)
def test_choices_that_were_never_offered_are_refused(survey, change):
    single, other = survey.questions[0], survey.questions[1]
    batch = batch_of(survey, ["Q"], [[2, "Ja"]])
    form = {f"column-{single.id}": change.get("column", "0"), "time_column": ""}
    form["time_column"] = change.get("time_column", "")
    option = change.get("answer", str(single.options[0].id))
    form[answer_field(single, "Ja")] = option if option != "999999" else str(other.options[0].id)
    with pytest.raises(ServiceError, match="Choose from the list"):
        mapping_from_form(survey, batch, form)


def test_each_choice_never_offered_is_named_with_its_field_and_the_others_are_kept(survey):
    """docs/bad-input.md BAD-62: a page changed by hand, or an option deleted meanwhile."""
    single, multiple, text = survey.questions
    rows = [[2, "2024-07-01 09:30", "Yse", "Sometimes", "Gateshead Quays is grand"]]
    batch = batch_of(survey, ["When", "Q1", "Q2", "Q3"], rows)
    # An option of another question: never offered for question 1, whatever the ids are.
    other_option = str(multiple.options[0].id)
    form = {
        "time_column": "0",
        f"column-{single.id}": "1",
        f"column-{multiple.id}": "7",
        f"column-{text.id}": "1); DROP TABLE response;--",
        answer_field(single, "Yse"): other_option,
        "date_order": "sideways",
    }
    with pytest.raises(BadChoices) as refused:
        mapping_from_form(survey, batch, form)
    assert [(p.field, p.text) for p in refused.value.problems] == [
        (f"column-{multiple.id}", "Choose a column from the list"),
        (f"column-{text.id}", "Choose a column from the list"),
        (answer_field(single, "Yse"), "Choose the answer to question 1 that “Yse” matches"),
        ("date_order", "Choose how the dates are written: day first or month first"),
    ]
    kept = refused.value.mapping
    assert (kept.time_column, kept.columns, kept.date_order) == (0, {single.id: 1}, None)
    assert kept.option_for(single, "Yse") == ""
