"""Themes: staff name a survey's themes, merge them, and accept or reject Heard's suggestions.

Each public function that writes is one transaction (`@transactional`). Theme names are unique
in a survey, ignoring case. Suggestions come from the pure, offline `theme_suggestions`, over
the answers `free_text` lists (never a placeholder answer, never an "about you" answer); a
rejected suggestion is kept as a theme with status `REJECTED` so it is not offered again.
Which themes an answer has is `free_text.set_answer_themes`; many answers at once is `coding`.
"""

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, literal, select, update

from app.extensions import db
from app.models import Action, Theme, answer_theme
from app.models.theme import ThemeStatus
from app.services import audit, surveys, theme_suggestions
from app.services.errors import NotFound, ServiceError
from app.services.free_text import answered_query
from app.services.theme_suggestions import Suggestion
from app.services.transactions import flush_or_refuse, transactional

NAME_LENGTH = 120
ACCEPTED, REJECTED = ThemeStatus.ACCEPTED, ThemeStatus.REJECTED


@dataclass(frozen=True)
class ThemeSummary:
    """An accepted theme and how many answers have it."""

    theme: Theme
    answers: int


def list_themes(survey_id: int) -> list[ThemeSummary]:
    """Return a survey's accepted themes by name, each with its number of answers."""
    rows = db.session.execute(
        select(Theme, func.count(answer_theme.c.answer_id))
        .outerjoin(answer_theme, answer_theme.c.theme_id == Theme.id)
        .where(Theme.survey_id == survey_id, Theme.status == ACCEPTED)
        .group_by(Theme.id)
        .order_by(func.lower(Theme.name))
    )
    return [ThemeSummary(theme, count) for theme, count in rows]


def get_theme(survey_id: int, theme_id: int) -> Theme:
    """Return an accepted theme of this survey, or raise NotFound."""
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.survey_id != survey_id or theme.status != ACCEPTED:
        raise NotFound("We cannot find this theme")
    return theme


@transactional
def create_theme(survey_id: int, name: str) -> Theme:
    """Add an accepted theme to a survey."""
    surveys.get_survey(survey_id)
    theme = _add_accepted(survey_id, _clean_name(name))
    _record("theme.create", theme, name=theme.name)
    return theme


@transactional
def rename_theme(survey_id: int, theme_id: int, name: str) -> Theme:
    """Give a theme a new name."""
    theme = get_theme(survey_id, theme_id)
    name = _clean_name(name)
    other = _find_by_name(survey_id, name)
    if other is not None and other.id != theme.id:
        if other.status == ACCEPTED:
            raise ServiceError(f"There is already a theme called “{other.name}”", field="name")
        db.session.delete(other)
        db.session.flush()
    old_name, theme.name = theme.name, name
    _flush_name()
    _record("theme.rename", theme, old=old_name, new=name)
    return theme


@transactional
def merge_themes(survey_id: int, *, source_id: int, target_id: int) -> Theme:
    """Move the answers and actions of one theme to another, and delete the first."""
    if source_id == target_id:
        raise ServiceError("Choose two different themes", field="target_id")
    source, target = get_theme(survey_id, source_id), get_theme(survey_id, target_id)
    already = select(answer_theme.c.answer_id).where(answer_theme.c.theme_id == target.id)
    moving = select(answer_theme.c.answer_id, literal(target.id)).where(
        answer_theme.c.theme_id == source.id, answer_theme.c.answer_id.not_in(already)
    )
    db.session.execute(insert(answer_theme).from_select(["answer_id", "theme_id"], moving))
    db.session.execute(delete(answer_theme).where(answer_theme.c.theme_id == source.id))
    db.session.execute(
        update(Action).where(Action.theme_id == source.id).values(theme_id=target.id)
    )
    _record("theme.merge", target, merged=source.name, merged_id=source.id)
    db.session.delete(source)
    return target


def _record(action: str, theme: Theme, **details: object) -> None:
    audit.record(
        audit.current_actor(), action, subject="theme", subject_id=theme.id,
        survey_id=theme.survey_id, **details,
    )  # fmt: skip


def suggest(survey_id: int, *, limit: int = 10) -> list[Suggestion]:
    """Suggest themes from a survey's free-text answers, leaving out every name it already has."""
    surveys.get_survey(survey_id)
    text = answered_query(survey_id).subquery().c.text_value
    counts = db.session.execute(
        select(text, func.count())
        .group_by(text)
        .order_by(func.count().desc(), text)
        .limit(theme_suggestions.MAX_ANSWERS)
    ).all()
    names = db.session.scalars(select(Theme.name).where(Theme.survey_id == survey_id))
    return theme_suggestions.suggest_from_counts(dict(counts), exclude=list(names), limit=limit)


@transactional
def accept_suggestion(survey_id: int, phrase: str, name: str = "") -> Theme:
    """Make a suggestion an accepted theme, renamed if `name` is given.

    A suggestion accepted under another name is also kept as rejected, so it is not offered again.
    """
    surveys.get_survey(survey_id)
    phrase = _clean_name(phrase, field="phrase")
    name = _clean_name(name or phrase)
    theme = _add_accepted(survey_id, name)
    covered = f" {theme_suggestions.normalise(phrase)} " in f" {theme_suggestions.normalise(name)} "
    if not covered and _find_by_name(survey_id, phrase) is None:
        db.session.add(Theme(survey_id=survey_id, name=phrase, status=REJECTED))
        _flush_name()
    _record("theme.accept-suggestion", theme, phrase=phrase, name=name)
    return theme


@transactional
def reject_suggestion(survey_id: int, phrase: str) -> None:
    """Remember that staff rejected a suggestion, so it is not offered again."""
    surveys.get_survey(survey_id)
    phrase = _clean_name(phrase, field="phrase")
    if _find_by_name(survey_id, phrase) is None:
        db.session.add(Theme(survey_id=survey_id, name=phrase, status=REJECTED))
        _flush_name()
    audit.record(
        audit.current_actor(), "theme.reject-suggestion", subject="theme", survey_id=survey_id,
        phrase=phrase,
    )  # fmt: skip


def _clean_name(name: str, *, field: str = "name") -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError("Enter a name for the theme", field=field)
    if len(name) > NAME_LENGTH:
        raise ServiceError(
            f"The name of a theme must be {NAME_LENGTH} characters or fewer", field=field
        )
    return name


def _add_accepted(survey_id: int, name: str) -> Theme:
    """Add an accepted theme, or accept a rejected one of the same name."""
    theme = _find_by_name(survey_id, name)
    if theme is not None and theme.status == ACCEPTED:
        raise ServiceError(f"There is already a theme called “{theme.name}”", field="name")
    if theme is None:
        theme = Theme(survey_id=survey_id, name=name)
        db.session.add(theme)
    theme.name, theme.status = name, ACCEPTED
    _flush_name()
    return theme


def _find_by_name(survey_id: int, name: str) -> Theme | None:
    return db.session.scalar(
        select(Theme).where(
            Theme.survey_id == survey_id, func.lower(Theme.name) == func.lower(name)
        )
    )


def _flush_name() -> None:
    """Write a new or changed name now, so two people adding it at once get a message."""
    flush_or_refuse("There is already a theme with this name", field="name")
