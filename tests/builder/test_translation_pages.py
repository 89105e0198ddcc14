"""The translations pages: English beside a box per text, what is missing, PO files in and out.

Bad input (docs/bad-input.md) gets a plain message on the page and nothing written; viewers
look but cannot save; partner users are told the pages do not exist.
"""

import io

import polib
import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Translation
from app.services import partners, translations
from tests.factories import create_survey, create_user
from tests.pages import Page, check_page, get
from tests.staff.test_access import sign_in


@pytest.fixture
def survey(app_context):
    return create_survey(questions=2)


@pytest.fixture
def lead(client):
    sign_in(client, create_user(role="lead"))
    return client


def _address(survey, language: str = "cy", tail: str = "") -> str:
    return f"/staff/surveys/{survey.id}/translations/{language}{tail}"


def _rows() -> int:
    return db.session.scalar(select(func.count()).select_from(Translation))


def _save(client, survey, boxes: dict, language: str = "cy") -> Page:
    page = get(client, _address(survey, language))
    data = {**page.form_fields("#translations"), **boxes}
    return check_page(client.post(_address(survey, language), data=data, follow_redirects=True))


def _box(survey, field: str = "easy_read_text", number: int = 0) -> str:
    return f"t-question-{survey.questions[number].id}-{field}"


def test_the_page_shows_the_english_beside_a_box_and_counts_what_is_missing(lead, survey):
    page = get(lead, _address(survey))

    assert page.status == 200
    assert page.text("h1") == "Welsh translation"
    total = len(translations.sheet(survey.id, "cy").texts)
    assert page.text(".heard-translations-count").startswith(f"0 of {total} texts translated.")
    assert f"{total} missing." in page.text(".heard-translations-count")
    assert page.text(f"#{_box(survey)}-hint").startswith("English: Easy question 1?")
    assert page.all(f"#{_box(survey)}")[0].get("lang") == "cy"


def test_arabic_boxes_are_written_right_to_left(lead, survey):
    box = get(lead, _address(survey, "ar")).all(f"#{_box(survey)}")[0]

    assert (box.get("lang"), box.get("dir")) == ("ar", "rtl")


def test_saving_translations_counts_them_and_an_empty_box_removes_one(lead, survey):
    page = _save(
        lead, survey, {_box(survey): "Cwestiwn hawdd 1?", _box(survey, "text"): "Cwestiwn?"}
    )

    assert "Translations saved." in page.text(".govuk-notification-banner")
    assert page.text(".heard-translations-count").startswith("2 of")
    assert page.all(f"#{_box(survey)}")[0].text == "Cwestiwn hawdd 1?"

    page = _save(lead, survey, {_box(survey): ""})

    assert page.text(".heard-translations-count").startswith("1 of")
    assert _rows() == 1


def test_the_language_index_lists_each_configured_language(lead, survey):
    page = get(lead, f"/staff/surveys/{survey.id}/translations")

    assert [row.split()[0] for row in page.texts("tbody tr")] == ["Welsh", "Arabic"]


@pytest.mark.parametrize("language", ["fr", "en", "xx"])
def test_a_language_that_is_not_set_up_is_not_found(lead, survey, language):
    assert lead.get(_address(survey, language)).status_code == 404
    assert lead.get(_address(survey, language, ".po")).status_code == 404


def test_ten_thousand_characters_are_refused_with_the_box_named_and_kept(lead, survey):
    words = "a" * 10_000

    page = _save(lead, survey, {_box(survey): words, _box(survey, "text"): "Cwestiwn?"})

    assert page.status == 400
    assert page.title.startswith("Error: ")
    assert page.all(".govuk-error-summary a")[0].get("href") == f"#{_box(survey)}"
    assert "300 characters" not in page.text(".govuk-error-summary")
    assert "5000 characters or fewer" in page.text(f"#{_box(survey)}-error")
    assert page.all(f"#{_box(survey)}")[0].text == words
    assert _rows() == 0


def test_script_in_a_translation_is_shown_as_words(lead, survey):
    page = _save(lead, survey, {_box(survey): "<script>alert('x')</script>"})

    assert page.all(f"#{_box(survey)}")[0].text == "<script>alert('x')</script>"
    assert "<script>alert" not in page.response.get_data(as_text=True)


def _upload(client, survey, data: bytes, language: str = "cy") -> Page:
    page = get(client, _address(survey, language))
    fields = page.form_fields("form[enctype]")
    fields["file"] = (io.BytesIO(data), "survey.po")
    response = client.post(
        _address(survey, language, "/upload"),
        data=fields,
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    return check_page(response)


def _downloaded(client, survey, language: str = "cy") -> polib.POFile:
    response = client.get(_address(survey, language, ".po"))
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    return polib.pofile(response.get_data(as_text=True))


def test_a_downloaded_file_translated_and_uploaded_fills_every_box(lead, survey):
    po = _downloaded(lead, survey)
    for entry in po:
        entry.msgstr = f"CY {entry.msgid}"

    page = _upload(lead, survey, str(po).encode("utf-8"))

    assert page.status == 200
    assert "Nothing is missing." in page.text(".heard-translations-count")


def _refused_upload(client, survey, data: bytes) -> str:
    page = _upload(client, survey, data)
    assert page.status == 400
    assert page.all(".govuk-error-summary a")[0].get("href") == "#po-file"
    assert _rows() == 0
    return page.text("#po-file-error")


def test_a_file_for_another_survey_is_refused(lead, survey):
    other = create_survey(slug="meals-at-home")
    po = _downloaded(lead, other)

    assert "another survey (meals-at-home)" in _refused_upload(lead, survey, str(po).encode())


def test_a_file_whose_english_changed_is_refused_naming_the_text(lead, survey):
    po = _downloaded(lead, survey)
    survey.questions[0].easy_read_text = "Do you like the day centre?"
    db.session.commit()

    message = _refused_upload(lead, survey, str(po).encode())

    assert "Question 1: Question (easy read)" in message


@pytest.mark.parametrize("data", [bytes(range(256)) * 64, b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_a_binary_file_is_refused(lead, survey, data):
    assert "This is not a PO file" in _refused_upload(lead, survey, data)


def test_a_huge_file_is_refused_and_nothing_is_written(lead, survey):
    response = lead.post(
        _address(survey, tail="/upload"),
        # A raw body: the test client would spool a form this big to a file it never closes.
        data=b"#" * (2 * 1024 * 1024),
        content_type="multipart/form-data; boundary=x",
    )

    assert response.status_code == 413
    assert "Upload a file of 1 MB or less." in response.get_data(as_text=True)
    assert _rows() == 0


def test_uploading_without_a_file_asks_for_one(lead, survey):
    page = get(lead, _address(survey))
    response = lead.post(
        _address(survey, tail="/upload"),
        data=page.form_fields("form[enctype]"),
        content_type="multipart/form-data",
    )

    assert "Choose the .po file to upload" in check_page(response).text("#po-file-error")


def test_a_viewer_sees_the_words_but_has_no_boxes_and_cannot_save(client, survey):
    translations.save(
        translations.audit.Actor(None, "Lead"),
        survey.id,
        "cy",
        {f"question:{survey.questions[0].id}:text": "Cwestiwn?"},
    )
    sign_in(client, create_user(role="viewer"))

    page = get(client, _address(survey))

    assert page.status == 200
    assert not page.all("textarea") and not page.all("input[type=file]")
    assert "Cwestiwn?" in page.text("main")
    csrf = page.form_fields(".heard-sign-out")["csrf_token"]
    saving = client.post(_address(survey), data={"csrf_token": csrf, _box(survey, "text"): "X"})
    assert saving.status_code == 403
    assert (
        client.post(_address(survey, tail="/upload"), data={"csrf_token": csrf}).status_code == 403
    )
    assert _rows() == 1


def test_partner_users_are_told_the_pages_do_not_exist(client, survey):
    partner = partners.create_partner(name="Carers Centre")
    sign_in(client, create_user(role="partner", partner_id=partner.id))

    assert client.get(f"/staff/surveys/{survey.id}/translations").status_code == 404
    assert client.get(_address(survey)).status_code == 404
    assert client.get(_address(survey, tail=".po")).status_code == 404
