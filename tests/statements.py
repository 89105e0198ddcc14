"""Count the SQL statements the app sends: queries, BEGIN, COMMIT, ROLLBACK and the pool's
connection check.

The drivers begin a transaction on their own, so BEGIN is counted from the engine's `begin`
event, COMMIT and ROLLBACK from theirs, and the check by wrapping the dialect's `do_ping`.
A connection in autocommit sends none of the three (the driver runs each statement alone),
though SQLAlchemy still raises their events: those are not counted.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event


class Statements:
    """Every statement sent while counting, in order."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def __len__(self) -> int:
        return len(self.sent)

    def __str__(self) -> str:
        return "\n".join(self.sent)


@contextmanager
def counting(engine) -> Iterator[Statements]:
    statements = Statements()

    def query(_conn, _cursor, statement, *_args):
        statements.sent.append(" ".join(statement.split())[:120])

    def transaction(word):
        def sent(conn):
            if conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
                statements.sent.append(word)

        return sent

    listeners = [
        ("before_cursor_execute", query),
        ("begin", transaction("BEGIN")),
        ("commit", transaction("COMMIT")),
        ("rollback", transaction("ROLLBACK")),
    ]
    for name, listener in listeners:
        event.listen(engine, name, listener)
    do_ping = engine.dialect.do_ping

    def ping(connection):
        statements.sent.append("ping")
        return do_ping(connection)

    engine.dialect.do_ping = ping
    try:
        yield statements
    finally:
        engine.dialect.do_ping = do_ping
        for name, listener in listeners:
            event.remove(engine, name, listener)
