"""One transaction per use case: `@transactional` commits on success, rolls back on any error.

A use case (a public service function that writes) is wrapped once. When it calls another
use case, the inner one joins the outer transaction instead of committing on its own, so a
question, its options, its branch rule and its audit row land in one commit or not at all.
Services layer: imports the database extension only; views never commit.
"""

import contextlib
from collections.abc import Callable, Iterator
from functools import wraps
from typing import ParamSpec, TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.services.errors import ServiceError

P = ParamSpec("P")
R = TypeVar("R")

_DEPTH = "heard_transaction_depth"


def transactional(use_case: Callable[P, R]) -> Callable[P, R]:
    """Run `use_case` in one transaction, or inside the caller's when there is one."""

    @wraps(use_case)
    def run_in_transaction(*args: P.args, **kwargs: P.kwargs) -> R:
        session = db.session
        depth = session.info.get(_DEPTH, 0)
        session.info[_DEPTH] = depth + 1
        try:
            result = use_case(*args, **kwargs)
            if depth == 0:
                session.commit()
            return result
        except BaseException:
            if depth == 0:
                session.rollback()
            raise
        finally:
            session.info[_DEPTH] = depth

    return run_in_transaction


def in_transaction() -> bool:
    """Say whether a `@transactional` use case is running now."""
    return db.session.info.get(_DEPTH, 0) > 0


def commit_now() -> None:
    """Commit what is written so far, even if the use case goes on to fail.

    Only for writes that must stick when the use case then refuses the person (a wrong
    password or come-back code is counted, then refused); every other write waits for the
    use case's one commit.
    """
    db.session.commit()


def flush_or_refuse(message: str, *, field: str) -> None:
    """Write pending rows now; a unique value taken at the same moment becomes `message`.

    Two people adding the same name at once both pass the "is it taken?" check; the database's
    unique constraint decides, and the loser gets a plain message (the use case rolls back).
    """
    try:
        db.session.flush()
    except IntegrityError as error:
        raise ServiceError(message, field=field) from error


@contextlib.contextmanager
def one_statement_read() -> Iterator[Connection]:
    """Yield a connection for a read that is one statement, so needs no transaction.

    When the request's session has begun a transaction, its own connection, so the read
    sees what the session wrote. Otherwise a pooled connection in autocommit: the database
    gets the SELECT alone, with no BEGIN before it or ROLLBACK after (one round trip to
    PostgreSQL instead of three, on every question page).
    """
    session = db.session()
    if session.in_transaction():
        yield session.connection()
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        yield connection
