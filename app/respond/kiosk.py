"""Kiosk mode: a big start screen, and "start again" that deletes the draft on the server.

Kiosk journeys carry the kiosk in their signed token; every page of one tells the page's
idle timer how long to wait (see `kiosk_settings`).
"""

from flask import g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import journey_tokens as tokens
from app.models import Channel, Kiosk
from app.respond import blueprint
from app.services import kiosks

RESET_MESSAGE = _l("We deleted the answers on this screen. The next person can start.")


@blueprint.get("/k/<key>")
def kiosk_start(key: str):
    kiosk = kiosks.find_kiosk(key)
    token = tokens.start(kiosk.survey_id, channel=Channel.KIOSK.value, kiosk_id=kiosk.id)
    g.kiosk = kiosk
    return render_template(
        "respond/kiosk_start.html",
        survey=kiosk.survey,
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
    if journey is not None and (journey.survey_id, journey.kiosk_id) == (kiosk.survey_id, kiosk.id):
        kiosks.start_again(journey)
    return redirect(url_for(".kiosk_start", key=key, reset=1), 303)


def is_kiosk_request() -> bool:
    """Say whether this request comes from a kiosk journey (kiosks share one address)."""
    return _kiosk_of_request() is not None


def kiosk_settings() -> dict | None:
    """Return the idle-timer settings of this request's kiosk journey, if it is one."""
    kiosk = getattr(g, "kiosk", None) or _kiosk_of_request()
    if kiosk is None:
        return None
    return {
        "idle_seconds": kiosk.idle_seconds,
        "warning_seconds": kiosks.WARNING_SECONDS,
        "start_again_url": url_for(".kiosk_start_again", key=kiosk.key),
        "start_url": url_for(".kiosk_start", key=kiosk.key),
    }


def _kiosk_of_request() -> Kiosk | None:
    journey = tokens.peek_request()
    if journey is None or journey.channel != Channel.KIOSK.value:
        return None
    return kiosks.get_kiosk(journey.kiosk_id)


@blueprint.app_context_processor
def _kiosk_context() -> dict:
    if request.blueprint != "respond":
        return {"kiosk_settings": None}
    return {"kiosk_settings": kiosk_settings()}
