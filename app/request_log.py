"""One structured JSON log line per request, for a council's log shipping.

Each line has the request id (from `X-Request-Id` when a proxy set a sensible one, otherwise
made here, and sent back in the response), the route's pattern (never the address itself,
which can hold a come-back link or a journey token), the method, status, duration and the
instance. Nothing a person typed is ever logged: no answer, free text, come-back code, token,
e-mail address or query string. Health checks are not logged.

Turned on by `LOG_FORMAT=json` (production's default); otherwise Flask's own logging is left
as it is for development.
"""

import logging
import os
import re
import socket
import time
import uuid

from flask import Flask, g, request
from pythonjsonlogger.json import JsonFormatter
from werkzeug.wrappers import Response

from app.health import HEALTH_PATHS

log = logging.getLogger("heard.requests")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
FIELDS = ("request_id", "method", "route", "status", "duration_ms", "instance")


def register(app: Flask) -> None:
    """Log every request as one JSON line when the app is set to."""
    if app.config.get("LOG_FORMAT") != "json":
        return
    configure_json_logging(app.config.get("LOG_LEVEL", "INFO"))
    app.before_request(_start)
    app.after_request(_finish)


def configure_json_logging(level: str = "INFO") -> None:
    """Send Heard's logs to standard error as JSON lines."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(_route_not_address)
    for name in ("heard", "app"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(level)
        logger.propagate = False


_EXCEPTION_ON = re.compile(r"^Exception on \S+ \[")


def _route_not_address(record: logging.LogRecord) -> bool:
    """Write the route, not the address, in Flask's "Exception on /s/..." lines: an address
    can hold a come-back link or a reference number."""
    if isinstance(record.msg, str) and _EXCEPTION_ON.match(record.msg):
        route = request.url_rule.rule if request and request.url_rule else "(no route)"
        record.msg = _EXCEPTION_ON.sub(f"Exception on {route} [", record.msg)
    return True


def instance_name() -> str:
    """Return the name this instance logs under: HEARD_INSTANCE, or host and process id."""
    return os.environ.get("HEARD_INSTANCE") or f"{socket.gethostname()}:{os.getpid()}"


def _start() -> None:
    g.request_started = time.perf_counter()
    offered = request.headers.get("X-Request-Id", "")
    g.request_id = offered if _REQUEST_ID.match(offered) else uuid.uuid4().hex


def _finish(response: Response) -> Response:
    response.headers["X-Request-Id"] = g.get("request_id", "")
    if request.path in HEALTH_PATHS:
        return response
    started = g.get("request_started", time.perf_counter())
    log.info(
        "request",
        extra={
            "request_id": g.get("request_id", ""),
            "method": request.method,
            "route": request.url_rule.rule if request.url_rule else "(no route)",
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "instance": instance_name(),
        },
    )
    return response
