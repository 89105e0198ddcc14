"""Responses gathered face to face: check the details of a facilitated group session.

Paper forms and group sessions go through the same question pages as residents; what differs
is the channel and, for a group, how many people the one response speaks for.
"""

from datetime import date

from app.services.errors import ServiceError
from app.services.form_input import govuk_date, whole_number_between
from app.services.responses import GroupSession

MAX_GROUP_SIZE = 500
# The longest facilitator or organisation name kept: the columns hold 200 characters.
NAME_LENGTH = 200
GROUP_FIELDS = ("people_count", "facilitator", "organisation", "day", "month", "year")
PEOPLE_MESSAGE = f"Enter how many people took part, from 2 to {MAX_GROUP_SIZE}"


def group_session(
    *, people_count: str, facilitator: str, organisation: str, day: str, month: str, year: str
) -> GroupSession:
    """Return a group session from form text, or raise with the first problem in plain words."""
    people = whole_number_between(
        people_count, 2, MAX_GROUP_SIZE, field="people_count", message=PEOPLE_MESSAGE
    )
    if people is None:
        raise ServiceError(PEOPLE_MESSAGE, field="people_count")
    facilitator = _name(
        facilitator,
        field="facilitator",
        missing="Enter the facilitator's name",
        too_long=f"The facilitator's name must be {NAME_LENGTH} characters or fewer",
    )
    organisation = _name(
        organisation,
        field="organisation",
        missing="Enter the organisation that ran the session",
        too_long=f"The organisation's name must be {NAME_LENGTH} characters or fewer",
    )
    return GroupSession(people, facilitator, organisation, _date(day, month, year))


def _name(text: str, *, field: str, missing: str, too_long: str) -> str:
    """Return the name without outer spaces, or refuse one left empty or too long to keep whole."""
    name = text.strip()
    if not name:
        raise ServiceError(missing, field=field)
    if len(name) > NAME_LENGTH:
        raise ServiceError(too_long, field=field)
    return name


def _date(day: str, month: str, year: str) -> date:
    when = govuk_date(day, month, year, field="day", message="Enter a real date")
    if when is None:
        raise ServiceError("Enter the date of the session, like 27 3 2026", field="day")
    return when
