"""The partner user's only page: their links' response counts."""

from flask import current_app, render_template
from flask_login import current_user

from app.services import partner_dashboard, partners
from app.staff import blueprint
from app.staff.permissions import Permission, permission_required


@blueprint.get("/your-links")
@permission_required(Permission.VIEW_OWN_LINKS)
def partner_home():
    partner = partners.get_partner(current_user.partner_id)
    links = partner_dashboard.counts_for_partner(
        partner.id, threshold=current_app.config["REPORT_SUPPRESSION_THRESHOLD"]
    )
    return render_template("staff/partner_home.html", partner=partner, links=links)
