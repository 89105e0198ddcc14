"""Dates as reports show them: days in Europe/London, written in full ("Tuesday 5 May 2026").

Timestamps are stored in UTC; SQLite hands them back as text, PostgreSQL as aware datetimes.
No Flask, no `app` imports.
"""

import math
from datetime import UTC, date, datetime

import pandas as pd

from reports.filters import LONDON


def long_date(value: date | None) -> str:
    """Show a date in full: "Tuesday 5 May 2026"."""
    return f"{value:%A} {value.day} {value:%B %Y}" if value else ""


def as_date(value: object) -> date | None:
    """Return a stored date (a date, or ISO text) as a date, or None."""
    if _missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def london_date(value: object) -> date | None:
    """Return a stored UTC timestamp (aware datetime, or text) as a day in Europe/London."""
    if _missing(value):
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LONDON).date()


def _missing(value: object) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))
