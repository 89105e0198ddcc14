"""Items for GOV.UK radios, checkboxes and selects on staff pages, built here, not in templates.

Each item is {"value", "text"} and, when the page has an answer already, "checked" (radios and
checkboxes) or "selected" (selects) says which ones it chose. Values compare as text, the way
a form sends them back.
"""

from collections.abc import Iterable


def choice_items(
    choices: Iterable[tuple[object, str]],
    chosen: Iterable[object] | str | None = None,
    *,
    mark: str = "checked",
) -> list[dict]:
    """Return one item for each (value, text), marking those whose value is in `chosen`."""
    if chosen is None:
        return [{"value": value, "text": text} for value, text in choices]
    picked = {chosen} if isinstance(chosen, str) else {str(value) for value in chosen}
    return [{"value": value, "text": text, mark: str(value) in picked} for value, text in choices]
