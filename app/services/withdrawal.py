"""Take back my answers: a resident removes their own response with its reference number.

Services layer, Flask-free. The answer is the same whether or not the number exists, so the
page cannot be used to find out which numbers are real (docs/data-protection.md); the view
limits how many numbers one address may try.
"""

import re
import unicodedata

from sqlalchemy import select

from app.extensions import db
from app.models import ReportJob, Response, Survey
from app.models.survey import Removal
from app.services import audit, retention
from app.services.errors import ServiceError
from app.services.transactions import transactional

RESIDENT = audit.Actor(None, "resident (take back my answers)")
# Reference numbers are 10 capital letters and digits (app/services/responses.py).
_REFERENCE = re.compile(r"[A-Z0-9]{10}")
_SEPARATORS = re.compile(r"[\s\-–—.]+")
WRONG_SHAPE = "Enter your reference number. It has 10 letters and numbers, like ABCD23EFGH"


def reference_from(typed: str) -> str:
    """Return the reference number in the form it is stored, or raise ServiceError.

    Spaces, dashes and small letters are fine: people copy numbers in many ways.
    """
    reference = _SEPARATORS.sub("", unicodedata.normalize("NFKC", typed or "")).upper()
    if not _REFERENCE.fullmatch(reference):
        raise ServiceError(WRONG_SHAPE, field="reference")
    return reference


@transactional
def withdraw(typed: str) -> None:
    """Remove the response with this reference number, as its survey says; say nothing back.

    Whole response or personal data only: the survey's `removal` setting decides, the same
    as at the end of retention. The report is built from what is left, so it changes too.
    """
    reference = reference_from(typed)
    found = db.session.execute(
        select(Response.id, Response.survey_id, Survey.removal)
        .join(Survey, Survey.id == Response.survey_id)
        .where(Response.receipt == reference)
    ).first()
    if found is None:
        return
    ids = select(Response.id).where(Response.id == found.id)
    if found.removal == Removal.WHOLE_RESPONSE:
        retention.delete_responses(ids)
    else:
        retention.remove_personal_data(ids)
    # Reports made earlier still hold these answers: the next one asked for is made afresh.
    retention.drop_report_files(ReportJob.survey_id == found.survey_id)
    audit.record(
        RESIDENT,
        "response.withdrawn",
        subject="response",
        subject_id=found.id,
        survey_id=found.survey_id,
        removal=found.removal,
    )
