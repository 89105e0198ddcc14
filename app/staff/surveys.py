"""The staff home page (surveys and their response counts) and report downloads."""

from io import BytesIO

from flask import current_app, render_template, send_file

import reports
from app.extensions import db
from app.services import surveys
from app.staff import blueprint


@blueprint.get("/")
def index():
    return render_template("staff/index.html", summaries=surveys.list_surveys_with_counts())


@blueprint.get("/surveys/<int:survey_id>/report.pdf")
def report_pdf(survey_id: int):
    survey = surveys.get_survey(survey_id)
    pdf = reports.what_we_heard(
        db.engine,
        survey.id,
        council_name=current_app.config["COUNCIL_NAME"],
        threshold=current_app.config["REPORT_SUPPRESSION_THRESHOLD"],
    )
    return send_file(
        BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"what-we-heard-survey-{survey.id}.pdf",
    )
