"""A survey's responses: the list with filters, one response, deleting one; its retention.

Admins, engagement leads and viewers read responses (each response opened is recorded in the
audit log as a read of personal data); only admins and leads delete. Partner users never get
here: the blueprint answers "not found" to them, so no partner sees another's responses.
Admins and leads set how long a survey's answers are kept, within the admins' limits.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Response, abort, current_app, redirect, render_template, request, url_for

from app import error_summary
from app.models import Channel
from app.services import response_review, retention, surveys
from app.services.errors import ServiceError
from app.services.form_input import whole_number_between
from app.staff import blueprint
from app.staff.builder import actor
from app.staff.permissions import Permission, current_user_can, permission_required

LONDON = ZoneInfo("Europe/London")
MONTHS_HELP = "Enter the number of months as a whole number, like 12"
CHANNEL_NAMES = {
    "online": "Online",
    "kiosk": "Kiosk",
    "embed": "Partner’s website",
    "paper": "Paper form",
    "group": "Group session",
    "import": "Imported",
}


def sent_at(moment: datetime) -> str:
    """Show when a response was sent, in council time: "27 Mar 2026, 14:05"."""
    return moment.astimezone(LONDON).strftime("%-d %b %Y, %H:%M")


@blueprint.get("/surveys/<int:survey_id>/responses")
@permission_required(Permission.VIEW_SURVEYS)
def list_responses(survey_id: int):
    survey = surveys.get_survey(survey_id)
    errors = []
    try:
        filters = response_review.filters_from_query(request.args)
    except ServiceError as problem:
        errors, filters = error_summary.from_problem(problem, "from"), response_review.Filters()
    page = response_review.list_responses(
        survey_id,
        filters,
        before=response_review.page_key(request.args.get("before")),
        after=response_review.page_key(request.args.get("after")),
    )
    html = render_template(
        "staff/responses.html",
        survey=survey,
        page=page,
        filters=filters,
        query=filters.as_query(),
        choices=response_review.filter_choices(survey_id),
        channels=[(c.value, CHANNEL_NAMES.get(c.value, c.value)) for c in Channel],
        channel_names=CHANNEL_NAMES,
        deleted=request.args.get("deleted") == "1",
        sent_at=sent_at,
        errors=errors,
    )
    return html, error_summary.status(errors)


@blueprint.get("/surveys/<int:survey_id>/responses/<int:response_id>")
@permission_required(Permission.VIEW_SURVEYS)
def show_response(survey_id: int, response_id: int):
    shown = response_review.read_response(actor(), survey_id, response_id)
    return render_template(
        "staff/response.html",
        survey=surveys.get_survey(survey_id),
        shown=shown,
        channel_names=CHANNEL_NAMES,
        sent_at=sent_at,
        can_delete=current_user_can(Permission.MANAGE_SURVEYS),
    )


@blueprint.route(
    "/surveys/<int:survey_id>/responses/<int:response_id>/delete", methods=["GET", "POST"]
)
@permission_required(Permission.MANAGE_SURVEYS)
def delete_response(survey_id: int, response_id: int):
    survey = surveys.get_survey(survey_id)
    row = response_review.find_response(survey_id, response_id)
    errors, reason = [], ""
    if request.method == "POST":
        reason = request.form.get("reason", "")
        try:
            response_review.delete_response(actor(), survey_id, response_id, reason)
        except ServiceError as problem:
            if problem.status_code != 400:
                raise
            errors = error_summary.from_problem(problem, "reason")
        else:
            return redirect(url_for("staff.list_responses", survey_id=survey_id, deleted=1), 303)
    html = render_template(
        "staff/response_delete.html",
        survey=survey,
        row=row,
        reason=reason,
        max_characters=response_review.REASON_MAX_CHARACTERS,
        errors=errors,
    )
    return html, error_summary.status(errors)


@blueprint.get("/surveys/<int:survey_id>/kept-figures.csv")
@permission_required(Permission.VIEW_SURVEYS)
def kept_figures(survey_id: int):
    content = retention.kept_figures(survey_id)
    if content is None:
        abort(404)
    return Response(
        content,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=heard-kept-figures-survey-{survey_id}.csv"
        },
    )


@blueprint.route("/surveys/<int:survey_id>/retention", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def survey_retention(survey_id: int):
    survey = surveys.get_survey(survey_id)
    errors = []
    values = {"retention_months": str(survey.retention_months or ""), "removal": survey.removal}
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in values}
        try:
            retention.change_settings(
                actor(),
                survey_id,
                whole_number_between(
                    values["retention_months"],
                    1,
                    999,
                    field="retention_months",
                    message=MONTHS_HELP,
                ),
                values["removal"],
            )
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "retention_months")
        else:
            return redirect(url_for("staff.show_survey", survey_id=survey_id), 303)
    html = render_template(
        "staff/retention.html",
        survey=survey,
        values=values,
        default_months=current_app.config["RETENTION_DEFAULT_MONTHS"],
        limits=retention.month_limits(),
        purge_date=retention.purge_date(survey),
        errors=errors,
    )
    return html, error_summary.status(errors)
