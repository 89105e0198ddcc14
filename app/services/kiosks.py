"""Kiosks: shared screens at a venue. Each has a secret key in its address and an idle time
after which the next person must never see the last person's answers.
"""

import secrets

from sqlalchemy import delete, select

from app.extensions import db
from app.models import Draft, Kiosk, Survey, SurveyStatus
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


@transactional
def start_again(journey: Journey) -> None:
    """Delete this journey's draft so the next person sees nothing of it."""
    db.session.execute(
        delete(Draft).where(Draft.survey_id == journey.survey_id, Draft.token == journey.token)
    )


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
