"""The staff home page (surveys and their response counts) and each survey's own page.

The survey builder's pages go here; report downloads are in `app/staff/reports.py`.
"""

from flask import render_template

from app.services import reports, surveys
from app.staff import blueprint


@blueprint.get("/")
def index():
    return render_template(
        "staff/index.html",
        summaries=surveys.list_surveys_with_counts(),
        report_downloads=reports.DOWNLOADS,
    )


@blueprint.get("/surveys/<int:survey_id>")
def show_survey(survey_id: int):
    summary = surveys.survey_summary(survey_id)
    return render_template(
        "staff/survey.html",
        summary=summary,
        survey=summary.survey,
        report_downloads=reports.DOWNLOADS,
    )
