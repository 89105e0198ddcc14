"""Absolute addresses come from the configured `PUBLIC_BASE_URL`, never from the request.

Heard prints absolute addresses that outlive the page: QR codes and posters, embed snippets,
kiosk addresses, come-back links, e-mailed sign-in links. Built from the request's `Host`
header, one request with `Host: evil.example` made them point at someone else's site, and a
poster printed from it would send residents there. With `PUBLIC_BASE_URL` set (required in
production), every `url_for(..., _external=True)` — in Python and in templates — is that
address followed by the route's path. Without it (development, tests), Flask builds them
from the request as before.
"""

from flask import Flask, has_request_context, request


class HeardFlask(Flask):
    """Flask, with absolute addresses built on the configured base address.

    A static file's address depends only on its name and where the app is mounted (its
    content hash is fixed for the process: app/static_files.py), so each is built once; a
    resident page asks for about fifteen.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._static_addresses: dict[tuple[str, str], str] = {}

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
        if endpoint == "static" and not (_external or _anchor or _method or _scheme):
            return self._static_address(values)
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

    def _static_address(self, values: dict) -> str:
        filename = values.get("filename")
        if len(values) != 1 or not isinstance(filename, str):
            return super().url_for("static", **values)
        key = (request.script_root if has_request_context() else "", filename)
        address = self._static_addresses.get(key)
        if address is None:
            address = self._static_addresses[key] = super().url_for("static", **values)
        return address
