"""Partners, their tracked links, and the links' QR codes and posters (admins and leads)."""

import re
from io import BytesIO
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user

from app import error_summary
from app.models import PartnerLink
from app.services import partners, qr_codes, surveys
from app.services.errors import NotFound, ServiceError
from app.staff import blueprint
from app.staff.forms import LinkForm, PartnerForm
from app.staff.permissions import Permission, current_user_can, permission_required

_SYMBOL_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@blueprint.route("/partners", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_PARTNERS)
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
            errors = error_summary.from_problem(problem, "name")
        else:
            return redirect(url_for("staff.show_partner", partner_id=partner.id), 303)
    page = render_template(
        "staff/partners.html", partners=partners.list_partners(), form=form, errors=errors
    )
    return page, error_summary.status(errors)


@blueprint.route("/partners/<int:partner_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_PARTNERS)
def show_partner(partner_id: int):
    partner = partners.get_partner(partner_id)
    form = LinkForm()
    form.survey_id.choices = [
        (s.survey.id, s.survey.title) for s in surveys.list_surveys_with_counts()
    ]
    errors = []
    if form.validate_on_submit():
        try:
            survey = surveys.get_survey(form.survey_id.data or 0)
            partners.create_link(partner=partner, survey=survey, label=form.label.data or "")
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "label")
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
    return page, error_summary.status(errors)


@blueprint.get("/links/<int:link_id>/qr.<any(svg, png):kind>")
def link_qr_code(link_id: int, kind: str):
    link = _shareable_link(link_id)
    url = url_for("respond.follow_link", code=link.code, _external=True)
    media_type = "image/svg+xml" if kind == "svg" else "image/png"
    name = f"heard-link-{link.id}.{kind}"
    download = (
        {"Content-Disposition": f"attachment; filename={name}"}
        if request.args.get("download")
        else {}
    )
    return Response(qr_codes.qr_code(url, kind=kind), mimetype=media_type, headers=download)


@blueprint.get("/links/<int:link_id>/poster.pdf")
def link_poster(link_id: int):
    from reports import poster  # WeasyPrint: loaded when a poster is made, not at start

    link = _shareable_link(link_id)
    url = url_for("respond.follow_link", code=link.code, _external=True)
    survey = link.survey
    pdf = poster.poster_pdf(
        poster.Poster(
            title=survey.title,
            easy_read_title=survey.easy_read_title or survey.title,
            url=url,
            qr_svg=qr_codes.qr_code(url, kind="svg"),
            picture_svg=_symbol(survey.picture_key),
            symbols={key: _symbol(key) for key in poster.POSTER_SYMBOLS},
            closes_on=survey.closes_on,
            council_name=current_app.config["COUNCIL_NAME"],
            partner_name=link.partner.name,
        )
    )
    # The file name comes from the id only, never from words that staff typed.
    return send_file(
        BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"heard-poster-link-{link.id}.pdf",
    )


def _symbol(key: str) -> bytes:
    """Return a picture from Heard's symbol library as SVG, or nothing if there is no such one."""
    if not _SYMBOL_KEY.match(key or ""):
        return b""
    path = Path(current_app.static_folder or "", "symbols", f"{key}.svg")
    return path.read_bytes() if path.is_file() else b""


def _shareable_link(link_id: int) -> PartnerLink:
    """Return a link the signed-in user may share on a poster or a QR code.

    Those who manage partners may share any link; a partner user only their own partner's
    (another partner's is not found, as every other page is for them); anyone else gets 403.
    """
    if current_user_can(Permission.MANAGE_PARTNERS):
        return partners.get_link(link_id)
    if not current_user_can(Permission.VIEW_OWN_LINKS):
        abort(403)
    link = partners.get_link(link_id)
    if link.partner_id != current_user.partner_id:
        raise NotFound("We cannot find this link")
    return link
