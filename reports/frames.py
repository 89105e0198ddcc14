"""SQL → small pandas frames. Counting happens in the database, so a report's cost depends on
its number of questions, not its number of responses.

Each builder's columns are named in a constant beside it. Every count of responses goes through
a `ResponseFilter` in the SQL itself. No Flask, no `app` imports.
"""

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from reports import answer_counts, placeholders
from reports.answer_counts import (
    NUMBER_BIN_COLUMNS,
    NUMBER_BINS,
    NUMBER_MEAN_COLUMNS,
    QUESTION_TOTAL_COLUMNS,
)
from reports.filters import ResponseFilter, date_parameters
from reports.placeholders import Placeholders
from reports.structure import (
    ACTION_COLUMNS,
    LINK_COLUMNS,
    actions_frame,
    links_frame,
    options_frame,
    principles_frame,
    questions_frame,
    survey_frame,
    tags_frame,
)
from reports.wording_changes import WORDING_CHANGE_COLUMNS, wording_changes_frame

ANSWER_COUNT_COLUMNS = ["question_id", "option_id", "band", "answers", "number_sum", "people"]
TOTAL_COLUMNS = ["responses", "people", "first_at", "last_at"]
CHANNEL_COLUMNS = ["channel", "responses", "people"]
LINK_COUNT_COLUMNS = ["link_id", "responses", "people"]
THEME_COLUMNS = ["question_id", "theme_id", "name", "answers"]
QUOTE_COLUMNS = ["question_id", "quote_id", "text"]
SUPPORT_COLUMNS = ["support", "responses", "people"]
DAY_COLUMNS = ["day", "responses"]
# Per question, channel and partner link: answers per option of ordered questions, and how many
# responses answered each question (for the comparison by channel and partner of each principle).
GROUP_OPTION_COLUMNS = ["question_id", "option_id", "channel", "link_id", "answers"]
GROUP_ANSWERED_COLUMNS = ["question_id", "channel", "link_id", "responses"]
GROUP_SHORT_TEXT_COLUMNS = ["question_id", "channel", "link_id", "text", "answers"]
ABOUT_YOU = "about_you"
MAX_QUOTES = 10

_BANDS = " ".join(
    f"WHEN a.number_value >= {low}"
    + ("" if high is None else f" AND a.number_value <= {high}")
    + f" THEN {index}"
    for index, (_, low, high) in enumerate(NUMBER_BINS)
)
# Only submitted responses of one survey, narrowed by the filter (constants only: no input).
_RESPONSES = "r.survey_id = :survey_id AND r.status = 'submitted'"
# People: everyone a response speaks for, but imported rows that share a respondent are one.
_PEOPLE = (
    "COALESCE(SUM(CASE WHEN r.respondent_key IS NULL THEN r.people_count END), 0) "
    "+ COUNT(DISTINCT r.respondent_key)"
)


@dataclass(frozen=True)
class SurveyData:
    """Everything a report needs about one survey, as small frames."""

    survey: pd.Series
    principles: pd.DataFrame
    questions: pd.DataFrame
    tags: pd.DataFrame
    options: pd.DataFrame
    option_counts: pd.DataFrame
    question_totals: pd.DataFrame
    totals: pd.Series
    number_bins: pd.DataFrame = field(default_factory=lambda: _empty(NUMBER_BIN_COLUMNS))
    number_means: pd.DataFrame = field(default_factory=lambda: _empty(NUMBER_MEAN_COLUMNS))
    channels: pd.DataFrame = field(default_factory=lambda: _empty(CHANNEL_COLUMNS))
    links: pd.DataFrame = field(default_factory=lambda: _empty(LINK_COLUMNS))
    link_counts: pd.DataFrame = field(default_factory=lambda: _empty(LINK_COUNT_COLUMNS))
    actions: pd.DataFrame = field(default_factory=lambda: _empty(ACTION_COLUMNS))
    support: pd.DataFrame = field(default_factory=lambda: _empty(SUPPORT_COLUMNS))
    themes: pd.DataFrame = field(default_factory=lambda: _empty(THEME_COLUMNS))
    quotes: pd.DataFrame = field(default_factory=lambda: _empty(QUOTE_COLUMNS))
    wording_changes: pd.DataFrame = field(default_factory=lambda: _empty(WORDING_CHANGE_COLUMNS))
    about_you_question_ids: frozenset[int] = frozenset()
    response_filter: ResponseFilter = field(default_factory=ResponseFilter)
    # Every submitted response of the survey, whatever the filter (to check what it leaves out).
    everyone: int = 0
    days: pd.DataFrame = field(default_factory=lambda: _empty(DAY_COLUMNS))
    group_options: pd.DataFrame = field(default_factory=lambda: _empty(GROUP_OPTION_COLUMNS))
    group_answered: pd.DataFrame = field(default_factory=lambda: _empty(GROUP_ANSWERED_COLUMNS))


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=columns)


def _frame(connection: Connection, sql: str, columns: list[str], **params: Any) -> pd.DataFrame:
    statement = text(sql)
    for parameter in date_parameters():
        if f":{parameter.key}" in sql:
            statement = statement.bindparams(parameter)
    rows = connection.execute(statement, params).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=columns)


def _counted(
    connection: Connection, template: str, columns: list[str], where: str, params: dict
) -> pd.DataFrame:
    """Count over the chosen responses: `where` is built by ResponseFilter from constants only."""
    sql = template.replace("{where}", where).replace("{people}", _PEOPLE)
    return _frame(connection, sql, columns, **params)


def load(
    engine: Engine,
    survey_id: int,
    response_filter: ResponseFilter | None = None,
    no_answer: Placeholders | None = None,
) -> SurveyData:
    """Read one survey's structure and its answers, counted in the database.

    Free-text answers that match `no_answer` ("n/a", "did not answer") count as no answer.
    """
    chosen = response_filter or ResponseFilter()
    with engine.connect() as connection:
        survey = survey_frame(connection, survey_id)
        structure = {
            "principles": principles_frame(connection, survey_id),
            "questions": questions_frame(connection, survey_id),
            "tags": tags_frame(connection, survey_id),
            "options": options_frame(connection, survey_id),
            "links": links_frame(connection, survey_id),
            "actions": actions_frame(connection, survey_id),
            "wording_changes": wording_changes_frame(connection, survey_id),
        }
        _check_partner(structure["links"], chosen)
        counts = _counts(connection, survey_id, chosen, no_answer or Placeholders.of())
    questions = structure["questions"]
    about_you = frozenset(
        int(q) for q in questions.loc[questions.section == ABOUT_YOU, "question_id"]
    )
    return SurveyData(
        survey=survey,
        **structure,
        **counts,
        about_you_question_ids=about_you,
        response_filter=chosen,
    )


def _counts(
    connection: Connection, survey_id: int, chosen: ResponseFilter, no_answer: Placeholders
) -> dict:
    where = _RESPONSES + chosen.where()
    params = {"survey_id": survey_id, **chosen.parameters()}
    split = answer_counts.split(
        answer_counts_frame(connection, where, params),
        multiple_choice_totals_frame(connection, where, params),
    )
    short = short_free_text_frame(connection, where, {**params, "longest": no_answer.longest})
    split["question_totals"] = placeholders.without(split["question_totals"], short, no_answer)
    return {
        **split,
        "totals": totals(connection, where, params),
        "channels": channels_frame(connection, where, params),
        "link_counts": link_counts_frame(connection, where, params),
        "support": support_frame(connection, where, params),
        "themes": themes_frame(connection, where, params),
        "quotes": placeholders.without_quotes(quotes_frame(connection, where, params), no_answer),
        "days": days_frame(connection, where, params),
        "group_options": group_options_frame(connection, where, params),
        "group_answered": _without_placeholders(
            group_answered_frame(connection, where, params),
            group_short_text_frame(connection, where, {**params, "longest": no_answer.longest}),
            no_answer,
        ),
        "everyone": int(totals(connection, _RESPONSES, {"survey_id": survey_id}).responses),
    }


def _without_placeholders(
    answered: pd.DataFrame, short_texts: pd.DataFrame, no_answer: Placeholders
) -> pd.DataFrame:
    """Return `group_answered_frame` with placeholder free-text answers taken off."""
    said_nothing = short_texts[[no_answer.matches(text) for text in short_texts.text]]
    if said_nothing.empty:
        return answered
    taken_off: dict[tuple, int] = {}
    for row in said_nothing.itertuples():
        key = _group_key(row)
        taken_off[key] = taken_off.get(key, 0) + int(row.answers)
    frame = answered.copy()
    frame["responses"] = [
        max(int(row.responses) - taken_off.get(_group_key(row), 0), 0)
        for row in answered.itertuples()
    ]
    return frame[GROUP_ANSWERED_COLUMNS].astype({"responses": "int64"})


def _group_key(row: Any) -> tuple:
    link = None if pd.isna(row.link_id) else int(row.link_id)
    return int(row.question_id), str(row.channel), link


def _check_partner(links: pd.DataFrame, chosen: ResponseFilter) -> None:
    if chosen.partner_code and chosen.partner_code not in set(links.code):
        raise LookupError(f"This survey has no partner link with the code {chosen.partner_code!r}")
    if chosen.partner_id is not None and chosen.partner_id not in set(links.partner_id):
        raise LookupError(f"This survey has no links for partner {chosen.partner_id}")


def answer_counts_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return answer rows counted per question, option and band of numbers, in one pass."""
    return _counted(
        connection,
        "SELECT a.question_id, a.option_id, CASE {bands} END AS band, COUNT(*), "
        "SUM(a.number_value), SUM(r.people_count) FROM answer a "
        "JOIN response r ON r.id = a.response_id "
        "WHERE {where} GROUP BY a.question_id, a.option_id, band".replace("{bands}", _BANDS),
        ANSWER_COUNT_COLUMNS,
        where,
        params,
    )


def short_free_text_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return the short free-text answers of each question, counted: the possible placeholders."""
    return _counted(
        connection,
        "SELECT a.question_id, a.text_value, COUNT(*) FROM question q "
        "CROSS JOIN answer a CROSS JOIN response r WHERE q.survey_id = :survey_id "
        "AND q.kind = 'free_text' AND a.question_id = q.id AND r.id = a.response_id "
        "AND a.text_value IS NOT NULL AND LENGTH(TRIM(a.text_value)) <= :longest "
        "AND {where} GROUP BY a.question_id, a.text_value",
        placeholders.SHORT_TEXT_COLUMNS,
        where,
        params,
    )


def multiple_choice_totals_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return how many responses answered each multiple-choice question (several rows each).

    CROSS JOIN keeps SQLite's join order: only those questions' answers are read.
    """
    return _counted(
        connection,
        "SELECT d.question_id, COUNT(*), SUM(d.people_count) FROM (SELECT DISTINCT "
        "a.question_id, r.id, r.people_count FROM question q "
        "CROSS JOIN answer a CROSS JOIN response r WHERE q.survey_id = :survey_id "
        "AND q.kind = 'multiple_choice' AND a.question_id = q.id AND r.id = a.response_id "
        "AND {where}) d GROUP BY d.question_id",
        QUESTION_TOTAL_COLUMNS,
        where,
        params,
    )


def totals(connection: Connection, where: str, params: dict) -> pd.Series:
    """Return the number of responses, the people they speak for, and first and last times."""
    frame = _counted(
        connection,
        "SELECT COUNT(*), {people}, MIN(r.submitted_at), "
        "MAX(r.submitted_at) FROM response r WHERE {where}",
        TOTAL_COLUMNS,
        where,
        params,
    )
    return frame.iloc[0]


def channels_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return responses and people per channel."""
    return _counted(
        connection,
        "SELECT r.channel, COUNT(*), {people} FROM response r WHERE {where} GROUP BY r.channel",
        CHANNEL_COLUMNS,
        where,
        params,
    )


def link_counts_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return responses and people per partner link (no link: a null link id)."""
    return _counted(
        connection,
        "SELECT r.partner_link_id, COUNT(*), {people} FROM response r "
        "WHERE {where} GROUP BY r.partner_link_id",
        LINK_COUNT_COLUMNS,
        where,
        params,
    )


def days_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return responses per day sent (the database's day, UTC), for the chart over time."""
    return _counted(
        connection,
        "SELECT DATE(r.submitted_at) AS day, COUNT(*) FROM response r WHERE {where} "
        "GROUP BY DATE(r.submitted_at) ORDER BY day",
        DAY_COLUMNS,
        where,
        params,
    )


def group_options_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return answers per option of each ordered question, by channel and partner link."""
    return _counted(
        connection,
        "SELECT a.question_id, a.option_id, r.channel, r.partner_link_id, COUNT(*) "
        "FROM question q CROSS JOIN answer a CROSS JOIN response r "
        "WHERE q.survey_id = :survey_id AND q.kind = 'smiley_scale' AND a.question_id = q.id "
        "AND r.id = a.response_id AND a.option_id IS NOT NULL AND {where} "
        "GROUP BY a.question_id, a.option_id, r.channel, r.partner_link_id",
        GROUP_OPTION_COLUMNS,
        where,
        params,
    )


def group_answered_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return how many responses answered each question, by channel and partner link."""
    return _counted(
        connection,
        "SELECT a.question_id, r.channel, r.partner_link_id, COUNT(DISTINCT r.id) "
        "FROM question q CROSS JOIN answer a CROSS JOIN response r "
        "WHERE q.survey_id = :survey_id AND a.question_id = q.id AND r.id = a.response_id "
        "AND {where} GROUP BY a.question_id, r.channel, r.partner_link_id",
        GROUP_ANSWERED_COLUMNS,
        where,
        params,
    )


def group_short_text_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return the short free-text answers (possible placeholders) by channel and partner link."""
    return _counted(
        connection,
        "SELECT a.question_id, r.channel, r.partner_link_id, a.text_value, COUNT(*) "
        "FROM question q CROSS JOIN answer a CROSS JOIN response r WHERE q.survey_id = :survey_id "
        "AND q.kind = 'free_text' AND a.question_id = q.id AND r.id = a.response_id "
        "AND a.text_value IS NOT NULL AND LENGTH(TRIM(a.text_value)) <= :longest AND {where} "
        "GROUP BY a.question_id, r.channel, r.partner_link_id, a.text_value",
        GROUP_SHORT_TEXT_COLUMNS,
        where,
        params,
    )


def support_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return responses and people by how they answered: alone, helped, answered for them."""
    return _counted(
        connection,
        "SELECT r.support, COUNT(*), {people} FROM response r WHERE {where} GROUP BY r.support",
        SUPPORT_COLUMNS,
        where,
        params,
    )


def themes_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return, per question and accepted theme, how many answers staff gave that theme.

    CROSS JOIN keeps SQLite's join order: from the survey's few themes out to their answers,
    not from every response in. PostgreSQL plans it as an ordinary join.
    """
    return _counted(
        connection,
        "SELECT a.question_id, t.id, t.name, COUNT(DISTINCT a.id) FROM theme t "
        "CROSS JOIN answer_theme ant CROSS JOIN answer a CROSS JOIN response r "
        "WHERE ant.theme_id = t.id AND a.id = ant.answer_id AND r.id = a.response_id "
        "AND {where} AND t.survey_id = :survey_id "
        "AND t.status = 'accepted' GROUP BY a.question_id, t.id, t.name "
        "ORDER BY a.question_id, COUNT(DISTINCT a.id) DESC, t.name",
        THEME_COLUMNS,
        where,
        params,
    )


def quotes_frame(connection: Connection, where: str, params: dict) -> pd.DataFrame:
    """Return the approved, redacted quotes of each question, oldest first (quotes drive)."""
    frame = _counted(
        connection,
        "SELECT a.question_id, q.id, q.redacted_text FROM quote q "
        "CROSS JOIN answer a CROSS JOIN response r WHERE a.id = q.answer_id "
        "AND r.id = a.response_id AND {where} AND q.approved = :approved "
        "ORDER BY a.question_id, q.approved_at, q.id",
        QUOTE_COLUMNS,
        where,
        {**params, "approved": True},
    )
    return frame.groupby("question_id").head(MAX_QUOTES)
