"""Quotes: staff mark free-text answers for publication, check the redactions, and approve them.

Heard stores only the redacted words (`reports.redaction`): names, e-mail addresses, phone
numbers, postcodes, reference, NHS and National Insurance numbers, addresses and dates of birth
become labels such as "[name removed]". Staff see each removal with what it was, and may keep
one (it was an ordinary word), remove more words, or rewrite the quote; their choices are kept
as words, so the redactor runs again over every change, and any change takes the approval away.
A survey may keep the names of its own staff (praise of a named team): that list is empty
unless a lead fills it in. Approving checks the quote once more and refuses if the words to
publish would change. The report reads approved quotes only (`reports.frames.quotes_frame`).
Each public function that writes is one transaction (`@transactional`) and is audited.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Select, select

from app.extensions import db
from app.models import Answer, Question, Quote, Response, Survey, User
from app.models.base import utc_now
from app.services import audit, free_text, surveys
from app.services.errors import NotFound, ServiceError
from app.services.transactions import transactional
from reports.redaction import (
    KIND_NAMES,
    Choices,
    Redaction,
    Span,
    find_words,
    normalise,
    redact,
)

TEXT_LENGTH = 2000
KEPT_NAME_LENGTH, KEPT_NAMES = 100, 200
# Any label the redactor writes, and any a person types in the same form ("[address removed]").
_LABEL = re.compile(r"\[[^\[\]\n]{0,60}\bremoved\]")


@dataclass(frozen=True)
class Segment:
    """A run of a quote's text, and whether it stands for something removed."""

    text: str
    removed: bool
    kind: str = ""

    @property
    def what(self) -> str:
        """Return what a removed run was, in the staff page's words ("phone number")."""
        return KIND_NAMES.get(self.kind, "")


@dataclass(frozen=True)
class Removal:
    """One detail taken out of a quote (or kept in it): the words, what they were, and why."""

    words: str
    kind: str
    kept_by_survey: bool = False

    @property
    def what(self) -> str:
        """Return what the words were, in the staff page's words."""
        return KIND_NAMES[self.kind]


@dataclass(frozen=True)
class QuoteView:
    """A quote with what the person wrote and the question they answered."""

    quote: Quote
    original: str
    question: str
    approver: str | None = None
    kept_names: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """Return the words the redactor reads: staff's own wording, or the answer."""
        return self.quote.edited_text if self.quote.edited_text is not None else self.original

    @cached_property
    def redaction(self) -> Redaction:
        """Return the quote redacted again with the survey's and staff's choices."""
        return redact(self.source, _choices(self.quote, self.kept_names))

    @property
    def segments(self) -> list[Segment]:
        """Split the published words so each removal label can be highlighted."""
        return highlight(self.quote.redacted_text)

    @property
    def original_segments(self) -> list[Segment]:
        """Split the words the redactor read so each detail it removed is highlighted."""
        return _split(self.source, list(self.redaction.spans))

    @property
    def removals(self) -> list[Removal]:
        """Return each detail taken out, once, in the order it first appears."""
        return _removals(self.source, self.redaction.spans)

    @property
    def kept(self) -> list[Removal]:
        """Return each detail the redactor found that the survey or staff chose to keep."""
        kept_words = {normalise(word) for word in self.quote.kept_words}
        return [
            Removal(removal.words, removal.kind, normalise(removal.words) not in kept_words)
            for removal in _removals(self.source, self.redaction.kept)
        ]


def highlight(redacted_text: str) -> list[Segment]:
    """Split redacted words into plain runs and removal labels, in order."""
    spans = [Span(*match.span(), "") for match in _LABEL.finditer(redacted_text)]
    return _split(redacted_text, spans)


@transactional
def mark_as_quote(survey_id: int, answer_id: int) -> Quote:
    """Make a free-text answer a quote with its personal details removed.

    Marking an answer that is already a quote returns that quote unchanged.
    """
    answer = free_text.get_free_text_answer(survey_id, answer_id)
    quote = db.session.scalar(select(Quote).where(Quote.answer_id == answer.id))
    if quote is None:
        survey = surveys.get_survey(survey_id)
        text = redact(answer.text_value or "", Choices(tuple(survey.kept_names))).text
        quote = Quote(answer_id=answer.id, redacted_text=text, kept_words=[], removed_words=[])
        db.session.add(quote)
        db.session.flush()
        _record("quote.mark", quote, survey_id, answer_id=answer.id)
    return quote


def list_quotes(survey_id: int) -> list[QuoteView]:
    """Return a survey's quotes, those waiting for approval first."""
    kept = tuple(surveys.get_survey(survey_id).kept_names)
    query = _quote_query(survey_id).order_by(Quote.approved, Quote.id)
    return [QuoteView(*row, kept_names=kept) for row in db.session.execute(query).all()]


def get_quote(survey_id: int, quote_id: int) -> QuoteView:
    """Return one of a survey's quotes, or raise NotFound."""
    row = db.session.execute(_quote_query(survey_id).where(Quote.id == quote_id)).first()
    if row is None:
        raise NotFound("We cannot find this quote")
    return QuoteView(*row, kept_names=tuple(surveys.get_survey(survey_id).kept_names))


@transactional
def update_quote(survey_id: int, quote_id: int, redacted_text: str) -> Quote:
    """Save staff's own wording of a quote, redacted again; a change needs approving again."""
    view = get_quote(survey_id, quote_id)
    text = redacted_text.strip()
    if not text:
        raise ServiceError("Enter the words to publish", field="redacted_text")
    if len(text) > TEXT_LENGTH:
        raise ServiceError(
            f"The quote must be {TEXT_LENGTH} characters or fewer", field="redacted_text"
        )
    if text != view.quote.redacted_text:
        view.quote.edited_text = text
        _redact_again(view, "quote.edit")
    return view.quote


@transactional
def keep_words(survey_id: int, quote_id: int, words: str) -> Quote:
    """Put back a detail the redactor took out of one quote (it was an ordinary word)."""
    view = get_quote(survey_id, quote_id)
    found = {normalise(view.source[span.start : span.end]) for span in view.redaction.spans}
    if not normalise(words) or normalise(words) not in found:
        raise ServiceError("Choose words that were taken out of this quote", field="words")
    view.quote.kept_words = [*_without(view.quote.kept_words, words), words.strip()]
    view.quote.removed_words = _without(view.quote.removed_words, words)
    _redact_again(view, "quote.keep_words", words=words.strip())
    return view.quote


@transactional
def remove_words(survey_id: int, quote_id: int, words: str) -> Quote:
    """Take more words out of one quote, wherever they appear in it."""
    view = get_quote(survey_id, quote_id)
    words = " ".join(words.split())
    if not words:
        raise ServiceError("Enter the words to take out", field="words")
    if normalise(words) in {normalise(kept) for kept in view.quote.kept_words}:
        view.quote.kept_words = _without(view.quote.kept_words, words)
    elif not any(find_words(view.source, [words])):
        raise ServiceError("Enter words exactly as they are in the quote", field="words")
    else:
        view.quote.removed_words = [*_without(view.quote.removed_words, words), words]
    _redact_again(view, "quote.remove_words", words=words)
    return view.quote


@transactional
def put_back_words(survey_id: int, quote_id: int, words: str) -> Quote:
    """Undo words staff took out by hand, or take out again words staff kept."""
    view = get_quote(survey_id, quote_id)
    view.quote.removed_words = _without(view.quote.removed_words, words)
    view.quote.kept_words = _without(view.quote.kept_words, words)
    _redact_again(view, "quote.undo_choice", words=words.strip())
    return view.quote


RECHECKED = "We checked this quote again and the words to publish changed. Check them again."


@transactional
def approve_quote(survey_id: int, quote_id: int, approver: User) -> bool:
    """Check a quote once more and approve it for publication, recording who and when.

    If checking again changes what would be published (the redactor improved, or the survey's
    kept names changed), saves the new words unapproved and returns False: a person must see
    them first.
    """
    view = get_quote(survey_id, quote_id)
    quote = view.quote
    if _redact_again(view, "quote.recheck", record_unchanged=False):
        return False
    if not quote.approved:
        quote.approved, quote.approved_by_id, quote.approved_at = True, approver.id, utc_now()
        _record("quote.approve", quote, survey_id)
    return True


@transactional
def remove_quote(survey_id: int, quote_id: int) -> None:
    """Stop an answer being a quote (the answer itself stays)."""
    quote = get_quote(survey_id, quote_id).quote
    _record("quote.remove", quote, survey_id)
    db.session.delete(quote)


def kept_names(survey_id: int) -> list[str]:
    """Return the staff names a survey keeps in its quotes."""
    return list(surveys.get_survey(survey_id).kept_names)


@transactional
def set_kept_names(survey_id: int, text: str) -> int:
    """Set the names a survey keeps (one a line) and check every quote again.

    Returns how many quotes changed; a changed quote needs approving again.
    """
    survey = surveys.get_survey(survey_id)
    names = _parse_names(text)
    before = list(survey.kept_names)
    survey.kept_names = names
    audit.record(
        audit.current_actor(),
        "survey.kept_names",
        subject="survey",
        subject_id=survey.id,
        survey_id=survey.id,
        before=before,
        after=names,
    )
    views = _views_of(survey)
    return sum(_redact_again(view, "quote.recheck", record_unchanged=False) for view in views)


def _parse_names(text: str) -> list[str]:
    names: list[str] = []
    for line in text.splitlines():
        name = " ".join(line.split())
        if len(name) > KEPT_NAME_LENGTH:
            raise ServiceError(
                f"Each name must be {KEPT_NAME_LENGTH} characters or fewer", field="kept_names"
            )
        if name and normalise(name) not in {normalise(kept) for kept in names}:
            names.append(name)
    if len(names) > KEPT_NAMES:
        raise ServiceError(f"Enter {KEPT_NAMES} names or fewer", field="kept_names")
    return names


def _views_of(survey: Survey) -> list[QuoteView]:
    rows = db.session.execute(_quote_query(survey.id).order_by(Quote.id)).all()
    return [QuoteView(*row, kept_names=tuple(survey.kept_names)) for row in rows]


def _redact_again(
    view: QuoteView, action: str, *, record_unchanged: bool = True, **details: object
) -> bool:
    """Redact a quote's words again; if they change, take the approval away. Say if they did."""
    quote = view.quote
    # Not view.redaction: that was cached before the choices this call saves.
    text = redact(view.source, _choices(quote, view.kept_names)).text
    changed = text != quote.redacted_text
    if changed:
        quote.redacted_text = text
        quote.approved, quote.approved_by_id, quote.approved_at = False, None, None
    if changed or record_unchanged:
        _record(action, quote, _survey_of(quote), changed=changed, **details)
    return changed


def _survey_of(quote: Quote) -> int:
    query = select(Response.survey_id).join(Answer).where(Answer.id == quote.answer_id)
    return db.session.scalar(query)


def _record(action: str, quote: Quote, survey_id: int, **details: object) -> None:
    audit.record(
        audit.current_actor(),
        action,
        subject="quote",
        subject_id=quote.id,
        survey_id=survey_id,
        **details,
    )


def _choices(quote: Quote, kept_names: tuple[str, ...]) -> Choices:
    return Choices(
        kept_names=kept_names,
        kept_words=tuple(quote.kept_words or ()),
        removed_words=tuple(quote.removed_words or ()),
    )


def _without(words: list[str], word: str) -> list[str]:
    return [kept for kept in words or [] if normalise(kept) != normalise(word)]


def _removals(text: str, spans: tuple[Span, ...]) -> list[Removal]:
    found: dict[str, Removal] = {}
    for span in spans:
        words = text[span.start : span.end]
        found.setdefault(normalise(words), Removal(words, span.kind))
    return list(found.values())


def _quote_query(survey_id: int) -> Select:
    return (
        select(Quote, Answer.text_value, Question.text, User.name)
        .join(Answer, Answer.id == Quote.answer_id)
        .join(Response, Response.id == Answer.response_id)
        .join(Question, Question.id == Answer.question_id)
        .outerjoin(User, User.id == Quote.approved_by_id)
        .where(Response.survey_id == survey_id)
    )


def _split(text: str, spans: list[Span]) -> list[Segment]:
    segments, position = [], 0
    for start, end, kind in spans:
        if start > position:
            segments.append(Segment(text[position:start], removed=False))
        segments.append(Segment(text[start:end], removed=True, kind=kind))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:], removed=False))
    return segments
