"""A survey's structure as small pandas frames: the survey, its framework's principles, its
questions and their principle tags, answer options, partner links and "you said, we did"
actions. Read once per report, whatever the filter; `reports.frames` counts the answers.

No Flask, no `app` imports.
"""

from typing import Any

import pandas as pd
from sqlalchemy import text
from sqlalchemy.engine import Connection

SURVEY_COLUMNS = [
    "id", "slug", "title", "easy_read_title", "opens_on", "closes_on", "framework_title",
    "framework_source",
]  # fmt: skip
PRINCIPLE_COLUMNS = ["principle_id", "position", "title", "easy_read_title", "picture_key"]
QUESTION_COLUMNS = [
    "question_id", "position", "kind", "text", "easy_read_text", "required", "picture_key",
    "section",
]  # fmt: skip
TAG_COLUMNS = ["question_id", "principle_id"]
OPTION_COLUMNS = [
    "option_id", "question_id", "position", "label", "easy_read_label", "picture_key",
]  # fmt: skip
LINK_COLUMNS = ["link_id", "code", "label", "partner_id", "partner_name"]
ACTION_COLUMNS = [
    "action_id", "principle_id", "title", "you_said", "we_did", "status", "action_date", "theme",
]  # fmt: skip


def _structure(connection: Connection, sql: str, columns: list[str], **params: Any) -> pd.DataFrame:
    rows = connection.execute(text(sql), params).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=columns)


def survey_frame(connection: Connection, survey_id: int) -> pd.Series:
    """Return the survey and its framework's title and source."""
    frame = _structure(
        connection,
        "SELECT s.id, s.slug, s.title, s.easy_read_title, s.opens_on, s.closes_on, f.title, "
        "f.source FROM survey s JOIN framework f ON f.id = s.framework_id WHERE s.id = :survey_id",
        SURVEY_COLUMNS,
        survey_id=survey_id,
    )
    if frame.empty:
        raise LookupError(f"There is no survey {survey_id}")
    return frame.iloc[0]


def principles_frame(connection: Connection, survey_id: int) -> pd.DataFrame:
    """Return the principles of the survey's framework, in the framework's order."""
    return _structure(
        connection,
        "SELECT p.id, p.position, p.title, p.easy_read_title, p.picture_key FROM principle p "
        "JOIN survey s ON s.framework_id = p.framework_id WHERE s.id = :survey_id "
        "ORDER BY p.position",
        PRINCIPLE_COLUMNS,
        survey_id=survey_id,
    )


def questions_frame(connection: Connection, survey_id: int) -> pd.DataFrame:
    """Return the survey's questions in order."""
    return _structure(
        connection,
        "SELECT id, position, kind, text, easy_read_text, required, picture_key, section "
        "FROM question "
        "WHERE survey_id = :survey_id ORDER BY position",
        QUESTION_COLUMNS,
        survey_id=survey_id,
    )


def tags_frame(connection: Connection, survey_id: int) -> pd.DataFrame:
    """Return which principles each question serves."""
    return _structure(
        connection,
        "SELECT qp.question_id, qp.principle_id FROM question_principle qp "
        "JOIN question q ON q.id = qp.question_id WHERE q.survey_id = :survey_id",
        TAG_COLUMNS,
        survey_id=survey_id,
    )


def options_frame(connection: Connection, survey_id: int) -> pd.DataFrame:
    """Return every answer option of the survey, in question and option order."""
    return _structure(
        connection,
        # An answer with no easy-read words of its own reads the same in both editions.
        "SELECT o.id, o.question_id, o.position, o.label, "
        "COALESCE(NULLIF(o.easy_read_label, ''), o.label), o.picture_key "
        "FROM option o JOIN question q ON q.id = o.question_id WHERE q.survey_id = :survey_id "
        "ORDER BY q.position, o.position",
        OPTION_COLUMNS,
        survey_id=survey_id,
    )


def links_frame(connection: Connection, survey_id: int) -> pd.DataFrame:
    """Return the survey's partner links with their partners' names."""
    return _structure(
        connection,
        "SELECT pl.id, pl.code, pl.label, p.id, p.name FROM partner_link pl "
        "JOIN partner p ON p.id = pl.partner_id WHERE pl.survey_id = :survey_id "
        "ORDER BY p.name, pl.id",
        LINK_COLUMNS,
        survey_id=survey_id,
    )


def actions_frame(connection: Connection, survey_id: int) -> pd.DataFrame:
    """Return the survey's "you said, we did" actions, oldest first."""
    return _structure(
        connection,
        "SELECT a.id, a.principle_id, a.title, a.you_said, a.we_did, a.status, a.action_date, "
        "t.name FROM action a LEFT JOIN theme t ON t.id = a.theme_id "
        "WHERE a.survey_id = :survey_id ORDER BY a.action_date, a.id",
        ACTION_COLUMNS,
        survey_id=survey_id,
    )
