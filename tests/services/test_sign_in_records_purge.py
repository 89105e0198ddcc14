"""`flask purge` deletes staff sessions and one-time sign-in links 30 days after they ended:
each holds an address or who was sent a link, kept no longer than it can help."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, LinkPurpose, SignInLink, StaffSession
from app.services import retention
from tests.factories import create_user

NOW = datetime(2026, 6, 1, 3, tzinfo=UTC)
DAY = timedelta(days=1)


def _session(user, name: str, *, started: datetime, last_seen=None, ended=None) -> None:
    db.session.add(
        StaffSession(
            user_id=user.id,
            token_hash=name.ljust(64, "0"),
            started_at=started,
            last_seen_at=last_seen or started,
            ended_at=ended,
            address="192.0.2.10",
        )
    )


def _link(user, name: str, *, created: datetime, used=None) -> None:
    db.session.add(
        SignInLink(
            user_id=user.id,
            token_hash=name.ljust(64, "0"),
            purpose=LinkPurpose.RESET,
            created_at=created,
            expires_at=created + DAY,
            used_at=used,
        )
    )


def _hashes(model) -> set[str]:
    return {row.rstrip("0") for row in db.session.scalars(select(model.token_hash))}


def test_sessions_and_links_that_ended_over_30_days_ago_go_and_the_rest_stay(app_context):
    user = create_user(email="lead@gateshead.example")
    long_ago = NOW - 40 * DAY
    _session(user, "signed-out", started=long_ago, ended=long_ago + timedelta(hours=1))
    _session(user, "left-idle", started=long_ago, last_seen=long_ago + timedelta(hours=2))
    _session(user, "signed-out-lately", started=NOW - 10 * DAY, ended=NOW - 10 * DAY)
    _session(user, "live", started=NOW - timedelta(hours=1), last_seen=NOW)
    _link(user, "used", created=long_ago, used=long_ago + timedelta(hours=1))
    _link(user, "expired", created=long_ago)
    _link(user, "used-lately", created=NOW - 5 * DAY, used=NOW - 5 * DAY)
    _link(user, "waiting", created=NOW - timedelta(hours=2))
    db.session.commit()

    summary = retention.purge(NOW)

    assert (summary.staff_sessions, summary.sign_in_links) == (2, 2)
    assert _hashes(StaffSession) == {"signed-out-lately", "live"}
    assert _hashes(SignInLink) == {"used-lately", "waiting"}
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "sign_in_records.purged")
    )
    assert event is not None and event.details == {"sessions": 2, "links": 2}


def test_nothing_to_delete_writes_no_audit_row(app_context):
    user = create_user(email="viewer@gateshead.example")
    _session(user, "live", started=NOW - timedelta(minutes=5), last_seen=NOW)
    db.session.commit()

    assert retention.purge_sign_in_records(NOW) == (0, 0)
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sign_in_records.purged"))
        is None
    )
