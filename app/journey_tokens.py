"""The signed journey token: which survey and draft, and how the person came to it.

Shared by the resident journey and the staff pages that start paper and group entry. The
token's field names are known here only: everyone else gets a `Journey`.

It travels in a hidden form field and in links, never only in a cookie, so the journey
works inside a partner's iframe with third-party cookies blocked. It is HMAC-signed with
itsdangerous and carries its issue time; it lives 24 hours (docs/bad-input.md REL-1, BAD-33–37).
"""

import time
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import lru_cache

from flask import current_app, has_request_context, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.exceptions import HTTPException

from app.models import Channel
from app.services.responses import GroupSession, Journey, new_submission_token

_SALT = "heard.respond.journey"
# Where a request keeps its token's journey and signing time, once verified (_verified).
_VERIFIED = "heard.verified_token"
# Where a request keeps the tokens it issued, by journey (issue).
_ISSUED = "heard.issued_tokens"
# The token's fields: survey, submission token, channel, partner link, kiosk, group session.
_SURVEY, _TOKEN, _CHANNEL, _PARTNER_LINK, _KIOSK, _GROUP = "s", "t", "c", "p", "k", "g"


class JourneyTokenInvalid(Exception):
    """The token is missing, forged, expired or for another survey.

    `journey` is the journey to carry on with: always a new draft. A genuine but old token
    keeps its channel, partner link and kiosk, so an embedded or kiosk journey stays one,
    but never its draft: an old address in a shared computer's history must not open the
    last person's answers (they come back only by their come-back code or link).
    """

    def __init__(self, journey: Journey) -> None:
        super().__init__("This page has expired")
        self.journey = journey


def _serializer() -> URLSafeTimedSerializer:
    return _serializer_for(current_app.config["SECRET_KEY"])


@lru_cache(maxsize=8)
def _serializer_for(secret_key: str) -> URLSafeTimedSerializer:
    # Made once per key: a page signs and reads tokens several times.
    return URLSafeTimedSerializer(secret_key, salt=_SALT)


def issue(journey: Journey) -> str:
    """Return a signed token for this journey, stamped with the time now.

    One request gives the same journey one token, however many links and forms carry it:
    a page never holds two tokens of one journey signed a second apart.
    """
    if not has_request_context():
        return _signed(journey)
    issued = request.environ.setdefault(_ISSUED, {})
    if journey not in issued:
        issued[journey] = _signed(journey)
    return issued[journey]


def _signed(journey: Journey) -> str:
    data = {
        _SURVEY: journey.survey_id,
        _TOKEN: journey.token,
        _CHANNEL: journey.channel,
        _PARTNER_LINK: journey.partner_link_id,
        _KIOSK: journey.kiosk_id,
    }
    if journey.group:
        data[_GROUP] = [
            journey.group.people_count,
            journey.group.facilitator,
            journey.group.organisation,
            journey.group.session_date.isoformat(),
        ]
    return _serializer().dumps(data)


def start(
    survey_id: int,
    *,
    channel: str = Channel.ONLINE.value,
    partner_link_id: int | None = None,
    kiosk_id: int | None = None,
    group: GroupSession | None = None,
) -> str:
    """Return a token for a new journey through a survey."""
    token = new_submission_token()
    return issue(Journey(survey_id, token, channel, partner_link_id, kiosk_id, group))


def read(token: str | None, survey_id: int) -> Journey:
    """Return the journey in a token, or raise JourneyTokenInvalid with one to carry on with."""
    verified = _verified(token)
    if verified is None:
        raise JourneyTokenInvalid(_fresh(survey_id))
    journey, signed_at = verified
    journey = _for_survey(journey, survey_id)
    # As itsdangerous counts a token's age: whole seconds, and one from the future is expired.
    age = int(time.time()) - signed_at
    if not 0 <= age <= current_app.config["RESPOND_TOKEN_MAX_AGE_SECONDS"]:
        carry_on = replace(journey, token=new_submission_token()) if journey else None
        raise JourneyTokenInvalid(carry_on or _fresh(survey_id))
    if journey is None:
        raise JourneyTokenInvalid(_fresh(survey_id))
    return journey


def token_in_request() -> str | None:
    """Return the journey token of this request, or None: a form's on a POST (the one the
    view acts on), the address's on a GET.

    A POST reads only its form: a kiosk's token added to the address of an online journey's
    send once made the send look like a kiosk's, and kiosks are exempt from the send limit.
    Error pages call this too, so a form that cannot be read (too large) counts as none.
    """
    if request.method != "POST":
        return request.args.get("token") or None
    try:
        return request.form.get("token") or None
    except HTTPException:
        return None


def peek(token: str | None) -> Journey | None:
    """Return the journey in a genuine token, however old, or None; for routing, never for trust."""
    verified = _verified(token)
    return verified[0] if verified else None


def issued_at(token: str | None) -> datetime | None:
    """Return when a genuine token was issued (to the second), however old, or None."""
    verified = _verified(token)
    return datetime.fromtimestamp(verified[1], UTC) if verified else None


def peek_request() -> Journey | None:
    """Return the journey of this request's token, however old, or None; for routing only.

    Read once per request (the kiosk and embed checks both ask before the view runs).
    """
    verified = _verified(token_in_request())
    return verified[0] if verified else None


def _verified(token: str | None) -> tuple[Journey | None, int] | None:
    """Return a genuine token's journey and when it was signed (seconds), or None if forged.

    The signature is checked once per request and token, whoever asks: the kiosk and embed
    checks before the view, then the view, which also checks the token's age.
    """
    if not token:
        return None
    kept = request.environ.get(_VERIFIED) if has_request_context() else None
    if kept is not None and kept[0] == token:
        return kept[1]
    try:
        data, signed_at = _serializer().loads(token, return_timestamp=True)
        verified = _journey(data), int(signed_at.timestamp())
    except BadSignature:
        verified = None
    if has_request_context():
        request.environ[_VERIFIED] = (token, verified)
    return verified


def _journey(data: object) -> Journey | None:
    if not isinstance(data, dict) or not isinstance(data.get(_SURVEY), int):
        return None
    if not data.get(_TOKEN):
        return None
    return Journey(
        data[_SURVEY],
        str(data[_TOKEN]),
        str(data.get(_CHANNEL) or Channel.ONLINE.value),
        _whole_number(data.get(_PARTNER_LINK)),
        _whole_number(data.get(_KIOSK)),
        _group(data.get(_GROUP)),
    )


def _for_survey(journey: Journey | None, survey_id: int) -> Journey | None:
    return journey if journey is not None and journey.survey_id == survey_id else None


def _whole_number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _group(value: object) -> GroupSession | None:
    if not isinstance(value, list) or len(value) != 4:
        return None
    people, facilitator, organisation, day = value
    return GroupSession(int(people), str(facilitator), str(organisation), date.fromisoformat(day))


def _fresh(survey_id: int) -> Journey:
    return Journey(survey_id, new_submission_token())
