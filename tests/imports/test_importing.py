"""Importing all rows or none, with the same rules as answers typed on the question pages."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Answer, Channel, ImportBatch, Response
from app.services.answers import parse_answer
from app.services.errors import AnswerInvalid
from app.services.imports import (
    SKIP,
    AlreadyImported,
    ImportProblems,
    Mapping,
    auto_mapping,
    clean_filename,
    import_responses,
    start_import,
    stored,
)
from tests.factories import create_survey
from tests.imports import samples

KINDS = ["single_choice", "multiple_choice", "free_text"]


@pytest.fixture
def survey(app_context):
    return create_survey(questions=3, kinds=KINDS)


def upload(survey, rows: list[list], filename: str = "a.csv") -> ImportBatch:
    return start_import(survey, filename=filename, data=samples.csv_bytes(rows), created_by_id=None)


def texts(survey) -> list[str]:
    return [q.text for q in survey.questions]


def problems_of(survey, batch, mapping=None) -> list[str]:
    with pytest.raises(ImportProblems) as found:
        import_responses(survey, batch, mapping or auto_mapping(survey, batch))
    return [problem.text for problem in found.value.problems]


def count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def test_the_upload_is_kept_in_the_database_until_it_is_confirmed(survey):
    batch = upload(survey, [texts(survey), ["Yes", "No", "Fine"]])
    db.session.expire_all()
    kept = db.session.get(ImportBatch, batch.id)
    assert kept.headers == texts(survey)
    assert list(stored.rows(kept)) == [[2, "Yes", "No", "Fine"]]
    assert kept.imported_at is None
    assert count(Response) == 0


def test_a_clean_import_writes_one_response_per_row(survey):
    batch = upload(survey, [texts(survey), ["Yes", "No;Sometimes", "Fine"], ["No", "Yes", ""]])
    survey.questions[2].required = False
    assert import_responses(survey, batch, auto_mapping(survey, batch)) == 2
    responses = db.session.scalars(select(Response).order_by(Response.source_row)).all()
    assert [(r.channel, r.source_file, r.source_row) for r in responses] == [
        (Channel.IMPORT, "a.csv", 2),
        (Channel.IMPORT, "a.csv", 3),
    ]
    assert [r.submission_token for r in responses] == [f"import-{batch.id}-{n}" for n in (2, 3)]
    assert len({r.receipt for r in responses}) == 2
    assert all(len(r.receipt) <= 16 for r in responses)
    assert count(Answer) == 6
    assert batch.imported_at is not None


def test_a_second_import_of_the_same_upload_writes_nothing(survey):
    batch = upload(survey, [texts(survey), ["Yes", "No", "Fine"]])
    rows = list(stored.rows(batch))
    import_responses(survey, batch, auto_mapping(survey, batch))
    with pytest.raises(AlreadyImported, match="These responses were already imported"):
        import_responses(survey, batch, auto_mapping(survey, batch))
    # Two confirmations at the same moment (both read the rows before either had imported
    # them): the database's unique token stops the second.
    batch.imported_at, batch.content_hash = None, None
    stored.keep(batch, rows)
    db.session.commit()
    with pytest.raises(AlreadyImported):
        import_responses(survey, batch, auto_mapping(survey, batch))
    assert count(Response) == 1


def test_answers_can_be_left_out(survey):
    single = survey.questions[0]
    batch = upload(survey, [texts(survey), ["Yes", "No", "Fine"], ["Other: a dog", "No", "Ok"]])
    mapping = auto_mapping(survey, batch)
    mapping = Mapping(None, mapping.columns, {single.id: {"other: a dog": SKIP}})
    assert problems_of(survey, batch, mapping) == ["Question 1 has no answer: 1 row — 3"]
    single.required = False
    assert import_responses(survey, batch, mapping) == 2


def test_a_required_question_without_a_column_is_a_problem(survey):
    batch = upload(survey, [texts(survey)[:2], ["Yes", "No"]])
    assert problems_of(survey, batch) == [
        "Choose the column with the answers to question 3: it must be answered"
    ]


def test_nothing_matched_is_a_problem(survey):
    batch = upload(survey, [["Postcode"], ["NE8 1HH"]])
    assert problems_of(survey, batch) == ["Choose a column for at least one question"]


def test_a_question_that_would_not_have_been_asked_needs_no_answer(survey):
    first, _, third = survey.questions
    third.show_if_question_id = first.id
    third.show_if_option_ids = [first.options[0].id]
    db.session.commit()
    batch = upload(survey, [texts(survey), ["No", "No", ""], ["Yes", "No", ""]])
    assert problems_of(survey, batch) == ["Question 3 has no answer: 1 row — 3"]


def test_an_unreadable_completion_time_is_a_problem(survey):
    batch = upload(survey, [["Timestamp", *texts(survey)], ["soon", "Yes", "No", "x"]])
    assert problems_of(survey, batch) == [
        "Column A has dates and times we cannot read, like “soon”: 1 row — 2"
    ]


def test_completion_times_later_than_now_or_before_the_survey_opened_are_problems(survey):
    """docs/bad-input.md BAD-63: the times are refused by row, and nothing is written."""
    survey.opens_on = date(2024, 7, 1)
    db.session.commit()
    rows = [
        ["Timestamp", *texts(survey)],
        ["30/06/2024 23:59", "Yes", "No", "Saltwell Park needs more bins"],
        ["01/07/2024 09:15", "No", "Yes", "Birtley libary is too far away"],
        ["12/01/2099 09:00", "Yes", "Sometimes", "Blaydon busses are always late"],
        ["17/08/2099 10:00", "Not sure", "No", "The Metrocentre car park is ful"],
    ]
    assert problems_of(survey, upload(survey, rows)) == [
        "Column A has dates and times before the survey opened on 1 July 2024, "
        "like “30/06/2024 23:59”: 1 row — 2",
        "Column A has dates and times later than now, like “12/01/2099 09:00”: 2 rows — 4, 5",
    ]
    assert count(Response) == 0
    assert count(Answer) == 0


def test_a_time_on_the_opening_day_in_the_uk_is_after_the_survey_opened(survey):
    # 00:30 on 1 July in London is 23:30 on 30 June in UTC: still the day the survey opened.
    survey.opens_on = date(2024, 7, 1)
    db.session.commit()
    rows = [["Timestamp", *texts(survey)], ["2024-07-01 00:30", "Yes", "No", "Felling is fine"]]
    batch = upload(survey, rows)
    assert import_responses(survey, batch, auto_mapping(survey, batch)) == 1
    [response] = db.session.scalars(select(Response)).all()
    assert response.submitted_at.isoformat() == "2024-06-30T23:30:00+00:00"


def test_a_survey_with_no_opening_day_takes_times_from_before_it_was_made(survey):
    # Answers gathered on paper or in another tool often come before the survey is in Heard.
    survey.opens_on = None
    db.session.commit()
    rows = [["Timestamp", *texts(survey)], ["14/03/2019 11:00", "No", "Yes", "Ryton pool, plz"]]
    batch = upload(survey, rows)
    assert import_responses(survey, batch, auto_mapping(survey, batch)) == 1
    assert survey.created_at.year > 2019


def test_text_is_checked_like_typed_text(survey):
    too_long = "word " * 25_000
    with pytest.raises(AnswerInvalid) as typed:
        parse_answer(survey.questions[2], [too_long])
    rows = [texts(survey), ["Yes", "No", too_long], ["Yes", "No", too_long]]
    assert problems_of(survey, upload(survey, rows)) == [
        f"Question 3: {typed.value.message}: 2 rows — 2, 3",
    ]


def test_a_file_name_is_kept_as_text_only():
    assert clean_filename("../../x\x00.php") == "../../x.php"
    assert clean_filename("\x00") == "upload"
    assert len(clean_filename("a" * 300 + ".csv")) == 255
