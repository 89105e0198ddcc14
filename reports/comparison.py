"""Each principle's balance of views by channel and by partner, where the numbers allow.

For a principle with ordered questions (smiley scales) a line is a channel or a partner, and
its numbers are the answers to those questions added into positive, neutral and negative, as
`questions.balance_rows` adds them; for a principle with no ordered question a line says how
many answers its questions had. Lines are shown whole or not at all:
`suppression.rows_to_leave_out` leaves out a line with a small number, and more lines until
those left out are safe together, as if the column totals were shown (they are near numbers
the report shows elsewhere), so that a line left out cannot be worked out from the others.
The report then says some lines had too few answers. Shown numbers are rounded like every
other; percentages are of the rounded numbers. No Flask, no `app` imports.
"""

import pandas as pd

from reports import suppression
from reports.content import Comparison, ComparisonRow, Count
from reports.frames import SurveyData
from reports.how_we_heard import CHANNEL_LABELS, NO_PARTNER
from reports.questions import ORDERED_KINDS, balance_groups, percentage

BALANCE_COLUMNS = ["Positive", "Neutral", "Negative"]
NEUTRAL = 1
ORDERED_TOTAL = "Answers"
UNORDERED_TOTAL = "Answers to its questions"


def comparisons(
    data: SurveyData, question_ids: list[int], threshold: int
) -> tuple[Comparison | None, Comparison | None]:
    """Return a principle's comparison by channel and by partner (None: nothing to compare)."""
    counts, ordered = _group_counts(data, question_ids)
    if counts.empty:
        return None, None
    by_channel = _by_channel(counts)
    by_partner = _by_partner(counts, data)
    return (
        comparison("Channel", by_channel, threshold, ordered=ordered),
        comparison("Partner", by_partner, threshold, ordered=ordered),
    )


def _group_counts(data: SurveyData, question_ids: list[int]) -> tuple[pd.DataFrame, bool]:
    """Return counts per channel, link and column, and whether the columns are balance groups."""
    questions = data.questions[data.questions.question_id.isin(question_ids)]
    ordered_ids = set(questions.loc[questions.kind.isin(ORDERED_KINDS), "question_id"])
    if not ordered_ids:
        answered = data.group_answered[data.group_answered.question_id.isin(question_ids)]
        return answered.assign(column=ORDERED_TOTAL, count=answered.responses), False
    groups = _option_groups(data, ordered_ids)
    chosen = data.group_options[data.group_options.option_id.isin(groups)]
    return chosen.assign(column=chosen.option_id.map(groups), count=chosen.answers), True


def _option_groups(data: SurveyData, question_ids: set[int]) -> dict[int, str]:
    """Return the balance column (positive, neutral, negative) of each ordered option."""
    found = {}
    options = data.options[data.options.question_id.isin(question_ids)]
    for _, own in options.sort_values("position").groupby("question_id"):
        ids = list(own.option_id)
        for column, group in zip(BALANCE_COLUMNS, balance_groups(len(ids)), strict=True):
            found.update({int(ids[i]): column for i in group})
    return found


def _by_channel(counts: pd.DataFrame) -> pd.DataFrame:
    order = list(CHANNEL_LABELS)
    table = _pivot(counts, counts.channel.map(lambda c: CHANNEL_LABELS.get(c, str(c))))
    rank = {CHANNEL_LABELS.get(c, c): order.index(c) if c in order else len(order) for c in
            counts.channel}  # fmt: skip
    return table.loc[sorted(table.index, key=lambda label: (rank[label], label))]


def _by_partner(counts: pd.DataFrame, data: SurveyData) -> pd.DataFrame:
    names = data.links.set_index("link_id").partner_name
    labels = counts.link_id.map(lambda link: names.get(link, NO_PARTNER))
    table = _pivot(counts, labels)
    partners = sorted(label for label in table.index if label != NO_PARTNER)
    return table.loc[partners + ([NO_PARTNER] if NO_PARTNER in table.index else [])]


def _pivot(counts: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    table = (
        counts.assign(label=labels.to_numpy())
        .pivot_table(index="label", columns="column", values="count", aggfunc="sum", fill_value=0)
        .astype("int64")
    )
    columns = [column for column in [*BALANCE_COLUMNS, ORDERED_TOTAL] if column in table]
    return table[columns]


def comparison(
    heading: str, table: pd.DataFrame, threshold: int, *, ordered: bool
) -> Comparison | None:
    """Return the suppressed comparison of a table of counts (a line per channel or partner)."""
    if ordered:
        table = table.reindex(columns=BALANCE_COLUMNS, fill_value=0)
        if not table[BALANCE_COLUMNS[NEUTRAL]].any():
            table = table.drop(columns=BALANCE_COLUMNS[NEUTRAL])
    table = table[table.sum(axis=1) > 0]
    if len(table) < 2:
        return None
    shown = _shown_labels(table, threshold)
    rows = [_row(label, table.loc[label], threshold, ordered=ordered) for label in shown]
    return Comparison(
        heading=heading,
        columns=list(table.columns) if ordered else [],
        rows=rows,
        total_heading=ORDERED_TOTAL if ordered else UNORDERED_TOTAL,
        left_out=len(shown) < len(table),
        ordered=ordered,
    )


def _shown_labels(table: pd.DataFrame, threshold: int) -> list[str]:
    """Return the lines that may be shown whole (`suppression.rows_to_leave_out`)."""
    left_out = suppression.rows_to_leave_out(table, threshold=threshold)
    return [label for label in table.index if not left_out[label]]


def _row(label: str, values: pd.Series, threshold: int, *, ordered: bool) -> ComparisonRow:
    total = Count.published(int(values.sum()), False, threshold)
    if not ordered:
        return ComparisonRow(label=str(label), counts=[], percentages=[], total=total)
    counts = [Count.published(int(value), False, threshold) for value in values]
    return ComparisonRow(
        label=str(label),
        counts=counts,
        percentages=[percentage(count, total) for count in counts],
        total=total,
    )
