"""The staff home page (surveys and their response counts) and each survey's own page.

The survey builder's pages are in `app/staff/builder.py`, report downloads in
`app/staff/reports.py`.
"""

from flask import render_template

from app.services import reports, surveys
from app.staff import blueprint
from app.staff.permissions import Permission, current_user_can


@blueprint.get("/")
def index():
    return render_template(
        "staff/index.html",
        summaries=surveys.list_surveys_with_counts(),
        report_downloads=reports.DOWNLOADS,
        can_build=current_user_can(Permission.MANAGE_SURVEYS),
    )


@blueprint.get("/surveys/<int:survey_id>")
def show_survey(survey_id: int):
    summary = surveys.survey_summary(survey_id)
    return render_template(
        "staff/survey.html",
        summary=summary,
        survey=summary.survey,
        report_downloads=reports.DOWNLOADS,
        can_build=current_user_can(Permission.MANAGE_SURVEYS),
    )
