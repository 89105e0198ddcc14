"""Partners, their tracked links and the links' QR codes (admins and engagement leads)."""

from flask import Response, redirect, render_template, request, url_for

from app.models import Role
from app.services import partners, qr_codes, surveys
from app.services.errors import ServiceError
from app.staff import blueprint
from app.staff.forms import LinkForm, PartnerForm
from app.staff.permissions import role_required

MANAGERS = (Role.ADMIN, Role.LEAD)


@blueprint.route("/partners", methods=["GET", "POST"])
@role_required(*MANAGERS)
def list_partners():
    form = PartnerForm()
    errors = []
    if form.validate_on_submit():
        try:
            partner = partners.create_partner(
                name=form.name.data or "",
                contact=form.contact.data or "",
                allowed_origins=form.allowed_origins.data or "",
            )
        except ServiceError as problem:
            errors = [{"text": problem.message, "href": f"#{problem.field}"}]
        else:
            return redirect(url_for("staff.show_partner", partner_id=partner.id), 303)
    page = render_template(
        "staff/partners.html", partners=partners.list_partners(), form=form, errors=errors
    )
    return page, 400 if errors else 200


@blueprint.route("/partners/<int:partner_id>", methods=["GET", "POST"])
@role_required(*MANAGERS)
def show_partner(partner_id: int):
    partner = partners.get_partner(partner_id)
    form = LinkForm()
    form.survey_id.choices = [
        (s.survey.id, s.survey.title) for s in surveys.list_surveys_with_counts()
    ]
    errors = []
    if form.validate_on_submit():
        try:
            survey = surveys.get_survey(form.survey_id.data)
            partners.create_link(partner=partner, survey=survey, label=form.label.data or "")
        except ServiceError as problem:
            errors = [{"text": problem.message, "href": f"#{problem.field or 'label'}"}]
        else:
            return redirect(url_for("staff.show_partner", partner_id=partner.id), 303)
    survey_items = [{"value": value, "text": text} for value, text in form.survey_id.choices]
    page = render_template(
        "staff/partner.html",
        partner=partner,
        form=form,
        errors=errors,
        survey_items=survey_items,
    )
    return page, 400 if errors else 200


@blueprint.get("/links/<int:link_id>/qr.<any(svg, png):kind>")
@role_required(*MANAGERS)
def link_qr_code(link_id: int, kind: str):
    link = partners.get_link(link_id)
    url = url_for("respond.follow_link", code=link.code, _external=True)
    media_type = "image/svg+xml" if kind == "svg" else "image/png"
    name = f"heard-link-{link.id}.{kind}"
    download = (
        {"Content-Disposition": f"attachment; filename={name}"}
        if request.args.get("download")
        else {}
    )
    return Response(qr_codes.qr_code(url, kind=kind), mimetype=media_type, headers=download)
