"""Refuse resident POSTs from other web sites, and bodies that are not forms.

The journey has no cookie to protect, so forgery protection is the signed token plus this
check of `Origin` and `Sec-Fetch-Site` against our own origin (BAD-41, BAD-42).
"""

from urllib.parse import unquote_to_bytes

from flask import abort, make_response, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.errors import error_page

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CROSS_SITE = _l("This survey cannot be answered from this website")


def check_post_is_from_us(partner_origins: list[str]) -> None:
    """Abort with 415 for a non-form body and 403 for a POST from a site not allowed."""
    if request.mimetype not in FORM_TYPES:
        abort(415)
    origin = request.headers.get("Origin")
    allowed = {request.host_url.rstrip("/"), *partner_origins}
    # "null" is what sandboxed frames, data: and file: pages send: never our own pages.
    if origin and origin not in allowed:
        abort(make_response(error_page(403, _("You cannot send answers from here"), CROSS_SITE)))
    # Inside a partner's iframe the browser says cross-site; the Origin check above covers it.
    if request.headers.get("Sec-Fetch-Site") == "cross-site" and not (
        origin and origin in partner_origins
    ):
        abort(make_response(error_page(403, _("You cannot send answers from here"), CROSS_SITE)))


def unreadable_fields() -> set[str]:
    """Return the names of form fields whose bytes are not valid UTF-8 (BAD-6, BAD-7).

    Werkzeug keeps such bytes percent-encoded instead of failing, which would store "%C3(" as
    if the person had typed it; we look at the raw body instead.
    """
    if request.mimetype != "application/x-www-form-urlencoded":
        return set()
    broken = set()
    for part in request.get_data(cache=True).split(b"&"):
        name, _, value = part.partition(b"=")
        try:
            unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            broken.add(unquote_to_bytes(name).decode("utf-8", "replace"))
    return broken
