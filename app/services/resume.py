"""Save and come back later: a link and a short code that bring a person back to their draft.

Both are stored only as SHA-256 hashes. Wrong codes are limited to 5 an hour from one
address (the address is stored hashed too) and 5 an hour against one draft; a draft expires
30 days after its last change or when its survey closes (docs/bad-input.md REL-4, BAD-46, BAD-47).
Every public function that writes is one `@transactional` use case.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import Channel, Draft, ResumeAttempt, Survey, SurveyStatus
from app.models.base import utc_now
from app.services.builder.lifecycle import council_today
from app.services.errors import Gone, ServiceError, TooManyAttempts
from app.services.responses import Journey, find_draft
from app.services.transactions import commit_now, transactional

DRAFT_LIFETIME = timedelta(days=30)
WRONG_CODES_PER_HOUR = 5
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
# The first letters find the draft; the rest are the secret, with 5 tries an hour per draft.
HANDLE_LENGTH = 3
_CODE = re.compile(r"^[A-Z0-9]{8}$")
EXPIRED = _l("This link has expired")
WRONG_CODE = _l("Enter the code we gave you, like ABCD 2345")


@dataclass(frozen=True)
class SavedDraft:
    """What a person needs to come back: a secret link token and a code to write down."""

    link_token: str
    code: str

    @property
    def code_for_people(self) -> str:
        """Return the code in two groups of four, easy to write down or say."""
        return f"{self.code[:4]} {self.code[4:]}"


@transactional
def save_for_later(journey: Journey, *, language: str) -> SavedDraft:
    """Give this journey's draft a come-back link and code."""
    if journey.channel == Channel.KIOSK.value:
        raise ServiceError(_("You cannot save answers on a shared screen"))
    survey = db.session.get(Survey, journey.survey_id)
    if survey is None or not survey.save_for_later_allowed:
        raise ServiceError(_("This survey cannot be saved to finish later"))
    draft = find_draft(journey) or Draft(
        survey_id=journey.survey_id, token=journey.token, answers={}
    )
    saved = SavedDraft(secrets.token_urlsafe(16), _new_code())
    draft.resume_token_hash = _hash(saved.link_token)
    draft.resume_code_hash = _hash(saved.code)
    draft.resume_handle = saved.code[:HANDLE_LENGTH]
    draft.resume_failures = 0
    draft.channel = journey.channel
    draft.partner_link_id = journey.partner_link_id
    draft.language = language
    db.session.add(draft)
    return saved


def resume_by_link(survey: Survey, link_token: str) -> Journey:
    """Return the journey of the draft this link belongs to, or raise Gone."""
    if len(link_token) > 64:
        raise Gone(EXPIRED)
    draft = db.session.scalar(
        select(Draft).where(
            Draft.survey_id == survey.id, Draft.resume_token_hash == _hash(link_token)
        )
    )
    return _journey_of(survey, draft)


@transactional
def resume_by_code(survey: Survey, code: str, address: str) -> Journey:
    """Return the journey of the draft with this code, counting wrong tries per address."""
    address_hash = _hash(address)
    since = utc_now() - timedelta(hours=1)
    wrong = db.session.scalar(
        select(func.count())
        .select_from(ResumeAttempt)
        .where(ResumeAttempt.address_hash == address_hash, ResumeAttempt.attempted_at > since)
    )
    if wrong >= WRONG_CODES_PER_HOUR:
        raise TooManyAttempts(_("You have tried too many codes. Try again in an hour"))
    cleaned = re.sub(r"[\s-]", "", code.upper())[:40]
    candidates = _drafts_with_handle(survey, cleaned) if _CODE.match(cleaned) else []
    draft = next((d for d in candidates if d.resume_code_hash == _hash(cleaned)), None)
    if draft is not None and draft.resume_locked_until and draft.resume_locked_until > utc_now():
        raise TooManyAttempts(_("You have tried too many codes. Try again in an hour"))
    if draft is None:
        _count_wrong_code(address_hash, candidates)
        raise ServiceError(WRONG_CODE, field="code")
    return _journey_of(survey, draft)


def _drafts_with_handle(survey: Survey, code: str) -> list[Draft]:
    return list(
        db.session.scalars(
            select(Draft).where(
                Draft.survey_id == survey.id, Draft.resume_handle == code[:HANDLE_LENGTH]
            )
        )
    )


def _count_wrong_code(address_hash: str, drafts: list[Draft]) -> None:
    db.session.add(ResumeAttempt(address_hash=address_hash))
    for draft in drafts:
        draft.resume_failures += 1
        if draft.resume_failures >= WRONG_CODES_PER_HOUR:
            draft.resume_locked_until = utc_now() + timedelta(hours=1)
            draft.resume_failures = 0
    # The count must stick although the use case then refuses the code, or guessing is free.
    commit_now()


@transactional
def purge_expired_drafts() -> int:
    """Delete drafts untouched for 30 days or whose survey has closed, by a lead or on its
    closing date; return how many."""
    closed = select(Survey.id).where(
        (Survey.status != SurveyStatus.OPEN) | (Survey.closes_on < council_today())
    )
    result = db.session.execute(
        delete(Draft).where(
            (Draft.updated_at < utc_now() - DRAFT_LIFETIME) | Draft.survey_id.in_(closed)
        )
    )
    db.session.execute(
        delete(ResumeAttempt).where(ResumeAttempt.attempted_at < utc_now() - timedelta(hours=1))
    )
    return result.rowcount


def _journey_of(survey: Survey, draft: Draft | None) -> Journey:
    if draft is None or draft.updated_at < utc_now() - DRAFT_LIFETIME:
        raise Gone(EXPIRED)
    return Journey(survey.id, draft.token, draft.channel, draft.partner_link_id, draft.kiosk_id)


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
