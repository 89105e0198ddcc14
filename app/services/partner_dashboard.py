"""What a partner user sees: their own links' response counts by week and by channel.

Only counts, and small ones hidden through `reports.suppression` (counts of 1 to 9 read
"fewer than 10", the rest are rounded to the nearest 5 like every report), so a partner can
never pick out a person, nor work one out from this page and a report.

pandas (and `reports.suppression`, which needs it) is imported only when a partner's counts
are built: a web worker starts without the reporting stack (issue 13, tests/test_lean_start.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.extensions import db
from app.models import Channel, PartnerLink, Response

if TYPE_CHECKING:
    import pandas as pd

CHANNEL_NAMES = {
    Channel.ONLINE.value: "Online",
    Channel.KIOSK.value: "Kiosk",
    Channel.EMBED.value: "On your web site",
    Channel.PAPER.value: "Paper",
    Channel.GROUP.value: "Group",
    Channel.IMPORT.value: "Imported",
    Channel.PHONE.value: "Phone",
    Channel.EMAIL.value: "E-mail",
}


@dataclass(frozen=True)
class LinkCounts:
    """One tracked link with its counts table, ready to show (small numbers already hidden)."""

    label: str
    survey_title: str
    table: pd.DataFrame
    survey_id: int
    link_id: int
    code: str


def counts_for_partner(partner_id: int, *, threshold: int) -> list[LinkCounts]:
    """Return each of a partner's links with responses by week (rows) and channel (columns)."""
    import pandas as pd

    links = db.session.scalars(
        select(PartnerLink).where(PartnerLink.partner_id == partner_id).order_by(PartnerLink.id)
    ).all()
    rows = db.session.execute(
        select(
            Response.partner_link_id,
            Response.channel,
            func.date(Response.submitted_at),
            func.count(),
        )
        .join(PartnerLink, PartnerLink.id == Response.partner_link_id)
        .where(PartnerLink.partner_id == partner_id)
        .group_by(Response.partner_link_id, Response.channel, func.date(Response.submitted_at))
    ).all()
    frame = pd.DataFrame(
        [(link, _value(channel), _week(day), count) for link, channel, day, count in rows],
        columns=["link", "channel", "week", "count"],
    )
    return [
        LinkCounts(
            link.label,
            link.survey.title,
            counts_table(frame[frame.link == link.id], threshold),
            link.survey_id,
            link.id,
            link.code,
        )
        for link in links
    ]


def counts_table(frame: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Return one link's counts (link, channel, week, count rows) as week-by-channel text."""
    import pandas as pd

    from reports.suppression import suppress_counts

    if frame.empty:
        return pd.DataFrame()
    pivot = frame.pivot_table(
        index="week", columns="channel", values="count", aggfunc="sum", fill_value=0
    ).sort_index()
    pivot.index = [f"Week of {week:%-d %B %Y}" for week in pivot.index]
    pivot.columns = [CHANNEL_NAMES.get(c, c) for c in pivot.columns]
    return suppress_counts(pivot.astype(int), threshold=threshold).display_frame()


def _value(channel) -> str:
    return channel.value if isinstance(channel, Channel) else str(channel)


def _week(day) -> date:
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    elif isinstance(day, datetime):
        day = day.date()
    return day - timedelta(days=day.weekday())
