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
from dataclasses import dataclass

from app.services.imports.reading import MAX_ROWS, TOO_MANY_ROWS, FileTooLarge, Row

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
    _, header = rows[0]
    shape = _detect(header)
    columns, body = _shaped_columns(shape, header, rows[1:])
    columns = _answer_columns(shape, columns, width=max(len(cells) for _, cells in rows))
    answer_rows = _answer_rows(columns, body, _id_index(shape, columns))
    if len(answer_rows) > MAX_ROWS:
        raise FileTooLarge(TOO_MANY_ROWS)
    return Table(
        shape.name if shape else None,
        [c.name for c in columns],
        answer_rows,
        [c.letters for c in columns],
    )


def _id_index(shape: Shape | None, columns: list[_Column]) -> int | None:
    """Return the position of the tool's own response id column, if it kept one."""
    if shape is None or shape.id_header is None:
        return None
    keys = [header_key(column.name) for column in columns]
    return keys.index(shape.id_header) if shape.id_header in keys else None


def _shaped_columns(
    shape: Shape | None, header: list[str], body: list[Row]
) -> tuple[list[_Column], list[Row]]:
    """Return the columns a tool's export is read as, and the rows below its header rows."""
    name = shape.name if shape else None
    if name == "SurveyMonkey" and body and _is_sub_header(header, body[0][1]):
        return _survey_monkey_columns(header, body[0][1], body[1:]), body[1:]
    if name == "LimeSurvey":
        return _lime_survey_columns(header, body), body
    return [_Column(_name(text, index), (index,)) for index, text in enumerate(header)], body


def _answer_columns(shape: Shape | None, columns: list[_Column], *, width: int) -> list[_Column]:
    """Add a column for each cell no header names, and leave out the tool's own columns."""
    covered = {index for column in columns for index in column.sources}
    columns = columns + [_Column(_name("", i), (i,)) for i in range(width) if i not in covered]
    metadata = shape.metadata if shape else frozenset()
    return [column for column in columns if header_key(column.name) not in metadata]


def _answer_rows(columns: list[_Column], body: list[Row], id_index: int | None) -> list[list]:
    """Return [row number, answer, answer, …] for every row with an answer in it."""
    answers = [i for i in range(len(columns)) if i != id_index]
    rows = []
    for number, cells in body:
        row = _row_values(columns, cells)
        if any(row[i].strip() for i in answers):
            rows.append([number, *row])
    return rows


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


def _survey_monkey_columns(header: list[str], subs: list[str], body: list[Row]) -> list[_Column]:
    groups: list[tuple[str, list[_Member]]] = []
    for index in range(max(len(header), len(subs))):
        text, sub = _cell(header, index).strip(), _cell(subs, index).strip()
        if text or not groups:
            groups.append((_name(text, index), []))
        stem = groups[-1][0]
        groups[-1][1].append((index, sub, _sub_name(stem, sub)))
    return [column for stem, members in groups for column in _choice_columns(stem, members, body)]


def _lime_survey_columns(header: list[str], body: list[Row]) -> list[_Column]:
    groups: list[tuple[str, list[_Member]]] = []
    for index, text in enumerate(header):
        found = _LIME_SUB_QUESTION.match(text.strip())
        stem, sub = (found["stem"], found["sub"]) if found else (_name(text, index), "")
        if not found or not groups or groups[-1][0] != stem:
            groups.append((stem, []))
        groups[-1][1].append((index, sub, _name(text, index)))
    return [column for stem, members in groups for column in _choice_columns(stem, members, body)]


def _choice_columns(stem: str, members: list[_Member], body: list[Row]) -> list[_Column]:
    """Merge a question's option columns into one, when every cell is that option or a tick."""
    options = _option_members(members)
    if not (len(options) > 1 and _all_ticks(options, body)):
        return [_Column(own_name, (index,)) for index, _, own_name in members]
    merged = _Column(stem, tuple(m[0] for m in options), tuple(m[1] for m in options))
    rest = [_Column(m[2], (m[0],)) for m in members if m not in options]
    return [merged, *rest]


def _option_members(members: list[_Member]) -> list[_Member]:
    """Return the columns that stand for one option each ("Other" columns hold words)."""
    return [m for m in members if m[1] and not header_key(m[1]).startswith("other")]


def _all_ticks(options: list[_Member], body: list[Row]) -> bool:
    """Say whether every cell of these option columns is the option's label, a tick or empty."""
    return all(
        _ticked(_cell(cells, index), sub) or _untouched(_cell(cells, index))
        for index, sub, _own_name in options
        for _number, cells in body
    )


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
