"""What is wrong with an upload, grouped so a lead reads one line per kind of mistake.

Service layer, pure. Real exports repeat a mistake hundreds of times ("7" where the answers
are 1 to 5); listing them row by row buries the one thing to do about it. Problems with the
same message and the same form field become one line that counts the rows and names the
first of them: "“7” is not one of the answers to question 2: 12 rows — 3, 17, 40 …".
"""

import unicodedata
from dataclasses import dataclass, field

MAX_PROBLEMS_SHOWN = 50
ROWS_NAMED = 10
# Names for the characters Unicode leaves unnamed (its control characters).
_CONTROL_NAMES = {
    0x00: "null",
    0x07: "bell",
    0x08: "backspace",
    0x0B: "vertical tab",
    0x0C: "form feed",
    0x0D: "carriage return",
    0x1B: "escape",
    0x7F: "delete",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file or the matching, and the form field it is about."""

    text: str
    field: str


@dataclass
class _Group:
    text: str
    field: str
    rows: list[int] = field(default_factory=list)
    count: int = 0


class ProblemList:
    """Problems found while checking an upload, grouped by message and field."""

    def __init__(self) -> None:
        self._groups: dict[tuple[str, str], _Group] = {}

    def add(
        self, text: str, field_name: str, row: int | None = None, *, key: str | None = None
    ) -> None:
        """Note a problem, in a row of the file or (row None) with the file as a whole.

        Problems with the same `key` (their text unless told) and field are one group, shown
        with the text of the first.
        """
        group = self._groups.setdefault((field_name, key or text), _Group(text, field_name))
        if row is not None:
            group.count += 1
            if len(group.rows) < ROWS_NAMED:
                group.rows.append(row)

    def __bool__(self) -> bool:
        return bool(self._groups)

    def fields(self) -> set[str]:
        """Return the form fields that have a problem."""
        return {group.field for group in self._groups.values()}

    def problems(self) -> list[Problem]:
        """Return one problem a group, in the order they were first found."""
        return [Problem(_grouped_text(group), group.field) for group in self._groups.values()]


def _grouped_text(group: _Group) -> str:
    if not group.count:
        return group.text
    rows = "row" if group.count == 1 else "rows"
    named = ", ".join(str(row) for row in group.rows)
    more = " …" if group.count > len(group.rows) else ""
    return f"{group.text}: {group.count:,} {rows} — {named}{more}"


def character_name(character: str) -> str:
    """Return how a character is named to staff: "U+000B (vertical tab)"."""
    code = ord(character)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(character, "").lower() or "control"
    return f"U+{code:04X} ({name})"
