"""Kiosk mode: a big start screen, and "start again" that deletes the draft on the server.

Kiosk journeys carry the kiosk in their signed token; every page of one tells the page's
idle timer how long to wait (see `kiosk_settings`) and starts from the kiosk's own display
choices (staff set them). Starting again, after the idle time or for the next person after
a send, ends the visit: the next person gets the kiosk's display choices back, and any page
of the visit before (Back, or a confirmation page) shows the start screen instead.
"""

from flask import g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import journey_tokens as tokens
from app.models import Channel, Kiosk
from app.respond import blueprint, preferences
from app.services import kiosks

RESET_MESSAGE = _l("We deleted the answers on this screen. The next person can start.")
# Addresses with every display choice named as None: `url_defaults` then adds none of the
# last person's, and the start screen shows the kiosk's own.
NO_CHOICES = dict.fromkeys(preferences.CHOICES)
_START_ENDPOINTS = ("respond.kiosk_start", "respond.kiosk_start_again")


@blueprint.before_request
def _start_from_the_kiosks_choices():
    kiosk = _kiosk_of_request()
    if kiosk is not None:
        preferences.use_defaults(kiosks.display_defaults(kiosk))
    ended = _kiosk_of_old_receipt() if request.endpoint == "respond.thanks" else None
    if ended is None and kiosk is not None and _from_an_ended_visit(kiosk):
        ended = kiosk
    if ended is None:
        return None
    g.no_store = True
    reset = 1 if request.endpoint == "respond.kiosk_start" else None
    return redirect(url_for(".kiosk_start", key=ended.key, reset=reset, **NO_CHOICES), 303)


def _from_an_ended_visit(kiosk: Kiosk) -> bool:
    """Say whether this request is a page of a visit that has ended on its kiosk."""
    if request.endpoint == "respond.kiosk_start_again":
        return False
    if request.endpoint == "respond.kiosk_start":
        # The start screen after a reset never keeps the last person's display choices.
        return request.args.get("reset") == "1" and any(name in request.args for name in NO_CHOICES)
    shown_at = tokens.issued_at(tokens.token_in_request())
    # Tokens tell the time to the second: a page shown in the second the visit ended is its.
    return shown_at is not None and kiosks.visit_has_ended(
        kiosk, shown_at.replace(microsecond=999_999)
    )


def _kiosk_of_old_receipt() -> Kiosk | None:
    sent = kiosks.kiosk_of_receipt((request.view_args or {}).get("receipt", ""))
    if sent is None or not kiosks.visit_has_ended(*sent):
        return None
    return sent[0]


@blueprint.get("/k/<key>")
def kiosk_start(key: str):
    kiosk = kiosks.find_kiosk(key)
    token = tokens.start(kiosk.survey_id, channel=Channel.KIOSK.value, kiosk_id=kiosk.id)
    g.kiosk = kiosk
    return render_template(
        "respond/kiosk_start.html",
        survey=kiosk.survey,
        wording=preferences.survey_wording(kiosk.survey),
        kiosk=kiosk,
        token=token,
        was_reset=request.args.get("reset") == "1",
        reset_message=RESET_MESSAGE,
        warning_seconds=kiosks.WARNING_SECONDS,
        idle_words=_duration(kiosk.idle_seconds),
    )


def _duration(seconds: int) -> str:
    if seconds % 60:
        return _("%(seconds)s seconds", seconds=seconds)
    minutes = seconds // 60
    return _("1 minute") if minutes == 1 else _("%(minutes)s minutes", minutes=minutes)


@blueprint.post("/k/<key>/start-again")
def kiosk_start_again(key: str):
    kiosk = kiosks.find_kiosk(key)
    # However old the token: deleting a draft needs no more trust than knowing its token.
    journey = tokens.peek(request.form.get("token"))
    if journey is None or (journey.survey_id, journey.kiosk_id) != (kiosk.survey_id, kiosk.id):
        journey = None
    kiosks.start_again(kiosk, journey)
    reset = 1 if journey is not None else None
    return redirect(url_for(".kiosk_start", key=key, reset=reset, **NO_CHOICES), 303)


def next_person_url(kiosk_id: int | None) -> str | None:
    """Return where the next person starts on this kiosk (a form sends them), or None."""
    kiosk = kiosks.get_kiosk(kiosk_id)
    return url_for(".kiosk_start_again", key=kiosk.key, **NO_CHOICES) if kiosk else None


def is_kiosk_request() -> bool:
    """Say whether this request comes from a kiosk journey (kiosks share one address)."""
    return _kiosk_of_request() is not None


def kiosk_settings() -> dict | None:
    """Return the idle-timer settings of this request's kiosk journey, if it is one."""
    kiosk = getattr(g, "kiosk", None) or _kiosk_of_journey()
    if kiosk is None:
        return None
    return {
        "idle_seconds": kiosk.idle_seconds,
        "warning_seconds": kiosks.WARNING_SECONDS,
        "start_again_url": url_for(".kiosk_start_again", key=kiosk.key, **NO_CHOICES),
        "start_url": url_for(".kiosk_start", key=kiosk.key, **NO_CHOICES),
    }


def _kiosk_of_request() -> Kiosk | None:
    """Return the kiosk of this request: in its address (start screen) or its journey."""
    if request.endpoint in _START_ENDPOINTS:
        return kiosks.kiosk_by_key((request.view_args or {}).get("key", ""))
    return _kiosk_of_journey()


def _kiosk_of_journey() -> Kiosk | None:
    journey = tokens.peek_request()
    if journey is None or journey.channel != Channel.KIOSK.value:
        return None
    return kiosks.get_kiosk(journey.kiosk_id)


@blueprint.app_context_processor
def _kiosk_context() -> dict:
    if request.blueprint != "respond":
        return {"kiosk_settings": None}
    return {"kiosk_settings": kiosk_settings()}
