"""Coding many answers at once: accept a suggestion, or give ticked answers a theme, and undo it.

Accepting a suggestion codes every free-text answer that uses its words or a near form of
them ("wait times" codes "waiting time"). Each of these is one `CodingBatch` that lists the
answers it coded, so staff can review them and undo the whole batch: the answers that already
had the theme keep it, and a theme the batch made goes again. Every write is one transaction
and one audit row. Placeholder answers ("n/a") are never coded (`free_text.placeholders`).
"""

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select

from app.extensions import db
from app.models import Action, Answer, CodingBatch, Theme, answer_theme, coding_batch_answer
from app.models.base import utc_now
from app.models.theme import ThemeStatus
from app.services import audit, free_text, theme_suggestions, themes
from app.services.errors import NotFound, ServiceError
from app.services.transactions import transactional

# The most answers one ticked page may code at once (a page shows 50).
MAX_TICKED = 200
REVIEW_PAGE_SIZE = 50


@dataclass(frozen=True)
class BatchReview:
    """A coding batch, its theme's name, and a page of the answers it coded."""

    batch: CodingBatch
    theme_name: str
    answers: list[tuple[int, str]]
    has_next: bool


@transactional
def accept_suggestion(
    survey_id: int, phrase: str, name: str = "", *, by: audit.Actor
) -> CodingBatch:
    """Make a suggestion a theme and give it to every answer that uses the suggestion's words."""
    theme = themes.accept_suggestion(survey_id, phrase, name)
    phrase = " ".join(phrase.split())
    rows = db.session.execute(
        free_text.answered_query(survey_id, columns=(Answer.id, Answer.text_value))
    ).all()
    matching = [answer_id for answer_id, text in rows if theme_suggestions.mentions(text, phrase)]
    return _code(survey_id, theme, matching, by=by, phrase=phrase, created_theme=True)


@transactional
def code_answers(
    survey_id: int, answer_ids: list[int], theme_id: int | None, *, by: audit.Actor
) -> CodingBatch:
    """Give one theme to all the answers ticked on a page."""
    if theme_id is None:
        raise ServiceError("Choose a theme for the ticked answers", field="theme_id")
    wanted = sorted(set(answer_ids))
    if not wanted:
        raise ServiceError("Tick the answers to give the theme to", field="answer_ids")
    if len(wanted) > MAX_TICKED:
        raise ServiceError(f"Tick {MAX_TICKED} answers or fewer at once", field="answer_ids")
    theme = themes.get_theme(survey_id, theme_id)
    found = set(
        db.session.scalars(
            free_text.answered_query(survey_id, columns=(Answer.id,)).where(Answer.id.in_(wanted))
        )
    )
    if found != set(wanted):
        raise ServiceError(
            "Some ticked answers are not answers of this survey that can be coded",
            field="answer_ids",
        )
    return _code(survey_id, theme, wanted, by=by)


@transactional
def undo(survey_id: int, batch_id: int, *, by: audit.Actor) -> bool:
    """Take a batch's theme off the answers it coded; return True if its theme went too.

    A theme the batch made is removed again when no other answer or action uses it, so its
    suggestion is offered again.
    """
    batch = get_batch(survey_id, batch_id)
    if batch.undone_at is not None:
        raise ServiceError("This has already been undone", field="undo")
    coded = select(coding_batch_answer.c.answer_id).where(
        coding_batch_answer.c.batch_id == batch.id
    )
    db.session.execute(
        delete(answer_theme).where(
            answer_theme.c.theme_id == batch.theme_id, answer_theme.c.answer_id.in_(coded)
        )
    )
    audit.record(
        by, "theme.undo-coding", subject="coding_batch", subject_id=batch.id, survey_id=survey_id,
        theme_id=batch.theme_id, answers=batch.answers,
    )  # fmt: skip
    theme = db.session.get(Theme, batch.theme_id)
    if batch.created_theme and theme is not None and not _in_use(theme):
        # The batch goes with the theme it made; the audit row says what happened.
        db.session.expunge(batch)
        db.session.execute(delete(CodingBatch).where(CodingBatch.id == batch_id))
        _forget_suggestion(survey_id, theme, batch.phrase)
        return True
    batch.undone_at = utc_now()
    return False


def get_batch(survey_id: int, batch_id: int) -> CodingBatch:
    """Return one of the survey's coding batches, or raise NotFound."""
    batch = db.session.get(CodingBatch, batch_id)
    if batch is None or batch.survey_id != survey_id:
        raise NotFound("We cannot find these coded answers")
    return batch


def review(survey_id: int, batch_id: int, *, after: int = 0) -> BatchReview:
    """Return a coding batch with a page of the answers it coded, in answer order."""
    batch = get_batch(survey_id, batch_id)
    rows = db.session.execute(
        select(Answer.id, Answer.text_value)
        .join(coding_batch_answer, coding_batch_answer.c.answer_id == Answer.id)
        .where(coding_batch_answer.c.batch_id == batch.id, Answer.id > after)
        .order_by(Answer.id)
        .limit(REVIEW_PAGE_SIZE + 1)
    ).all()
    theme_name = db.session.scalar(select(Theme.name).where(Theme.id == batch.theme_id)) or ""
    answers = [(answer_id, text or "") for answer_id, text in rows[:REVIEW_PAGE_SIZE]]
    return BatchReview(batch, theme_name, answers, has_next=len(rows) > REVIEW_PAGE_SIZE)


def _code(
    survey_id: int,
    theme: Theme,
    answer_ids: list[int],
    *,
    by: audit.Actor,
    phrase: str = "",
    created_theme: bool = False,
) -> CodingBatch:
    """Give a theme to the answers that do not have it yet, as one batch, with an audit row."""
    had = set(
        db.session.scalars(
            select(answer_theme.c.answer_id).where(answer_theme.c.theme_id == theme.id)
        )
    )
    new = [answer_id for answer_id in answer_ids if answer_id not in had]
    batch = CodingBatch(
        survey_id=survey_id,
        theme_id=theme.id,
        phrase=phrase[: themes.NAME_LENGTH],
        created_theme=created_theme,
        answers=len(new),
        created_by_id=by.user_id,
    )
    db.session.add(batch)
    db.session.flush()
    if new:
        db.session.execute(
            insert(answer_theme), [{"answer_id": a, "theme_id": theme.id} for a in new]
        )
        db.session.execute(
            insert(coding_batch_answer), [{"batch_id": batch.id, "answer_id": a} for a in new]
        )
    audit.record(
        by, "theme.code-answers", subject="coding_batch", subject_id=batch.id, survey_id=survey_id,
        theme_id=theme.id, theme=theme.name, phrase=phrase, answers=len(new),
    )  # fmt: skip
    return batch


def _in_use(theme: Theme) -> bool:
    answers = db.session.scalar(
        select(func.count()).select_from(answer_theme).where(answer_theme.c.theme_id == theme.id)
    )
    actions = db.session.scalar(
        select(func.count()).select_from(Action).where(Action.theme_id == theme.id)
    )
    return bool(answers or actions)


def _forget_suggestion(survey_id: int, theme: Theme, phrase: str) -> None:
    """Remove a theme a batch made, and the note that kept its suggestion from coming back."""
    for name in {theme.name, phrase}:
        found = db.session.scalar(
            select(Theme).where(
                Theme.survey_id == survey_id, func.lower(Theme.name) == func.lower(name)
            )
        )
        if found is not None and (found.id == theme.id or found.status == ThemeStatus.REJECTED):
            db.session.delete(found)
