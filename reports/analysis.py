"""The report of one survey, from its frames: pure functions to the plain values of `content`.

No database, no Flask: the inputs are the small aggregated frames of `reports.frames`, and every
number passes through `reports.suppression` (via `content.visible_counts`) before it is kept.
"""

from datetime import date
from typing import Any

import pandas as pd

from reports import filters, suppression
from reports.comparison import comparisons
from reports.content import (
    ActionItem,
    BreakdownRow,
    Count,
    OptionRow,
    PrincipleSection,
    QuestionResult,
    Report,
    visible_counts,
)
from reports.dates import as_date, london_date, long_date
from reports.findings import principle_findings
from reports.frames import SurveyData
from reports.how_we_heard import CHANNEL_LABELS, how_we_heard
from reports.questions import question_results
from reports.quote_placement import place_quotes_once
from reports.wording_changes import wording_changes

OTHER_QUESTIONS = "Other questions"

__all__ = [
    "ActionItem",
    "BreakdownRow",
    "OptionRow",
    "PrincipleSection",
    "QuestionResult",
    "Report",
    "report",
]


def report(data: SurveyData, *, council_name: str, threshold: int) -> Report:
    """Return the report of one survey from its frames."""
    threshold = suppression.check_threshold(threshold)
    filters.check_sizes(data.response_filter, int(data.totals.responses), data.everyone, threshold)
    results = question_results(data, threshold)
    about_you_ids = data.about_you_question_ids
    actions = [action_item(row) for row in data.actions.itertuples()]
    heard = how_we_heard(data, threshold)
    survey = data.survey
    enough = heard.channels.total.responses.allows_percentages
    return Report(
        survey_id=int(survey.id),
        title=survey.title,
        easy_read_title=survey.easy_read_title or survey.title,
        council_name=council_name,
        framework_title=survey.framework_title,
        framework_source=survey.framework_source or "",
        opens_on=as_date(survey.opens_on),
        closes_on=as_date(survey.closes_on),
        first_response_on=_response_day(data.totals.first_at, enough),
        last_response_on=_response_day(data.totals.last_at, enough),
        responses=heard.channels.total.responses,
        people=heard.channels.total.people,
        sections=sections(data, results, actions, threshold),
        threshold=threshold,
        how_we_heard=heard,
        questions=[result for qid, result in results.items() if qid not in about_you_ids],
        about_you=_about_you(results, about_you_ids),
        about_you_asked=bool(about_you_ids),
        other_actions=[action for action in actions if action.principle_id is None],
        filters=filter_descriptions(data),
        wording_changes=wording_changes(data.wording_changes),
        other_questions=other_questions(data, results),
        weeks=weekly_responses(data.days, threshold),
    )


def _response_day(when: Any, enough: bool) -> date | None:
    # With too few responses, the first and last days could point at a person.
    return london_date(when) if enough else None


def _about_you(
    results: dict[int, QuestionResult], question_ids: frozenset[int]
) -> list[QuestionResult]:
    """Return the "about you" results that have enough answers to show."""
    shown = [results[qid] for qid in sorted(question_ids) if qid in results]
    return [result for result in shown if result.answered.allows_percentages]


def sections(
    data: SurveyData,
    results: dict[int, QuestionResult],
    actions: list[ActionItem],
    threshold: int,
) -> list[PrincipleSection]:
    """Return one section per principle, in the framework's order."""
    found = []
    for principle in data.principles.itertuples():
        tagged = data.tags.loc[data.tags.principle_id == principle.principle_id, "question_id"]
        questions = sorted(
            (results[q] for q in tagged if q in results and q not in data.about_you_question_ids),
            key=lambda result: result.position,
        )
        by_channel, by_partner = comparisons(
            data, [result.question_id for result in questions], threshold
        )
        found.append(
            PrincipleSection(
                principle_id=int(principle.principle_id),
                position=int(principle.position),
                title=principle.title,
                easy_read_title=principle.easy_read_title or principle.title,
                picture_key=principle.picture_key or "",
                questions=questions,
                findings=principle_findings(questions),
                actions=[a for a in actions if a.principle_id == principle.principle_id],
                by_channel=by_channel,
                by_partner=by_partner,
            )
        )
    return place_quotes_once(found)


def weekly_responses(days: pd.DataFrame, threshold: int) -> list[tuple[str, Count]]:
    """Return responses per week, Monday to Sunday, every week from the first to the last."""
    if days.empty:
        return []
    mondays = [filters.week_start(as_date(day)) for day in days.day]
    per_week = days.assign(week=mondays).groupby("week").responses.sum().astype("int64")
    weeks = pd.date_range(min(mondays), max(mondays), freq="7D").date
    counts = per_week.reindex(weeks, fill_value=0)
    cells, _ = visible_counts(counts, threshold)
    return [(f"Week of {long_date(week)}", cell) for week, cell in zip(weeks, cells, strict=True)]


def other_questions(
    data: SurveyData, results: dict[int, QuestionResult]
) -> PrincipleSection | None:
    """Return the questions tagged to no principle as a section of their own, or None."""
    tagged = set(data.tags.question_id)
    questions = [
        result
        for qid, result in results.items()
        if qid not in tagged and qid not in data.about_you_question_ids
    ]
    if not questions:
        return None
    return PrincipleSection(
        principle_id=0,
        position=len(data.principles) + 1,
        title=OTHER_QUESTIONS,
        easy_read_title=OTHER_QUESTIONS,
        picture_key="question",
        questions=sorted(questions, key=lambda result: result.position),
        findings=principle_findings(questions),
    )


def action_item(row: Any) -> ActionItem:
    """Return an action (a row of the actions frame) as plain values."""
    principle = row.principle_id
    return ActionItem(
        principle_id=None if pd.isna(principle) else int(principle),
        theme="" if pd.isna(row.theme) else str(row.theme),
        title=row.title or "",
        you_said=row.you_said,
        we_did=row.we_did,
        status=str(row.status),
        action_date=as_date(row.action_date),
    )


def filter_descriptions(data: SurveyData) -> list[str]:
    """Return, in words, which responses this report counts (empty: all of them)."""
    chosen = data.response_filter
    words = []
    if chosen.date_from or chosen.date_to:
        start = f" from {long_date(chosen.date_from)}" if chosen.date_from else ""
        end = f" to {long_date(chosen.date_to)}" if chosen.date_to else ""
        words.append(f"Only responses sent{start}{end} (whole weeks, Monday to Sunday).")
    if chosen.channel:
        words.append(f"Only responses sent this way: {CHANNEL_LABELS[chosen.channel].lower()}.")
    links = data.links
    if chosen.partner_code:
        link = links[links.code == chosen.partner_code].iloc[0]
        words.append(f"Only responses through {link.partner_name}'s link “{link.label}”.")
    if chosen.partner_id is not None:
        name = links.loc[links.partner_id == chosen.partner_id, "partner_name"].iloc[0]
        words.append(f"Only responses through {name}'s links.")
    return words
