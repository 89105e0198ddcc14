"""Responses gathered face to face: check the details of a facilitated group session.

Paper forms and group sessions go through the same question pages as residents; what differs
is the channel and, for a group, how many people the one response speaks for.
"""

import re
from datetime import date

from app.services.errors import ServiceError
from app.services.responses import GroupSession

MAX_GROUP_SIZE = 500
GROUP_FIELDS = ("people_count", "facilitator", "organisation", "day", "month", "year")
_WHOLE = re.compile(r"^[0-9]{1,4}$")


def group_session(
    *, people_count: str, facilitator: str, organisation: str, day: str, month: str, year: str
) -> GroupSession:
    """Return a group session from form text, or raise with the first problem in plain words."""
    people = people_count.strip()
    if not _WHOLE.match(people) or not 2 <= int(people) <= MAX_GROUP_SIZE:
        raise ServiceError(
            f"Enter how many people took part, from 2 to {MAX_GROUP_SIZE}", field="people_count"
        )
    if not facilitator.strip():
        raise ServiceError("Enter the facilitator's name", field="facilitator")
    if not organisation.strip():
        raise ServiceError("Enter the organisation that ran the session", field="organisation")
    return GroupSession(
        int(people), facilitator.strip()[:200], organisation.strip()[:200], _date(day, month, year)
    )


def _date(day: str, month: str, year: str) -> date:
    parts = [part.strip() for part in (year, month, day)]
    if not all(_WHOLE.match(part) for part in parts):
        raise ServiceError("Enter the date of the session, like 27 3 2026", field="day")
    try:
        when = date(*(int(part) for part in parts))
    except ValueError as error:
        raise ServiceError("Enter a real date", field="day") from error
    if when.year < 2000:
        raise ServiceError("Enter a real date", field="day")
    return when
