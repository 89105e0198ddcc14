"""The signed journey token: which survey and draft, and how the person came to it.

It travels in a hidden form field and in links, never only in a cookie, so the journey
works inside a partner's iframe with third-party cookies blocked. It is HMAC-signed with
itsdangerous and carries its issue time; it lives 24 hours (BAD_INPUTS.md REL-1, BAD-33–37).
"""

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.services.responses import Journey, new_submission_token

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
    return _serializer().dumps(
        {
            "s": journey.survey_id,
            "t": journey.token,
            "c": journey.channel,
            "p": journey.partner_link_id,
        }
    )


def start(survey_id: int, *, channel: str = "online", partner_link_id: int | None = None) -> str:
    """Return a token for a new journey through a survey."""
    return issue(Journey(survey_id, new_submission_token(), channel, partner_link_id))


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
    return Journey(survey_id, str(data["t"]), str(data.get("c") or "online"), data.get("p"))


def _fresh(survey_id: int) -> Journey:
    return Journey(survey_id, new_submission_token())
