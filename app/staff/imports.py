"""Import responses from another tool: upload a file, match it to the survey, import it.

Thin views over `app.services.imports`; the upload is kept in the database between pages,
so any instance can serve the next step. Admins and engagement leads only.
"""

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from app import error_summary
from app.errors import error_page
from app.models import ImportBatch, Survey
from app.services import imports, surveys
from app.services.errors import NotFound, ServiceError
from app.staff import blueprint, import_page
from app.staff.import_forms import MatchForm, UploadForm
from app.staff.permissions import Permission, current_user_can, permission_required

FILE_TOO_LARGE = "The file must be 1 MB or smaller. Split it into smaller files and import each one"


@blueprint.route("/surveys/<int:survey_id>/import", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def upload_responses(survey_id: int):
    survey = surveys.get_survey(survey_id)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            batch = imports.start_import(
                survey,
                filename=upload.filename or "",
                data=upload.read(),
                created_by_id=current_user.id,
            )
        except ServiceError as problem:
            return _upload_page(survey, form, problem.message, problem.status_code)
        return redirect(url_for("staff.preview_import", batch_id=batch.id), 303)
    errors = error_summary.from_form(form)
    return _upload_page(survey, form, errors[0]["text"] if errors else None, 400)


@blueprint.errorhandler(413)
def _file_too_large(error):
    """Say the upload is too big on the upload page; elsewhere, the usual 413 page."""
    allowed = current_user_can(Permission.MANAGE_SURVEYS)
    if request.endpoint != "staff.upload_responses" or not allowed:
        # Staff upload files (survey files, translations); the residents' words would mislead.
        return error_page(413, "The file is too big", "Upload a file of 1 MB or less.")
    try:
        survey = surveys.get_survey(request.view_args["survey_id"])
    except NotFound:
        return error_page(404)
    return _upload_page(survey, UploadForm(formdata=None), FILE_TOO_LARGE, 413)


@blueprint.route("/imports/<int:batch_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def preview_import(batch_id: int):
    batch = imports.get_batch(batch_id)
    if batch.imported_at is not None:
        return _already_imported(batch)
    survey = surveys.get_survey(batch.survey_id)
    form = MatchForm()
    if not form.validate_on_submit():
        return _preview_page(survey, batch, form, imports.auto_mapping(survey, batch))
    mapping = imports.mapping_from_form(survey, batch, request.form)
    if not form.importing:
        return _preview_page(survey, batch, form, mapping)
    try:
        imports.import_responses(survey, batch, mapping)
    except imports.AlreadyImported:
        return _already_imported(batch)
    except imports.ImportProblems as problems:
        return _preview_page(survey, batch, form, mapping, problems), 400
    except ServiceError as problem:
        problems = imports.ImportProblems([imports.Problem(problem.message, "matches")])
        return _preview_page(survey, batch, form, mapping, problems), problem.status_code
    return redirect(url_for("staff.import_done", batch_id=batch.id), 303)


@blueprint.get("/imports/<int:batch_id>/done")
@permission_required(Permission.MANAGE_SURVEYS)
def import_done(batch_id: int):
    batch = imports.get_batch(batch_id)
    if batch.imported_at is None:
        return redirect(url_for("staff.preview_import", batch_id=batch.id), 303)
    return _done_page(batch, already=False)


def _already_imported(batch: ImportBatch):
    if request.method == "GET":
        return redirect(url_for("staff.import_done", batch_id=batch.id), 303)
    return _done_page(batch, already=True), 409


def _done_page(batch: ImportBatch, *, already: bool) -> str:
    count = imports.imported_count(batch)
    return render_template(
        "staff/import_done.html",
        batch=batch,
        survey=surveys.get_survey(batch.survey_id),
        count=count,
        left_out=max(0, len(batch.rows) - count),
        already=already,
    )


def _upload_page(survey: Survey, form: UploadForm, message: str | None, status: int):
    errors = [error_summary.error_item(message, "file")] if message else []
    page = render_template(
        "staff/import_upload.html",
        survey=survey,
        form=form,
        errors=errors,
        max_rows=imports.MAX_ROWS,
    )
    return page, error_summary.status(errors, failed=status)


def _preview_page(survey, batch, form, mapping, problems: imports.ImportProblems | None = None):
    pairs = [(problem.field, problem.text) for problem in problems.problems] if problems else []
    errors = error_summary.from_fields(pairs)
    preview = imports.preview(survey, batch, mapping)
    return render_template(
        "staff/import_preview.html",
        survey=survey,
        batch=batch,
        form=form,
        preview=preview,
        column_items=import_page.column_items(preview),
        sample=import_page.sample_table(preview),
        option_items=import_page.option_items(preview, imports.SKIP),
        errors=errors,
        error_for=error_summary.messages_by_field(errors),
        problem_count=problems.total if problems else 0,
        time_field=imports.TIME_FIELD,
    )
