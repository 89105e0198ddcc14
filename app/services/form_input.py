"""Read what people type into forms: whole numbers, GOV.UK date inputs and dates typed as
YYYY-MM-DD in a filter, one set of rules.

Services layer, Flask-free. Both return None for a box left empty and raise a `ServiceError`
naming the field when what was typed is not acceptable, so every form says the same thing
about the same mistake (docs/bad-input.md BAD-30, BAD-31).
"""

from datetime import date

from app.services.errors import ServiceError
from reports.filters import LAST_DAY

# Nine digits is far past any count or id Heard keeps, and stops "1" * 10_000 reaching int().
_MOST_DIGITS = 9
_EARLIEST_YEAR = 2000


class NotAWholeNumber(ValueError):
    """What was typed is not a plain whole number (digits 0-9 only)."""


def whole_number(text: str | int | None) -> int | None:
    """Return the whole number typed, None if nothing was typed, or raise NotAWholeNumber."""
    text = str(text if text is not None else "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= _MOST_DIGITS):
        raise NotAWholeNumber(text)
    return int(text)


def whole_number_between(
    text: str | int | None, low: int, high: int, *, field: str, message: str
) -> int | None:
    """Return the number typed if it is from `low` to `high`, None if empty, or raise `message`."""
    try:
        number = whole_number(text)
    except NotAWholeNumber as error:
        raise ServiceError(message, field=field) from error
    if number is not None and not low <= number <= high:
        raise ServiceError(message, field=field)
    return number


def an_id(text: str | None) -> int | None:
    """Return the id a form sent, None if it sent none, or 0 (matches nothing) if it is not one."""
    try:
        return whole_number(text)
    except NotAWholeNumber:
        return 0


def govuk_date(
    day: str | None,
    month: str | None,
    year: str | None,
    *,
    field: str,
    message: str = "Enter a real date, like 27 3 2026",
) -> date | None:
    """Return the date in a GOV.UK date input, None when all three boxes are empty, or raise."""
    parts = [(part or "").strip() for part in (day, month, year)]
    if not any(parts):
        return None
    try:
        numbers = [whole_number(part) for part in parts]
    except NotAWholeNumber as error:
        raise ServiceError(message, field=field) from error
    if None in numbers or len(parts[2]) != 4 or numbers[2] < _EARLIEST_YEAR:
        raise ServiceError(message, field=field)
    try:
        return date(numbers[2], numbers[1], numbers[0])
    except ValueError as error:
        raise ServiceError(message, field=field) from error


def iso_date(text: str | None, *, field: str, message: str) -> date | None:
    """Return a date typed as YYYY-MM-DD, None if nothing was typed, or raise `message`.

    Up to `reports.filters.LAST_DAY`: a filter searches up to the day after its last, and
    `date.max` has none.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text) if len(text) == len("2026-03-27") else None
    except ValueError as error:
        raise ServiceError(message, field=field) from error
    if day is None or day > LAST_DAY:
        raise ServiceError(message, field=field)
    return day
