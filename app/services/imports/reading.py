"""Read an uploaded CSV or XLSX file into numbered rows of text, or say plainly why not.

Service layer, pure: bytes in, rows out; no database, no Flask. The file's name is only
looked at for its extension; it is never used as a path (docs/bad-input.md BAD-61).
"""

import csv
import io
import json
import re
import zipfile
from datetime import date, datetime, time

from openpyxl import load_workbook

from app.services.errors import ServiceError

MAX_ROWS = 10_000
MAX_COLUMNS = 200
# A 1 MB .xlsx can unpack to far more; refuse before openpyxl reads it (zip bombs).
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
UNREADABLE = "We could not read this file. Upload a CSV or Excel (.xlsx) file"
TOO_MANY_ROWS = (
    f"This file has more than {MAX_ROWS:,} responses. "
    "Split it into smaller files and import each one"
)
TOO_MANY_COLUMNS = (
    f"This file has more than {MAX_COLUMNS} columns. Remove the columns you do not need"
)
_ZIP_MAGIC = b"PK\x03\x04"
_BINARY_MAGIC = (b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_DELIMITERS = (",", ";", "\t")

Row = tuple[int, list[str]]


class FileUnreadable(ServiceError):
    """The upload is not a CSV or XLSX file we can read."""

    status_code = 415

    def __init__(self, message: str = UNREADABLE) -> None:
        super().__init__(message, field="file")


class FileTooLarge(ServiceError):
    """The upload holds more than an import may take."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


def read_rows(filename: str, data: bytes) -> list[Row]:
    """Return the non-empty rows of the file's first sheet, each with its row number."""
    if not data.strip():
        raise FileUnreadable()
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data)
    if data.startswith(_BINARY_MAGIC) or filename.lower().endswith((".xlsx", ".xls", ".xlsm")):
        raise FileUnreadable()
    return _read_csv(_decode(data))


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _refuse_non_tables(text)
        return text
    raise FileUnreadable()


def _refuse_non_tables(text: str) -> None:
    """Refuse binary files, markup (XML, HTML, PHP) and JSON that happen to decode as text."""
    start = text.lstrip()
    if "\x00" in text or len(_CONTROL.findall(text[:4096])) > len(text[:4096]) // 100:
        raise FileUnreadable()
    if start.startswith("<") or start.startswith("%PDF"):
        raise FileUnreadable()
    if start[:1] in "{[" and _is_json(start):
        raise FileUnreadable()


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _read_csv(text: str) -> list[Row]:
    delimiter = _sniff_delimiter(text)
    try:
        return _limited(enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1))
    except csv.Error as problem:
        raise FileUnreadable() from problem


def _sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the header row into the most cells (comma on a tie).

    Cells that start with a space count for nothing: "How was it, overall?" in a file
    separated by semicolons splits on its comma into a cell like " overall?".
    """
    return max(_DELIMITERS, key=lambda delimiter: _header_cells(text, delimiter))


def _header_cells(text: str, delimiter: str) -> int:
    try:
        header = next(csv.reader(io.StringIO(text[:65536]), delimiter=delimiter), [])
    except csv.Error:
        return 0
    return sum(1 for cell in header if not cell[:1].isspace())


def _read_xlsx(data: bytes) -> list[Row]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as problem:
        raise FileUnreadable() from problem
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileTooLarge("This file holds too much to read. Split it into smaller files")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as problem:  # openpyxl raises many types for a damaged or foreign file
        raise FileUnreadable() from problem
    try:
        sheet = workbook.worksheets[0]
        cells = sheet.iter_rows(values_only=True)
        return _limited(
            (number, [_cell_text(value) for value in row])
            for number, row in enumerate(cells, start=1)
        )
    except (FileTooLarge, FileUnreadable):
        raise
    except Exception as problem:  # a damaged sheet fails only while it is read
        raise FileUnreadable() from problem
    finally:
        workbook.close()


def _limited(numbered_rows) -> list[Row]:
    """Keep non-empty rows, trimmed of empty trailing cells; stop early past the limits."""
    rows: list[Row] = []
    for number, cells in numbered_rows:
        while cells and not cells[-1].strip():
            cells.pop()
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS:
            raise FileTooLarge(TOO_MANY_COLUMNS)
        rows.append((number, cells))
        # Up to two header rows; the exact count of responses is checked once they are known.
        if len(rows) > MAX_ROWS + 2:
            raise FileTooLarge(TOO_MANY_ROWS)
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
