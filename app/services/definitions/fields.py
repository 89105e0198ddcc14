"""Read one value of a survey file as the type its key wants, saying in plain words what is wrong.

A `FieldReader` collects problems instead of stopping at the first, and records the line of
every field it reads, so the checks that run later can still point at the line.
"""

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

from app.services.definitions.reading import Node
from app.services.definitions.schema import Path, Problem

# Control characters and lone surrogates cannot be shown, and PostgreSQL refuses NUL
# (docs/bad-input.md BAD-8, BAD-9); tab and newline are kept.
_UNSHOWABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def describe(value: object) -> str:
    """Say in plain words what sort of value this is."""
    if isinstance(value, bool):
        return "a yes-or-no value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    return "empty" if value is None else "words"


def where(path: Path) -> str:
    """Name a field by its path, as problems do."""
    return " → ".join(str(part) for part in path)


class FieldReader:
    """Reads typed values from nodes and collects the problems it finds."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.lines: dict[Path, int] = {}

    def refuse(self, path: Path, node: Node | None, message: str) -> None:
        """Record one problem at this field."""
        self.problems.append(Problem(message, path, node.line if node else self.line(path)))

    def line(self, path: Path) -> int | None:
        """Return the line of this field, or of the nearest field around it."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def visit(self, path: Path, node: Node | None) -> Node | None:
        """Remember where a field is, and pass its node on."""
        if node is not None and node.line is not None:
            self.lines[path] = node.line
        return node

    def mapping(
        self, node: Node, path: Path, allowed: Iterable[str], required: Iterable[str] = ()
    ) -> dict[str, Node] | None:
        """Return a mapping's keys, refusing unknown keys and reporting missing ones."""
        self.visit(path, node)
        if not isinstance(node.value, dict):
            self.refuse(path, node, f"This should be a set of keys, not {describe(node.value)}.")
            return None
        allowed = tuple(allowed)
        for key, line in node.key_lines.items():
            if key not in allowed:
                listed = ", ".join(allowed)
                message = f"'{key}' is not a key Heard knows here. The keys allowed are: {listed}."
                self.problems.append(Problem(message, path, line))
        for key in required:
            if key not in node.value:
                self.refuse(path, node, f"{key} is missing. Add it.")
        return {k: self.visit((*path, k), v) for k, v in node.value.items() if k in allowed}

    def items(self, node: Node | None, path: Path, most: int) -> list[tuple[Path, Node]]:
        """Return a list's items with their paths (numbered from 1), reading at most `most`."""
        if node is None or node.value is None:
            return []
        if not isinstance(node.value, list):
            self.refuse(path, node, f"This should be a list, not {describe(node.value)}.")
            return []
        return [
            ((*path, n), self.visit((*path, n), item))
            for n, item in enumerate(node.value[:most], 1)
        ]

    def text(self, node: Node | None, path: Path, *, limit: int, required: bool = False) -> str:
        """Return words, tidied: accents composed (docs/bad-input.md BAD-13), no outer spaces."""
        if node is None or node.value is None:
            words = ""
        elif isinstance(node.value, str):
            words = unicodedata.normalize("NFC", node.value.replace("\r\n", "\n")).strip()
        else:
            self.refuse(path, node, self._not_words(node))
            return ""
        if required and not words:
            self.refuse(path, node, "This is empty. Write some words here.")
        elif _UNSHOWABLE.search(words):
            self.refuse(path, node, "This has a character that cannot be shown. Remove it.")
        elif len(words) > limit:
            self.refuse(path, node, f"This has {len(words):,} characters. The most is {limit:,}.")
        return words

    def _not_words(self, node: Node) -> str:
        if node.raw is not None:
            return (
                f"{node.raw} is read as {describe(node.value)}, not as words. "
                f'Put it in quotes: "{node.raw}".'
            )
        return f"This should be words, not {describe(node.value)}."

    def flag(self, node: Node | None, path: Path, default: bool) -> bool:
        """Return true or false."""
        if node is None:
            return default
        if not isinstance(node.value, bool):
            self.refuse(path, node, f"This should be true or false, not {describe(node.value)}.")
            return default
        return node.value

    def whole(self, node: Node | None, path: Path, *, low: int, high: int) -> int | None:
        """Return a whole number between `low` and `high`, or None when it is left out."""
        if node is None or node.value is None:
            return None
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int):
            self.refuse(path, node, f"This should be a whole number, not {describe(value)}.")
            return None
        if not low <= value <= high:
            self.refuse(
                path, node, f"{value} is out of range. Use a number from {low} to {high:,}."
            )
            return None
        return value

    def day(self, node: Node | None, path: Path) -> date | None:
        """Return a date written as 2026-03-31, or None when it is left out."""
        if node is None or node.value is None:
            return None
        value = node.value
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        elif isinstance(value, date) and not isinstance(value, datetime):
            return value
        self.refuse(path, node, "This should be a date written like 2026-03-31, with no time.")
        return None

    def words_list(self, node: Node | None, path: Path, *, limit: int) -> tuple[str, ...]:
        """Return a list of words, such as principle keys."""
        if node is not None and isinstance(node.value, str):
            self.refuse(path, node, f"This should be a list, like [{node.value}].")
            return ()
        return tuple(
            self.text(item, item_path, limit=limit, required=True)
            for item_path, item in self.items(node, path, most=limit)
        )
