"""Write and read the audit log: who changed or read what, when, and from where.

Services layer. `record` must run inside a `@transactional` use case, so the change and its
record are committed together or not at all; it refuses to run outside one. The person
acting is passed in as an `Actor`; the staff blueprint also sets the one acting for the
whole request (`acting_as`), so a use case that is not handed an actor records the signed-in
user and their address, and one run from the command line records "command line".

Rows are append-only: a session that tries to change or delete one fails before it reaches
the database (`_refuse_changes`), and no page or command offers to.
"""

import csv
import io
from collections.abc import Iterator, Mapping
from contextvars import ContextVar, Token
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, event, select
from sqlalchemy.orm import ORMExecuteState, Session

from app.extensions import db
from app.models import AuditEvent, User
from app.services.errors import ServiceError
from app.services.form_input import an_id, iso_date
from app.services.transactions import in_transaction, transactional

LONDON = ZoneInfo("Europe/London")
PAGE_SIZE = 50
CSV_COLUMNS = [
    "When (UK time)", "Who", "User id", "From", "Action", "What", "Id", "Survey", "Details",
]  # fmt: skip


@dataclass(frozen=True)
class Actor:
    """The person a change is recorded against: a staff user, or a command run by IT."""

    user_id: int | None
    name: str
    address: str = ""


COMMAND_LINE = Actor(None, "command line")
_acting: ContextVar[Actor] = ContextVar("heard_audit_actor", default=COMMAND_LINE)


def acting_as(actor: Actor) -> Token:
    """Say who is acting for the rest of this request; hand the token to `stop_acting`."""
    return _acting.set(actor)


def stop_acting(token: Token) -> None:
    """Forget the person set by `acting_as`."""
    _acting.reset(token)


def current_actor() -> Actor:
    """Return the person acting now: the signed-in user, or the command line."""
    return _acting.get()


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
        address=(actor.address or current_actor().address)[:45],
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


@dataclass(frozen=True)
class Filters:
    """What an admin narrowed the audit log to; None means any."""

    user_id: int | None = None
    action: str | None = None
    survey_id: int | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class EventPage:
    """One page of the audit log, newest first, and the id to carry on from."""

    events: list[AuditEvent]
    older_than: int | None


def _filtered(filters: Filters) -> Select:
    query = select(AuditEvent)
    if filters.user_id is not None:
        query = query.where(AuditEvent.user_id == filters.user_id)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.survey_id is not None:
        query = query.where(AuditEvent.survey_id == filters.survey_id)
    if filters.since:
        query = query.where(AuditEvent.at >= _start_of_london_day(filters.since))
    if filters.until:
        query = query.where(AuditEvent.at < _start_of_london_day(filters.until + timedelta(1)))
    return query


def _start_of_london_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON)


def search(filters: Filters, *, older_than: int | None = None) -> EventPage:
    """Return one page of matching rows, newest first, continuing below the id given."""
    query = _filtered(filters).order_by(AuditEvent.id.desc()).limit(PAGE_SIZE + 1)
    if older_than is not None:
        query = query.where(AuditEvent.id < older_than)
    events = list(db.session.scalars(query))
    more = len(events) > PAGE_SIZE
    events = events[:PAGE_SIZE]
    return EventPage(events, events[-1].id if more else None)


def actions() -> list[str]:
    """Return every action name the log holds, for the filter's list."""
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by("action")))


def people() -> list[tuple[int, str]]:
    """Return (id, name) of every staff user, for the filter's list."""
    rows = db.session.execute(select(User.id, User.name).order_by(User.name))
    return [(row.id, row.name) for row in rows]


def as_csv(filters: Filters) -> Iterator[str]:
    """Yield the matching rows as formula-safe CSV, oldest first, in batches."""
    engine = db.engine
    query = _filtered(filters).order_by(AuditEvent.id)

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        with Session(engine) as session:
            for number, event in enumerate(session.scalars(query.execution_options(yield_per=500))):
                writer.writerow(_csv_row(event))
                if number % 500 == 0:
                    yield _take(buffer)
        yield _take(buffer)

    return rows()


def _take(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _csv_row(event: AuditEvent) -> list[str]:
    details = "; ".join(f"{key}: {value}" for key, value in sorted(event.details.items()))
    cells = [
        event.at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M:%S"),
        event.user_name,
        "" if event.user_id is None else str(event.user_id),
        event.address,
        event.action,
        event.subject,
        "" if event.subject_id is None else str(event.subject_id),
        "" if event.survey_id is None else str(event.survey_id),
        details,
    ]
    from reports.tables import formula_safe  # with openpyxl: only for a download

    return [formula_safe(cell) for cell in cells]


@event.listens_for(Session, "before_flush")
def _refuse_changes(session: Session, _context: object, _instances: object) -> None:
    """Stop any change to or deletion of an audit row before it is written."""
    for instance in (*session.dirty, *session.deleted):
        if isinstance(instance, AuditEvent) and (
            instance in session.deleted or session.is_modified(instance)
        ):
            raise PermissionError("The audit log is append-only: rows are never changed")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    """Stop `update(AuditEvent)` and `delete(AuditEvent)` statements too."""
    mapper = state.bind_mapper
    if (state.is_update or state.is_delete) and mapper is not None and mapper.class_ is AuditEvent:
        raise PermissionError("The audit log is append-only: rows are never changed")


def _a_date(text: str | None, field: str) -> date | None:
    return iso_date(text, field=field, message="Enter a date like 2026-03-27")


def filters_from_query(args: Mapping[str, str]) -> Filters:
    """Read the audit page's filters from its address, or raise ServiceError for a bad one."""
    since, until = _a_date(args.get("since"), "since"), _a_date(args.get("until"), "until")
    if since and until and since > until:
        raise ServiceError("The first date must be on or before the second", field="until")
    return Filters(
        user_id=an_id(args.get("who")),
        action=(args.get("action") or "").strip()[:60] or None,
        survey_id=an_id(args.get("survey")),
        since=since,
        until=until,
    )


@transactional
def export_csv(filters: Filters) -> Iterator[str]:
    """Record that the log was exported, and return its rows as CSV (the export is a read too)."""
    record(current_actor(), "audit-log.export", subject="audit log", **_described(filters))
    return as_csv(filters)


def _described(filters: Filters) -> dict[str, object]:
    return {
        f"filter_{name}": str(value) if isinstance(value, date) else value
        for name, value in vars(filters).items()
        if value is not None
    }
