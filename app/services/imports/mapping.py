"""Match an uploaded file to a survey: which column answers which question, which answer
written in the file is which option.

Service layer, no database writes. The first guess (`column_guess.py`) matches headers to
question wording, and answers are matched to option labels here; staff correct both on the
preview page, and the form they send back is read here. A mapping is never stored: the
preview form carries it.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from app.models import ImportBatch, Question, QuestionKind, Survey
from app.services.imports import stored
from app.services.imports.dates import DateColumn, DateOrder, read_column
from app.services.imports.provenance import (
    auto_channel,
    channel_field,
)
from app.services.imports.shapes import (
    CHOICE_SEPARATOR,
    SHAPES,
    column_letter,
    header_key,
)

SKIP = "skip"
TIME_FIELD = "time_column"
DATE_ORDER_FIELD = "date_order"
DROP_CONTROLS_FIELD = "drop_controls"
# Each answer offered for matching is one form field; staff forms may have 1,000 at most.
MAX_ANSWERS_SHOWN = 30
SAMPLE_ROWS = 5
# "3. ", "Q3) ", "Q3 " before a question's words; never "Question 3 text" itself.


@dataclass(frozen=True)
class Mapping:
    """Staff's choices: the time column, each question's column, each answer's option."""

    time_column: int | None
    columns: dict[int, int]
    # Question id → answer key → option id as text, SKIP, or "" for "not matched yet".
    answers: dict[int, dict[str, str]]
    # Chosen by staff when the time column's dates could be day first or month first.
    date_order: DateOrder | None = None
    source_id_column: int | None = None
    respondent_column: int | None = None
    channel_column: int | None = None
    # Channel column value key → channel as text, or "" for "not matched yet".
    channels: dict[str, str] = field(default_factory=dict)
    drop_controls: bool = False

    def option_for(self, question: Question, answer: str) -> str:
        """Return the option id (as text), SKIP, or "" for one answer written in the file."""
        key = header_key(answer)
        chosen = self.answers.get(question.id, {})
        return chosen[key] if key in chosen else auto_option(question, answer)

    def channel_for(self, value: str) -> str:
        """Return the channel (as text), or "" for one value of the channel column."""
        key = header_key(value)
        return self.channels[key] if key in self.channels else auto_channel(value)

    def special_columns(self) -> set[int]:
        """Return the columns that say when, who and how rather than answer a question."""
        chosen = (self.time_column, self.source_id_column, self.respondent_column)
        return {c for c in (*chosen, self.channel_column) if c is not None}


@dataclass(frozen=True)
class AnswerMatch:
    """One distinct answer found in a question's column, and the option it is matched to."""

    text: str
    rows: int
    field: str
    option: str


@dataclass(frozen=True)
class QuestionMatch:
    """One question on the preview page: its column and the answers found in it."""

    question: Question
    field: str
    column: int | None
    answers: list[AnswerMatch]
    answers_not_shown: int


@dataclass(frozen=True)
class ChannelMatch:
    """One distinct value of the channel column, and the channel it is matched to."""

    text: str
    rows: int
    field: str
    channel: str


@dataclass(frozen=True)
class Preview:
    """What the preview page shows: the columns, the matches and the first rows."""

    columns: list[tuple[int, str]]
    mapping: Mapping
    questions: list[QuestionMatch]
    headers: list[str]
    sample: list[list]
    row_count: int
    tool: str | None
    dates: DateColumn | None
    channels: list[ChannelMatch]
    channels_not_shown: int

    @property
    def time_column(self) -> int | None:
        """Return the column chosen for completion times."""
        return self.mapping.time_column


def column_field(question: Question) -> str:
    """Return the name of the form field that holds a question's column."""
    return f"column-{question.id}"


def answer_field(question: Question, answer: str) -> str:
    """Return the name of the form field that matches one answer to an option."""
    digest = hashlib.sha256(header_key(answer).encode()).hexdigest()[:12]
    return f"answer-{question.id}-{digest}"


def column_label(batch: ImportBatch, index: int) -> str:
    """Return how a column is named in lists: its letters in the original file and its header."""
    return f"{letter_of(batch, index)}: {batch.headers[index]}"


def letter_of(batch: ImportBatch, index: int) -> str:
    """Return a kept column's letters in the file as uploaded (columns left out included)."""
    letters = batch.letters or []
    return letters[index] if index < len(letters) else column_letter(index)


def split_cell(question: Question, cell: str) -> list[str]:
    """Return the answers written in one cell: several for a multiple-choice question."""
    if not cell.strip():
        return []
    if question.kind != QuestionKind.MULTIPLE_CHOICE:
        return [cell.strip()]
    pieces = [piece.strip() for piece in cell.split(CHOICE_SEPARATOR) if piece.strip()]
    return [part for piece in pieces for part in _split_commas(question, piece)]


def auto_option(question: Question, answer: str) -> str:
    """Return the id (as text) of the option whose label is this answer, or ""."""
    key = header_key(answer)
    for option in question.options:
        if key in (header_key(option.label), header_key(option.easy_read_label)):
            return str(option.id)
    return ""


def preview(survey: Survey, batch: ImportBatch, mapping: Mapping) -> Preview:
    """Return what the preview page shows for this mapping (two passes over the rows)."""
    found = tally(survey.questions, batch, mapping.columns, mapping.channel_column)
    channels = [
        ChannelMatch(text, rows, channel_field(text), mapping.channel_for(text))
        for text, rows in found.channels
    ]
    return Preview(
        columns=[(i, column_label(batch, i)) for i in range(len(batch.headers))],
        mapping=mapping,
        questions=[
            _question_match(q, found.answers.get(q.id, []), mapping) for q in survey.questions
        ],
        headers=batch.headers,
        sample=[
            row + [""] * (len(batch.headers) + 1 - len(row))
            for row in stored.first_rows(batch, SAMPLE_ROWS)
        ],
        row_count=batch.row_count,
        tool=_tool(batch.headers),
        dates=date_column(batch, mapping.time_column),
        channels=channels[:MAX_ANSWERS_SHOWN],
        channels_not_shown=max(0, len(channels) - MAX_ANSWERS_SHOWN),
    )


def date_column(batch: ImportBatch, column: int | None) -> DateColumn | None:
    """Return how the chosen time column writes its dates, read from all its values."""
    if column is None:
        return None
    return read_column((row[0], row_cell(row, column)) for row in stored.rows(batch))


class _Distinct:
    """Each different value seen (as first written), with how many times it was seen.

    Counted by the text as written, folded (`header_key`) once per different text at the
    end: a column of choices holds a few texts a hundred thousand times.
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add_all(self, texts: list[str]) -> None:
        self.counts.update(text for text in texts if text)

    def found(self) -> list[tuple[str, int]]:
        first_written: dict[str, str] = {}
        totals: Counter[str] = Counter()
        for text, count in self.counts.items():
            key = header_key(text)
            first_written.setdefault(key, text)
            totals[key] += count
        return [(first_written[key], totals[key]) for key in first_written]


@dataclass(frozen=True)
class Tally:
    """The different answers in each matched column of choices, and in the channel column."""

    answers: dict[int, list[tuple[str, int]]]
    channels: list[tuple[str, int]]


def tally(
    questions: list[Question],
    batch: ImportBatch,
    columns: dict[int, int],
    channel_column: int | None,
) -> Tally:
    """Count the different answers of every column the preview lists, in one pass over the rows."""
    listed = [
        (q, columns[q.id], _Distinct()) for q in questions if q.kind.has_options and q.id in columns
    ]
    channels = _Distinct()
    rows = stored.rows(batch) if listed or channel_column is not None else ()
    for row in rows:
        for question, column, found in listed:
            found.add_all(split_cell(question, row_cell(row, column)))
        if channel_column is not None:
            channels.add_all([row_cell(row, channel_column).strip()])
    return Tally({q.id: found.found() for q, _column, found in listed}, channels.found())


def distinct_answers(question: Question, batch: ImportBatch, column: int) -> list[tuple[str, int]]:
    """Return each different answer in a column (as first written) with its number of rows."""
    if not question.kind.has_options:
        return []
    return tally([question], batch, {question.id: column}, None).answers[question.id]


def _tool(headers: list[str]) -> str | None:
    """Name the tool an upload came from, by the time column it kept."""
    keys = {header_key(header) for header in headers}
    return next((shape.name for shape in SHAPES if shape.time_header in keys), None)


def _split_commas(question: Question, piece: str) -> list[str]:
    """Split Google Forms' "Yes, Not sure" into labels, but only when every part is a label."""
    if ", " not in piece:
        return [piece]
    labels = {header_key(o.label) for o in question.options} | {
        header_key(o.easy_read_label) for o in question.options
    }
    if header_key(piece) in labels:
        return [piece]
    parts, words, start = [], piece.split(", "), 0
    while start < len(words):
        end = next(
            (
                e
                for e in range(len(words), start, -1)
                if header_key(", ".join(words[start:e])) in labels
            ),
            None,
        )
        if end is None:
            return [piece]
        parts.append(", ".join(words[start:end]))
        start = end
    return parts


def _question_match(
    question: Question, found: list[tuple[str, int]], mapping: Mapping
) -> QuestionMatch:
    column = mapping.columns.get(question.id)
    answers = [
        AnswerMatch(text, rows, answer_field(question, text), mapping.option_for(question, text))
        for text, rows in found[:MAX_ANSWERS_SHOWN]
    ]
    hidden = max(0, len(found) - MAX_ANSWERS_SHOWN)
    return QuestionMatch(question, column_field(question), column, answers, hidden)


def row_cell(row: list, column: int) -> str:
    """Return a stored row's cell; a row is [row number, cell, cell, …]."""
    return row[column + 1] if column + 1 < len(row) else ""
