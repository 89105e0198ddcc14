"""Each process keeps one loaded copy of every open survey it serves, so a resident's page
reads only their draft (issue 13).

An open survey's questions, options, pictures, branching and words change only through the
builder, and every builder change (translations included) bumps `Survey.version`. A copy is
kept under the survey's id, version and creation time, loaded once with everything a journey
reads and then detached from any session: a commit cannot expire it, and nothing a request
does is written through it. Treat it as read-only.

Per request there is no query for the survey while its copy was checked less than
`SURVEY_CHECK_SECONDS` ago (default 2 s). After that one small query reads the survey's id,
version, creation time, status and dates by slug; the copy is reloaded only when they
differ. So a change made on one worker reaches every other within that time, and
`fresh=True` (sending answers) always checks, so closing a survey stops every worker storing
answers at once. Its dates (opening, closing) are applied to the copy on every request.
"""

import threading
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import Question, Survey

# What tells one copy from the next. Status and dates are read too, though every change to
# them bumps the version, so a survey closed by any other means is still closed at once.
KEY_COLUMNS = (
    Survey.id,
    Survey.version,
    Survey.created_at,
    Survey.status,
    Survey.opens_on,
    Survey.closes_on,
)
_lock = threading.Lock()
_copies: dict[str, "_Copy"] = {}


@dataclass
class _Copy:
    key: tuple
    survey: Survey
    checked_at: float


def survey_by_slug(slug: str, *, fresh: bool = False) -> Survey | None:
    """Return the loaded copy of the survey with this slug, or None when there is none."""
    copy = _copies.get(slug)
    if copy and not _untouched(copy.survey):
        copy = None
    now = time.monotonic()
    if copy and not fresh and now - copy.checked_at < current_app.config["SURVEY_CHECK_SECONDS"]:
        return copy.survey
    key = _current_key(slug)
    if key is None:
        _copies.pop(slug, None)
        return None
    if copy is None or copy.key != key:
        copy = _Copy(key, _load(slug), now)
    copy.checked_at = now
    with _lock:
        _copies[slug] = copy
    return copy.survey


def _untouched(survey: Survey) -> bool:
    """Say whether a copy is still detached with nothing expired.

    A copy handed to a new row (`Kiosk(survey=copy)`) joins that request's session by
    cascade, and its commit expires every attribute: a detached copy could then never load
    them again, so it is loaded afresh instead.
    """
    state = inspect(survey)
    return state.session_id is None and not state.expired_attributes


def forget_all() -> None:
    """Drop every copy (tests empty the database between them)."""
    with _lock:
        _copies.clear()


def _current_key(slug: str) -> tuple | None:
    row = db.session.execute(select(*KEY_COLUMNS).where(Survey.slug == slug)).first()
    return tuple(row) if row else None


def _load(slug: str) -> Survey:
    # A session of its own, closed at once: its objects leave detached, with every attribute
    # a journey reads already loaded, and the request's session never holds them.
    with Session(db.engine, expire_on_commit=False) as session:
        survey = session.scalar(
            select(Survey)
            .where(Survey.slug == slug)
            .options(
                selectinload(Survey.framework),
                selectinload(Survey.questions).selectinload(Question.options),
                selectinload(Survey.questions).selectinload(Question.principles),
            )
        )
        for question in survey.questions:
            # Back references, set now: a detached copy cannot load them later.
            set_committed_value(question, "survey", survey)
            for option in question.options:
                set_committed_value(option, "question", question)
    return survey
