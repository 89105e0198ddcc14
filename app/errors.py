"""Error pages for people and JSON errors for machines: never a 500 for bad input.

Service errors carry their own status code; Werkzeug's HTTP errors get an easy-read page. A
database that failed mid-request (down, dropped the connection, full, or left the session
needing a rollback) gets the "not sent yet, press again" page (503), after the session is
rolled back so that the page itself can be made.
"""

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, PendingRollbackError
from werkzeug.exceptions import HTTPException

from app.database import roll_back_quietly
from app.services.errors import ServiceError

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("There is a problem"), _l("We could not read what was sent. Go back and try again.")),
    403: (_l("You cannot do this"), _l("You do not have permission to do this.")),
    404: (_l("Page not found"), _l("We cannot find this page. Check the web address.")),
    405: (_l("There is a problem"), _l("This page cannot be used like that.")),
    410: (_l("This page has gone"), _l("This page is no longer available.")),
    413: (_l("Your answers are too long to send"), _l("Make your answers shorter and try again.")),
    415: (_l("There is a problem"), _l("We could not read what was sent.")),
    429: (_l("Wait a minute"), _l("You have tried too many times. Wait a minute and try again.")),
    500: (_l("There is a problem with the service"), _l("Try again later.")),
    503: (
        _l("The service is busy"),
        _l("Your answers have not been sent yet. Press Send again in a minute."),
    ),
}  # fmt: skip


def register(app: Flask) -> None:
    """Attach Heard's error handlers to the app."""
    app.register_error_handler(ServiceError, _service_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, http_error_page)
    app.register_error_handler(DBAPIError, _database_error)
    app.register_error_handler(PendingRollbackError, _database_unavailable)


def error_page(status: int, heading: str | None = None, message: str | None = None):
    """Render an easy-read error page, or JSON for a client that asked for it."""
    default_heading, default_message = MESSAGES.get(status, MESSAGES[400])
    heading, message = heading or default_heading, message or default_message
    if request.accept_mimetypes.best == "application/json":
        return jsonify(error=str(heading), message=str(message)), status
    return render_template("errors/error.html", heading=heading, message=message), status


def _service_error(error: ServiceError):
    return error_page(error.status_code, message=error.message)


def _csrf_error(error: CSRFError):
    log.info("CSRF check failed on %s", request.path)
    return error_page(400, _l("This page has expired"), _l("This page has expired. Try again."))


def http_error_page(error: HTTPException):
    """Render the easy-read page for a Werkzeug HTTP error, keeping its Retry-After."""
    status = error.code or 500
    response = error_page(status)
    if status == 429 and error.get_response().headers.get("Retry-After"):
        body, code = response
        return body, code, {"Retry-After": error.get_response().headers["Retry-After"]}
    return response


def _database_error(error: DBAPIError):
    """Say "press again" when the database could not answer; anything else is a bug (500)."""
    unavailable = isinstance(error, OperationalError | InterfaceError)
    if not (unavailable or error.connection_invalidated):
        roll_back_quietly()
        raise error
    return _database_unavailable(error)


def _database_unavailable(error: DBAPIError | PendingRollbackError):
    # The failed transaction is rolled back first: the page (its layout, the signed-in user)
    # may read the database, and a session still waiting for its rollback refuses every read.
    roll_back_quietly()
    log.error("Database unavailable: %s", type(getattr(error, "orig", None) or error).__name__)
    return error_page(503)
