"""Staff sessions kept on the server, so that ending one really ends it.

Services layer. The browser's signed cookie holds only a random session token; this module
keeps a hash of it with when the session started and was last used. A session ends when
its user signs out, signs out everywhere, gets a new password or is deactivated, after 30
minutes without use, and 12 hours after sign-in whatever happens. A copied cookie is then
worth nothing.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update

from app.extensions import db
from app.models import StaffSession, User
from app.models.base import utc_now
from app.services.transactions import transactional

IDLE = timedelta(minutes=30)
LONGEST = timedelta(hours=12)
# Writing "last seen" on every page would cost a write a request; a minute is close enough.
TOUCH_EVERY = timedelta(minutes=1)
# A session that has ended is kept this long (when and from which address someone signed in
# can help look into a sign-in), then `flask purge` deletes it.
KEPT_AFTER_IT_ENDS = timedelta(days=30)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transactional
def start(user: User, *, address: str = "") -> str:
    """Start a session for a user who has just signed in; return the token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = utc_now()
    db.session.add(
        StaffSession(
            user_id=user.id,
            token_hash=_hash(token),
            started_at=now,
            last_seen_at=now,
            address=address[:45],
        )
    )
    return token


def _is_live(record: StaffSession, now: datetime) -> bool:
    return (
        record.ended_at is None
        and now - record.last_seen_at < IDLE
        and now - record.started_at < LONGEST
    )


@transactional
def resume(token: str | None, user_id: str | int | None) -> User | None:
    """Return the user of a live session with this token, noting it was used; else None."""
    if not token or len(token) > 100:
        return None
    record = db.session.scalar(select(StaffSession).where(StaffSession.token_hash == _hash(token)))
    if record is None or str(record.user_id) != str(user_id):
        return None
    now = utc_now()
    if not _is_live(record, now):
        record.ended_at = record.ended_at or now
        return None
    user = db.session.get(User, record.user_id)
    if user is None or not user.active:
        return None
    if now - record.last_seen_at >= TOUCH_EVERY:
        record.last_seen_at = now
    return user


@transactional
def end(token: str | None) -> None:
    """End the session with this token, if there is one."""
    if token:
        db.session.execute(
            update(StaffSession)
            .where(StaffSession.token_hash == _hash(token), StaffSession.ended_at.is_(None))
            .values(ended_at=utc_now())
        )


@transactional
def end_all(user_id: int) -> int:
    """End every session of one user; return how many were still going."""
    result = db.session.execute(
        update(StaffSession)
        .where(StaffSession.user_id == user_id, StaffSession.ended_at.is_(None))
        .values(ended_at=utc_now())
    )
    return result.rowcount


def live_count(user_id: int) -> int:
    """Return how many sessions of this user are still going."""
    now = utc_now()
    records = db.session.scalars(
        select(StaffSession).where(StaffSession.user_id == user_id, StaffSession.ended_at.is_(None))
    )
    return sum(1 for record in records if _is_live(record, now))


def delete_ended(now: datetime) -> int:
    """Delete the sessions that ended over 30 days ago, by any of the ways a session ends;
    return how many. For a `@transactional` use case (retention.purge_sign_in_records)."""
    ended_before = now - KEPT_AFTER_IT_ENDS
    result = db.session.execute(
        delete(StaffSession)
        .where(
            or_(
                StaffSession.ended_at < ended_before,
                StaffSession.last_seen_at < ended_before - IDLE,
                StaffSession.started_at < ended_before - LONGEST,
            )
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
