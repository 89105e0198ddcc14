"""SQL → tidy pandas frames. Counting happens in the database, so a report's cost depends on
its number of questions, not its number of responses.

Each builder's columns are named in a constant beside it. No Flask, no `app` imports.
"""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import text
from sqlalchemy.engine import Engine

SURVEY_COLUMNS = ["id", "title", "opens_on", "closes_on", "framework_title", "framework_source"]
PRINCIPLE_COLUMNS = ["principle_id", "position", "title", "easy_read_title", "picture_key"]
QUESTION_COLUMNS = ["question_id", "position", "kind", "text", "easy_read_text", "required"]
TAG_COLUMNS = ["question_id", "principle_id"]
OPTION_COLUMNS = ["option_id", "question_id", "position", "label", "easy_read_label"]
OPTION_COUNT_COLUMNS = ["question_id", "option_id", "responses", "people"]
QUESTION_TOTAL_COLUMNS = ["question_id", "responses", "people"]
TOTAL_COLUMNS = ["responses", "people", "first_at", "last_at"]


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


def _frame(engine: Engine, sql: str, columns: list[str], **params) -> pd.DataFrame:
    with engine.connect() as connection:
        rows = connection.execute(text(sql), params).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=columns)


def load(engine: Engine, survey_id: int) -> SurveyData:
    """Read one survey's structure and its aggregated answers."""
    survey = _frame(
        engine,
        "SELECT s.id, s.title, s.opens_on, s.closes_on, f.title, f.source FROM survey s "
        "JOIN framework f ON f.id = s.framework_id WHERE s.id = :survey_id",
        SURVEY_COLUMNS,
        survey_id=survey_id,
    )
    if survey.empty:
        raise LookupError(f"There is no survey {survey_id}")
    return SurveyData(
        survey=survey.iloc[0],
        principles=principles_frame(engine, survey_id),
        questions=questions_frame(engine, survey_id),
        tags=_frame(
            engine,
            "SELECT qp.question_id, qp.principle_id FROM question_principle qp "
            "JOIN question q ON q.id = qp.question_id WHERE q.survey_id = :survey_id",
            TAG_COLUMNS,
            survey_id=survey_id,
        ),
        options=_frame(
            engine,
            "SELECT o.id, o.question_id, o.position, o.label, o.easy_read_label FROM option o "
            "JOIN question q ON q.id = o.question_id WHERE q.survey_id = :survey_id "
            "ORDER BY q.position, o.position",
            OPTION_COLUMNS,
            survey_id=survey_id,
        ),
        option_counts=option_counts_frame(engine, survey_id),
        question_totals=question_totals_frame(engine, survey_id),
        totals=totals(engine, survey_id),
    )


def principles_frame(engine: Engine, survey_id: int) -> pd.DataFrame:
    """Return the principles of the survey's framework, in the framework's order."""
    return _frame(
        engine,
        "SELECT p.id, p.position, p.title, p.easy_read_title, p.picture_key FROM principle p "
        "JOIN survey s ON s.framework_id = p.framework_id WHERE s.id = :survey_id "
        "ORDER BY p.position",
        PRINCIPLE_COLUMNS,
        survey_id=survey_id,
    )


def questions_frame(engine: Engine, survey_id: int) -> pd.DataFrame:
    """Return the survey's questions in order."""
    return _frame(
        engine,
        "SELECT id, position, kind, text, easy_read_text, required FROM question "
        "WHERE survey_id = :survey_id ORDER BY position",
        QUESTION_COLUMNS,
        survey_id=survey_id,
    )


def option_counts_frame(engine: Engine, survey_id: int) -> pd.DataFrame:
    """Return, per chosen option, how many responses chose it and how many people they are."""
    return _frame(
        engine,
        "SELECT a.question_id, a.option_id, COUNT(DISTINCT a.response_id), "
        "SUM(r.people_count) FROM answer a JOIN response r ON r.id = a.response_id "
        "WHERE r.survey_id = :survey_id AND a.option_id IS NOT NULL "
        "GROUP BY a.question_id, a.option_id",
        OPTION_COUNT_COLUMNS,
        survey_id=survey_id,
    )


def question_totals_frame(engine: Engine, survey_id: int) -> pd.DataFrame:
    """Return, per question, how many responses answered it and how many people they are."""
    return _frame(
        engine,
        "SELECT t.question_id, COUNT(*), SUM(t.people_count) FROM ("
        "SELECT DISTINCT a.question_id, a.response_id, r.people_count FROM answer a "
        "JOIN response r ON r.id = a.response_id WHERE r.survey_id = :survey_id) t "
        "GROUP BY t.question_id",
        QUESTION_TOTAL_COLUMNS,
        survey_id=survey_id,
    )


def totals(engine: Engine, survey_id: int) -> pd.Series:
    """Return the number of responses, the people they speak for, and first and last dates."""
    frame = _frame(
        engine,
        "SELECT COUNT(*), COALESCE(SUM(people_count), 0), MIN(submitted_at), MAX(submitted_at) "
        "FROM response WHERE survey_id = :survey_id",
        TOTAL_COLUMNS,
        survey_id=survey_id,
    )
    return frame.iloc[0]
