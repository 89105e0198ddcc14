"""Kiosks: staff set one up for a survey and a venue, and open its address on the device."""

from flask import redirect, render_template, url_for

from app import error_summary
from app.services import kiosks, surveys
from app.services.errors import ServiceError
from app.staff import blueprint
from app.staff.forms import KioskForm
from app.staff.permissions import Permission, permission_required


@blueprint.route("/kiosks", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_KIOSKS)
def list_kiosks():
    form = KioskForm()
    form.survey_id.choices = [
        (s.survey.id, s.survey.title) for s in surveys.list_surveys_with_counts()
    ]
    errors = []
    if form.validate_on_submit():
        try:
            kiosks.create_kiosk(
                survey=surveys.get_survey(form.survey_id.data or 0),
                venue=form.venue.data or "",
                idle_seconds=form.idle_seconds.data or "",
            )
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "survey_id")
        else:
            return redirect(url_for("staff.list_kiosks"), 303)
    page = render_template(
        "staff/kiosks.html",
        kiosks=kiosks.list_kiosks(),
        form=form,
        errors=errors,
        survey_items=[{"value": value, "text": text} for value, text in form.survey_id.choices],
        default_idle=kiosks.IDLE_SECONDS_DEFAULT,
    )
    return page, error_summary.status(errors)
