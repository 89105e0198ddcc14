"""Keep a person's answers as a draft, then send them as one response, exactly once.

Every public function that writes is one `@transactional` use case. Sending is one
transaction (response, all answers, draft deletion); sending the same submission token again
returns the first receipt and writes nothing (docs/bad-input.md REL-2, REL-3).
"""

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Row, bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Answer, Channel, Draft, Question, Response, Support, Survey
from app.services import branching
from app.services.errors import AnswerInvalid, ServiceError
from app.services.journey import Step, first_missing, next_step
from app.services.reconnect import once_more_if_the_connection_was_lost
from app.services.transactions import one_statement_read, transactional


@dataclass(frozen=True)
class GroupSession:
    """A facilitated session: one response on behalf of several people."""

    people_count: int
    facilitator: str
    organisation: str
    session_date: date


@dataclass(frozen=True)
class Journey:
    """Who is answering which survey, and how: what the signed journey token carries."""

    survey_id: int
    token: str
    channel: str = Channel.ONLINE.value
    partner_link_id: int | None = None
    kiosk_id: int | None = None
    group: GroupSession | None = None


SUPPORT_KEY = "support"


class AnswersMissing(ServiceError):
    """A required question has no answer yet; `position` says which to ask."""

    def __init__(self, position: int) -> None:
        super().__init__("Answer this question before you send your answers")
        self.position = position


def new_submission_token() -> str:
    """Return a fresh 128-bit random submission token."""
    return secrets.token_hex(16)


def find_draft(journey: Journey) -> Draft | None:
    """Return this journey's draft, if it has one yet."""
    return db.session.scalar(
        select(Draft).where(Draft.survey_id == journey.survey_id, Draft.token == journey.token)
    )


# Built once: a question page reads only the answers column, and saving an answer only the
# draft's id beside it, then writes the answers and language back (no Draft object is made).
_THIS_DRAFT = (Draft.survey_id == bindparam("survey_id"), Draft.token == bindparam("token"))
_DRAFT_ANSWERS = select(Draft.answers).where(*_THIS_DRAFT)
_DRAFT_ROW = select(Draft.id, Draft.answers).where(*_THIS_DRAFT)
_SAVE_ANSWERS = (
    update(Draft)
    .where(Draft.id == bindparam("draft_id"))
    .values(answers=bindparam("answers"), language=bindparam("language"))
)


def _draft_of(journey: Journey) -> dict:
    return {"survey_id": journey.survey_id, "token": journey.token}


def saved_draft(journey: Journey) -> Row | None:
    """Return this journey's draft as its id and answers, if it has one yet."""
    return db.session.connection().execute(_DRAFT_ROW, _draft_of(journey)).one_or_none()


@once_more_if_the_connection_was_lost
def draft_answers(journey: Journey) -> dict[str, dict]:
    """Return the answers saved so far in this journey's draft, keyed by question id."""
    # Not through the ORM (a column, so nothing to map) and outside a transaction.
    with one_statement_read() as connection:
        answers = connection.scalar(_DRAFT_ANSWERS, _draft_of(journey))
    return dict(answers) if answers else {}


def save_answer(
    survey: Survey,
    journey: Journey,
    question: Question,
    answer: dict | None,
    *,
    changing: bool,
    language: str,
) -> Step:
    """Save one answer (or its absence, for a skipped optional question); return the next page."""
    answers = _save_retrying(journey, str(question.id), answer or {}, language)
    return next_step(survey, answers, question, changing=changing, channel=journey.channel)


def save_support(journey: Journey, support: str | None, *, language: str) -> None:
    """Save how the person answered (on their own, helped, answered for), or that they skipped."""
    if support is not None and support not in {s.value for s in Support}:
        raise AnswerInvalid("Choose one of the options", field="support")
    _save_retrying(journey, SUPPORT_KEY, {"value": support} if support else {}, language)


@once_more_if_the_connection_was_lost
def _save_retrying(journey: Journey, key: str, value: dict, language: str) -> dict[str, dict]:
    try:
        return _save(journey, key, value, language)
    except IntegrityError:
        # Two tabs saved the first answer at once: keep the other's draft and add ours. The
        # first try was rolled back whole, so this retry needs a transaction of its own.
        return _save(journey, key, value, language)


@transactional
def _save(journey: Journey, key: str, value: dict, language: str) -> dict[str, dict]:
    saved = saved_draft(journey)
    if saved is None:
        draft = _new_draft(journey, language)
        draft.answers = {key: value}
        return dict(draft.answers)
    # Two columns read and written on the session's connection, with no Draft object made and
    # nothing for the ORM to synchronise: every answer is one of these.
    answers = {**saved.answers, key: value}
    db.session.connection().execute(
        _SAVE_ANSWERS, {"draft_id": saved.id, "answers": answers, "language": language}
    )
    return answers


def draft_for(journey: Journey, *, language: str) -> Draft:
    """Return this journey's draft, made now if it has none, shown in `language` from now on.

    For use inside a `@transactional` use case, which commits it.
    """
    draft = find_draft(journey)
    if draft is None:
        return _new_draft(journey, language)
    # The language the pages are shown in now: a person may switch while answering.
    draft.language = language
    return draft


def _new_draft(journey: Journey, language: str) -> Draft:
    draft = Draft(
        survey_id=journey.survey_id,
        token=journey.token,
        channel=journey.channel,
        partner_link_id=journey.partner_link_id,
        kiosk_id=journey.kiosk_id,
        language=language,
        answers={},
    )
    db.session.add(draft)
    return draft


def find_receipt(journey: Journey) -> str | None:
    """Return the receipt of the response already sent with this token, if any."""
    return db.session.scalar(
        select(Response.receipt).where(
            Response.survey_id == journey.survey_id,
            Response.submission_token == journey.token,
        )
    )


@once_more_if_the_connection_was_lost
def send_answers(survey: Survey, journey: Journey, *, language: str) -> str:
    """Store the draft as one response in `language` and return its receipt; a repeat returns
    the first."""
    try:
        return _send(survey, journey, language)
    except (IntegrityError, AnswersMissing):
        # The same answers were sent twice at once, and the other press was stored first:
        # its insert clashed with this one's, or it deleted the draft after this one looked
        # for a receipt. Either way its reference is this press's too.
        receipt = find_receipt(journey)
        if receipt is None:
            raise
        return receipt


@transactional
def _send(survey: Survey, journey: Journey, language: str) -> str:
    existing = find_receipt(journey)
    if existing:
        # Sent before: a draft made since (Back to the first question and Continue) goes too.
        _delete_draft(journey)
        return existing
    answers = draft_answers(journey)
    missing = first_missing(survey, answers)
    if missing is not None:
        raise AnswersMissing(missing.position)
    response = Response(
        survey_id=survey.id,
        submission_token=journey.token,
        receipt=_new_receipt(),
        channel=Channel(journey.channel),
        partner_link_id=journey.partner_link_id,
        kiosk_id=journey.kiosk_id,
        language=language,
        support=Support(answers[SUPPORT_KEY]["value"]) if answers.get(SUPPORT_KEY) else None,
        answers=list(_answer_rows(branching.asked_questions(survey, answers), answers)),
        **_group_fields(journey.group),
    )
    db.session.add(response)
    # Insert now, inside the use case whose caller catches the clash of two sends at once,
    # rather than whenever the next statement happens to flush it.
    db.session.flush()
    _delete_draft(journey)
    return response.receipt


@once_more_if_the_connection_was_lost
def get_response_by_receipt(survey: Survey, receipt: str) -> Response | None:
    """Return the response with this receipt for this survey."""
    return db.session.scalar(
        select(Response).where(Response.survey_id == survey.id, Response.receipt == receipt)
    )


@transactional
def discard_draft(slug: str, journey: Journey | None) -> None:
    """Delete the draft a (genuine) journey token points at, if it is for this survey."""
    if journey is None:
        return
    survey_id = db.session.scalar(select(Survey.id).where(Survey.slug == slug))
    if survey_id == journey.survey_id:
        _delete_draft(journey)


def _delete_draft(journey: Journey) -> None:
    db.session.execute(
        delete(Draft).where(Draft.survey_id == journey.survey_id, Draft.token == journey.token)
    )


def _group_fields(group: GroupSession | None) -> dict:
    if group is None:
        return {}
    return {
        "people_count": group.people_count,
        "facilitator": group.facilitator,
        "organisation": group.organisation,
        "session_date": group.session_date,
    }


def _new_receipt() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def _answer_rows(asked: list[Question], answers: dict[str, dict]) -> Iterator[Answer]:
    for question in asked:
        answer = answers.get(str(question.id)) or {}
        for option_id in answer.get("options", []):
            yield Answer(question_id=question.id, option_id=option_id)
        if "text" in answer:
            yield Answer(question_id=question.id, text_value=answer["text"])
        if "number" in answer:
            yield Answer(question_id=question.id, number_value=answer["number"])
