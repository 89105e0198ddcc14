"""Read the completion times of imported responses, deciding a column's date format from all
its values.

Service layer, pure. A column is read one way: ISO (2021-10-17), UK day first (17/10/2021) or
US month first (10/17/2021), each with or without a time. The order of day and month is
decided by every value in the column, never value by value: one "17/10/2021" makes the whole
column day first; a column with nothing above 12 could be either, and staff are asked. Times
without a zone are Europe/London wall-clock times (what the tools show in the UK); the result
is aware and in UTC, as Heard stores every time.
"""

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
_TIME = (
    r"(?:[ T,]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<half>[AaPp][Mm])?)?"
)
_SLASHED = re.compile(
    r"^(?P<first>\d{1,2})[/.-](?P<second_part>\d{1,2})[/.-](?P<year>\d{4})" + _TIME + "$"
)
_YEAR_FIRST = re.compile(r"^(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})" + _TIME + "$")
_UTC_SUFFIXES = (" GMT", " UTC", " Z")
_EXCEL_SERIAL = re.compile(r"^[1-9][0-9]{4}(\.[0-9]+)?$")
_EXCEL_EPOCH = datetime(1899, 12, 30)  # noqa: DTZ001 - a day count, zoned by the caller


class DateOrder(enum.StrEnum):
    """How a column writes dates with slashes: day first (UK) or month first (US)."""

    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"


EXAMPLES = {DateOrder.DAY_FIRST: "17/10/2021", DateOrder.MONTH_FIRST: "10/17/2021"}


@dataclass(frozen=True)
class DateColumn:
    """What all the values of a time column say about how it is written."""

    # Decided by the values; None when no value has a day over 12, or there are no slashes.
    order: DateOrder | None
    # True when dates with slashes fit both orders, so staff must say which it is.
    ambiguous: bool
    # A row that can only be day first, and one that can only be month first.
    day_first_row: int | None = None
    month_first_row: int | None = None

    @property
    def conflicting(self) -> bool:
        """Say whether the column has dates of both orders, so it cannot be read one way."""
        return self.day_first_row is not None and self.month_first_row is not None


def read_column(cells: Iterable[tuple[int, str]]) -> DateColumn:
    """Return how a time column writes its dates, from every (row number, cell) in it."""
    first_rows: dict[DateOrder | str | None, int] = {}
    for number, cell in cells:
        first_rows.setdefault(_only_order(cell), number)
    day_first = first_rows.get(DateOrder.DAY_FIRST)
    month_first = first_rows.get(DateOrder.MONTH_FIRST)
    if day_first is not None and month_first is not None:
        return DateColumn(None, False, day_first, month_first)
    if day_first is not None:
        return DateColumn(DateOrder.DAY_FIRST, False, day_first)
    if month_first is not None:
        return DateColumn(DateOrder.MONTH_FIRST, False, None, month_first)
    return DateColumn(None, None in first_rows)


_NOT_SLASHED = "not slashed"


def _only_order(cell: str) -> DateOrder | str | None:
    """Return the one order a slashed date fits, None if it fits both, or _NOT_SLASHED."""
    found = _SLASHED.match(_without_zone(cell)[0])
    if not found:
        return _NOT_SLASHED
    first, second = int(found["first"]), int(found["second_part"])
    if first > 12 >= second:
        return DateOrder.DAY_FIRST
    if second > 12 >= first:
        return DateOrder.MONTH_FIRST
    return None


def parse_time(text: str, order: DateOrder | None = DateOrder.DAY_FIRST) -> datetime | None:
    """Return the aware UTC time in `text`, or None when it is not a time we can read."""
    value, zone = _without_zone(text)
    found = _iso(value) or _slashed(value, order) or _year_first(value) or _excel_serial(value)
    if found is None:
        return None
    if found.tzinfo is None:
        found = found.replace(tzinfo=zone)
    return found.astimezone(UTC)


def _without_zone(text: str) -> tuple[str, ZoneInfo | type[UTC]]:
    value = " ".join(text.split())
    if value.upper().endswith(_UTC_SUFFIXES):
        return value.rsplit(" ", 1)[0], UTC
    if value.upper().endswith(" BST"):
        return value[:-4], LONDON
    return value, LONDON


def _iso(value: str) -> datetime | None:
    if not value[:4].isdigit() or value[4:5] != "-":
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _slashed(value: str, order: DateOrder | None) -> datetime | None:
    found = _SLASHED.match(value)
    if not found or order is None:
        return None
    first, second = int(found["first"]), int(found["second_part"])
    day, month = (first, second) if order == DateOrder.DAY_FIRST else (second, first)
    return _moment(int(found["year"]), month, day, found)


def _year_first(value: str) -> datetime | None:
    found = _YEAR_FIRST.match(value)
    if not found:
        return None
    return _moment(int(found["year"]), int(found["month"]), int(found["day"]), found)


def _moment(year: int, month: int, day: int, found: re.Match) -> datetime | None:
    hour = int(found["hour"] or 0)
    if found["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if found["half"].lower() == "pm" else 0)
    try:
        return datetime(  # noqa: DTZ001 - zone added by the caller
            year, month, day, hour, int(found["minute"] or 0), int(found["second"] or 0)
        )
    except ValueError:
        return None


def _excel_serial(value: str) -> datetime | None:
    """Read a spreadsheet's day count (45378.5 is midday on 27 March 2024) as London time."""
    if not _EXCEL_SERIAL.match(value):
        return None
    moment = _EXCEL_EPOCH + timedelta(days=float(value))
    return moment.replace(microsecond=0)
