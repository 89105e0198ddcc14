"""Absolute addresses come from the configured `PUBLIC_BASE_URL`, never from the request.

Heard prints absolute addresses that outlive the page: QR codes and posters, embed snippets,
kiosk addresses, come-back links, e-mailed sign-in links. Built from the request's `Host`
header, one request with `Host: evil.example` made them point at someone else's site, and a
poster printed from it would send residents there. With `PUBLIC_BASE_URL` set (required in
production), every `url_for(..., _external=True)` — in Python and in templates — is that
address followed by the route's path. Without it (development, tests), Flask builds them
from the request as before.
"""

from flask import Flask


class HeardFlask(Flask):
    """Flask, with absolute addresses built on the configured base address."""

    def url_for(
        self,
        /,
        endpoint: str,
        *,
        _anchor: str | None = None,
        _method: str | None = None,
        _scheme: str | None = None,
        _external: bool | None = None,
        **values: object,
    ) -> str:
        base = (self.config.get("PUBLIC_BASE_URL") or "").rstrip("/")
        if _external and base:
            path = super().url_for(endpoint, _anchor=_anchor, _method=_method, **values)
            return base + path
        return super().url_for(
            endpoint,
            _anchor=_anchor,
            _method=_method,
            _scheme=_scheme,
            _external=_external,
            **values,
        )
