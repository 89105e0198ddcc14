"""Heard for `bench/faults.py aimed` and `disk`: a worker that kills itself just before or
just after a send's transaction commits, or a SQLite database whose disk is full on cue.
Bench only: never served to residents.

A random `kill -9` (the `kill` scenario) seldom lands inside the few milliseconds of a send,
so it cannot show what a resident sees when the worker dies there. This module wraps
`wsgi:app` and listens to every SQLAlchemy session: when a send (`respond.send`) has written
its response and is about to commit, or has just committed and not yet answered, the worker
sends itself SIGKILL, if the plan says it is that moment's turn.

The plan is a JSON file named by HEARD_KILL_PLAN, shared by all workers and their
replacements, and changed under a file lock:

    {"before": 10, "after": 10, "gap": 1.0, "last": 0, "kills": []}

`before` and `after` are the kills still to make, taken in turn; `gap` the seconds to leave
between two kills (so the replacement worker has started); `kills` what was done, with the
journey's submission token and the receipt it was given, for the script to compare with
what residents were shown and what was stored.

The disk is full while the file named by HEARD_DISK_FULL exists: each connection, as it is
checked out, is capped at the database's size then (`PRAGMA max_page_count`), so SQLite
answers "database or disk is full" to a write that needs a new page, as on a full disk.

    gunicorn --config gunicorn.conf.py bench.faulty_wsgi:app
"""

import fcntl
import json
import os
import signal
import time

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import Response
from wsgi import app

PLAN = os.environ.get("HEARD_KILL_PLAN", "")
DISK_FULL = os.environ.get("HEARD_DISK_FULL", "")
SENDING = "heard_faults_sending"

__all__ = ["app"]


def _turn(plan: dict) -> str | None:
    """Return which kill comes next: the one behind, before first when level."""
    done = {phase: sum(k["phase"] == phase for k in plan["kills"]) for phase in ("before", "after")}
    left = [phase for phase in ("before", "after") if plan[phase] > 0]
    if not left:
        return None
    return min(left, key=lambda phase: (done[phase], phase != "before"))


def _die_if_planned(phase: str, sending: tuple[str, str]) -> None:
    with open(PLAN, "r+") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        plan = json.load(file)
        now = time.time()
        if _turn(plan) != phase or now - plan["last"] < plan["gap"]:
            return
        token, receipt = sending
        plan[phase] -= 1
        plan["last"] = now
        plan["kills"].append({"phase": phase, "token": token, "receipt": receipt})
        file.seek(0)
        file.truncate()
        json.dump(plan, file)
        file.flush()
        os.fsync(file.fileno())
    os.kill(os.getpid(), signal.SIGKILL)


@event.listens_for(Session, "after_flush")
def _note_a_send(session, _context) -> None:
    if not (PLAN and has_request_context() and request.endpoint == "respond.send"):
        return
    for row in session.new:
        if isinstance(row, Response):
            session.info[SENDING] = (row.submission_token, row.receipt)


@event.listens_for(Session, "before_commit")
def _before_commit(session) -> None:
    if SENDING in session.info:
        _die_if_planned("before", session.info[SENDING])


@event.listens_for(Session, "after_commit")
def _after_commit(session) -> None:
    sending = session.info.pop(SENDING, None)
    if sending:
        _die_if_planned("after", sending)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session) -> None:
    session.info.pop(SENDING, None)


def _cap_when_the_disk_is_full(dbapi_connection, record, _proxy) -> None:
    cursor = dbapi_connection.cursor()
    if "unlimited" not in record.info:
        record.info["unlimited"] = cursor.execute("PRAGMA max_page_count").fetchone()[0]
    pages = record.info["unlimited"]
    if os.path.exists(DISK_FULL):
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
    cursor.execute(f"PRAGMA max_page_count = {int(pages)}")
    cursor.close()


if DISK_FULL:
    with app.app_context():
        event.listen(db.engine, "checkout", _cap_when_the_disk_is_full)
