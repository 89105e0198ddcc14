"""Reading uploaded CSV and XLSX files into numbered rows, and refusing anything else."""

import hashlib
import io
import zipfile
from datetime import datetime

import pytest

from app.services.imports import reading
from app.services.imports.reading import (
    MAX_BYTES,
    MAX_UNPACKED_BYTES,
    UNREADABLE,
    FileTooLarge,
    FileUnreadable,
    read_rows,
    read_upload,
)
from tests.imports import samples
from tests.imports.samples import csv_bytes, xlsx_bytes


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_is_read_as_utf_8_with_or_without_bom_or_as_windows_1252(encoding):
    data = csv_bytes([["Question", "Café"], ["Yes", "Crème brûlée"]], encoding=encoding)
    assert read_rows("a.csv", data) == [(1, ["Question", "Café"]), (2, ["Yes", "Crème brûlée"])]


def test_utf_16_text_from_excel_is_read():
    data = "Question\tComment\r\nYes\tŴ 👩🏽‍🦽\r\n".encode("utf-16")
    assert read_rows("a.txt", data) == [(1, ["Question", "Comment"]), (2, ["Yes", "Ŵ 👩🏽‍🦽"])]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_sniffed(delimiter):
    data = csv_bytes(
        [["How was it, overall?", "Why?"], ["Good", "Kind, helpful staff"]], delimiter=delimiter
    )
    assert read_rows("a.csv", data)[1] == (2, ["Good", "Kind, helpful staff"])


def test_row_numbers_count_records_as_a_spreadsheet_shows_them():
    data = csv_bytes([["Q1", "Q2"], ["Yes", "line one\nline two"], ["", ""], ["No", "x"]])
    assert read_rows("a.csv", data) == [
        (1, ["Q1", "Q2"]),
        (2, ["Yes", "line one\nline two"]),
        (4, ["No", "x"]),
    ]


def test_xlsx_cells_become_text_numbers_without_a_point_and_times_in_iso_form():
    data = xlsx_bytes(
        [
            ["Q1", "Q2", "When"],
            [3, 2.5, datetime(2024, 7, 1, 9, 30)],  # noqa: DTZ001 - Excel times have no zone
            [None, None, None],
            [True, "x"],
        ]
    )
    assert read_rows("a.xlsx", data) == [
        (1, ["Q1", "Q2", "When"]),
        (2, ["3", "2.5", "2024-07-01 09:30:00"]),
        (4, ["TRUE", "x"]),
    ]


def _zip_with(member: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, b"\0" * size)
    return out.getvalue()


def test_an_xlsx_that_unpacks_to_too_much_is_refused_before_it_is_read():
    data = _zip_with("xl/sharedStrings.xml", MAX_UNPACKED_BYTES + 1)
    assert len(data) < 1024 * 1024
    with pytest.raises(FileTooLarge, match="holds too much"):
        read_rows("bomb.xlsx", data)


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "a.csv"),
        (b'<?xml version="1.0"?><a/>', "a.csv"),
        (b"<html><body>hi</body></html>", "a.html"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "a.png"),
        (bytes(range(256)), "a.csv"),
        (b"%PDF-1.4", "a.pdf"),
        (b"[1, 2, 3]", "a.json"),
        (_zip_with("word/document.xml", 10), "a.docx"),
        (b"Question\nYes", "a.xlsx"),
    ],
    ids=["empty", "xml", "html", "png", "binary", "pdf", "json", "other-zip", "csv-named-xlsx"],
)
def test_files_that_are_not_tables_are_refused(data, filename):
    with pytest.raises(FileUnreadable) as refused:
        read_rows(filename, data)
    assert refused.value.message == UNREADABLE
    assert refused.value.status_code == 415


def test_more_than_200_columns_are_refused():
    with pytest.raises(FileTooLarge, match="more than 200 columns") as refused:
        read_rows("a.csv", csv_bytes([["Q"] * 201]))
    assert refused.value.status_code == 400


def test_every_row_read_counts_towards_the_100000_row_limit_empty_ones_too():
    rows = [["Q"]] + [["Yes"]] * 50_000 + [[""]] * 50_010
    with pytest.raises(FileTooLarge, match="more than 100,000 rows"):
        read_rows("a.csv", csv_bytes(rows))


def test_100000_responses_and_two_header_rows_are_read():
    assert len(read_rows("a.csv", csv_bytes([["Q"], ["Sub"]] + [["Yes"]] * 100_000))) == 100_002


def test_an_xlsx_sheet_declaring_a_million_rows_is_read_by_its_real_cells(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    data = samples.xlsx_declaring("A1:XFD1048576", [["Q1", "Q2"], ["Yes", "No"]])
    assert len(data) < 10_000
    assert read_rows("tiny.xlsx", data) == [(1, ["Q1", "Q2"]), (2, ["Yes", "No"])]


def test_an_xlsx_with_a_cell_a_million_rows_down_stops_at_the_limit(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    data = samples.xlsx_declaring("A1:A2", [["Q1"], ["Yes"]], last_row=1_048_576)
    with pytest.raises(FileTooLarge, match="more than 100,000 rows"):
        read_rows("tiny.xlsx", data)


def test_a_file_over_20_mb_is_refused_whatever_it_says_its_size_is():
    data = csv_bytes([["Q"]] + [["x" * 1000]] * (MAX_BYTES // 1000 + 10))
    with pytest.raises(FileTooLarge, match="20 MB or smaller"):
        read_rows("a.csv", io.BytesIO(data))


def test_the_content_hash_is_of_the_bytes_uploaded():
    data = csv_bytes([["Q"], ["Yes"]])
    assert read_upload("a.csv", io.BytesIO(data)).content_hash == hashlib.sha256(data).hexdigest()
