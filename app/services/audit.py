"""Write the audit log: who changed or read what, inside the same transaction as the change.

Services layer. `record` must run inside a `@transactional` use case, so the change and its
record are committed together or not at all; it refuses to run outside one.
"""

from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent
from app.services.transactions import in_transaction


@dataclass(frozen=True)
class Actor:
    """The person a change is recorded against: a staff user, or a command run by IT."""

    user_id: int | None
    name: str


COMMAND_LINE = Actor(None, "command line")


def record(
    actor: Actor,
    action: str,
    *,
    subject: str,
    subject_id: int | None = None,
    survey_id: int | None = None,
    **details: object,
) -> AuditEvent:
    """Add one row to the audit log as part of the running use case."""
    if not in_transaction():
        raise RuntimeError("audit.record must run inside a @transactional use case")
    event = AuditEvent(
        user_id=actor.user_id,
        user_name=actor.name,
        action=action,
        subject=subject,
        subject_id=subject_id,
        survey_id=survey_id,
        details=details,
    )
    db.session.add(event)
    return event


def events_for_survey(survey_id: int, *, limit: int = 200) -> list[AuditEvent]:
    """Return the latest audit rows about one survey, newest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.survey_id == survey_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
