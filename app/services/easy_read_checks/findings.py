"""What a check finds: a Finding names its level, the docs/accessibility.md rule, the field
and plain words for the lead, with a replacement when one can be offered."""

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]
ERROR: Level = "error"
WARNING: Level = "warning"

# Rule ids of docs/accessibility.md.
SHORT_SENTENCES = "E1"
ONE_IDEA = "E2"
NO_CAPITALS_OR_ITALICS = "E4"
PICTURES = "E5"
EVERYDAY_WORDS = "E7"
NUMBERS_AS_DIGITS = "E10"
FEW_ANSWERS = "E12"
EASY_READ_WORDING = "E13"


@dataclass(frozen=True)
class Finding:
    """One problem in one field; `found` is the exact words a suggestion would replace."""

    level: Level
    rule: str
    field: str
    message: str
    suggestion: str | None = None
    found: str | None = None


_FIELD_NAMES = {
    "title": "title",
    "easy_read_title": "title in easy-read words",
    "intro": "introduction",
    "easy_read_intro": "introduction in easy-read words",
    "contact": "contact line",
    "picture_key": "picture",
    "text": "question",
    "easy_read_text": "question in easy-read words",
    "hint": "hint",
    "options": "answers",
    "label": "answer",
    "easy_read_label": "answer in easy-read words",
}


def place(field: str) -> str:
    """Name a finding's field for a lead, "questions[2].hint" as "Question 3: hint"."""
    parts = field.split(".")
    where = []
    for part in parts[:-1]:
        name, _, number = part.partition("[")
        label = "question" if name == "questions" else "answer"
        where.append(f"{label} {int(number.rstrip(']')) + 1}")
    what = _FIELD_NAMES.get(parts[-1], parts[-1])
    text = f"{', '.join(where)}: {what}" if where else what
    return text[:1].upper() + text[1:]
