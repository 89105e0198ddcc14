"""Trust the reverse proxies in front of Heard, and only those: the real address of each person.

Rate limits and the come-back-code limits key on the client's address. Behind a reverse proxy
every request comes from the proxy, so a whole town would share one limit; trusting every
`X-Forwarded-For` instead would let anyone dodge a limit by sending the header. The number of
proxies is a setting (`TRUSTED_PROXIES`, default 0): Werkzeug's ProxyFix then believes exactly
that many hops of `X-Forwarded-For`, `-Proto` and `-Host`.
"""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

MOST_PROXIES = 5


def register(app: Flask) -> None:
    """Wrap the app in ProxyFix for the configured number of trusted proxies, if any."""
    count = trusted_proxies(app.config.get("TRUSTED_PROXIES", 0))
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def trusted_proxies(value: str | int | None) -> int:
    """Return the number of trusted proxies from a setting, or stop start-up with the reason."""
    text = str(value if value is not None else "").strip() or "0"
    if not (text.isascii() and text.isdigit() and int(text) <= MOST_PROXIES):
        raise RuntimeError(
            f"TRUSTED_PROXIES must be a whole number from 0 to {MOST_PROXIES}, not {text!r}"
        )
    return int(text)
