"""The cells of an upload's rows as the import checks them: control characters found and
named (or dropped, when staff chose to), columns named by their letters in the file.

Service layer, pure. Tab and new line are kept in answers, as on the question pages; every
other control character (a vertical tab pasted from a database, an escape from a terminal)
is refused with its row, column and code point, or removed when the lead ticks the box to
remove them (docs/bad-input.md BAD-9).
"""

import re
from collections.abc import Callable

from app.models import ImportBatch, Question, QuestionKind
from app.services.answers import parse_answer
from app.services.errors import AnswerInvalid
from app.services.imports import stored
from app.services.imports.mapping import DROP_CONTROLS_FIELD, Mapping, letter_of, row_cell
from app.services.imports.plain import PlainQuestion
from app.services.imports.problems import ProblemList, character_name
from app.services.imports.provenance import distinct_values
from app.services.imports.shapes import header_key

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


class Sheet:
    """An upload being imported: what every row shares (letters, answers shown, choices)."""

    def __init__(self, batch: ImportBatch, mapping: Mapping, problems: ProblemList) -> None:
        self.batch = batch
        self.mapping = mapping
        self.problems = problems
        self._shown: dict[int, set[str]] = {}
        self._channels_shown: set[str] | None = None
        self._options: dict[tuple[int, str], str] = {}
        self._answers: dict[tuple[int, tuple[str, ...]], dict | AnswerInvalid | None] = {}

    def row(self, row: list) -> "Cells":
        """Return one stored row's cells: [row number, cell, cell, …]."""
        return Cells(self, row)

    def option_for(self, question: PlainQuestion, answer: str) -> str:
        """Return the option id (as text), SKIP, or "" for one answer written in the file.

        Staff's choice on the preview first, then the option with these words; remembered,
        because the same few answers fill most rows.
        """
        memo = (question.id, answer)
        if memo not in self._options:
            key = header_key(answer)
            chosen = self.mapping.answers.get(question.id, {})
            found = chosen[key] if key in chosen else question.option_keys.get(key, "")
            self._options[memo] = found
        return self._options[memo]

    def parse(self, question: PlainQuestion, values: list[str]) -> dict | None:
        """Check an answer as the question pages do (`parse_answer`), remembering the verdict.

        The verdict depends only on the question and the values, and a column of choices or
        numbers holds a few values thousands of times; free text is checked every time.
        """
        if question.kind == QuestionKind.FREE_TEXT:
            return parse_answer(question, values)
        memo = (question.id, tuple(values))
        if memo not in self._answers:
            try:
                self._answers[memo] = parse_answer(question, values)
            except AnswerInvalid as invalid:
                self._answers[memo] = invalid
        verdict = self._answers[memo]
        if isinstance(verdict, AnswerInvalid):
            raise verdict
        return verdict

    def shown_answers(self, question: Question, distinct: Callable, limit: int) -> set[str]:
        """Return the answers the preview lists for a question, each with its own box."""
        if question.id not in self._shown:
            column = self.mapping.columns[question.id]
            found = distinct(question, self.batch, column)[:limit]
            self._shown[question.id] = {header_key(text) for text, _rows in found}
        return self._shown[question.id]

    def channel_shown(self, value: str, limit: int) -> bool:
        """Say whether the preview lists this value of the channel column with its own box."""
        if self._channels_shown is None:
            found = distinct_values(stored.rows(self.batch), self.mapping.channel_column)[:limit]
            self._channels_shown = {header_key(text) for text, _rows in found}
        return header_key(value) in self._channels_shown


class Cells:
    """One row's cells, cleaned of control characters once each."""

    def __init__(self, sheet: Sheet, row: list) -> None:
        self.sheet = sheet
        self.row = row
        self.number: int = row[0]
        self._clean: dict[int, str] = {}

    def text(self, column: int) -> str:
        """Return a cell's text; control characters are named as problems, or dropped."""
        if column not in self._clean:
            self._clean[column] = self._cleaned(column, row_cell(self.row, column))
        return self._clean[column]

    def has_text(self, column: int) -> bool:
        """Say whether a cell holds anything but spaces and invisible characters."""
        return bool("".join(self.text(column).split()).strip(_INVISIBLE))

    def letter(self, column: int) -> str:
        """Return a column's letters in the file as uploaded."""
        return letter_of(self.sheet.batch, column)

    def _cleaned(self, column: int, cell: str) -> str:
        found = CONTROL_CHARACTERS.findall(cell)
        if not found:
            return cell
        if not self.sheet.mapping.drop_controls:
            header = self.sheet.batch.headers[column]
            for character in dict.fromkeys(found):
                self.sheet.problems.add(
                    f"Column {self.letter(column)} (“{header}”) has the control character "
                    f"{character_name(character)}",
                    DROP_CONTROLS_FIELD,
                    self.number,
                )
        return CONTROL_CHARACTERS.sub(lambda m: "\n" if m.group() == "\r" else "", cell)
