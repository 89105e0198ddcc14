"""Download every response of a survey as CSV (admins and engagement leads)."""

from flask import Response

from app.services import exports
from app.staff import blueprint
from app.staff.permissions import Permission, permission_required


@blueprint.get("/surveys/<int:survey_id>/responses.csv")
@permission_required(Permission.DOWNLOAD_RESPONSES)
def responses_csv(survey_id: int):
    # The rows stream from a connection of their own: no request context is needed for them.
    rows = exports.responses_csv(survey_id)
    name = f"heard-responses-survey-{survey_id}.csv"
    return Response(
        rows,
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )
