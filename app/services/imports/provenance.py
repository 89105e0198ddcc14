"""Where each imported response came from: the other tool's response id, the person who
answered, and how they answered (the channel).

Service layer, pure apart from reading the app's secret key. A channel column's values are
matched to Heard's channels the way answers are matched to options: by their words first,
then by staff on the preview. A respondent id is never stored as written (it is often an
e-mail address or a client number): it becomes a keyed hash, the same for the same id within
one survey, so rows of one person count as one person and nothing more can be read from it.
"""

import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable

from app.models import Channel
from app.services.imports.shapes import header_key

SOURCE_ID_FIELD = "source_id_column"
RESPONDENT_FIELD = "respondent_column"
CHANNEL_FIELD = "channel_column"
SOURCE_ID_LENGTH = 100
CHANNEL_LABELS = {
    Channel.ONLINE: "Online",
    Channel.PHONE: "Phone",
    Channel.EMAIL: "E-mail",
    Channel.PAPER: "Paper",
    Channel.GROUP: "Group session",
    Channel.KIOSK: "Kiosk",
    Channel.EMBED: "On a partner's website",
    Channel.IMPORT: "Not known (imported)",
}
_CHANNEL_WORDS = {
    Channel.ONLINE: {"online", "web", "website", "internet", "link", "online form", "web form"},
    Channel.PHONE: {
        "phone",
        "telephone",
        "tel",
        "by phone",
        "phone call",
        "call",
        "contact centre",
    },
    Channel.EMAIL: {"email", "e-mail", "by email", "by e-mail"},
    Channel.PAPER: {"paper", "post", "postal", "letter", "paper form", "by post"},
    Channel.GROUP: {"group", "group session", "focus group", "workshop", "event", "meeting"},
    Channel.KIOSK: {"kiosk", "tablet"},
    Channel.EMBED: {"embed", "partner website", "partner"},
    Channel.IMPORT: {"import", "imported", "unknown", "not known"},
}
_CHANNEL_HEADERS = frozenset({"channel", "response channel", "method", "how they responded"})


def channel_field(value: str) -> str:
    """Return the name of the form field that matches one value of the channel column."""
    digest = hashlib.sha256(header_key(value).encode()).hexdigest()[:12]
    return f"channel-{digest}"


def auto_channel(value: str) -> str:
    """Return the channel (as text) whose words are this value, or ""."""
    key = header_key(value)
    return next((str(c) for c, words in _CHANNEL_WORDS.items() if key in words), "")


def auto_channel_column(headers: list[str]) -> int | None:
    """Return the column whose header says it holds the channel, if one does."""
    keys = [header_key(header) for header in headers]
    return next((i for i, key in enumerate(keys) if key in _CHANNEL_HEADERS), None)


def distinct_values(rows: Iterable[list], column: int) -> list[tuple[str, int]]:
    """Return each different value of a column (as first written) with its number of rows."""
    counts: Counter[str] = Counter()
    first_written: dict[str, str] = {}
    for row in rows:
        cell = row[column + 1].strip() if column + 1 < len(row) else ""
        if cell:
            key = header_key(cell)
            first_written.setdefault(key, cell)
            counts[key] += 1
    return [(first_written[key], counts[key]) for key in first_written]


def respondent_key(secret: str, survey_id: int, value: str) -> str | None:
    """Return the keyed hash that stands for a respondent id in one survey, or None if empty."""
    key = header_key(value)
    if not key:
        return None
    message = f"{survey_id}:{key}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def source_id(cell: str) -> str | None:
    """Return the other tool's response id as it is kept, or None when the cell is empty."""
    value = " ".join(cell.split())
    return value[:SOURCE_ID_LENGTH] or None
