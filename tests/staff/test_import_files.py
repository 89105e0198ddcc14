"""Files that cannot be imported get a plain message on the upload page and leave nothing
behind: files that are not tables, no file, files too big, and the limits on rows and
columns."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ImportBatch
from tests.factories import create_survey
from tests.imports import samples
from tests.pages import check_page, get
from tests.staff.test_import import KINDS, post_file, upload

UNREADABLE = "We could not read this file. Upload a CSV or Excel (.xlsx) file"


@pytest.fixture
def survey(app_context):
    return create_survey(questions=3, kinds=KINDS)


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b'<?xml version="1.0"?><responses><row>Yes</row></responses>', "responses.xml"),
        (b"", "empty.csv"),
        (b"   \r\n", "blank.csv"),
        (bytes(range(256)) * 10, "data.bin"),
        (b"%PDF-1.7\n1 0 obj <<>> endobj", "report.pdf"),
        (b"<?php system($_GET['c']); ?>", "shell.php"),
        (b'{"responses": [1, 2]}', "responses.json"),
        (b"PK\x03\x04 not really a zip", "broken.xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old.xls"),
    ],
    ids=["xml", "empty", "blank", "binary", "pdf", "php", "json", "broken-xlsx", "xls"],
)
def test_files_that_are_not_tables_are_refused_with_a_clear_message(
    client, lead, survey, data, filename
):
    page = check_page(upload(client, survey, data, filename))
    assert page.status == 415
    assert page.title.startswith("Error: ")
    assert page.texts(".govuk-error-summary__list li") == [UNREADABLE]
    assert db.session.scalar(select(func.count(ImportBatch.id))) == 0


def test_no_file_chosen_asks_for_one(client, lead, survey):
    page = get(client, f"/staff/surveys/{survey.id}/import")
    result = check_page(client.post(f"/staff/surveys/{survey.id}/import", data=page.form_fields()))
    assert result.status == 400
    assert result.texts(".govuk-error-summary__list li") == [
        "Choose a CSV or Excel (.xlsx) file to upload"
    ]


def test_a_file_over_20_mb_is_refused_on_the_upload_page(client, lead, survey):
    data = b"Question 1 text?\r\n" + b"x" * (20 * 1024 * 1024 + 100_000)
    page = check_page(upload(client, survey, data))
    assert page.status == 413
    assert page.texts(".govuk-error-summary__list li") == [
        "The file must be 20 MB or smaller. Split it into smaller files and import each one"
    ]


def test_a_file_over_1_mb_from_someone_signed_out_gets_no_survey_details(client, survey):
    url = f"/staff/surveys/{survey.id}/import"
    response = post_file(client, url, {}, b"x" * 1_100_000, "big.csv")
    assert response.status_code == 413
    assert survey.title not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [["Question 1 text?"]] + [["Yes"]] * 100_002,
            "This file has more than 100,000 rows. Split it into smaller files and import each one",
        ),
        (
            [[f"Column {n}" for n in range(201)], ["Yes"] * 201],
            "This file has more than 200 columns. Remove the columns you do not need",
        ),
        (
            [["Question 1 text?", "Question 2 text?"]],
            "There are no responses in this file. Check it has a header row and rows below it",
        ),
    ],
    ids=["rows", "columns", "header-only"],
)
def test_files_too_big_to_import_get_a_plain_message(client, lead, survey, rows, message):
    page = check_page(upload(client, survey, samples.csv_bytes(rows)))
    assert page.status == 400
    assert page.texts(".govuk-error-summary__list li") == [message]
