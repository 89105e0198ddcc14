"""Placeholder answers ("n/a", "Did not answer", "-", blank) count as no answer in reports."""

import pandas as pd
import pytest

from app.extensions import db
from app.models import Quote
from reports import frames, placeholders
from reports.placeholders import Placeholders
from tests.factories import create_survey
from tests.staff.test_themes import add_free_text_answers


@pytest.mark.parametrize(
    "text",
    ["Did not answer", "did not answer.", "  N/A  ", "n / a", "None", "NOTHING!", "-", "--",
     "...", "", "   ", "\n", "No comment", "didn’t answer", None],
)  # fmt: skip
def test_placeholders_match_ignoring_case_spacing_and_punctuation(text):
    assert Placeholders.of().matches(text)


@pytest.mark.parametrize(
    "text",
    ["Nothing works", "None of the staff came", "no", "👍", "Bus", "n/a but the bus is late",
     "Did not answer the phone"],
)  # fmt: skip
def test_answers_that_say_something_are_not_placeholders(text):
    assert not Placeholders.of().matches(text)


def test_the_list_is_configuration():
    custom = placeholders.parse("no idea; Dim sylw")
    assert custom.matches("No idea.") and custom.matches("dim sylw")
    assert not custom.matches("n/a")
    assert custom.matches("  -  "), "a blank answer is never an answer"
    assert placeholders.parse(None) == placeholders.parse("  ") == Placeholders.of()
    only_blank = placeholders.parse(";")
    assert only_blank.matches("") and not only_blank.matches("none")


def test_a_long_text_is_never_read_as_a_placeholder():
    assert not Placeholders.of().matches("n/a " + "x" * 40)
    assert Placeholders.of().matches(" " * 500)


def test_placeholders_are_taken_off_the_answered_count_of_their_question():
    totals = pd.DataFrame({"question_id": [1, 2], "responses": [5, 3]})
    short = pd.DataFrame(
        {"question_id": [1, 1, 1, 2], "text": ["n/a", "Bus", "-", "None"], "answers": [2, 1, 1, 3]}
    )
    counted = placeholders.without(totals, short, Placeholders.of())
    assert counted.responses.tolist() == [2, 0]


def test_a_report_counts_placeholder_answers_as_no_answer(app_context):
    survey = create_survey(questions=1, kinds=["free_text"])
    add_free_text_answers(
        survey, ["The bus is late", "Did not answer", "n/a", "-", "None", "Nothing to add", ""]
    )
    question_id = survey.questions[0].id
    data = frames.load(db.engine, survey.id)
    answered = data.question_totals.set_index("question_id").responses
    assert int(answered[question_id]) == 1
    # With an empty list only blanks ("", "-") say nothing.
    only_blank = frames.load(db.engine, survey.id, no_answer=placeholders.parse(";"))
    assert int(only_blank.question_totals.set_index("question_id").responses[question_id]) == 5


def test_a_quote_that_says_nothing_never_reaches_the_report(app_context):
    survey = create_survey(questions=1, kinds=["free_text"])
    said, nothing = add_free_text_answers(survey, ["The bus is late", "N/A"])
    # Approved before "N/A" was on the list: the report still leaves it out.
    db.session.add_all(
        [
            Quote(answer_id=said.id, redacted_text=said.text_value, approved=True),
            Quote(answer_id=nothing.id, redacted_text=nothing.text_value, approved=True),
        ]
    )
    db.session.commit()
    assert frames.load(db.engine, survey.id).quotes.text.tolist() == ["The bus is late"]
    everything = frames.load(db.engine, survey.id, no_answer=placeholders.parse(";"))
    assert sorted(everything.quotes.text) == ["N/A", "The bus is late"]
