"""The audit log is written with the change it records, or not at all."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Partner
from app.services import audit
from app.services.errors import ServiceError
from app.services.transactions import transactional

LEAD = audit.Actor(None, "Sam Lead")


@transactional
def _rename_partner(partner_id: int, name: str, *, fail: bool = False) -> None:
    partner = db.session.get(Partner, partner_id)
    was = partner.name
    audit.record(LEAD, "partner.renamed", subject="partner", subject_id=partner_id, was=was)
    partner.name = name
    if fail:
        raise ServiceError("refused")


@pytest.fixture
def partner_id(app_context) -> int:
    partner = Partner(name="Age UK")
    db.session.add(partner)
    db.session.commit()
    return partner.id


def test_a_change_and_its_record_are_committed_together(partner_id):
    _rename_partner(partner_id, "Age UK Gateshead")
    db.session.rollback()
    event = db.session.scalar(select(AuditEvent))
    assert (event.user_name, event.action, event.subject_id, event.details) == (
        "Sam Lead",
        "partner.renamed",
        partner_id,
        {"was": "Age UK"},
    )


def test_a_change_that_fails_leaves_no_record(partner_id):
    with pytest.raises(ServiceError):
        _rename_partner(partner_id, "Nope", fail=True)
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_recording_outside_a_use_case_is_a_programming_error(app_context):
    with pytest.raises(RuntimeError, match="inside a @transactional"):
        audit.record(LEAD, "partner.renamed", subject="partner")
