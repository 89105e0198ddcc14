"""What the import preview page shows, as GOV.UK select items and table rows, built from a
`Preview` of the imports service so the template only lays them out."""

from dataclasses import dataclass

from app.services.imports import Preview

# Cells longer than this are cut, so one long answer does not stretch the sample table.
CELL_LENGTH = 80
# A cell only a little over the length is shown whole rather than cut by a word or two.
CELL_LEEWAY = 5
LEAVE_OUT = "Leave this answer out"


@dataclass(frozen=True)
class SampleTable:
    """The first rows of the file turned on their side: one column of the file on each line."""

    head: list[dict]
    rows: list[list[dict]]


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


def _cut(text: str) -> str:
    if len(text) <= CELL_LENGTH + CELL_LEEWAY:
        return text
    return text[: CELL_LENGTH - 3] + "..."
