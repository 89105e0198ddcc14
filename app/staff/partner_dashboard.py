"""The partner user's only page: their links' response counts, as rows ready for a table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import current_app, render_template, url_for
from flask_login import current_user

from app.services import partners
from app.staff import blueprint
from app.staff.permissions import Permission, permission_required

if TYPE_CHECKING:
    from app.services.partner_dashboard import LinkCounts


@dataclass(frozen=True)
class LinkTable:
    """One link's counts: a column for each way of answering, a row for each week."""

    label: str
    survey_title: str
    survey_id: int
    channels: list[str]
    weeks: list[tuple[str, list]]
    link_id: int
    code: str
    address: str


@blueprint.get("/your-links")
@permission_required(Permission.VIEW_OWN_LINKS)
def partner_home():
    # The counts are suppressed with pandas: loaded on the first partner page, not at start.
    from app.services import partner_dashboard

    partner = partners.get_partner(current_user.partner_id)
    links = partner_dashboard.counts_for_partner(
        partner.id, threshold=current_app.config["REPORT_SUPPRESSION_THRESHOLD"]
    )
    return render_template(
        "staff/partner_home.html", partner=partner, links=[_link_table(link) for link in links]
    )


def _link_table(link: LinkCounts) -> LinkTable:
    table = link.table
    weeks = [(week, list(values)) for week, *values in table.itertuples(name=None)]
    address = url_for("respond.follow_link", code=link.code, _external=True)
    return LinkTable(
        label=link.label,
        survey_title=link.survey_title,
        survey_id=link.survey_id,
        channels=list(table.columns),
        weeks=weeks,
        link_id=link.link_id,
        code=link.code,
        address=address,
    )
