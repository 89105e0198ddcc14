"""The signed journey token: which survey and draft, and how the person came to it.

Shared by the resident journey and the staff pages that start paper and group entry.

It travels in a hidden form field and in links, never only in a cookie, so the journey
works inside a partner's iframe with third-party cookies blocked. It is HMAC-signed with
itsdangerous and carries its issue time; it lives 24 hours (BAD_INPUTS.md REL-1, BAD-33–37).
"""

from datetime import date

from flask import current_app, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.exceptions import HTTPException

from app.services.responses import GroupSession, Journey, new_submission_token

_SALT = "heard.respond.journey"


class JourneyTokenInvalid(Exception):
    """The token is missing, forged, expired or for another survey.

    `journey` is the journey to carry on with: the same draft when the token was genuine but
    old, otherwise a fresh one.
    """

    def __init__(self, journey: Journey) -> None:
        super().__init__("This page has expired")
        self.journey = journey


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def issue(journey: Journey) -> str:
    """Return a signed token for this journey, stamped with the time now."""
    data = {
        "s": journey.survey_id,
        "t": journey.token,
        "c": journey.channel,
        "p": journey.partner_link_id,
        "k": journey.kiosk_id,
    }
    if journey.group:
        data["g"] = [
            journey.group.people_count,
            journey.group.facilitator,
            journey.group.organisation,
            journey.group.session_date.isoformat(),
        ]
    return _serializer().dumps(data)


def start(
    survey_id: int,
    *,
    channel: str = "online",
    partner_link_id: int | None = None,
    kiosk_id: int | None = None,
    group: GroupSession | None = None,
) -> str:
    """Return a token for a new journey through a survey."""
    token = new_submission_token()
    return issue(Journey(survey_id, token, channel, partner_link_id, kiosk_id, group))


def read(token: str | None, survey_id: int) -> Journey:
    """Return the journey in a token, or raise JourneyTokenInvalid with one to carry on with."""
    serializer = _serializer()
    max_age = current_app.config["RESPOND_TOKEN_MAX_AGE_SECONDS"]
    try:
        data = serializer.loads(token or "", max_age=max_age)
    except SignatureExpired as expired:
        data = serializer.load_payload(expired.payload)
        raise JourneyTokenInvalid(_journey(data, survey_id) or _fresh(survey_id)) from None
    except BadSignature:
        raise JourneyTokenInvalid(_fresh(survey_id)) from None
    journey = _journey(data, survey_id)
    if journey is None:
        raise JourneyTokenInvalid(_fresh(survey_id))
    return journey


def read_ignoring_age(token: str | None, survey_id: int) -> Journey:
    """Return the journey in a genuine token however old it is; for deleting, never for trust."""
    journey = _journey(peek(token), survey_id)
    if journey is None:
        raise JourneyTokenInvalid(_fresh(survey_id))
    return journey


def token_in_request() -> str | None:
    """Return the journey token of this request (address or form), or None.

    Error pages call this too, so a form that cannot be read (too large) counts as none.
    """
    if request.args.get("token"):
        return request.args["token"]
    if request.method != "POST":
        return None
    try:
        return request.form.get("token")
    except HTTPException:
        return None


def peek(token: str | None) -> dict | None:
    """Return a genuine token's contents, however old, or None; for routing, never for trust."""
    if not token:
        return None
    try:
        data = _serializer().loads(token)
    except SignatureExpired as expired:
        data = _serializer().load_payload(expired.payload)
    except BadSignature:
        return None
    return data if isinstance(data, dict) else None


def _journey(data: object, survey_id: int) -> Journey | None:
    if not isinstance(data, dict) or data.get("s") != survey_id or not data.get("t"):
        return None
    return Journey(
        survey_id,
        str(data["t"]),
        str(data.get("c") or "online"),
        data.get("p"),
        data.get("k"),
        _group(data.get("g")),
    )


def _group(value: object) -> GroupSession | None:
    if not isinstance(value, list) or len(value) != 4:
        return None
    people, facilitator, organisation, day = value
    return GroupSession(int(people), str(facilitator), str(organisation), date.fromisoformat(day))


def _fresh(survey_id: int) -> Journey:
    return Journey(survey_id, new_submission_token())
