"""What a "what we heard" report says, as plain frozen values that templates and tables read.

A `Count` is a number after `reports.suppression` has had its say: a hidden number keeps no
value at all, so no template or table can show it by mistake, and a shown one keeps only its
published value (rounded to the nearest 5), never the exact count. No Flask, no `app` imports.
"""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from reports import suppression
from reports.wording_changes import WordingChange


@dataclass(frozen=True)
class Count:
    """A count as the report may show it; `value` is None when the number is hidden.

    Make one with `Count.published` from an exact count; `value` is then already rounded.
    """

    value: int | None
    threshold: int = suppression.DEFAULT_THRESHOLD

    @classmethod
    def published(cls, value: int, hidden: bool, threshold: int) -> "Count":
        """Return an exact count as the report may show it: hidden, or rounded to the nearest 5."""
        return cls(None if hidden else suppression.published(int(value)), threshold)

    @property
    def hidden(self) -> bool:
        """Say whether the number is hidden."""
        return self.value is None

    @property
    def text(self) -> str:
        """Return the number as report text: "1,234" or "fewer than 10"."""
        return suppression.display_text(self.value or 0, self.hidden, self.threshold)

    @property
    def csv(self) -> str:
        """Return the number as CSV text: "1234" or "*"."""
        return suppression.csv_text(self.value or 0, self.hidden)

    @property
    def allows_percentages(self) -> bool:
        """Say whether percentages and averages may be given for a group of this size."""
        return not self.hidden and suppression.percentage_allowed(self.value or 0, self.threshold)


def visible_counts(
    counts: pd.Series, threshold: int, *, adds_up: bool = True
) -> tuple[list[Count], Count]:
    """Return each count of a list and their total, suppressed.

    `adds_up` says the counts add up to a total the report shows (one answer per response),
    so hidden numbers must also be safe from subtraction; without it (several answers per
    response, several themes per answer) only small numbers are hidden, and the total is not
    for showing.
    """
    if counts.empty:
        return [], Count(0, threshold)
    values = counts.astype("int64")
    if adds_up:
        table = suppression.suppress_series(values, threshold=threshold)
        column = table.counts.columns[0]
        hidden = [table.is_hidden(row, column) for row in table.counts.index]
        total = _count(table.column_totals.iloc[0], table.column_total_hidden.iloc[0], threshold)
    else:
        row = values.reset_index(drop=True).to_frame().T
        table = suppression.suppress_counts(
            row, threshold=threshold, show_row_totals=False, show_column_totals=False
        )
        hidden = list(table.hidden.iloc[0])
        total = Count(None, threshold)
    cells = [_count(value, bool(h), threshold) for value, h in zip(values, hidden, strict=True)]
    return cells, total


def single_count(value: int, threshold: int) -> Count:
    """Return one count that stands alone, suppressed."""
    return visible_counts(pd.Series([int(value)]), threshold)[0][0]


def _count(value: int, hidden: bool, threshold: int) -> Count:
    return Count.published(value, hidden, threshold)


@dataclass(frozen=True)
class OptionRow:
    """One answer of a question (or one band of numbers) with how many chose it."""

    label: str
    easy_read_label: str
    count: Count
    percentage: str | None = None
    picture_key: str = ""
    # The people the responses speak for (a group counts everyone); None: not counted.
    people: Count | None = None


@dataclass(frozen=True)
class ThemeResult:
    """A theme that staff found in free-text answers, with how many answers have it."""

    name: str
    answers: Count


@dataclass(frozen=True)
class QuestionResult:
    """The figures of one question, suppressed and ready to show."""

    question_id: int
    position: int
    text: str
    easy_read_text: str
    kind: str
    picture_key: str
    answered: Count
    rows: list[OptionRow] = field(default_factory=list)
    row_heading: str = "Answer"
    mean: str | None = None
    themes: list[ThemeResult] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    # The principle section whose copy of this question prints its quotes, when not this one
    # (a question tagged to two principles prints its quotes once: reports/quote_placement.py).
    quotes_in_section: int | None = None
    # Ordered answers added together before suppression: good, middle, bad (empty otherwise).
    balance: list[OptionRow] = field(default_factory=list)
    # The people the answering responses speak for; None where only responses are counted.
    people_answered: Count | None = None

    @property
    def has_options(self) -> bool:
        """Say whether the question has a table of answers."""
        return bool(self.rows)

    @property
    def is_multiple_choice(self) -> bool:
        """Say whether a response could choose more than one answer."""
        return self.kind == "multiple_choice"

    @property
    def is_free_text(self) -> bool:
        """Say whether people wrote their answers in their own words."""
        return self.kind == "free_text"

    @property
    def chart_allowed(self) -> bool:
        """Say whether a chart may be drawn: enough answers and at least one visible count."""
        return self.answered.allows_percentages and any(
            row.count.value for row in self.rows if not row.count.hidden
        )


@dataclass(frozen=True)
class ActionItem:
    """A "you said, we did" action."""

    principle_id: int | None
    theme: str
    title: str
    you_said: str
    we_did: str
    status: str
    action_date: date | None

    @property
    def status_text(self) -> str:
        """Return the status in plain words."""
        return {"planned": "Planned", "in_progress": "In progress", "done": "Done"}.get(
            self.status, self.status
        )

    @property
    def easy_status(self) -> str:
        """Return the status as an easy-read sentence."""
        return {
            "planned": "We plan to do this.",
            "in_progress": "We are doing this now.",
            "done": "We have done this.",
        }.get(self.status, "")


LEFT_OUT_NOUNS = {"Channel": "channels", "Partner": "partners"}


@dataclass(frozen=True)
class ComparisonRow:
    """One channel or partner of a principle's comparison: each group's count and share."""

    label: str
    counts: list[Count]
    percentages: list[str | None]
    total: Count


@dataclass(frozen=True)
class Comparison:
    """A principle's balance of views by channel or by partner, only the rows that may show.

    `left_out` says some lines had answers but too few to show (their rows are not listed).
    """

    heading: str
    columns: list[str]
    rows: list[ComparisonRow]
    total_heading: str
    left_out: bool = False
    # True when `columns` are shares of ordered answers; False: one column of how many answered.
    ordered: bool = True

    @property
    def note(self) -> str:
        """Return the plain note said when some lines are left out, or ""."""
        if not self.left_out:
            return ""
        return f"Some {LEFT_OUT_NOUNS.get(self.heading, 'lines')} had too few answers to show."


@dataclass(frozen=True)
class PrincipleSection:
    """One principle of the framework, the questions that serve it, and its actions."""

    principle_id: int
    position: int
    title: str
    easy_read_title: str
    picture_key: str
    questions: list[QuestionResult] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    # The balance of views by channel and by partner (None: fewer than two to compare).
    by_channel: Comparison | None = None
    by_partner: Comparison | None = None


@dataclass(frozen=True)
class BreakdownRow:
    """One line of a "how we heard" table: a channel or a partner."""

    label: str
    responses: Count
    people: Count


@dataclass(frozen=True)
class Breakdown:
    """A "how we heard" table with its total line."""

    heading: str
    rows: list[BreakdownRow]
    total: BreakdownRow


@dataclass(frozen=True)
class HowWeHeard:
    """How responses reached us: channels, partners, groups."""

    channels: Breakdown
    partners: Breakdown
    support: Breakdown
    group_responses: Count
    group_people: Count


@dataclass(frozen=True)
class Report:
    """Everything the "what we heard" report says, as plain values."""

    survey_id: int
    title: str
    easy_read_title: str
    council_name: str
    framework_title: str
    framework_source: str
    opens_on: date | None
    closes_on: date | None
    first_response_on: date | None
    last_response_on: date | None
    responses: Count
    people: Count
    sections: list[PrincipleSection]
    threshold: int
    how_we_heard: HowWeHeard
    questions: list[QuestionResult] = field(default_factory=list)
    about_you: list[QuestionResult] = field(default_factory=list)
    about_you_asked: bool = False
    other_actions: list[ActionItem] = field(default_factory=list)
    filters: list[str] = field(default_factory=list)
    wording_changes: list[WordingChange] = field(default_factory=list)
    # Questions tagged to no principle, as a section of their own (None when there are none).
    other_questions: PrincipleSection | None = None
    # Responses per week (Monday's date as text, count), suppressed and rounded.
    weeks: list[tuple[str, Count]] = field(default_factory=list)
