"""Recognise exports from Microsoft Forms, Google Forms, SurveyMonkey and LimeSurvey.

Service layer, pure: numbered rows in, one header row and answer rows out. Each tool's
metadata columns (e-mail addresses, names, IP addresses) are left out, so they are never
stored; its completion time and its own response id are kept (the id refuses a row imported
twice). Each column remembers its letters in the original file, so the preview names columns
as the lead sees them in the spreadsheet. SurveyMonkey's second header row is merged into the
first, and a multiple-choice question that a tool spreads over one column per option becomes
one column whose cells list the chosen options separated by ";", as Microsoft Forms writes it.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from app.services.imports.reading import (
    HEADER_ROWS,
    MAX_ROWS,
    TOO_MANY_ROWS,
    FileTooLarge,
    Row,
)

CHOICE_SEPARATOR = ";"
_TICKED = frozenset({"y", "yes", "1", "true", "x"})
_UNTICKED = frozenset({"n", "no", "0", "false"})
_ANSWER_SUBLABELS = frozenset({"", "response", "open-ended response"})
_LIME_SUB_QUESTION = re.compile(r"^(?P<stem>.+?)\s*\[(?P<sub>[^\]]+)\]$")
# One column of a question: its index, its sub-label, and its name if it stays on its own.
_Member = tuple[int, str, str]


@dataclass(frozen=True)
class Shape:
    """One tool's export: the headers that give it away, its metadata and its time column."""

    name: str
    signature: frozenset[str]
    metadata: frozenset[str]
    time_header: str
    id_header: str | None = None


SHAPES = (
    Shape(
        "Microsoft Forms",
        frozenset({"start time", "completion time"}),
        frozenset({"start time", "email", "name", "last modified time"}),
        "completion time",
        "id",
    ),
    Shape("Google Forms", frozenset({"timestamp"}), frozenset({"email address"}), "timestamp"),
    Shape(
        "SurveyMonkey",
        frozenset({"respondent id", "collector id"}),
        frozenset(
            {"collector id", "start date", "ip address", "email address"}
            | {"first name", "last name", "custom data 1", "custom data"}
        ),
        "end date",
        "respondent id",
    ),
    Shape(
        "LimeSurvey",
        frozenset({"submitdate", "lastpage"}),
        frozenset({"lastpage", "startlanguage", "seed", "startdate", "datestamp"})
        | frozenset({"refurl", "ipaddr", "token"}),
        "submitdate",
        "id",
    ),
    Shape(
        "LimeSurvey",
        frozenset({"date submitted", "last page"}),
        frozenset({"last page", "start language", "seed", "date started"})
        | frozenset({"date last action", "referrer url", "ip address", "token"}),
        "date submitted",
        "response id",
    ),
)
TIME_HEADERS = frozenset(shape.time_header for shape in SHAPES)
ID_HEADERS = frozenset(shape.id_header for shape in SHAPES if shape.id_header)


@dataclass(frozen=True)
class Table:
    """A file's answer columns and rows; each row is [row number, cell, cell, …]."""

    shape: str | None
    headers: list[str]
    rows: list[list]
    letters: list[str]


@dataclass(frozen=True)
class _Column:
    name: str
    sources: tuple[int, ...]
    # Set when several option columns were merged into one: each source's option label.
    labels: tuple[str, ...] = ()

    @property
    def letters(self) -> str:
        """Return the column's letters in the original file: "C", or "F–J" when merged."""
        first, last = column_letter(self.sources[0]), column_letter(self.sources[-1])
        return first if first == last else f"{first}–{last}"

    def value(self, cells: list[str]) -> str:
        if not self.labels:
            return _cell(cells, self.sources[0])
        return CHOICE_SEPARATOR.join(
            label
            for source, label in zip(self.sources, self.labels, strict=True)
            if _ticked(_cell(cells, source), label)
        )


def header_key(text: str) -> str:
    """Return a header or answer folded for comparison: case and spacing do not matter."""
    return " ".join(str(text).split()).casefold()


def tidy(rows: list[Row]) -> Table:
    """Return the answer columns and rows of a file whose first row holds the headers."""
    layout = lay_out(rows)
    answer_rows = list(layout.answer_rows(rows))
    width = len(layout.headers) + 1
    return Table(
        layout.shape.name if layout.shape else None,
        layout.headers,
        [row + [""] * (width - len(row)) for row in answer_rows],
        layout.letters,
    )


class Layout:
    """How a file's rows become answer rows, decided from its header rows (and ticks).

    `answer_rows` reads the rows again, one at a time, so a file is never held whole. Cells
    beyond the last header become columns of their own ("Column K"), found while the rows
    are read: `headers` and `letters` are complete once `answer_rows` has run to the end.
    """

    def __init__(self, shape: Shape | None, columns: list[_Column], header_rows: int) -> None:
        self.shape = shape
        self.header_rows = header_rows
        self._covered = 1 + max((i for column in columns for i in column.sources), default=-1)
        self._width = self._covered
        metadata = shape.metadata if shape else frozenset()
        self._columns = [c for c in columns if header_key(c.name) not in metadata]
        self._id_index = _id_index(shape, self._columns)

    @property
    def columns(self) -> list[_Column]:
        """Return the kept columns, those beyond the headers seen so far included."""
        extra = [_Column(_name("", i), (i,)) for i in range(self._covered, self._width)]
        return self._columns + extra

    @property
    def headers(self) -> list[str]:
        """Return the kept columns' names."""
        return [column.name for column in self.columns]

    @property
    def letters(self) -> list[str]:
        """Return each kept column's letters in the original file."""
        return [column.letters for column in self.columns]

    def answer_rows(self, rows: Iterable[Row]) -> Iterator[list]:
        """Yield [row number, answer, answer, …] for every row with an answer in it."""
        kept = 0
        for number, cells in islice(rows, self.header_rows, None):
            self._width = max(self._width, len(cells))
            row = _row_values(self._columns, cells) + cells[self._covered :]
            if any(cell.strip() for i, cell in enumerate(row) if i != self._id_index):
                kept += 1
                if kept > MAX_ROWS:
                    raise FileTooLarge(TOO_MANY_ROWS)
                yield [number, *row]


def lay_out(rows: Iterable[Row]) -> Layout | None:
    """Return how a file's rows are read, or None if it has no row below its header.

    Reads the header rows; reads the whole file once more only for SurveyMonkey and
    LimeSurvey exports with one column per option, to see whether every cell is a tick.
    """
    header_rows = list(islice(rows, HEADER_ROWS))
    if len(header_rows) < 2:
        return None
    header = header_rows[0][1]
    shape = _detect(header)
    name = shape.name if shape else None
    if name == "SurveyMonkey" and _is_sub_header(header, header_rows[1][1]):
        groups = _survey_monkey_groups(header, header_rows[1][1])
        return Layout(shape, _choice_columns(groups, _Ticks(groups, rows, skip=2)), 2)
    if name == "LimeSurvey":
        groups = _lime_survey_groups(header)
        return Layout(shape, _choice_columns(groups, _Ticks(groups, rows, skip=1)), 1)
    return Layout(shape, [_Column(_name(text, i), (i,)) for i, text in enumerate(header)], 1)


def _id_index(shape: Shape | None, columns: list[_Column]) -> int | None:
    """Return the position of the tool's own response id column, if it kept one."""
    if shape is None or shape.id_header is None:
        return None
    keys = [header_key(column.name) for column in columns]
    return keys.index(shape.id_header) if shape.id_header in keys else None


def _row_values(columns: list[_Column], cells: list[str]) -> list[str]:
    """Return a row's value in each column; plain columns are read straight from the cells."""
    width = len(cells)
    return [
        column.value(cells)
        if column.labels
        else (cells[column.sources[0]] if column.sources[0] < width else "")
        for column in columns
    ]


def _detect(header: list[str]) -> Shape | None:
    keys = {header_key(text) for text in header}
    return next((shape for shape in SHAPES if shape.signature <= keys), None)


def _is_sub_header(header: list[str], second: list[str]) -> bool:
    """Say whether SurveyMonkey's second row of sub-labels ("Response", option labels) is there."""
    keys = [header_key(text) for text in second]
    if any(key in ("response", "open-ended response") for key in keys):
        return True
    return not any(keys[: min(len(keys), 2)]) and any(keys)


_Group = tuple[str, list[_Member]]


def _survey_monkey_groups(header: list[str], subs: list[str]) -> list[_Group]:
    groups: list[_Group] = []
    for index in range(max(len(header), len(subs))):
        text, sub = _cell(header, index).strip(), _cell(subs, index).strip()
        if text or not groups:
            groups.append((_name(text, index), []))
        stem = groups[-1][0]
        groups[-1][1].append((index, sub, _sub_name(stem, sub)))
    return groups


def _lime_survey_groups(header: list[str]) -> list[_Group]:
    groups: list[_Group] = []
    for index, text in enumerate(header):
        found = _LIME_SUB_QUESTION.match(text.strip())
        stem, sub = (found["stem"], found["sub"]) if found else (_name(text, index), "")
        if not found or not groups or groups[-1][0] != stem:
            groups.append((stem, []))
        groups[-1][1].append((index, sub, _name(text, index)))
    return groups


class _Ticks:
    """The option columns whose every cell is the option's label, a tick or empty."""

    def __init__(self, groups: list[_Group], rows: Iterable[Row], *, skip: int) -> None:
        candidates = [_option_members(members) for _stem, members in groups]
        self.clean = {(m[0], m[1]) for options in candidates if len(options) > 1 for m in options}
        rows_below = islice(rows, skip, None) if self.clean else ()
        for _number, cells in rows_below:
            self.clean -= {member for member in self.clean if not _tick_or_empty(cells, *member)}
            if not self.clean:
                break

    def all_ticks(self, options: list[_Member]) -> bool:
        """Say whether every cell of these option columns is a tick (or its label) or empty."""
        return all((m[0], m[1]) in self.clean for m in options)


def _tick_or_empty(cells: list[str], index: int, label: str) -> bool:
    cell = _cell(cells, index)
    return _ticked(cell, label) or _untouched(cell)


def _choice_columns(groups: list[_Group], ticks: _Ticks) -> list[_Column]:
    """Merge each question's option columns into one, when every cell is that option or a tick."""
    columns = []
    for stem, members in groups:
        options = _option_members(members)
        if not (len(options) > 1 and ticks.all_ticks(options)):
            columns += [_Column(own_name, (index,)) for index, _, own_name in members]
            continue
        merged = _Column(stem, tuple(m[0] for m in options), tuple(m[1] for m in options))
        columns += [merged, *(_Column(m[2], (m[0],)) for m in members if m not in options)]
    return columns


def _option_members(members: list[_Member]) -> list[_Member]:
    """Return the columns that stand for one option each ("Other" columns hold words)."""
    return [m for m in members if m[1] and not header_key(m[1]).startswith("other")]


def _ticked(cell: str, label: str) -> bool:
    key = header_key(cell)
    return bool(key) and (key in _TICKED or key == header_key(label))


def _untouched(cell: str) -> bool:
    return header_key(cell) in _UNTICKED or not cell.strip()


def _sub_name(stem: str, sub: str) -> str:
    return stem if header_key(sub) in _ANSWER_SUBLABELS else f"{stem} – {sub}"


def _name(text: str, index: int) -> str:
    return " ".join(str(text).split()) or f"Column {column_letter(index)}"


def column_letter(index: int) -> str:
    """Return a spreadsheet's letter for a column counted from 0 (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""
