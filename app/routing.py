"""Address rules shared by every blueprint.

Ids in addresses are whole numbers that the database must be able to hold: PostgreSQL's
`integer` stops at 2,147,483,647, and a larger id in an address
(`/staff/surveys/99999999999999999999`) made the database refuse the query with a 500.
The `int` converter now only matches ids the database can hold, so a larger one is a plain
404 like any other id that does not exist.
"""

from flask import Flask
from werkzeug.routing import IntegerConverter

LARGEST_ID = 2**31 - 1


class DatabaseId(IntegerConverter):
    """A whole number from 0 to the largest the database's integer columns hold."""

    def __init__(self, url_map, fixed_digits=0, min=0, max=LARGEST_ID, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def register(app: Flask) -> None:
    """Use `DatabaseId` for every `<int:...>` in an address (before routes are added)."""
    app.url_map.converters["int"] = DatabaseId
