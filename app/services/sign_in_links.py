"""One-time links: a new user chooses their first password, or anyone a new one after a reset.

Services layer. A link works once, for 24 hours, and only the newest link of a user works.
Only a hash of its token is stored. It is e-mailed when a mail server is configured
(`app/services/mail.py`); otherwise it is handed back to be shown once to the admin, who
passes it on. Choosing a password ends every session of that user.
"""

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update

from app.extensions import db
from app.models import LinkPurpose, SignInLink, User
from app.models.base import utc_now
from app.services import audit, mail, passwords, staff_sessions
from app.services.errors import Gone
from app.services.transactions import transactional

LIFETIME = timedelta(hours=24)
# A link that can no longer work is kept this long (who was sent one, and when), then deleted.
KEPT_AFTER_IT_ENDS = timedelta(days=30)
EXPIRED = "This link has expired or has already been used. Ask an admin to send you a new one"
_SUBJECTS = {
    LinkPurpose.NEW_USER: "Your Heard account: choose a password",
    LinkPurpose.RESET: "Heard: choose a new password",
}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transactional
def send(user: User, purpose: LinkPurpose, address_for: Callable[[str], str]) -> str | None:
    """Make a new link for a user and e-mail it; return its address when there is no mail.

    `address_for` turns a token into the link's full address (the view knows the site's
    address; a service does not).
    """
    token = secrets.token_urlsafe(32)
    now = utc_now()
    # Only the newest link works: an older one, perhaps in a forgotten inbox, stops now.
    db.session.execute(
        update(SignInLink)
        .where(SignInLink.user_id == user.id, SignInLink.used_at.is_(None))
        .values(used_at=now)
    )
    db.session.add(
        SignInLink(
            user_id=user.id,
            token_hash=_hash(token),
            purpose=purpose,
            created_at=now,
            expires_at=now + LIFETIME,
        )
    )
    emailed = mail.is_configured()
    audit.record(
        audit.current_actor(), "link.send", subject="user", subject_id=user.id,
        purpose=purpose.value, emailed=emailed,
    )  # fmt: skip
    link = address_for(token)
    if not emailed:
        return link
    mail.send(to=user.email, subject=_SUBJECTS[purpose], body=_body(user, link))
    return None


def _body(user: User, link: str) -> str:
    return (
        f"Hello {user.name},\n\n"
        "Use this link to choose a password for Heard. It works once, for 24 hours:\n\n"
        f"{link}\n\n"
        "If you did not expect this e-mail, you can ignore it.\n"
    )


def find(token: str | None) -> SignInLink | None:
    """Return the link with this token if it can still be used, else None."""
    if not token or len(token) > 100:
        return None
    link = db.session.scalar(select(SignInLink).where(SignInLink.token_hash == _hash(token)))
    if link is None or link.used_at is not None or link.expires_at <= utc_now():
        return None
    return link if link.user.active else None


@transactional
def choose_password(token: str | None, password: str) -> User:
    """Set the password of the link's user, use the link up and end their sessions."""
    link = find(token)
    if link is None:
        raise Gone(EXPIRED)
    passwords.check_strength(password)
    user = link.user
    user.password_hash = passwords.hash_password(password)
    link.used_at = utc_now()
    staff_sessions.end_all(user.id)
    audit.record(
        audit.Actor(user.id, user.name), "password.set", subject="user", subject_id=user.id,
        purpose=link.purpose.value,
    )  # fmt: skip
    return user


def delete_spent(now: datetime) -> int:
    """Delete the links used or expired over 30 days ago; return how many. For a
    `@transactional` use case (retention.purge_sign_in_records)."""
    ended_before = now - KEPT_AFTER_IT_ENDS
    result = db.session.execute(
        delete(SignInLink)
        .where(or_(SignInLink.used_at < ended_before, SignInLink.expires_at < ended_before))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
