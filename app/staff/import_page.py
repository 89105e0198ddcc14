"""What the import preview page shows, as GOV.UK select items and table rows, built from a
`Preview` of the imports service so the template only lays them out."""

from dataclasses import dataclass
from types import SimpleNamespace

from app.services import imports
from app.services.imports import Preview

# Cells longer than this are cut, so one long answer does not stretch the sample table.
CELL_LENGTH = 80
# A cell only a little over the length is shown whole rather than cut by a word or two.
CELL_LEEWAY = 5
LEAVE_OUT = "Leave this answer out"
FIELDS = SimpleNamespace(
    time=imports.TIME_FIELD,
    date_order=imports.DATE_ORDER_FIELD,
    source_id=imports.SOURCE_ID_FIELD,
    respondent=imports.RESPONDENT_FIELD,
    channel=imports.CHANNEL_FIELD,
    drop_controls=imports.DROP_CONTROLS_FIELD,
)
_ORDER_WORDS = {
    imports.DateOrder.DAY_FIRST: "Day first, as in the UK",
    imports.DateOrder.MONTH_FIRST: "Month first, as in the US",
}


@dataclass(frozen=True)
class SampleTable:
    """The first rows of the file turned on their side: one column of the file on each line."""

    head: list[dict]
    rows: list[list[dict]]


@dataclass(frozen=True)
class PreviewPage:
    """Everything the preview template lays out, as plain items."""

    column_items: list[dict]
    sample: SampleTable
    option_items: dict[int, list[dict]]
    channel_items: list[dict]
    date_order_items: list[dict]
    dates_decided: str | None


def preview_page(preview: Preview) -> PreviewPage:
    """Return the preview page's items."""
    return PreviewPage(
        column_items=column_items(preview),
        sample=sample_table(preview),
        option_items=option_items(preview, imports.SKIP),
        channel_items=[{"value": "", "text": "Not matched"}]
        + [{"value": str(c), "text": label} for c, label in imports.CHANNEL_LABELS.items()],
        date_order_items=_date_order_items(preview),
        dates_decided=_dates_decided(preview),
    )


def column_items(preview: Preview) -> list[dict]:
    """Return the file's columns as select items."""
    return [{"value": str(index), "text": label} for index, label in preview.columns]


def sample_table(preview: Preview) -> SampleTable:
    """Return the first rows of the file, a row of the file in each table column."""
    head = [{"text": "Column"}] + [{"text": f"Row {row[0]}"} for row in preview.sample]
    rows = [
        [{"text": label, "classes": "govuk-!-font-weight-bold"}]
        + [{"text": _cut(str(row[index + 1]))} for row in preview.sample]
        for index, label in preview.columns
    ]
    return SampleTable(head, rows)


def option_items(preview: Preview, skip: str) -> dict[int, list[dict]]:
    """Return, for each question with answers to match, its options as select items."""
    return {
        match.question.id: [{"value": "", "text": "Not matched"}]
        + [{"value": str(option.id), "text": option.label} for option in match.question.options]
        + [{"value": skip, "text": LEAVE_OUT}]
        for match in preview.questions
        if match.answers
    }


def _date_order_items(preview: Preview) -> list[dict]:
    chosen = preview.mapping.date_order
    return [
        {
            "value": str(order),
            "text": words,
            "hint": {"text": f"{imports.DATE_EXAMPLES[order]} is 17 October 2021"},
            "checked": order == chosen,
        }
        for order, words in _ORDER_WORDS.items()
    ]


def _dates_decided(preview: Preview) -> str | None:
    """Say how the dates will be read when every value in the column agrees."""
    dates = preview.dates
    if dates is None or dates.order is None:
        return None
    row = dates.day_first_row or dates.month_first_row
    words = _ORDER_WORDS[dates.order]
    return (
        f"The dates in this column are written {words[0].lower()}{words[1:]} (row {row} shows it)."
    )


def _cut(text: str) -> str:
    if len(text) <= CELL_LENGTH + CELL_LEEWAY:
        return text
    return text[: CELL_LENGTH - 3] + "..."
