"""Which responses a report counts: a date range, a channel, a partner or one partner link.

The filter turns into a SQL condition on the `response` table (aliased `r`) with bound
parameters, so every count is still made in the database. Dates are days in Europe/London,
where the council works; `submitted_at` is stored in UTC. No Flask, no `app` imports.

Dates widen to whole weeks, Monday to Sunday, and a filter must leave at least the threshold of
responses both in the report and out of it (`check_sizes`): two reports a day or a few people
apart would otherwise differ by a handful of people that subtraction could describe
(docs/reporting-method.md).
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Self
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, bindparam
from sqlalchemy.sql.elements import BindParameter

LONDON = ZoneInfo("Europe/London")
# The `Channel` enum's values in app/models; `reports` may not import it (a test keeps them equal).
CHANNELS = ("online", "kiosk", "embed", "paper", "group", "import", "phone", "email")
_DAYS = ("date_from", "date_to")
# The last day a filter may name: widening a later one to its Sunday could pass `date.max`.
LAST_DAY = date(9998, 12, 31)


class FilterInvalid(ValueError):
    """A filter that cannot be used; the message says how to put it right."""


@dataclass(frozen=True)
class ResponseFilter:
    """Count only the responses sent in these days, through this channel or partner."""

    date_from: date | None = None
    date_to: date | None = None
    channel: str | None = None
    partner_code: str | None = None
    partner_id: int | None = None

    def __post_init__(self) -> None:
        self._check_days()
        # Whole weeks only: a report cannot be moved a day at a time (frozen, so set directly).
        if self.date_from:
            object.__setattr__(self, "date_from", week_start(self.date_from))
        if self.date_to:
            object.__setattr__(self, "date_to", week_start(self.date_to) + timedelta(days=6))
        if self.channel is not None and self.channel not in CHANNELS:
            raise FilterInvalid(f"The channel must be one of {', '.join(CHANNELS)}")

    def _check_days(self) -> None:
        if any(day and day > LAST_DAY for day in (self.date_from, self.date_to)):
            raise FilterInvalid(f"Enter dates as YYYY-MM-DD, up to {LAST_DAY.isoformat()}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterInvalid("The start date must be the same as or before the end date")

    @property
    def narrows(self) -> bool:
        """Say whether the filter leaves some responses out."""
        return any(value is not None for value in asdict(self).values())

    def as_json(self) -> dict[str, Any]:
        """Return the filter as JSON values (days as ISO text), to keep with a report job."""
        return {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in asdict(self).items()
        }

    @classmethod
    def from_json(cls, values: Mapping[str, Any]) -> Self:
        """Return the filter that `as_json` wrote."""
        days = {key: date.fromisoformat(values[key]) for key in _DAYS if values.get(key)}
        return cls(**{**values, **days})

    def where(self) -> str:
        """Return the SQL condition on `r` (the response table), always starting with AND."""
        parts = [""]
        if self.date_from:
            parts.append("r.submitted_at >= :filter_from")
        if self.date_to:
            parts.append("r.submitted_at < :filter_to")
        if self.channel:
            parts.append("r.channel = :filter_channel")
        if self.partner_code:
            parts.append(
                "r.partner_link_id IN (SELECT pl.id FROM partner_link pl "
                "WHERE pl.code = :filter_partner_code)"
            )
        if self.partner_id is not None:
            parts.append(
                "r.partner_link_id IN (SELECT pl.id FROM partner_link pl "
                "WHERE pl.partner_id = :filter_partner_id)"
            )
        return " AND ".join(parts)

    def parameters(self) -> dict[str, Any]:
        """Return the values bound to the condition's parameters."""
        values: dict[str, Any] = {
            "filter_from": start_of_day(self.date_from) if self.date_from else None,
            "filter_to": start_of_day(self.date_to + timedelta(days=1)) if self.date_to else None,
            "filter_channel": self.channel,
            "filter_partner_code": self.partner_code,
            "filter_partner_id": self.partner_id,
        }
        return {name: value for name, value in values.items() if value is not None}


def week_start(day: date) -> date:
    """Return the Monday of a day's week."""
    return day - timedelta(days=day.weekday())


def check_sizes(chosen: ResponseFilter, counted: int, everyone: int, threshold: int) -> None:
    """Refuse a filter that leaves from 1 to threshold - 1 responses in the report or out of it."""
    if not chosen.narrows:
        return
    if 0 < counted < threshold:
        raise FilterInvalid(
            f"Fewer than {threshold} responses match these choices. "
            "Choose more weeks, or fewer limits"
        )
    if 0 < everyone - counted < threshold:
        raise FilterInvalid(
            f"These choices leave out fewer than {threshold} responses, so the report could be "
            "compared with the full one to find out about them. Download the full report instead"
        )


def date_parameters() -> list[BindParameter]:
    """Return typed bind parameters, so each database compares timestamps its own way."""
    return [
        bindparam("filter_from", type_=DateTime(timezone=True)),
        bindparam("filter_to", type_=DateTime(timezone=True)),
    ]


def start_of_day(day: date) -> datetime:
    """Return midnight at the start of a Europe/London day, in UTC."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)
