"""Keep a person's answers as a draft, then send them as one response, exactly once.

Every public function here owns its transaction. Sending is one transaction (response, all
answers, draft deletion); sending the same submission token again returns the first
receipt and writes nothing (BAD_INPUTS.md REL-2, REL-3).
"""

import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Answer, Channel, Draft, Question, Response, Support, Survey
from app.services import branching
from app.services.errors import AnswerInvalid, ServiceError


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


def draft_answers(journey: Journey) -> dict[str, dict]:
    """Return the answers saved so far in this journey's draft, keyed by question id."""
    draft = _find_draft(journey)
    return dict(draft.answers) if draft else {}


def save_answer(journey: Journey, question: Question, answer: dict | None) -> dict[str, dict]:
    """Save one answer (or its absence, for a skipped optional question); return all answers."""
    return _save(journey, str(question.id), answer or {})


def save_support(journey: Journey, support: str | None) -> dict[str, dict]:
    """Save how the person answered (on their own, helped, answered for), or that they skipped."""
    if support is not None and support not in {s.value for s in Support}:
        raise AnswerInvalid("Choose one of the options", field="support")
    return _save(journey, SUPPORT_KEY, {"value": support} if support else {})


def _save(journey: Journey, key: str, value: dict) -> dict[str, dict]:
    draft = _find_draft(journey) or Draft(
        survey_id=journey.survey_id,
        token=journey.token,
        channel=journey.channel,
        partner_link_id=journey.partner_link_id,
        answers={},
    )
    answers = dict(draft.answers)
    answers[key] = value
    draft.answers = answers
    db.session.add(draft)
    try:
        db.session.commit()
    except IntegrityError:
        # Two tabs saved the first answer at once: keep the other's draft and add ours.
        db.session.rollback()
        return _save(journey, key, value)
    return answers


def find_receipt(journey: Journey) -> str | None:
    """Return the receipt of the response already sent with this token, if any."""
    return db.session.scalar(
        select(Response.receipt).where(
            Response.survey_id == journey.survey_id,
            Response.submission_token == journey.token,
        )
    )


def send_answers(survey: Survey, journey: Journey) -> str:
    """Store the draft as one response and return its receipt; a repeat returns the first."""
    existing = find_receipt(journey)
    if existing:
        return existing
    answers = draft_answers(journey)
    asked = branching.asked_questions(survey, answers)
    for question in asked:
        if question.required and not answers.get(str(question.id)):
            raise AnswersMissing(question.position)
    response = Response(
        survey_id=survey.id,
        submission_token=journey.token,
        receipt=_new_receipt(),
        channel=Channel(journey.channel),
        partner_link_id=journey.partner_link_id,
        kiosk_id=journey.kiosk_id,
        support=Support(answers[SUPPORT_KEY]["value"]) if answers.get(SUPPORT_KEY) else None,
        answers=list(_answer_rows(asked, answers)),
        **_group_fields(journey.group),
    )
    db.session.add(response)
    db.session.execute(
        delete(Draft).where(Draft.survey_id == survey.id, Draft.token == journey.token)
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        receipt = find_receipt(journey)
        if receipt is None:
            raise
        return receipt
    return response.receipt


def get_response_by_receipt(survey: Survey, receipt: str) -> Response | None:
    """Return the response with this receipt for this survey."""
    return db.session.scalar(
        select(Response).where(Response.survey_id == survey.id, Response.receipt == receipt)
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


def _find_draft(journey: Journey) -> Draft | None:
    return db.session.scalar(
        select(Draft).where(Draft.survey_id == journey.survey_id, Draft.token == journey.token)
    )


def _new_receipt() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def _answer_rows(asked: list[Question], answers: dict[str, dict]):
    for question in asked:
        answer = answers.get(str(question.id)) or {}
        for option_id in answer.get("options", []):
            yield Answer(question_id=question.id, option_id=option_id)
        if "text" in answer:
            yield Answer(question_id=question.id, text_value=answer["text"])
        if "number" in answer:
            yield Answer(question_id=question.id, number_value=answer["number"])


def discard_draft(slug: str, token_data: dict | None) -> None:
    """Delete the draft a (genuine) journey token points at, and commit."""
    if not token_data or not token_data.get("t"):
        return
    survey_id = db.session.scalar(select(Survey.id).where(Survey.slug == slug))
    if survey_id != token_data.get("s"):
        return
    db.session.execute(
        delete(Draft).where(Draft.survey_id == survey_id, Draft.token == str(token_data["t"]))
    )
    db.session.commit()
