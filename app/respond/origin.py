"""Refuse resident POSTs from other web sites, and bodies that are not forms.

The journey has no cookie to protect, so forgery protection is the signed token plus this
check of `Origin` and `Sec-Fetch-Site` against our own origin (BAD-41, BAD-42).
"""

from flask import abort, make_response, request

from app.errors import error_page

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CROSS_SITE = "This survey cannot be answered from this website"


def check_post_is_from_us() -> None:
    """Abort with 415 for a non-form body and 403 for a POST from another site."""
    if request.mimetype not in FORM_TYPES:
        abort(415)
    origin = request.headers.get("Origin")
    our_origin = request.host_url.rstrip("/")
    if origin and origin != "null" and origin != our_origin:
        abort(make_response(error_page(403, "You cannot send answers from here", CROSS_SITE)))
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        abort(make_response(error_page(403, "You cannot send answers from here", CROSS_SITE)))
