"""Jinja filters and globals: dates shown in Europe/London, a word for a count, error messages by
field, static files, pictures."""

from datetime import date, datetime

from flask import Flask, url_for
from flask_babel import get_locale

from app import govuk_components
from app.error_summary import messages_by_field
from reports import dates


def register(app: Flask) -> None:
    """Add Heard's template filters and globals."""
    app.add_template_filter(long_date)
    app.add_template_filter(plural)
    app.add_template_filter(messages_by_field)
    app.add_template_global(picture_url)
    govuk_components.register(app)


def long_date(value: date | datetime | None) -> str:
    """Show a date in full, the easy-read way, in the page's language: "Tuesday 5 May 2026"."""
    return dates.long_date(value, locale=str(get_locale()))


def plural(count: int, singular: str, many: str | None = None) -> str:
    """Return the word for `count` things: `singular` for one, else `many` (singular + "s").

    For staff pages, which are in English only; resident text goes through ngettext.
    """
    return singular if count == 1 else (many if many is not None else f"{singular}s")


def picture_url(key: str) -> str:
    """Return the address of a picture from Heard's symbol library."""
    return url_for("static", filename=f"symbols/{key or 'question'}.svg")
