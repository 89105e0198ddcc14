"""A model of the reports Heard offers, for looking for a hidden number two of them give away.

Surveys are lists of `Person` (one response each: week, weekday, channel, partner link,
answer). `published` makes the cells one report shows, through the real analysis
(`reports.analysis.report`) from frames built here the way `reports.frames` counts them in
SQL; `assert_no_hidden_value_is_unique` searches the surveys one response away for one that
publishes the same two reports but has another value in a hidden cell. Used by
`test_subtraction.py`.
"""

import functools
import itertools
from dataclasses import astuple, dataclass, replace
from datetime import UTC, date, datetime, timedelta

import pandas as pd
from hypothesis import strategies as st

from app.services.partner_dashboard import counts_table
from reports import analysis, frames, structure, suppression
from reports.comparison import BALANCE_COLUMNS
from reports.filters import FilterInvalid, ResponseFilter
from reports.how_we_heard import CHANNEL_LABELS, NO_PARTNER

THRESHOLD = 10
FIRST_MONDAY = date(2026, 11, 2)
WEEKS = 3
CHANNELS = ("online", "kiosk", "group")
LINKS = {1: ("a", 10, "Age UK"), 2: ("b", 11, "Carers Trust"), 3: ("c", 11, "Carers Trust")}
# A smiley scale: two good answers, a middle one and two bad ones, added together as well.
OPTIONS = (101, 102, 103, 104, 105)
BALANCE = ((101, 102), (103,), (104, 105))
# The lines of each principle's comparison, by channel and by partner.
COMPARED = {
    "Channel": [CHANNEL_LABELS[channel] for channel in CHANNELS],
    "Partner": [*sorted({name for _, _, name in LINKS.values()}), NO_PARTNER],
}


@dataclass(frozen=True)
class Person:
    """One response of a made-up survey."""

    week: int
    day: int
    channel: str
    link: int | None
    answer: int | None
    people: int = 1

    @property
    def sent(self) -> datetime:
        day = FIRST_MONDAY + timedelta(weeks=self.week, days=self.day)
        return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


people = st.builds(
    Person,
    week=st.integers(0, WEEKS - 1),
    day=st.integers(0, 6),
    channel=st.sampled_from(CHANNELS),
    link=st.sampled_from([None, *LINKS]),
    answer=st.sampled_from([None, *OPTIONS]),
    people=st.sampled_from([1, 1, 1, 3]),
)
surveys = st.lists(people, min_size=8, max_size=40)


def offered_filters() -> list[ResponseFilter]:
    """Return every filter staff can choose for the made-up survey (weeks are whole weeks)."""
    mondays = [FIRST_MONDAY + timedelta(weeks=week) for week in range(WEEKS)]
    weeks = [
        ResponseFilter(date_from=start, date_to=end + timedelta(days=6))
        for start, end in itertools.combinations_with_replacement(mondays, 2)
    ]
    return [
        ResponseFilter(),
        *weeks,
        ResponseFilter(date_to=mondays[1]),
        ResponseFilter(date_from=mondays[1]),
        *[ResponseFilter(channel=channel) for channel in CHANNELS],
        *[ResponseFilter(partner_id=partner) for partner in {p for _, p, _ in LINKS.values()}],
        *[ResponseFilter(partner_code=code) for code, _, _ in LINKS.values()],
    ]


# A report is a filter; a partner's own page is ("partner page", partner id).
REPORTS = [*offered_filters(), ("partner page", 10), ("partner page", 11)]


def chosen(survey: list[Person], which: ResponseFilter) -> list[Person]:
    """Return the responses a filter counts, as `ResponseFilter.where` does in SQL."""
    start = which.date_from and datetime.combine(which.date_from, datetime.min.time(), UTC)
    end = which.date_to and datetime.combine(which.date_to, datetime.max.time(), UTC)
    codes = {link: code for link, (code, _, _) in LINKS.items()}
    partners = {link: partner for link, (_, partner, _) in LINKS.items()}
    return [
        person
        for person in survey
        if (not start or person.sent >= start)
        and (not end or person.sent <= end)
        and (not which.channel or person.channel == which.channel)
        and (not which.partner_code or codes.get(person.link) == which.partner_code)
        and (which.partner_id is None or partners.get(person.link) == which.partner_id)
    ]


def survey_data(counted: list[Person], which: ResponseFilter, everyone: int) -> frames.SurveyData:
    """Return the frames `reports.frames.load` would read for the responses a filter counts."""
    rows = pd.DataFrame(
        [(p.channel, p.link, p.answer, p.people, p.sent) for p in counted],
        columns=["channel", "link_id", "option_id", "people", "sent"],
    )
    answered = rows[rows.option_id.notna()]
    by = {"channel": "channels", "link_id": "link_counts"}
    grouped = {
        name: rows.groupby(column, dropna=False)
        .agg(responses=("people", "size"), people=("people", "sum"))
        .reset_index()
        for column, name in by.items()
    }
    links = pd.DataFrame(
        [(link, code, "Poster", partner, name) for link, (code, partner, name) in LINKS.items()],
        columns=structure.LINK_COLUMNS,
    )
    return frames.SurveyData(
        survey=pd.Series(
            [1, "s", "Survey", "", None, None, "Framework", ""], index=structure.SURVEY_COLUMNS
        ),
        principles=pd.DataFrame([(1, 1, "Principle", "", "")], columns=structure.PRINCIPLE_COLUMNS),
        questions=pd.DataFrame(
            [(1, 1, "smiley_scale", "How was it?", "", False, "", "")],
            columns=structure.QUESTION_COLUMNS,
        ),
        tags=pd.DataFrame([(1, 1)], columns=structure.TAG_COLUMNS),
        options=pd.DataFrame(
            [(option, 1, n, f"Answer {n}", "", "") for n, option in enumerate(OPTIONS)],
            columns=structure.OPTION_COLUMNS,
        ),
        option_counts=answered.groupby("option_id")
        .size()
        .rename("responses")
        .reset_index()
        .assign(question_id=1),
        question_totals=pd.DataFrame({"question_id": [1], "responses": [len(answered)]}),
        totals=pd.Series(
            [len(rows), int(rows.people.sum()), rows.sent.min(), rows.sent.max()],
            index=frames.TOTAL_COLUMNS,
        ),
        channels=grouped["channels"],
        links=links,
        link_counts=grouped["link_counts"].astype({"link_id": "object"}),
        group_options=answered.groupby(["option_id", "channel", "link_id"], dropna=False)
        .size()
        .rename("answers")
        .reset_index()
        .assign(question_id=1)
        .astype({"link_id": "object"}),
        response_filter=which,
        everyone=everyone,
    )


def report_cells(
    counted: list[Person], which: ResponseFilter, everyone: int
) -> dict[str, int | None] | str:
    """Return every number a report publishes (None: hidden), or "refused"."""
    data = survey_data(counted, which, everyone)
    try:
        report = analysis.report(data, council_name="", threshold=THRESHOLD)
    except FilterInvalid:
        return "refused"
    heard = report.how_we_heard
    cells = {"responses": report.responses.value, "people": report.people.value}
    for table in (heard.channels, heard.partners):
        for row in [*table.rows, table.total]:
            cells[f"{table.heading}/{row.label}/responses"] = row.responses.value
            cells[f"{table.heading}/{row.label}/people"] = row.people.value
    for result in report.questions:
        cells["answered"] = result.answered.value
        for row in result.rows:
            cells[f"answer/{row.label}"] = row.count.value
        for n, row in enumerate(result.balance):
            cells[f"balance/{n}"] = row.count.value
    for found in (report.sections[0].by_channel, report.sections[0].by_partner):
        cells.update(comparison_cells(found))
    return cells


def comparison_cells(found) -> dict[str, int | None]:
    """Return what a principle's comparison publishes: a line left out is hidden whole."""
    if found is None:
        return {}
    labels = COMPARED[found.heading]
    rows = {row.label: row for row in found.rows}
    cells = {}
    for label in labels:
        row = rows.get(label)
        counts = [None] * len(found.columns) if row is None else [c.value for c in row.counts]
        for column, value in zip(found.columns, counts, strict=True):
            cells[f"compare/{found.heading}/{label}/{column}"] = value
        cells[f"compare/{found.heading}/{label}/total"] = row and row.total.value
    return cells


def exact_cells(counted: list[Person]) -> dict[str, int]:
    """Return the exact number behind every cell `report_cells` names."""
    cells = {"responses": len(counted), "people": sum(p.people for p in counted)}
    names = {link: name for link, (_, _, name) in LINKS.items()}
    lines = {
        "Channel": lambda p: CHANNEL_LABELS[p.channel],
        "Partner": lambda p: names.get(p.link, NO_PARTNER),
    }
    for heading, label_of in lines.items():
        for label in {label_of(p) for p in counted} | set(names.values()) | {"Total"}:
            inside = [p for p in counted if label in (label_of(p), "Total")]
            cells[f"{heading}/{label}/responses"] = len(inside)
            cells[f"{heading}/{label}/people"] = sum(p.people for p in inside)
    cells["answered"] = sum(p.answer is not None for p in counted)
    for n, option in enumerate(OPTIONS):
        cells[f"answer/Answer {n}"] = sum(p.answer == option for p in counted)
    for n, group in enumerate(BALANCE):
        cells[f"balance/{n}"] = sum(p.answer in group for p in counted)
    for heading, label_of in lines.items():
        for label in COMPARED[heading]:
            inside = [p for p in counted if label_of(p) == label]
            for column, group in zip(BALANCE_COLUMNS, BALANCE, strict=True):
                cells[f"compare/{heading}/{label}/{column}"] = sum(
                    p.answer in group for p in inside
                )
            cells[f"compare/{heading}/{label}/total"] = sum(p.answer is not None for p in inside)
    return cells


def partner_page(survey: list[Person], partner: int) -> tuple[dict, dict]:
    """Return what a partner's own page publishes and the exact numbers behind it."""
    shown, exact = {}, {}
    for link, (_, owner, _) in LINKS.items():
        if owner != partner:
            continue
        frame = pd.DataFrame(
            [
                (link, p.channel, p.sent.date() - timedelta(days=p.sent.weekday()), 1)
                for p in survey
                if p.link == link
            ],
            columns=["link", "channel", "week", "count"],
        )
        text = counts_table(frame, THRESHOLD)
        if frame.empty:
            continue
        counts = frame.pivot_table(
            index="week", columns="channel", values="count", aggfunc="sum", fill_value=0
        )
        counts["Total"] = counts.sum(axis=1)
        counts.loc["Total"] = counts.sum(axis=0)
        for (week, channel), words in text.stack().items():
            key = f"page/{link}/{week}/{channel}"
            shown[key] = None if words == suppression.hidden_label(THRESHOLD) else words
        for (week, channel), value in zip(
            itertools.product(text.index, text.columns), counts.to_numpy().ravel(), strict=True
        ):
            exact[f"page/{link}/{week}/{channel}"] = int(value)
    return shown, exact


def published(survey: list[Person], which) -> tuple[object, dict[str, int]]:
    """Return what one offered report publishes and the exact numbers behind its cells."""
    if isinstance(which, tuple):
        counted = [person for person in survey if person.link in LINKS]
        return _published(tuple(sorted(counted, key=_order)), len(survey), which)
    counted = chosen(survey, which)
    return _published(tuple(sorted(counted, key=_order)), len(survey), which)


def _order(person: Person) -> tuple:
    return tuple(-1 if value is None else value for value in astuple(person))


@functools.cache
def _published(counted: tuple[Person, ...], everyone: int, which) -> tuple[object, dict]:
    # What a report shows depends only on the responses it counts and how many there are in all.
    if isinstance(which, tuple):
        return partner_page(list(counted), which[1])
    return report_cells(list(counted), which, everyone), exact_cells(list(counted))


def forget_published() -> None:
    """Forget the reports made so far (after changing how numbers are published)."""
    _published.cache_clear()


def nearby(survey: list[Person]):
    """Yield surveys one response away: moved, answered differently, added or taken out."""
    for index, person in enumerate(survey):
        rest = survey[:index] + survey[index + 1 :]
        yield rest
        yield [*survey, person]
        changes = [
            *[{"channel": channel} for channel in CHANNELS],
            *[{"link": link} for link in [None, *LINKS]],
            *[{"week": week} for week in range(WEEKS)],
            *[{"answer": answer} for answer in [None, *OPTIONS]],
        ]
        for change in changes:
            moved = replace(person, **change)
            if moved != person:
                yield [*rest[:index], moved, *rest[index:]]


def hidden_cells(shown: object, exact: dict[str, int]) -> dict[str, int]:
    """Return the hidden cells that hold somebody, with their exact values.

    A hidden 0 is hidden to protect the others in its line. That it is empty can follow from
    a 0 another report shows (no kiosk responses that week, so none through any partner's
    link either), which says nothing about anyone; the others in its line are still checked.
    """
    if not isinstance(shown, dict):
        return {}
    return {key: exact[key] for key, value in shown.items() if value is None and exact[key]}


def assert_no_hidden_value_is_unique(survey: list[Person], first, second) -> None:
    shown = [published(survey, which) for which in (first, second)]
    hidden = {
        (n, key): value
        for n, (cells, exact) in enumerate(shown)
        for key, value in hidden_cells(cells, exact).items()
    }
    for other in nearby(survey):
        if not hidden:
            return
        elsewhere = [published(other, which) for which in (first, second)]
        if any(a[0] != b[0] for a, b in zip(shown, elsewhere, strict=True)):
            continue  # the two reports would look different: not consistent with both
        for n, key in list(hidden):
            if elsewhere[n][1].get(key, 0) != hidden[n, key]:
                del hidden[n, key]
    assert not hidden, f"Hidden numbers that only one survey fits: {hidden}"
