"""Quotes: staff mark free-text answers for publication, check the redactions, and approve them.

Heard stores only the redacted words (`reports.redaction`): e-mail addresses, phone numbers,
postcodes, National Insurance and NHS numbers and titled names become labels such as
"[name removed]". Staff may edit the words to remove more; every save is redacted again, and
a change takes the approval away. Nothing is published until a person approves it: the report
reads approved quotes only (`reports.frames.quotes_frame`). Each public function that writes is
one transaction (`@transactional`).
"""

import re
from dataclasses import dataclass

from sqlalchemy import Select, select

from app.extensions import db
from app.models import Answer, Question, Quote, Response, User
from app.models.base import utc_now
from app.services import themes
from app.services.errors import NotFound, ServiceError
from app.services.transactions import transactional
from reports.redaction import redact

TEXT_LENGTH = 2000
# Any label the redactor writes, and any a person types in the same form ("[address removed]").
_LABEL = re.compile(r"\[[^\[\]\n]{0,60}\bremoved\]")


@dataclass(frozen=True)
class Segment:
    """A run of a quote's text, and whether it stands for something removed."""

    text: str
    removed: bool


@dataclass(frozen=True)
class QuoteView:
    """A quote with what the person wrote and the question they answered."""

    quote: Quote
    original: str
    question: str
    approver: str | None = None

    @property
    def segments(self) -> list[Segment]:
        """Split the published words so each removal label can be highlighted."""
        return highlight(self.quote.redacted_text)

    @property
    def original_segments(self) -> list[Segment]:
        """Split what the person wrote so each detail the redactor found can be highlighted."""
        spans = redact(self.original).spans
        return _split(self.original, [(span.start, span.end) for span in spans])


def highlight(redacted_text: str) -> list[Segment]:
    """Split redacted words into plain runs and removal labels, in order."""
    return _split(redacted_text, [match.span() for match in _LABEL.finditer(redacted_text)])


@transactional
def mark_as_quote(survey_id: int, answer_id: int) -> Quote:
    """Make a free-text answer a quote with its personal details removed.

    Marking an answer that is already a quote returns that quote unchanged.
    """
    answer = themes.get_free_text_answer(survey_id, answer_id)
    quote = db.session.scalar(select(Quote).where(Quote.answer_id == answer.id))
    if quote is None:
        quote = Quote(answer_id=answer.id, redacted_text=redact(answer.text_value or "").text)
        db.session.add(quote)
    return quote


def list_quotes(survey_id: int) -> list[QuoteView]:
    """Return a survey's quotes, those waiting for approval first."""
    rows = db.session.execute(_quote_query(survey_id).order_by(Quote.approved, Quote.id)).all()
    return [QuoteView(*row) for row in rows]


def get_quote(survey_id: int, quote_id: int) -> QuoteView:
    """Return one of a survey's quotes, or raise NotFound."""
    row = db.session.execute(_quote_query(survey_id).where(Quote.id == quote_id)).first()
    if row is None:
        raise NotFound("We cannot find this quote")
    return QuoteView(*row)


@transactional
def update_quote(survey_id: int, quote_id: int, redacted_text: str) -> Quote:
    """Save staff's edit of a quote's words, redacted again; a change needs approving again."""
    quote = get_quote(survey_id, quote_id).quote
    text = redact(redacted_text.strip()).text
    if not text:
        raise ServiceError("Enter the words to publish", field="redacted_text")
    if len(text) > TEXT_LENGTH:
        raise ServiceError(
            f"The quote must be {TEXT_LENGTH} characters or fewer", field="redacted_text"
        )
    if text != quote.redacted_text:
        quote.redacted_text = text
        quote.approved, quote.approved_by_id, quote.approved_at = False, None, None
    return quote


@transactional
def approve_quote(survey_id: int, quote_id: int, approver: User) -> Quote:
    """Approve a quote for publication, recording who approved it and when."""
    quote = get_quote(survey_id, quote_id).quote
    if not quote.approved:
        quote.approved, quote.approved_by_id, quote.approved_at = True, approver.id, utc_now()
    return quote


@transactional
def remove_quote(survey_id: int, quote_id: int) -> None:
    """Stop an answer being a quote (the answer itself stays)."""
    db.session.delete(get_quote(survey_id, quote_id).quote)


def _quote_query(survey_id: int) -> Select:
    return (
        select(Quote, Answer.text_value, Question.text, User.name)
        .join(Answer, Answer.id == Quote.answer_id)
        .join(Response, Response.id == Answer.response_id)
        .join(Question, Question.id == Answer.question_id)
        .outerjoin(User, User.id == Quote.approved_by_id)
        .where(Response.survey_id == survey_id)
    )


def _split(text: str, spans: list[tuple[int, int]]) -> list[Segment]:
    segments, position = [], 0
    for start, end in spans:
        if start > position:
            segments.append(Segment(text[position:start], removed=False))
        segments.append(Segment(text[start:end], removed=True))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:], removed=False))
    return segments
