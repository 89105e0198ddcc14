"""Partners and their tracked links: register them, check their embed allowlists, find links.

An allowlist entry goes into a Content-Security-Policy header, so only `https://host[:port]`
is accepted (BAD-58): anything else could inject into the header.
"""

import re
import secrets

from sqlalchemy import select

from app.extensions import db
from app.models import Partner, PartnerLink, Survey, SurveyStatus
from app.services import audit
from app.services.errors import NotFound, ServiceError
from app.services.surveys import SURVEY_NOT_FOUND
from app.services.transactions import flush_or_refuse, transactional

ORIGIN_MESSAGE = "Enter a web address like https://www.example.gov.uk"
NAME_TAKEN = "A partner with this name already exists"
_ORIGIN = re.compile(
    r"^https://(?=.{1,253}(:|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:[0-9]{1,5})?$"
)
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LINK_CODE_LENGTH = 8


def parse_allowed_origins(text: str) -> list[str]:
    """Return the web sites in `text` (one per line), or raise with a plain message."""
    origins = []
    for line in text.splitlines():
        entry = line.strip().lower()
        if not entry:
            continue
        if not _ORIGIN.match(entry):
            raise ServiceError(f"{ORIGIN_MESSAGE} ({line.strip()[:60]})", field="allowed_origins")
        port = entry.rsplit(":", 1)[1] if entry.count(":") == 2 else None
        if port is not None and not 1 <= int(port) <= 65535:
            raise ServiceError(ORIGIN_MESSAGE, field="allowed_origins")
        origins.append(entry)
    return list(dict.fromkeys(origins))


@transactional
def create_partner(*, name: str, contact: str = "", allowed_origins: str = "") -> Partner:
    """Register a partner organisation."""
    name = name.strip()
    if not name:
        raise ServiceError("Enter the partner's name", field="name")
    if len(name) > 200:
        raise ServiceError("Name must be 200 characters or fewer", field="name")
    origins = parse_allowed_origins(allowed_origins)
    if db.session.scalar(select(Partner).where(Partner.name == name)):
        raise ServiceError(NAME_TAKEN, field="name")
    partner = Partner(name=name, contact=contact.strip(), allowed_origins="\n".join(origins))
    db.session.add(partner)
    flush_or_refuse(NAME_TAKEN, field="name")  # the same value added at the same moment
    audit.record(
        audit.current_actor(), "partner.create", subject="partner", subject_id=partner.id,
        name=partner.name, allowed_origins=origins,
    )  # fmt: skip
    return partner


@transactional
def create_link(*, partner: Partner, survey: Survey, label: str) -> PartnerLink:
    """Give a partner a new tracked link to a survey, with a short unguessable code."""
    label = label.strip()
    if not label:
        raise ServiceError("Enter a label, like “Lunch club poster”", field="label")
    if len(label) > 200:
        raise ServiceError("Label must be 200 characters or fewer", field="label")
    link = PartnerLink(partner=partner, survey=survey, label=label, code=_new_code())
    db.session.add(link)
    db.session.flush()
    audit.record(
        audit.current_actor(), "partner.link", subject="partner_link", subject_id=link.id,
        survey_id=survey.id, partner_id=partner.id, label=label,
    )  # fmt: skip
    return link


def list_partners() -> list[Partner]:
    """Return every partner, by name."""
    return list(db.session.scalars(select(Partner).order_by(Partner.name)))


def get_partner(partner_id: int) -> Partner:
    """Return a partner, or raise NotFound."""
    partner = db.session.get(Partner, partner_id)
    if partner is None:
        raise NotFound("We cannot find this partner")
    return partner


def find_open_link(code: str) -> PartnerLink:
    """Return the link with this code if its survey is open; otherwise raise NotFound."""
    link = db.session.scalar(select(PartnerLink).where(PartnerLink.code == code.lower()))
    if link is None or link.survey.status != SurveyStatus.OPEN:
        raise NotFound(SURVEY_NOT_FOUND)
    return link


def allowed_origins_for_link(link_id: int | None) -> list[str]:
    """Return the web sites allowed to embed surveys through this link."""
    if link_id is None:
        return []
    link = db.session.get(PartnerLink, link_id)
    return link.partner.allowed_origins.split() if link else []


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(LINK_CODE_LENGTH))
        if db.session.scalar(select(PartnerLink.id).where(PartnerLink.code == code)) is None:
            return code


def link_code(link_id: int) -> str | None:
    """Return the code of a partner link."""
    link = db.session.get(PartnerLink, link_id)
    return link.code if link else None


def get_link(link_id: int) -> PartnerLink:
    """Return a partner link, or raise NotFound."""
    link = db.session.get(PartnerLink, link_id)
    if link is None:
        raise NotFound("We cannot find this link")
    return link


def partner_link_for(partner_id: int | None, survey_id: int) -> PartnerLink:
    """Return a partner's first link to a survey, or raise NotFound if they have none."""
    link = db.session.scalar(
        select(PartnerLink)
        .where(PartnerLink.partner_id == partner_id, PartnerLink.survey_id == survey_id)
        .order_by(PartnerLink.id)
    )
    if link is None:
        raise NotFound(SURVEY_NOT_FOUND)
    return link
