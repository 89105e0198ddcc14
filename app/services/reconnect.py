"""Try a database read or an idempotent write once more when the connection was lost.

A PostgreSQL restart, or a backend it killed, shows as one failed statement on a pooled
connection that looked fine; the next connection works. Services layer: imports the
database extension only.
"""

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import InterfaceError, OperationalError

from app.extensions import db
from app.services.transactions import in_transaction

# The errors that mean the database could not answer (down, restarting, a connection it
# dropped, a full disk), as opposed to a statement it refused: the resident is told "not sent
# yet, press again". psycopg reports some lost connections as InterfaceError.
UNAVAILABLE = (OperationalError, InterfaceError)
# A restarting PostgreSQL refuses connections for a fraction of a second.
RECONNECT_WAIT_SECONDS = 0.5
P = ParamSpec("P")
R = TypeVar("R")
log = logging.getLogger(__name__)


def once_more_if_the_connection_was_lost(use_case: Callable[P, R]) -> Callable[P, R]:
    """Run `use_case`; if the database dropped the connection (a restart, a killed backend)
    or refused a new one, roll back and run it once more on a fresh connection.

    Only for what is safe to repeat: reads, saving an answer (it sets the same value again)
    and sending (a first try that did commit is found by its token). Inside a caller's
    transaction it runs once, as that caller decides. Any other error, or a second failure,
    is raised: the resident sees "not sent yet, press again".
    """

    @wraps(use_case)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if in_transaction():
            return use_case(*args, **kwargs)
        try:
            return use_case(*args, **kwargs)
        except UNAVAILABLE as error:
            refused = error.statement is None
            if not (error.connection_invalidated or refused):
                raise
            log.warning("The database connection was lost; trying once more")
            db.session.rollback()
            if refused:
                time.sleep(RECONNECT_WAIT_SECONDS)
            return use_case(*args, **kwargs)

    return run
