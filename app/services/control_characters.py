"""Control characters (NUL and the like), which no form in Heard accepts.

PostgreSQL cannot store NUL in text, and the others show as boxes or break a survey file
when it is exported and read back (docs/bad-input.md BAD-8, BAD-9).
"""

import re

# Control characters other than tab, newline and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(text: str) -> bool:
    """Say whether `text` holds a control character other than tab or a line break."""
    return CONTROL_CHARACTERS.search(text) is not None
