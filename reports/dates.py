"""Dates as reports show them: days in Europe/London, written in full ("Tuesday 5 May 2026").

Timestamps are stored in UTC; SQLite hands them back as text, PostgreSQL as aware datetimes.
`long_date` is the one way Heard writes a date in full, in any of its languages (Babel's
day and month names), for reports, posters and web pages alike. No Flask, no `app` imports.
"""

import math
import sys
from datetime import UTC, date, datetime

from babel.dates import format_date

from reports.filters import LONDON

REPORT_LOCALE = "en_GB"


def long_date(value: date | datetime | None, locale: str = REPORT_LOCALE) -> str:
    """Show a date in full, the easy-read way: "Tuesday 5 May 2026" (a moment: its London day)."""
    if value is None:
        return ""
    day = london_date(value) if isinstance(value, datetime) else value
    return format_date(day, "EEEE d MMMM y", locale=locale)


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
    # A value is pandas' "not a time" only if pandas is loaded: web pages never load it.
    pandas = sys.modules.get("pandas")
    not_a_time = pandas is not None and value is pandas.NaT
    return value is None or not_a_time or (isinstance(value, float) and math.isnan(value))
