"""Free-text answers as staff code them: paged, filtered, and given themes one at a time.

Only the answers to main free-text questions are listed: "about you" answers are
special-category data and are never themed or quoted. Placeholder answers ("n/a", "Did not
answer": the `FREE_TEXT_PLACEHOLDERS` setting, matched by `reports.placeholders`) count as no
answer: they are never listed, themed, quoted or suggested from. Answers are paged by id, so
every page costs the same. Residents' own words are personal data: each page read is audited.
"""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import Select, and_, delete, func, insert, select

from app.extensions import db
from app.models import Answer, Question, QuestionKind, Quote, Response, Theme, answer_theme
from app.models.theme import ThemeStatus
from app.services import audit
from app.services.errors import NotFound, ServiceError
from app.services.transactions import transactional
from reports.placeholders import Placeholders
from reports.placeholders import parse as parse_placeholders

PAGE_SIZE = 50
# Words of a search beyond this many are ignored.
SEARCH_WORDS = 10


@dataclass(frozen=True)
class FreeTextAnswer:
    """One free-text answer as staff code it: its words, its themes, and whether it is a quote."""

    id: int
    question: str
    text: str
    theme_ids: frozenset[int]
    quote_id: int | None
    quote_approved: bool


@dataclass(frozen=True)
class AnswerPage:
    """One page of free-text answers, in answer order, paged by the first and last answer's id.

    Paging by id (not by counting rows to skip) keeps the last page of 10,000 answers as quick
    as the first.
    """

    answers: list[FreeTextAnswer]
    # How many answers match, and how many of them come before this page.
    total: int
    before: int
    has_previous: bool
    has_next: bool

    @property
    def first_id(self) -> int | None:
        """Return the id of the page's first answer (the previous page ends before it)."""
        return self.answers[0].id if self.answers else None

    @property
    def last_id(self) -> int | None:
        """Return the id of the page's last answer (the next page starts after it)."""
        return self.answers[-1].id if self.answers else None


@dataclass(frozen=True)
class AnswerFilter:
    """Which free-text answers to list: one theme's, those with no theme, words they hold."""

    theme_id: int | None = None
    uncoded: bool = False
    search: str = ""


@transactional
def free_text_answers(
    survey_id: int,
    *,
    after: int | None = None,
    before: int | None = None,
    shown: AnswerFilter | None = None,
) -> AnswerPage:
    """Return a page of a survey's free-text answers: the first, or the one after or before an id.

    Placeholder answers ("n/a", "did not answer") are left out: they count as no answer.
    Residents' own words are personal data, so each page read goes in the audit log.
    """
    query = _filtered(answered_query(survey_id), shown or AnswerFilter())
    total = _count(query)
    if before is not None:
        page_query = query.where(Answer.id < before).order_by(Answer.id.desc())
    else:
        page_query = query.where(Answer.id > (after or 0)).order_by(Answer.id)
    rows = db.session.execute(
        page_query.add_columns(Question.text, Quote.id, Quote.approved)
        .outerjoin(Quote, Quote.answer_id == Answer.id)
        .limit(PAGE_SIZE + 1)
    ).all()
    more = len(rows) > PAGE_SIZE
    rows = sorted(rows[:PAGE_SIZE], key=lambda row: row[0])
    earlier = _count(query.where(Answer.id < rows[0][0])) if rows else 0
    themes = _themes_of([row[0] for row in rows])
    answers = [
        FreeTextAnswer(
            id=answer_id,
            question=question,
            text=text,
            theme_ids=frozenset(themes.get(answer_id, ())),
            quote_id=quote_id,
            quote_approved=bool(approved),
        )
        for answer_id, text, question, quote_id, approved in rows
    ]
    audit.record(
        audit.current_actor(), "answers.read", subject="survey", subject_id=survey_id,
        survey_id=survey_id, answers=[answer.id for answer in answers],
    )  # fmt: skip
    return AnswerPage(
        answers,
        total=total,
        before=earlier,
        has_previous=earlier > 0,
        has_next=more if before is None else earlier + len(answers) < total,
    )


def _count(query: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def _filtered(query: Select, shown: AnswerFilter) -> Select:
    if shown.theme_id is not None:
        query = query.where(
            Answer.id.in_(
                select(answer_theme.c.answer_id).where(answer_theme.c.theme_id == shown.theme_id)
            )
        )
    if shown.uncoded:
        query = query.where(Answer.id.not_in(select(answer_theme.c.answer_id)))
    for word in shown.search.split()[:SEARCH_WORDS]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Answer.text_value.ilike(f"%{escaped}%", escape="\\"))
    return query


def placeholders() -> Placeholders:
    """Return the configured placeholder answers ("n/a", "did not answer")."""
    return parse_placeholders(current_app.config.get("FREE_TEXT_PLACEHOLDERS"))


def answered_query(survey_id: int, columns: tuple = ()) -> Select:
    """Select a survey's free-text answers, leaving out the placeholders among them."""
    query = _free_text_query(survey_id, columns)
    said_nothing = placeholders()
    short = _free_text_query(survey_id).subquery().c.text_value
    texts = db.session.scalars(
        select(short).where(func.length(func.trim(short)) <= said_nothing.longest).distinct()
    )
    found = said_nothing.among(texts)
    return query.where(Answer.text_value.not_in(found)) if found else query


def get_free_text_answer(survey_id: int, answer_id: int) -> Answer:
    """Return an answer to one of the survey's main free-text questions, or raise NotFound."""
    answer = db.session.scalar(
        _free_text_query(survey_id, columns=(Answer,)).where(Answer.id == answer_id)
    )
    if answer is None:
        raise NotFound("We cannot find this answer")
    if placeholders().matches(answer.text_value):
        raise ServiceError(
            f"“{answer.text_value.strip()}” counts as no answer, so it has no themes and is "
            "never a quote",
            field=f"answer-{answer.id}",
        )
    return answer


@transactional
def set_answer_themes(survey_id: int, answer_id: int, theme_ids: list[int]) -> None:
    """Give an answer exactly these accepted themes (several, one or none)."""
    answer = get_free_text_answer(survey_id, answer_id)
    wanted = set(theme_ids)
    known = set(
        db.session.scalars(
            select(Theme.id).where(
                Theme.survey_id == survey_id,
                Theme.status == ThemeStatus.ACCEPTED,
                Theme.id.in_(wanted),
            )
        )
    )
    if wanted - known:
        raise ServiceError("Choose themes from the list", field=f"answer-{answer_id}")
    current = _themes_of([answer.id]).get(answer.id, set())
    db.session.execute(
        delete(answer_theme).where(
            answer_theme.c.answer_id == answer.id, answer_theme.c.theme_id.not_in(wanted)
        )
    )
    new = [{"answer_id": answer.id, "theme_id": theme} for theme in sorted(wanted - current)]
    if new:
        db.session.execute(insert(answer_theme), new)
    audit.record(
        audit.current_actor(), "answer.themes", subject="answer", subject_id=answer.id,
        survey_id=survey_id, themes=sorted(wanted),
    )  # fmt: skip


def _free_text_query(survey_id: int, columns: tuple = ()) -> Select:
    return (
        select(*(columns or (Answer.id, Answer.text_value)))
        .join(Response, Response.id == Answer.response_id)
        .join(Question, Question.id == Answer.question_id)
        .where(
            Response.survey_id == survey_id,
            Question.kind == QuestionKind.FREE_TEXT,
            Question.section == "main",
            and_(Answer.text_value.is_not(None), Answer.text_value != ""),
        )
    )


def _themes_of(answer_ids: list[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    if not answer_ids:
        return found
    rows = db.session.execute(
        select(answer_theme.c.answer_id, answer_theme.c.theme_id).where(
            answer_theme.c.answer_id.in_(answer_ids)
        )
    )
    for answer_id, theme_id in rows:
        found.setdefault(answer_id, set()).add(theme_id)
    return found
