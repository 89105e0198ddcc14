"""Read an uploaded CSV or XLSX file into numbered rows of text, or say plainly why not.

Service layer, pure: a file (bytes or a binary stream) in, rows out; no database, no Flask.
The file is read as a stream: one pass hashes it, checks its size and finds its encoding;
each later pass parses it row by row and yields the rows, so they are never all held. Every
row read counts towards the limit, empty ones included, and an XLSX sheet's declared size is
ignored (a tiny file can declare `A1:XFD1048576`). The file's name is only looked at for
its extension; it is never used as a path (docs/bad-input.md BAD-61).
"""

import codecs
import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from typing import BinaryIO

from app.services.errors import ServiceError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200
# Rows above the responses: up to two header rows (SurveyMonkey writes two).
HEADER_ROWS = 2
# An .xlsx can unpack to far more than its size; refuse before openpyxl reads it (zip bombs).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
_CHUNK = 1024 * 1024
UNREADABLE = "We could not read this file. Upload a CSV or Excel (.xlsx) file"
TOO_BIG = (
    f"The file must be {MAX_BYTES // (1024 * 1024)} MB or smaller. "
    "Split it into smaller files and import each one"
)
TOO_MANY_ROWS = (
    f"This file has more than {MAX_ROWS:,} rows. Split it into smaller files and import each one"
)
TOO_MANY_COLUMNS = (
    f"This file has more than {MAX_COLUMNS} columns. Remove the columns you do not need"
)
_ZIP_MAGIC = b"PK\x03\x04"
_BINARY_MAGIC = (b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_DELIMITERS = (",", ";", "\t")
_SNIFF_CHARACTERS = 65536

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


class Upload:
    """A readable file's content hash, and its non-empty rows read afresh on each iteration.

    Iterating reads the file from its start, a row at a time: the rows are never all held,
    and a second pass (`shapes.lay_out` may need one) costs a re-read, not a copy.
    """

    def __init__(self, stream: BinaryIO, content_hash: str, *, xlsx: bool, encoding: str):
        self.content_hash = content_hash
        self._stream = stream
        self._xlsx = xlsx
        self._encoding = encoding

    def __iter__(self) -> Iterator[Row]:
        self._stream.seek(0)
        if self._xlsx:
            return _read_xlsx(self._stream)
        return _read_csv(self._stream, self._encoding)


def read_upload(filename: str, file: bytes | BinaryIO) -> Upload:
    """Check the file (size, kind, encoding) and hash it; its rows are read when iterated."""
    stream = io.BytesIO(file) if isinstance(file, bytes | bytearray) else file
    stream.seek(0)
    first = stream.read(_SNIFF_CHARACTERS)
    if not first.strip():
        raise FileUnreadable()
    stream.seek(0)
    content_hash, encoding = _scan(stream, first)
    stream.seek(0)
    if first.startswith(_ZIP_MAGIC):
        _check_archive(stream)
        return Upload(stream, content_hash, xlsx=True, encoding="")
    if first.startswith(_BINARY_MAGIC) or filename.lower().endswith((".xlsx", ".xls", ".xlsm")):
        raise FileUnreadable()
    return Upload(stream, content_hash, xlsx=False, encoding=encoding)


def read_rows(filename: str, data: bytes | BinaryIO) -> list[Row]:
    """Return the non-empty rows of the file's first sheet, each with its row number."""
    return list(read_upload(filename, data))


def _scan(stream: BinaryIO, first: bytes) -> tuple[str, str]:
    """Hash the whole file, refuse it past the size limit, and find the text's encoding."""
    digest = hashlib.sha256()
    size = 0
    utf16 = first.startswith((b"\xff\xfe", b"\xfe\xff"))
    decoder = codecs.getincrementaldecoder("utf-16" if utf16 else "utf-8")()
    decodes = True
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > MAX_BYTES:
            raise FileTooLarge(TOO_BIG)
        digest.update(chunk)
        if decodes:
            decodes = _still_decodes(decoder, chunk)
    encoding = "utf-16" if utf16 else "utf-8-sig" if decodes else "cp1252"
    return digest.hexdigest(), encoding


def _still_decodes(decoder: codecs.IncrementalDecoder, chunk: bytes) -> bool:
    try:
        text = decoder.decode(chunk)
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def _refuse_non_tables(start_text: str, text_stream: io.TextIOBase) -> None:
    """Refuse binary files, markup (XML, HTML, PHP) and JSON that happen to decode as text."""
    sample = start_text[:4096]
    if "\x00" in start_text or len(_CONTROL.findall(sample)) > len(sample) // 100:
        raise FileUnreadable()
    start = start_text.lstrip()
    if start.startswith("<") or start.startswith("%PDF"):
        raise FileUnreadable()
    if start[:1] in "{[" and _is_json(start_text + text_stream.read()):
        raise FileUnreadable()


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _read_csv(stream: BinaryIO, encoding: str) -> Iterator[Row]:
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        start = text.read(_SNIFF_CHARACTERS)
        _refuse_non_tables(start, text)
        text.seek(0)
        reader = csv.reader(text, delimiter=_sniff_delimiter(start))
        yield from _limited(enumerate(reader, start=1))
    except (csv.Error, UnicodeDecodeError) as problem:
        raise FileUnreadable() from problem
    finally:
        text.detach()


def _sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the header row into the most cells (comma on a tie).

    Cells that start with a space count for nothing: "How was it, overall?" in a file
    separated by semicolons splits on its comma into a cell like " overall?".
    """
    return max(_DELIMITERS, key=lambda delimiter: _header_cells(text, delimiter))


def _header_cells(text: str, delimiter: str) -> int:
    try:
        header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        return 0
    return sum(1 for cell in header if not cell[:1].isspace())


def _check_archive(stream: BinaryIO) -> None:
    """Refuse a damaged archive, or one that unpacks to too much, before openpyxl opens it."""
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as problem:
        raise FileUnreadable() from problem
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileTooLarge("This file holds too much to read. Split it into smaller files")


def _read_xlsx(stream: BinaryIO) -> Iterator[Row]:
    from openpyxl import load_workbook  # loaded with the first spreadsheet, not at start

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as problem:  # openpyxl raises many types for a damaged or foreign file
        raise FileUnreadable() from problem
    try:
        yield from _sheet_rows(workbook.worksheets[0])
    except (FileTooLarge, FileUnreadable):
        raise
    except Exception as problem:  # a damaged sheet fails only while it is read
        raise FileUnreadable() from problem
    finally:
        workbook.close()


def _sheet_rows(sheet) -> Iterator[Row]:
    """Read a read-only sheet row by row, trusting only the cells that are really there."""
    # The sheet's own <dimension> says how big it is; a lie would have openpyxl pad every
    # row to 16,384 cells and invent a million empty rows.
    sheet.reset_dimensions()
    cells = sheet.iter_rows(values_only=True)
    return _limited(
        (number, [_cell_text(value) for value in row]) for number, row in enumerate(cells, start=1)
    )


def _limited(numbered_rows: Iterable[tuple[int, list]]) -> Iterator[Row]:
    """Yield non-empty rows, trimmed of empty trailing cells; stop at the limits.

    Every row read counts, empty or not, so a file of a million empty rows stops as soon as
    one of a hundred thousand answers would.
    """
    for read, (number, cells) in enumerate(numbered_rows, start=1):
        if read > MAX_ROWS + HEADER_ROWS:
            raise FileTooLarge(TOO_MANY_ROWS)
        while cells and not cells[-1].strip():
            cells.pop()
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS:
            raise FileTooLarge(TOO_MANY_COLUMNS)
        yield number, cells


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
