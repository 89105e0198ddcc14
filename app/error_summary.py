"""Turn what went wrong with a form into GOV.UK's error summary, the same way on every page.

Flask-free, so staff and resident views share it: a form's errors (anything with WTForms'
`errors` mapping) or a `ServiceError` become the summary's list of {"text", "href"} items,
each linking to the field to put right, and `status` gives the answer's code: 400 when there
is something to put right, 200 otherwise.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from app.services.errors import ServiceError

# Flask-WTF's CSRF field is not a box on the page: a summary link to it would lead nowhere.
_HIDDEN_FIELDS = frozenset({"csrf_token"})


class HasErrors(Protocol):
    """A form with WTForms' errors: each field's name to its messages."""

    @property
    def errors(self) -> Mapping[str, Sequence[str]]: ...


def error_item(message: str, field: str) -> dict[str, str]:
    """Return one summary item: the message, linking to the field with this id."""
    return {"text": message, "href": f"#{field}"}


def from_form(form: HasErrors) -> list[dict[str, str]]:
    """Return the first message of each field that failed, in the form's order."""
    return [
        error_item(messages[0], name)
        for name, messages in form.errors.items()
        if messages and name not in _HIDDEN_FIELDS
    ]


def from_problem(problem: ServiceError, default_field: str) -> list[dict[str, str]]:
    """Return the problem's message, linking to its field or else to `default_field`."""
    return [error_item(problem.message, problem.field or default_field)]


def from_fields(problems: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """Return one item for each (field, message) pair."""
    return [error_item(message, field) for field, message in problems]


def messages_by_field(errors: Iterable[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Return each field's first message, for the message shown above the box itself."""
    by_field: dict[str, dict[str, str]] = {}
    for item in errors:
        by_field.setdefault(item["href"].removeprefix("#"), {"text": item["text"]})
    return by_field


def status(errors: Sequence[object], failed: int = 400) -> int:
    """Return `failed` (400 unless told) when there is something to put right, else 200."""
    return failed if errors else 200
