"""Refuse resident POSTs from other web sites, and bodies that are not forms.

The journey has no cookie to protect, so forgery protection is the signed token plus this
check of `Origin` and `Sec-Fetch-Site` against our own origin (BAD-41, BAD-42).
"""

from flask import abort, make_response, request

from app.errors import error_page

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CROSS_SITE = "This survey cannot be answered from this website"


def check_post_is_from_us(partner_origins: list[str]) -> None:
    """Abort with 415 for a non-form body and 403 for a POST from a site not allowed."""
    if request.mimetype not in FORM_TYPES:
        abort(415)
    origin = request.headers.get("Origin")
    allowed = {request.host_url.rstrip("/"), *partner_origins}
    if origin and origin != "null" and origin not in allowed:
        abort(make_response(error_page(403, "You cannot send answers from here", CROSS_SITE)))
    # Inside a partner's iframe the browser says cross-site; the Origin check above covers it.
    if request.headers.get("Sec-Fetch-Site") == "cross-site" and not (
        origin and origin in partner_origins
    ):
        abort(make_response(error_page(403, "You cannot send answers from here", CROSS_SITE)))
