"""Security headers and the Content Security Policy, with a nonce for the one inline script.

Every page refuses to be framed (`frame-ancestors 'none'`) unless a view has set an embed
allowlist on `g.frame_ancestors`. Pages marked private are never stored by a browser.
"""

import secrets

from flask import Flask, g, request
from werkzeug.wrappers import Response


def register(app: Flask) -> None:
    """Add a CSP nonce to every request and security headers to every response."""
    app.before_request(_make_nonce)
    app.after_request(_add_headers)
    app.context_processor(lambda: {"csp_nonce": getattr(g, "csp_nonce", "")})


def _make_nonce() -> None:
    g.csp_nonce = secrets.token_urlsafe(16)


def _add_headers(response: Response) -> Response:
    frame_ancestors = " ".join(getattr(g, "frame_ancestors", ())) or "'none'"
    nonce = getattr(g, "csp_nonce", "")
    response.headers["Content-Security-Policy"] = "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )
    if frame_ancestors == "'none'":
        response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if getattr(g, "no_store", False) or request.blueprint == "staff":
        response.headers["Cache-Control"] = "no-store"
    return response
