"""Domain errors that services raise; each knows the HTTP status a view should answer with.

Imports nothing from Flask: the error handlers in `app/errors.py` turn these into pages.
"""


class ServiceError(Exception):
    """A problem the person can understand, with the status code that describes it."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ServiceError):
    """The thing asked for does not exist, or this person may not see it."""

    status_code = 404


class Gone(ServiceError):
    """The thing asked for existed but is no longer available (a closed survey)."""

    status_code = 410


class AnswerInvalid(ServiceError):
    """An answer that cannot be accepted; the message says how to put it right."""


class TooManyAttempts(ServiceError):
    """Too many tries in a short time; try again later."""

    status_code = 429
