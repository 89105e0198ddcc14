"""The staff home page (surveys and their response counts) and each survey's own page.

The survey builder's pages are in `app/staff/builder.py`, report downloads in
`app/staff/reports.py`.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import render_template
from flask_login import current_user

from app.models import Role
from app.services import reports, retention, surveys
from app.staff import blueprint
from app.staff.permissions import Permission, current_user_can

LONDON = ZoneInfo("Europe/London")


@blueprint.get("/")
def index():
    return render_template(
        "staff/index.html",
        summaries=surveys.list_surveys_with_counts(),
        report_downloads=reports.DOWNLOADS,
        can_build=current_user_can(Permission.MANAGE_SURVEYS),
        purges_soon=_purges_soon(),
    )


def _purges_soon() -> list[retention.PurgeDate]:
    """Admins see which surveys' answers are removed in the next 30 days."""
    if current_user.role != Role.ADMIN:
        return []
    return retention.purges_soon(datetime.now(LONDON).date())


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
