"""Corrections to a survey's words made after people had started answering: the frame and
the report's plain values.

The method section lists each one (when, which question, old and new words, why), so a
reader knows what residents saw. Who made it is kept in the app's audit log, not printed.
Flask-free, like the rest of `reports`.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import text
from sqlalchemy.engine import Connection

from reports.dates import london_date

WORDING_CHANGE_COLUMNS = ["entity", "field", "question", "old_text", "new_text", "reason", "at"]

_FIELD_WORDS = {
    "title": "title",
    "easy_read_title": "easy-read title",
    "intro": "introduction",
    "easy_read_intro": "easy-read introduction",
    "contact": "contact line",
    "text": "question",
    "easy_read_text": "easy-read question",
    "hint": "hint",
    "label": "answer",
    "easy_read_label": "easy-read answer",
}


@dataclass(frozen=True)
class WordingChange:
    """One correction, as the report prints it."""

    changed_on: date
    where: str
    old_text: str
    new_text: str
    reason: str


def wording_changes_frame(connection: Connection, survey_id: int) -> pd.DataFrame:
    """Return the survey's recorded word corrections, oldest first, with question numbers."""
    rows = connection.execute(
        text(
            "SELECT w.entity, w.field, COALESCE(q.position, oq.position), w.old_text, "
            "w.new_text, w.reason, w.changed_at FROM wording_change w "
            "LEFT JOIN question q ON w.entity = 'question' AND q.id = w.entity_id "
            "LEFT JOIN option o ON w.entity = 'option' AND o.id = w.entity_id "
            "LEFT JOIN question oq ON oq.id = o.question_id "
            "WHERE w.survey_id = :survey_id ORDER BY w.changed_at, w.id"
        ),
        {"survey_id": survey_id},
    ).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=WORDING_CHANGE_COLUMNS)


def wording_changes(frame: pd.DataFrame) -> list[WordingChange]:
    """Return the corrections as the method section lists them."""
    return [
        WordingChange(
            changed_on=london_date(row.at),
            where=_where(row.entity, row.field, row.question),
            old_text=row.old_text,
            new_text=row.new_text,
            reason=row.reason,
        )
        for row in frame.itertuples()
    ]


def _where(entity: str, field: str, question: object) -> str:
    what = _FIELD_WORDS.get(field, field)
    if entity == "survey" or pd.isna(question):
        return f"The survey's {what}"
    return f"Question {int(question)}: the {what}"
