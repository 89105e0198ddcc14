"""Translating a survey's words: what there is, what is missing, saving, and PO files.

Every refused save or import leaves the translations as they were (docs/bad-input.md).
"""

import polib
import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Survey, SurveyStatus, Translation
from app.services import audit, translations
from app.services.builder.editing import changes_since
from app.services.errors import NotFound, ServiceError
from tests.factories import create_survey

LEAD = audit.Actor(None, "Sam Lead")


@pytest.fixture
def survey(app_context):
    survey = create_survey(questions=2, kinds=["single_choice", "free_text"])
    survey.questions[1].hint = "Say as much as you like."
    survey.contact = "Call 0191 433 3000."
    db.session.commit()
    return survey


def _key(entity: str, entity_id: int, field: str) -> str:
    return f"{entity}:{entity_id}:{field}"


def _rows() -> int:
    return db.session.scalar(select(func.count()).select_from(Translation))


def test_the_sheet_lists_every_text_with_english_words_and_counts_them_missing(survey):
    sheet = translations.sheet(survey.id, "cy")

    keys = [text.key for text in sheet.texts]
    first, second = survey.questions
    assert keys[:3] == [
        _key("survey", survey.id, "title"),
        _key("survey", survey.id, "easy_read_title"),
        _key("survey", survey.id, "easy_read_intro"),
    ]
    assert _key("survey", survey.id, "contact") in keys
    # No English intro, and the first question has no hint: nothing to translate there.
    assert _key("survey", survey.id, "intro") not in keys
    assert _key("question", first.id, "hint") not in keys
    assert _key("question", second.id, "hint") in keys
    assert _key("option", first.options[0].id, "easy_read_label") in keys
    assert sheet.missing == len(sheet.texts) and sheet.translated == 0
    assert [place for place, _ in sheet.groups][:3] == [
        "Survey",
        "Question 1",
        "Question 1, answer 1",
    ]


def test_saving_writes_translations_counts_them_and_records_who(survey):
    question = survey.questions[0]
    key = _key("question", question.id, "easy_read_text")

    saved = translations.save(LEAD, survey.id, "cy", {key: "  Cwestiwn hawdd?  "})

    assert saved == translations.Saved(written=1, removed=0)
    sheet = translations.sheet(survey.id, "cy")
    assert next(t for t in sheet.texts if t.key == key).translation == "Cwestiwn hawdd?"
    assert sheet.translated == 1
    assert translations.sheet(survey.id, "ar").translated == 0
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.user_name, event.survey_id) == (
        "translation.saved",
        "Sam Lead",
        survey.id,
    )
    assert event.details["language"] == "cy"


def test_saving_translations_makes_a_new_version_that_other_editors_are_told_of(survey):
    key = _key("survey", survey.id, "title")
    before = survey.version

    translations.save(LEAD, survey.id, "cy", {key: "Arolwg prawf"})
    translations.save(LEAD, survey.id, "cy", {key: "Arolwg prawf"})  # nothing changed

    db.session.expire_all()
    assert db.session.get(Survey, survey.id).version == before + 1
    assert any("saved translations" in change for change in changes_since(survey.id, before))


def test_an_empty_box_removes_the_translation(survey):
    key = _key("survey", survey.id, "title")
    translations.save(LEAD, survey.id, "cy", {key: "Arolwg prawf"})

    saved = translations.save(LEAD, survey.id, "cy", {key: "   "})

    assert saved == translations.Saved(written=0, removed=1)
    assert _rows() == 0


def test_saving_the_same_words_again_changes_and_records_nothing(survey):
    key = _key("survey", survey.id, "title")
    translations.save(LEAD, survey.id, "cy", {key: "Arolwg prawf"})

    saved = translations.save(LEAD, survey.id, "cy", {key: "Arolwg prawf"})

    assert saved == translations.Saved(written=0, removed=0)
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 1


def test_ten_thousand_characters_are_refused_and_nothing_is_written(survey):
    title = _key("survey", survey.id, "title")
    question = _key("question", survey.questions[0].id, "text")

    with pytest.raises(ServiceError) as refused:
        translations.save(LEAD, survey.id, "cy", {title: "Teitl", question: "a" * 10_000})

    assert "5000 characters or fewer" in refused.value.message
    assert refused.value.field == f"t-question-{survey.questions[0].id}-text"
    assert _rows() == 0


def test_a_key_that_is_not_in_the_survey_is_refused(survey):
    with pytest.raises(ServiceError):
        translations.save(LEAD, survey.id, "cy", {"question:999999:text": "Cwestiwn"})
    assert _rows() == 0


def test_script_is_stored_as_words_and_control_characters_are_dropped(survey):
    key = _key("survey", survey.id, "title")

    translations.save(LEAD, survey.id, "cy", {key: "<script>alert(1)</script>\x00"})

    assert db.session.scalar(select(Translation.text)) == "<script>alert(1)</script>"


def test_an_archived_survey_cannot_be_translated(survey):
    survey.status = SurveyStatus.ARCHIVED
    db.session.commit()

    with pytest.raises(ServiceError):
        translations.save(LEAD, survey.id, "cy", {_key("survey", survey.id, "title"): "Teitl"})


def test_a_language_that_is_not_configured_is_not_found(survey, app):
    with pytest.raises(NotFound):
        translations.sheet(survey.id, "fr")
    app.config["SURVEY_LANGUAGES"] = "cy"
    try:
        with pytest.raises(NotFound):
            translations.sheet(survey.id, "ar")
    finally:
        app.config["SURVEY_LANGUAGES"] = "cy,ar"


def test_the_po_file_names_the_survey_and_gives_each_text_its_context(survey):
    key = _key("survey", survey.id, "title")
    translations.save(LEAD, survey.id, "ar", {key: "استطلاع"})

    po = polib.pofile(translations.export_po(survey.id, "ar").decode("utf-8"))

    assert po.metadata["X-Heard-Survey-Id"] == str(survey.id)
    assert po.metadata["X-Heard-Survey-Slug"] == survey.slug
    assert po.metadata["Language"] == "ar"
    sheet = translations.sheet(survey.id, "ar")
    assert po.metadata["X-Heard-Source-Hash"] == translations.source_hash(sheet.texts)
    entry = po.find(survey.title, msgctxt=key)
    assert entry.msgstr == "استطلاع"
    assert [e.msgctxt for e in po] == [t.key for t in sheet.texts]


def _translated_file(survey, language: str = "cy") -> bytes:
    po = polib.pofile(translations.export_po(survey.id, language).decode("utf-8"))
    for entry in po:
        entry.msgstr = f"CY {entry.msgid}"
    return str(po).encode("utf-8")


def test_importing_a_translated_file_saves_every_entry(survey):
    saved = translations.import_po(LEAD, survey.id, "cy", _translated_file(survey))

    sheet = translations.sheet(survey.id, "cy")
    assert saved.written == len(sheet.texts)
    assert sheet.missing == 0
    assert all(text.translation == f"CY {text.english}" for text in sheet.texts)


def test_a_fuzzy_entry_is_left_as_it_was(survey):
    po = polib.pofile(_translated_file(survey).decode("utf-8"))
    po[0].flags.append("fuzzy")

    translations.import_po(LEAD, survey.id, "cy", str(po).encode("utf-8"))

    assert translations.sheet(survey.id, "cy").missing == 1


def _refused(survey, data: bytes, language: str = "cy") -> str:
    with pytest.raises(ServiceError) as refused:
        translations.import_po(LEAD, survey.id, language, data)
    assert _rows() == 0
    return refused.value.message


def test_a_file_for_another_survey_is_refused(survey):
    other = create_survey(slug="another-survey")

    message = _refused(survey, _translated_file(other))

    assert message == "This file is for another survey (another-survey), not this one"


def test_a_file_for_another_language_is_refused(survey):
    assert _refused(survey, _translated_file(survey, "ar")) == "This file is not in Welsh"


def test_a_file_made_before_the_english_changed_is_refused_naming_the_text(survey):
    data = _translated_file(survey)
    survey.questions[1].easy_read_text = "What would make it better?"
    db.session.commit()

    message = _refused(survey, data)

    assert (
        "have changed since this file was downloaded: Question 2: Question (easy read)" in message
    )


def test_a_file_whose_english_was_edited_by_hand_is_refused(survey):
    po = polib.pofile(_translated_file(survey).decode("utf-8"))
    po[0].msgid = "Another title"

    message = _refused(survey, str(po).encode("utf-8"))

    assert "Survey: Title (standard words)" in message


def test_a_file_missing_a_new_text_is_refused_naming_it(survey):
    data = _translated_file(survey)
    survey.intro = "A new introduction."
    db.session.commit()

    assert "Survey: Introduction (standard words)" in _refused(survey, data)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,  # a binary file
        b"\x00\x01PNG",
        b"just some words\nin a text file\n",
    ],
)
def test_a_file_that_is_not_a_po_file_is_refused(survey, data):
    assert _refused(survey, data) == translations.NOT_PO


def test_a_po_file_not_from_heard_is_refused(survey):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Hello", msgstr="Helo"))

    assert "not downloaded from Heard" in _refused(survey, str(po).encode("utf-8"))


def test_a_file_over_one_megabyte_is_refused_before_it_is_read(survey):
    data = _translated_file(survey) + b"#" * translations.MAX_FILE_BYTES

    assert "over 1 MB" in _refused(survey, data)


def test_an_upload_that_names_a_file_on_the_server_is_not_opened(survey, tmp_path):
    # polib opens a path it is given: an upload whose words are a path must not be read.
    planted = tmp_path / "planted.po"
    planted.write_bytes(_translated_file(survey))

    assert _refused(survey, str(planted).encode("utf-8")) == translations.NOT_PO
