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

The survey's translations, in every language, are loaded with the copy and kept beside it
(`translations()`), so a Welsh or Arabic page reads no more than an English one. Saving a
translation bumps the version (services/translations.py), so the next check loads them again.
"""

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from flask import current_app
from sqlalchemy import and_, inspect, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import Question, Survey, Translation

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
# A survey's translated words in one language: (entity, entity id, field) to the words.
Words = Mapping[tuple[str, int, str], str]
_NONE: Words = MappingProxyType({})


@dataclass
class _Copy:
    key: tuple
    survey: Survey
    # Language to the survey's translated words; read-only, like the survey.
    translations: Mapping[str, Words]
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
        copy = _Copy(key, *_load(slug), now)
    copy.checked_at = now
    with _lock:
        _copies[slug] = copy
    return copy.survey


def translations(survey: Survey, language: str) -> Words | None:
    """Return the translations kept with this copy of a survey, or None if it is no copy.

    None for a survey loaded some other way (a staff preview reads the database instead), or
    for a copy that has since been replaced by a newer one.
    """
    copy = _copies.get(survey.slug)
    if copy is None or copy.survey is not survey:
        return None
    return copy.translations.get(language, _NONE)


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


def _load(slug: str) -> tuple[Survey, Mapping[str, Words]]:
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
        words = _translations(session, survey)
    return survey, words


def _translations(session: Session, survey: Survey) -> Mapping[str, Words]:
    """Read the survey's translated words in every language, in one query."""
    options = [option.id for question in survey.questions for option in question.options]
    rows = session.execute(
        select(
            Translation.language,
            Translation.entity,
            Translation.entity_id,
            Translation.field,
            Translation.text,
        ).where(
            or_(
                and_(Translation.entity == "survey", Translation.entity_id == survey.id),
                and_(
                    Translation.entity == "question",
                    Translation.entity_id.in_([question.id for question in survey.questions]),
                ),
                and_(Translation.entity == "option", Translation.entity_id.in_(options)),
            )
        )
    )
    by_language: dict[str, dict[tuple[str, int, str], str]] = {}
    for language, entity, entity_id, field, text in rows:
        by_language.setdefault(language, {})[(entity, entity_id, field)] = text
    return MappingProxyType(
        {language: MappingProxyType(words) for language, words in by_language.items()}
    )
