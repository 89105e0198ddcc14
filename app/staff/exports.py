"""Download every response of a survey as CSV (admins and engagement leads)."""

from flask import Response, stream_with_context

from app.models import Role
from app.services import exports, surveys
from app.staff import blueprint
from app.staff.permissions import role_required


@blueprint.get("/surveys/<int:survey_id>/responses.csv")
@role_required(Role.ADMIN, Role.LEAD)
def responses_csv(survey_id: int):
    survey = surveys.get_survey(survey_id)
    name = f"heard-responses-survey-{survey.id}.csv"
    return Response(
        stream_with_context(exports.responses_csv(survey)),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )
