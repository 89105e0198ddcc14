"""The audit log page: admins browse and filter who changed or read what, and download it.

Read-only: no page changes or deletes a row (the service refuses to as well).
"""

from datetime import datetime

from flask import Response, render_template, request

from app import error_summary
from app.services import audit
from app.services.errors import ServiceError
from app.services.form_input import an_id
from app.staff import blueprint
from app.staff.permissions import Permission, permission_required


def _filters() -> tuple[audit.Filters, list[dict[str, str]]]:
    try:
        return audit.filters_from_query(request.args), []
    except ServiceError as problem:
        return audit.Filters(), error_summary.from_problem(problem, "since")


def _items(anything: str, choices: list[tuple], chosen: str | None) -> list[dict]:
    return [{"value": "", "text": anything}] + [
        {"value": str(value), "text": text, "selected": str(value) == chosen}
        for value, text in choices
    ]


def _uk_time(at: datetime) -> str:
    return at.astimezone(audit.LONDON).strftime("%d %b %Y, %H:%M:%S")


@blueprint.get("/audit-log")
@permission_required(Permission.VIEW_AUDIT_LOG)
def audit_log():
    filters, errors = _filters()
    page = audit.search(filters, older_than=an_id(request.args.get("older_than")))
    query = {key: value for key, value in request.args.items() if key != "older_than" and value}
    html = render_template(
        "staff/audit_log.html",
        page=page,
        filters=filters,
        query=query,
        errors=errors,
        who_items=_items("Anyone", audit.people(), request.args.get("who")),
        action_items=_items(
            "Anything", [(name, name) for name in audit.actions()], request.args.get("action")
        ),
        uk_time=_uk_time,
        args=request.args,
    )
    return html, error_summary.status(errors)


@blueprint.get("/audit-log.csv")
@permission_required(Permission.VIEW_AUDIT_LOG)
def audit_log_csv():
    filters, errors = _filters()
    if errors:
        return audit_log()
    return Response(
        audit.export_csv(filters),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=heard-audit-log.csv"},
    )
