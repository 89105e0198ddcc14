"""How responses reached us: by channel and by partner, with the people they speak for.

Each table is suppressed by `reports.suppression` as a whole (responses and people are two
columns, each adding up to its total). For most channels a response is one person, so the two
numbers of a line are the same: when either is hidden, both are (`hiding_whole_rows`). That
only ever hides more, never less. No Flask, no `app` imports.
"""

import pandas as pd

from reports import suppression
from reports.content import Breakdown, BreakdownRow, Count, HowWeHeard
from reports.frames import SurveyData

CHANNEL_LABELS = {
    "online": "Online, on their own phone or computer",
    "kiosk": "On a kiosk in a public place",
    "embed": "On a partner's website",
    "paper": "On paper",
    "group": "In a group, with a facilitator",
    "import": "Imported from another survey",
    "phone": "By phone, with the council",
    "email": "By e-mail",
}
EASY_CHANNEL_LABELS = {
    "online": "on a phone or computer",
    "kiosk": "on a screen in a public place",
    "embed": "on a website",
    "paper": "on paper",
    "group": "in a group meeting",
    "import": "in another survey",
    "phone": "on the phone",
    "email": "by e-mail",
}
SUPPORT_LABELS = {
    "alone": "On their own",
    "helped": "With help",
    "answered_for": "Someone answered for them",
    None: "Not recorded",
}
NO_PARTNER = "Not through a partner link"
_COLUMNS = ["responses", "people"]


def how_we_heard(data: SurveyData, threshold: int) -> HowWeHeard:
    """Return the channel and partner tables of a survey's responses."""
    channels = data.channels.copy()
    order = {channel: index for index, channel in enumerate(CHANNEL_LABELS)}
    channels["order"] = channels.channel.map(lambda channel: order.get(channel, len(order)))
    channels = channels.sort_values("order")
    channels["label"] = channels.channel.map(lambda channel: CHANNEL_LABELS.get(channel, channel))
    channel_table = breakdown("Channel", channels, threshold)
    group = next(
        (
            row
            for row, channel in zip(channel_table.rows, channels.channel, strict=True)
            if channel == "group"
        ),
        BreakdownRow("", Count(0, threshold), Count(0, threshold)),
    )
    return HowWeHeard(
        channels=channel_table,
        partners=breakdown("Partner", partner_frame(data), threshold),
        support=breakdown("How they answered", support_frame(data), threshold),
        group_responses=group.responses,
        group_people=group.people,
    )


def partner_frame(data: SurveyData) -> pd.DataFrame:
    """Return responses and people per partner (all of its links), then those with no link."""
    names = data.links.set_index("link_id").partner_name
    counts = data.link_counts.copy()
    counts["label"] = counts.link_id.map(lambda link: names.get(link, NO_PARTNER))
    per_partner = counts.groupby("label")[_COLUMNS].sum()
    partners = sorted(set(data.links.partner_name))
    frame = per_partner.reindex(partners, fill_value=0)
    if NO_PARTNER in per_partner.index:
        frame = pd.concat([frame, per_partner.loc[[NO_PARTNER]]])
    return frame.rename_axis("label").reset_index()


def support_frame(data: SurveyData) -> pd.DataFrame:
    """Return responses and people by how they answered, in a fixed order."""
    support = data.support.copy()
    keys = [None if pd.isna(value) else str(value) for value in support.support]
    order = list(SUPPORT_LABELS)
    support["order"] = [order.index(key) if key in order else len(order) for key in keys]
    support["label"] = [SUPPORT_LABELS.get(key, str(key)) for key in keys]
    return support.sort_values("order")


def breakdown(heading: str, frame: pd.DataFrame, threshold: int) -> Breakdown:
    """Return a table of responses and people per line, suppressed, with its total line."""
    if frame.empty:
        zero = Count(0, threshold)
        return Breakdown(heading, [], BreakdownRow("Total", zero, zero))
    values = frame[_COLUMNS].fillna(0).astype("int64").reset_index(drop=True)
    table = suppression.suppress_counts(
        values, threshold=threshold, show_row_totals=False
    ).hiding_whole_rows()
    rows = [
        BreakdownRow(
            label=str(label),
            responses=_count(
                values.at[index, "responses"], table.is_hidden(index, "responses"), threshold
            ),
            people=_count(values.at[index, "people"], table.is_hidden(index, "people"), threshold),
        )
        for index, label in enumerate(frame.label)
    ]
    total = BreakdownRow(
        "Total",
        _count(table.column_totals["responses"], table.column_total_hidden["responses"], threshold),
        _count(table.column_totals["people"], table.column_total_hidden["people"], threshold),
    )
    return Breakdown(heading, rows, total)


def _count(value: int, hidden: bool, threshold: int) -> Count:
    return Count.published(value, hidden, threshold)
