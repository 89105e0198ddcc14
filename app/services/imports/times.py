"""Read the completion time of an imported response, as the other tool wrote it.

Service layer, pure. Times without a zone are Europe/London wall-clock times (what the
tools show in the UK); the result is aware and in UTC, as Heard stores every time.
"""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %I:%M:%S %p",
    "%d/%m/%Y",
)
_UTC_SUFFIXES = (" GMT", " UTC", " Z")
_EXCEL_SERIAL = re.compile(r"^[1-9][0-9]{4}(\.[0-9]+)?$")
_EXCEL_EPOCH = datetime(1899, 12, 30, tzinfo=LONDON)


def parse_time(text: str) -> datetime | None:
    """Return the aware UTC time in `text`, or None when it is not a time we can read."""
    value = " ".join(text.split())
    zone = LONDON
    if value.upper().endswith(_UTC_SUFFIXES):
        value, zone = value.rsplit(" ", 1)[0], UTC
    elif value.upper().endswith(" BST"):
        value = value[:-4]
    found = _iso(value) or _formatted(value) or _excel_serial(value)
    if found is None:
        return None
    if found.tzinfo is None:
        found = found.replace(tzinfo=zone)
    return found.astimezone(UTC)


def _iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _formatted(value: str) -> datetime | None:
    for pattern in _FORMATS:
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=None)  # noqa: DTZ007 - zone added by the caller
        except ValueError:
            continue
    return None


def _excel_serial(value: str) -> datetime | None:
    """Read a spreadsheet's day count (45378.5 is midday on 27 March 2024) as London time."""
    if not _EXCEL_SERIAL.match(value):
        return None
    moment = _EXCEL_EPOCH.replace(tzinfo=None) + timedelta(days=float(value))
    return moment.replace(microsecond=0)
