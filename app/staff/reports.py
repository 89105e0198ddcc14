"""Staff downloads of "what we heard": made at once, or by a background job for large surveys.

Views stay thin: read the request, ask `app.services.reports` for the file, send it. Download
names are built from ids only, never from titles that staff or partners typed.
"""

from io import BytesIO

from flask import Response, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from app.models.report_job import ReportJobStatus
from app.services import report_jobs, reports, surveys
from app.services.reports import ReportFile
from app.staff import blueprint


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
    filters = reports.filters_from_query(request.args)
    if report_jobs.runs_in_background(survey.id):
        job = report_jobs.start(
            survey_id=survey.id,
            edition=edition,
            output=output,
            filters=filters,
            user_id=current_user.id,
        )
        return redirect(url_for("staff.report_job", job_id=job.id), 303)
    made = reports.download(
        survey.id,
        edition=edition,
        output=output,
        filters=filters,
        stylesheet_href=url_for("staff.report_stylesheet", edition=edition),
    )
    return _send(made)


@blueprint.get("/reports/<int:job_id>")
def report_job(job_id: int):
    job = report_jobs.get_job(job_id)
    survey = surveys.get_survey(job.survey_id)
    return render_template("staff/report_job.html", job=job, survey=survey, status=ReportJobStatus)


@blueprint.get("/reports/<int:job_id>/download")
def download_report_job(job_id: int):
    job = report_jobs.get_job(job_id)
    if job.status != ReportJobStatus.READY:
        return redirect(url_for("staff.report_job", job_id=job.id), 303)
    made = reports.download_made(
        job.survey_id, edition=job.edition, output=job.output, content=job.content
    )
    return _send(made)


@blueprint.get("/report-<any(standard, 'easy-read'):edition>.css")
def report_stylesheet(edition: str):
    return Response(reports.stylesheet(edition), mimetype="text/css")


def _send(made: ReportFile):
    return send_file(
        BytesIO(made.content),
        mimetype=made.media_type,
        as_attachment=made.attachment,
        download_name=made.download_name,
    )
