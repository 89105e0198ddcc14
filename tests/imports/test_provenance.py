"""Who answered and how: a channel column mapped to Heard's channels (phone and e-mail too),
a respondent id kept as a keyed hash; and the checks a lead sees on real exports: problems
grouped by value, control characters named, columns named by their letters in the file."""

import pytest
from sqlalchemy import inspect, select

from app.extensions import db
from app.models import Channel, Response
from app.services.imports import (
    DROP_CONTROLS_FIELD,
    ImportProblems,
    Mapping,
    auto_mapping,
    import_responses,
    preview,
    start_import,
)
from app.services.imports.mapping import answer_field
from app.services.imports.provenance import channel_field
from tests.factories import create_survey
from tests.imports import samples

KINDS = ["single_choice", "multiple_choice", "free_text"]


@pytest.fixture
def survey(app_context):
    return create_survey(questions=3, kinds=KINDS)


def upload(survey, rows: list[list]):
    return start_import(
        survey, filename="export.csv", data=samples.csv_bytes(rows), created_by_id=None
    )


def problems_of(survey, batch, mapping) -> list[tuple[str, str]]:
    with pytest.raises(ImportProblems) as found:
        import_responses(survey, batch, mapping)
    return [(p.field, p.text) for p in found.value.problems]


def with_(mapping: Mapping, **changes) -> Mapping:
    return Mapping(**{**{f: getattr(mapping, f) for f in mapping.__dataclass_fields__}, **changes})


def imported(survey) -> list[Response]:
    return db.session.scalars(select(Response).order_by(Response.source_row)).all()


def test_a_channel_column_is_matched_to_heards_channels_by_its_words(survey):
    header = ["How they responded", *[q.text for q in survey.questions]]
    rows = [header, ["Telephone", "Yes", "No", "a"], ["E-mail", "No", "No", "b"]]
    rows += [["Online", "Yes", "Yes", "c"], ["", "Yes", "Yes", "d"]]
    batch = upload(survey, rows)
    mapping = auto_mapping(survey, batch)
    assert mapping.channel_column == 0
    import_responses(survey, batch, mapping)
    assert [r.channel for r in imported(survey)] == [
        Channel.PHONE,
        Channel.EMAIL,
        Channel.ONLINE,
        Channel.IMPORT,
    ]


def test_the_database_takes_the_phone_and_email_channels_without_a_constraint(survey):
    # The channel is stored as text of up to 40 characters with no CHECK constraint, so new
    # channels need no migration; this fails if one is ever added without them.
    checks = inspect(db.engine).get_check_constraints("response")
    assert not [c for c in checks if "channel" in (c.get("sqltext") or "")]
    batch = upload(survey, [["Channel", survey.questions[0].text], ["phone", "Yes"]])
    survey.questions[1].required = survey.questions[2].required = False
    import_responses(survey, batch, auto_mapping(survey, batch))
    db.session.expire_all()
    assert imported(survey)[0].channel == Channel.PHONE


def test_a_channel_value_heard_cannot_place_is_a_problem_until_it_is_matched(survey):
    header = ["Channel", *[q.text for q in survey.questions]]
    rows = [header, ["Facebook", "Yes", "No", "a"], ["facebook ", "No", "No", "b"]]
    batch = upload(survey, rows)
    mapping = auto_mapping(survey, batch)
    assert problems_of(survey, batch, mapping) == [
        (
            channel_field("Facebook"),
            "“Facebook” is not matched to a way of answering: 2 rows — 2, 3",
        )
    ]
    assert [(m.text, m.rows) for m in preview(survey, batch, mapping).channels] == [("Facebook", 2)]
    chosen = with_(mapping, channels={"facebook": str(Channel.ONLINE)})
    import_responses(survey, batch, chosen)
    assert {r.channel for r in imported(survey)} == {Channel.ONLINE}


def test_rows_with_the_same_respondent_id_are_one_person_and_the_id_is_not_kept(survey):
    header = ["Client number", *[q.text for q in survey.questions]]
    rows = [header, ["C-1", "Yes", "No", "a"], ["c-1 ", "No", "No", "b"], ["C-2", "No", "No", "c"]]
    rows += [["", "Yes", "No", "d"]]
    batch = upload(survey, rows)
    import_responses(survey, batch, with_(auto_mapping(survey, batch), respondent_column=0))
    keys = [r.respondent_key for r in imported(survey)]
    assert keys[0] == keys[1] != keys[2]
    assert keys[3] is None
    assert all("C-1" not in key and "c-1" not in key for key in keys[:2])
    other = create_survey(questions=3, kinds=KINDS)
    again = upload(other, rows)
    import_responses(other, again, with_(auto_mapping(other, again), respondent_column=0))
    theirs = db.session.scalars(
        select(Response.respondent_key).where(Response.survey_id == other.id)
    )
    assert keys[0] not in set(theirs)


def test_the_same_wrong_answer_in_many_rows_is_one_problem_naming_the_first_rows(survey):
    rows = [[q.text for q in survey.questions]] + [["7", "No", "x"]] * 12 + [["Yes", "No", "x"]]
    batch = upload(survey, rows)
    [(field, text)] = problems_of(survey, batch, auto_mapping(survey, batch))
    assert (
        text
        == "“7” is not one of the answers to question 1: 12 rows — 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 …"
    )
    # The problem links to the box on the preview where "7" can be matched to an answer.
    assert field == answer_field(survey.questions[0], "7")


def test_a_control_character_is_named_with_its_row_column_and_code_point(survey):
    rows = [["Postcode", *[q.text for q in survey.questions]]]
    rows += [["NE8", "Yes", "No", "fine"], ["NE8", "Yes", "No", "line\x0bbreak"]]
    rows += [["NE8", "Yes", "No", "esc\x1b"], ["NE8", "Yes", "No", "again\x0b"]]
    batch = upload(survey, rows)
    mapping = auto_mapping(survey, batch)
    assert problems_of(survey, batch, mapping) == [
        (
            DROP_CONTROLS_FIELD,
            "Column D (“Question 3 text?”) has the control character U+000B (vertical tab): "
            "2 rows — 3, 5",
        ),
        (
            DROP_CONTROLS_FIELD,
            "Column D (“Question 3 text?”) has the control character U+001B (escape): 1 row — 4",
        ),
    ]
    import_responses(survey, batch, with_(mapping, drop_controls=True))
    texts = [a.text_value for r in imported(survey) for a in r.answers if a.text_value]
    assert texts == ["fine", "linebreak", "esc", "again"]


def test_columns_keep_the_letters_of_the_file_after_columns_are_left_out(survey):
    data = samples.microsoft_forms([q.text for q in survey.questions])
    batch = start_import(survey, filename="forms.csv", data=data, created_by_id=None)
    shown = preview(survey, batch, auto_mapping(survey, batch))
    # Email, name and the other metadata columns (D, E, F, B) are left out of the upload.
    assert [label for _index, label in shown.columns] == [
        "A: ID",
        "C: Completion time",
        "G: Question 1 text?",
        "H: Question 2 text?",
        "I: Question 3 text?",
    ]
