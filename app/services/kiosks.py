"""Kiosks: shared screens at a venue. Each has a secret key in its address and an idle time
after which the next person must never see the last person's answers, and the display
choices each new person starts with.

A visit ends when the screen starts again (nobody touched it, or the next person after a
send): the kiosk remembers when, so no page of an earlier visit is shown again on it.
"""

import secrets
from datetime import datetime

from sqlalchemy import delete, select

from app.extensions import db
from app.models import Draft, Kiosk, Response, Survey, SurveyStatus
from app.models.base import utc_now
from app.services import audit
from app.services.display_choices import CHOICES
from app.services.errors import NotFound, ServiceError
from app.services.form_input import whole_number_between
from app.services.responses import Journey
from app.services.surveys import SURVEY_NOT_FOUND
from app.services.transactions import transactional

IDLE_SECONDS_DEFAULT = 120
IDLE_SECONDS_RANGE = (60, 600)
WARNING_SECONDS = 30


@transactional
def create_kiosk(*, survey: Survey, venue: str, idle_seconds: str | int = "") -> Kiosk:
    """Set up a kiosk for a survey at a venue."""
    venue = venue.strip()
    if not venue:
        raise ServiceError("Enter where the kiosk is, like “Birtley Library”", field="venue")
    if len(venue) > 200:
        raise ServiceError("Venue must be 200 characters or fewer", field="venue")
    kiosk = Kiosk(
        survey=survey,
        venue=venue,
        idle_seconds=_idle_seconds(idle_seconds),
        key=secrets.token_urlsafe(16),
    )
    db.session.add(kiosk)
    db.session.flush()
    audit.record(
        audit.current_actor(), "kiosk.create", subject="kiosk", subject_id=kiosk.id,
        survey_id=survey.id, venue=venue, idle_seconds=kiosk.idle_seconds,
    )  # fmt: skip
    return kiosk


def list_kiosks() -> list[Kiosk]:
    """Return every kiosk, newest first."""
    return list(db.session.scalars(select(Kiosk).order_by(Kiosk.created_at.desc())))


def find_kiosk(key: str) -> Kiosk:
    """Return the active kiosk with this key whose survey is open, or raise NotFound."""
    kiosk = db.session.scalar(select(Kiosk).where(Kiosk.key == key[:64], Kiosk.active))
    # A lead can keep a survey off kiosks (kiosk_allowed): then no kiosk shows it.
    if kiosk is None or kiosk.survey.status != SurveyStatus.OPEN or not kiosk.survey.kiosk_allowed:
        raise NotFound(SURVEY_NOT_FOUND)
    return kiosk


def get_kiosk(kiosk_id: int | None) -> Kiosk | None:
    """Return a kiosk by id."""
    return db.session.get(Kiosk, kiosk_id) if kiosk_id else None


def kiosk_by_key(key: str) -> Kiosk | None:
    """Return the active kiosk with this key, whatever its survey's state, or None."""
    return db.session.scalar(select(Kiosk).where(Kiosk.key == key[:64], Kiosk.active))


def kiosk_for_staff(kiosk_id: int) -> Kiosk:
    """Return a kiosk for its settings page, or raise NotFound."""
    kiosk = db.session.get(Kiosk, kiosk_id)
    if kiosk is None:
        raise NotFound("There is no such kiosk")
    return kiosk


def display_defaults(kiosk: Kiosk) -> dict[str, str]:
    """Return the display choices each new person on this kiosk starts with."""
    return {name: getattr(kiosk, _COLUMNS[name]) for name in CHOICES}


@transactional
def set_display_defaults(kiosk: Kiosk, choices: dict[str, str]) -> None:
    """Set the display choices each new person on this kiosk starts with."""
    for name, allowed in CHOICES.items():
        if choices.get(name) not in allowed:
            raise ServiceError("Choose one of the options", field=name)
    before = display_defaults(kiosk)
    for name in CHOICES:
        setattr(kiosk, _COLUMNS[name], choices[name])
    audit.record(
        audit.current_actor(),
        "kiosk.display_defaults",
        subject="kiosk",
        subject_id=kiosk.id,
        survey_id=kiosk.survey_id,
        before=before,
        after=display_defaults(kiosk),
    )


def visit_has_ended(kiosk: Kiosk, shown_at: datetime) -> bool:
    """Say whether a page shown at `shown_at` on this kiosk belongs to a visit now over."""
    return kiosk.moved_on_at is not None and shown_at < kiosk.moved_on_at


def kiosk_of_receipt(receipt: str) -> tuple[Kiosk, datetime] | None:
    """Return the kiosk a receipt's response came from and when it was sent, if a kiosk."""
    row = db.session.execute(
        select(Kiosk, Response.submitted_at)
        .join(Response, Response.kiosk_id == Kiosk.id)
        .where(Response.receipt == receipt[:16])
    ).first()
    return (row[0], row[1]) if row else None


@transactional
def start_again(kiosk: Kiosk, journey: Journey | None) -> None:
    """End the visit on this kiosk: delete its draft so the next person sees nothing of it,
    and remember when, so no page of it is shown again."""
    if journey is not None:
        db.session.execute(
            delete(Draft).where(Draft.survey_id == journey.survey_id, Draft.token == journey.token)
        )
    kiosk.moved_on_at = utc_now()


def _idle_seconds(value: str | int) -> int:
    low, high = IDLE_SECONDS_RANGE
    seconds = whole_number_between(
        value,
        low,
        high,
        field="idle_seconds",
        message=f"Enter a number of seconds from {low} to {high}",
    )
    return IDLE_SECONDS_DEFAULT if seconds is None else seconds


# Display choice → the kiosk's column holding its default.
_COLUMNS = {name: f"display_{name}" for name in CHOICES}
