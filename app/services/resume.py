"""Save and come back later: a link and a short code that bring a person back to their draft.

Both are stored only as SHA-256 hashes. The link carries 128 random bits: nothing about
codes ever stops it working. The code is 8 letters: its first 3 find the draft, the other 5
are the secret. Wrong codes never lock a draft, because anyone who learnt its first letters
could then lock its owner out. Instead each address waits longer and longer between its own
wrong tries at one draft, and an address that gets many different drafts wrong in an hour
waits before trying another; a right code from anywhere else always works
(docs/bad-input.md REL-4, BAD-46, BAD-47). A draft keeps the display choices of the person
who saved it, to put back when they come back.

Every public function that writes is one `@transactional` use case. No request objects: the
view passes the address in.
"""

import hashlib
import hmac
import ipaddress
import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import Channel, Draft, Question, ResumeAttempt, Survey, SurveyStatus
from app.models.base import utc_now
from app.services.builder.lifecycle import council_today
from app.services.errors import Gone, ServiceError, TooManyAttempts
from app.services.responses import Journey, draft_for
from app.services.transactions import commit_now, transactional

DRAFT_LIFETIME = timedelta(days=30)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
HANDLE_LENGTH = 3
_CODE = re.compile(r"^[A-Z0-9]{8}$")
# An address's wrong tries at one draft: a few typing slips are free, then each wrong try
# doubles the wait before the next one, up to an hour. Tries count for a day.
FREE_WRONG_TRIES = 3
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
TRIES_REMEMBERED = timedelta(days=1)
# Different drafts one address may get wrong in an hour before it must wait to try another.
DRAFTS_PER_ADDRESS_PER_HOUR = 10
DRAFTS_WINDOW = timedelta(hours=1)
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


@dataclass(frozen=True)
class ComingBack:
    """The journey of a draft a person came back to, and the display choices it kept."""

    journey: Journey
    language: str
    display_choices: dict[str, str]


class WaitBeforeTrying(TooManyAttempts):
    """This address must wait before it tries another code; `seconds` says how long."""

    def __init__(self, wait: timedelta) -> None:
        self.seconds = max(1, math.ceil(wait.total_seconds()))
        super().__init__(wait_words(self.seconds), field="code")


def wait_words(seconds: int) -> str:
    """Say in easy words how long to wait, rounded up to whole minutes or hours."""
    minutes = math.ceil(seconds / 60)
    if minutes > 60:
        hours = math.ceil(minutes / 60)
        return _("Wait %(hours)s hours. Then try your code again.", hours=hours)
    if minutes == 60:
        return _("Wait 1 hour. Then try your code again.")
    if minutes == 1:
        return _("Wait 1 minute. Then try your code again.")
    return _("Wait %(minutes)s minutes. Then try your code again.", minutes=minutes)


@transactional
def save_for_later(
    journey: Journey,
    *,
    language: str,
    display_choices: dict[str, str],
    answer: tuple[Question, dict] | None = None,
) -> SavedDraft:
    """Give this journey's draft a come-back link and code, with the answer on the page.

    `answer` is the question on the page and its checked answer, if the person gave one;
    `display_choices` the choices other than language that differ from the defaults.
    """
    if journey.channel == Channel.KIOSK.value:
        raise ServiceError(_("You cannot save answers on a shared screen"))
    survey = db.session.get(Survey, journey.survey_id)
    if survey is None or not survey.save_for_later_allowed:
        raise ServiceError(_("This survey cannot be saved to finish later"))
    draft = draft_for(journey, language=language)
    if answer is not None:
        question, value = answer
        draft.answers = {**draft.answers, str(question.id): value}
    saved = SavedDraft(secrets.token_urlsafe(16), _new_code())
    draft.resume_token_hash = _hash(saved.link_token)
    draft.resume_code_hash = _hash(saved.code)
    draft.resume_handle = saved.code[:HANDLE_LENGTH]
    draft.display_choices = dict(display_choices)
    return saved


def resume_by_link(survey: Survey, link_token: str) -> ComingBack:
    """Return the draft this link belongs to, or raise Gone; wrong codes never matter here."""
    if len(link_token) > 64:
        raise Gone(EXPIRED)
    draft = db.session.scalar(
        select(Draft).where(
            Draft.survey_id == survey.id, Draft.resume_token_hash == _hash(link_token)
        )
    )
    return _coming_back(survey, draft)


@transactional
def resume_by_code(survey: Survey, code: str, address: str) -> ComingBack:
    """Return the draft with this code; count a wrong one against its draft and address.

    Raises WaitBeforeTrying, before looking at the code, while this address must wait.
    """
    cleaned = re.sub(r"[\s-]", "", code.upper())[:40]
    if not _CODE.match(cleaned):
        # Cannot be anyone's code, so there is nothing to guess and nothing to count.
        raise ServiceError(WRONG_CODE, field="code")
    handle = cleaned[:HANDLE_LENGTH]
    address_key = address_hash(address)
    # Locked first (PostgreSQL), so tries sent at once at one draft are counted one by one.
    candidates = _drafts_with_handle(survey, handle)
    wait = _wait_before_trying(survey.id, handle, address_key)
    if wait is not None:
        raise WaitBeforeTrying(wait)
    wanted = _hash(cleaned)
    draft = next(
        (d for d in candidates if hmac.compare_digest(d.resume_code_hash or "", wanted)), None
    )
    if draft is None:
        if candidates:
            db.session.add(
                ResumeAttempt(survey_id=survey.id, handle=handle, address_hash=address_key)
            )
            # The try must count although the use case then refuses it, or guessing is free.
            commit_now()
        raise ServiceError(WRONG_CODE, field="code")
    return _coming_back(survey, draft)


def address_hash(address: str) -> str:
    """Return the hash tries are counted under: the address, or its /64 network for IPv6
    (one home or phone gets a whole /64, so single IPv6 addresses are free to change)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return _hash(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return _hash(str(parsed.ipv4_mapped))
        return _hash(str(ipaddress.ip_network(f"{parsed}/64", strict=False)))
    return _hash(str(parsed))


def wait_after(wrong_tries: int) -> timedelta:
    """Return how long an address waits after this many wrong tries at one draft."""
    if wrong_tries < FREE_WRONG_TRIES:
        return timedelta(0)
    doublings = min(wrong_tries - FREE_WRONG_TRIES, 16)  # past an hour long before this
    return min(FIRST_WAIT * 2**doublings, LONGEST_WAIT)


def _wait_before_trying(survey_id: int, handle: str, address_key: str) -> timedelta | None:
    now = utc_now()
    own = db.session.execute(
        select(func.count(), func.max(ResumeAttempt.attempted_at)).where(
            ResumeAttempt.survey_id == survey_id,
            ResumeAttempt.handle == handle,
            ResumeAttempt.address_hash == address_key,
            ResumeAttempt.attempted_at > now - TRIES_REMEMBERED,
        )
    ).one()
    count, last = own
    wait = (
        _as_utc(last) + wait_after(count) - now
        if count
        else _wait_for_another_draft(address_key, now)
    )
    return wait if wait > timedelta(0) else None


def _wait_for_another_draft(address_key: str, now: datetime) -> timedelta:
    """Return how long this address waits before trying a draft it has not tried yet."""
    latest = func.max(ResumeAttempt.attempted_at)
    tried = sorted(
        _as_utc(at)
        for at in db.session.scalars(
            select(latest)
            .where(
                ResumeAttempt.address_hash == address_key,
                ResumeAttempt.attempted_at > now - DRAFTS_WINDOW,
            )
            .group_by(ResumeAttempt.survey_id, ResumeAttempt.handle)
        )
    )
    if len(tried) < DRAFTS_PER_ADDRESS_PER_HOUR:
        return timedelta(0)
    # It may try a new one when enough of those drafts' last tries are an hour old.
    return tried[len(tried) - DRAFTS_PER_ADDRESS_PER_HOUR] + DRAFTS_WINDOW - now


def _as_utc(moment: datetime) -> datetime:
    # func.max() bypasses the column type, so SQLite hands back a naive UTC time.
    return moment if moment.tzinfo else moment.replace(tzinfo=utc_now().tzinfo)


def _drafts_with_handle(survey: Survey, handle: str) -> list[Draft]:
    return list(
        db.session.scalars(
            select(Draft)
            .where(Draft.survey_id == survey.id, Draft.resume_handle == handle)
            .with_for_update()
        )
    )


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
        delete(ResumeAttempt).where(ResumeAttempt.attempted_at < utc_now() - TRIES_REMEMBERED)
    )
    return result.rowcount


def _coming_back(survey: Survey, draft: Draft | None) -> ComingBack:
    if draft is None or draft.updated_at < utc_now() - DRAFT_LIFETIME:
        raise Gone(EXPIRED)
    journey = Journey(survey.id, draft.token, draft.channel, draft.partner_link_id, draft.kiosk_id)
    return ComingBack(journey, draft.language, dict(draft.display_choices or {}))


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
