"""The staff home page (surveys and their response counts) and "what we heard" downloads.

Views stay thin: parse the request, call `reports`, send the file. Download names are built
from ids only, never from titles that staff or partners typed.
"""

import dataclasses
from datetime import date
from io import BytesIO

from flask import Response, current_app, redirect, render_template, request, send_file, url_for
from flask_login import current_user

import reports
from app.extensions import db
from app.services import report_jobs, surveys
from app.services.errors import NotFound, ServiceError
from app.staff import blueprint

# What the staff home page offers for each survey: (format, edition, link text).
REPORT_DOWNLOADS = [
    ("pdf", "standard", "PDF"),
    ("pdf", "easy-read", "Easy read PDF"),
    ("html", "standard", "Web page"),
    ("csv", "standard", "CSV"),
    ("xlsx", "standard", "Spreadsheet (XLSX)"),
]


@blueprint.get("/")
def index():
    return render_template(
        "staff/index.html",
        summaries=surveys.list_surveys_with_counts(),
        report_downloads=REPORT_DOWNLOADS,
    )


@blueprint.get("/surveys/<int:survey_id>")
def show_survey(survey_id: int):
    summary = surveys.survey_summary(survey_id)
    return render_template(
        "staff/survey.html",
        summary=summary,
        survey=summary.survey,
        report_downloads=REPORT_DOWNLOADS,
    )


@blueprint.get(
    "/surveys/<int:survey_id>/report.<any(pdf, html, csv, xlsx):output>",
    defaults={"edition": "standard"},
)
@blueprint.get(
    "/surveys/<int:survey_id>/easy-read-report.<any(pdf, html):output>",
    defaults={"edition": "easy-read"},
)
def survey_report(survey_id: int, output: str, edition: str):
    survey = surveys.get_survey(survey_id)
    response_filter = _response_filter(request.args)
    if report_jobs.runs_in_background(survey.id):
        job = report_jobs.start(
            survey_id=survey.id,
            edition=edition,
            output=output,
            filters=_plain(response_filter),
            user_id=current_user.id,
        )
        return redirect(url_for("staff.report_job", job_id=job.id), 303)
    try:
        data = reports.what_we_heard(
            db.engine,
            survey.id,
            council_name=current_app.config["COUNCIL_NAME"],
            threshold=current_app.config["REPORT_SUPPRESSION_THRESHOLD"],
            today=date.today(),  # noqa: DTZ011 - the report is dated in local time
            edition=edition,
            output=output,
            response_filter=response_filter,
            stylesheet_href=url_for("staff.report_stylesheet", edition=edition),
        )
    except reports.FilterInvalid as problem:
        raise ServiceError(str(problem)) from problem
    except LookupError as problem:
        raise NotFound(str(problem)) from problem
    return send_file(
        BytesIO(data),
        mimetype=reports.MEDIA_TYPES[output],
        as_attachment=output != "html",
        download_name=reports.file_name(survey.id, edition=edition, output=output),
    )


@blueprint.get("/reports/<int:job_id>")
def report_job(job_id: int):
    job = report_jobs.get_job(job_id)
    survey = surveys.get_survey(job.survey_id)
    return render_template("staff/report_job.html", job=job, survey=survey)


@blueprint.get("/reports/<int:job_id>/download")
def download_report_job(job_id: int):
    job = report_jobs.get_job(job_id)
    if job.status != "ready":
        return redirect(url_for("staff.report_job", job_id=job.id), 303)
    return send_file(
        BytesIO(job.content),
        mimetype=reports.MEDIA_TYPES[job.output],
        as_attachment=job.output != "html",
        download_name=reports.file_name(job.survey_id, edition=job.edition, output=job.output),
    )


@blueprint.get("/report-<any(standard, 'easy-read'):edition>.css")
def report_stylesheet(edition: str):
    return Response(reports.stylesheet(edition), mimetype="text/css")


def _response_filter(args) -> reports.ResponseFilter:
    """Read the report filters from the query string: from, to, channel, partner, partner_id."""
    try:
        return reports.ResponseFilter(
            date_from=_day(args.get("from")),
            date_to=_day(args.get("to")),
            channel=args.get("channel") or None,
            partner_code=args.get("partner") or None,
            partner_id=int(args["partner_id"]) if args.get("partner_id") else None,
        )
    except ValueError as problem:
        message = str(problem) if isinstance(problem, reports.FilterInvalid) else ""
        raise ServiceError(
            message or "Enter dates as YYYY-MM-DD and a partner as a whole number"
        ) from problem


def _plain(response_filter: reports.ResponseFilter) -> dict:
    values = dataclasses.asdict(response_filter)
    return {key: v.isoformat() if isinstance(v, date) else v for key, v in values.items()}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
