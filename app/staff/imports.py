"""Import responses from another tool: upload a file, match it to the survey, import it, and
undo a whole import.

Thin views over `app.services.imports`; the upload is kept in the database between pages,
so any instance can serve the next step. Admins and engagement leads only. The upload page
takes files up to `imports.MAX_BYTES` (20 MB), more than the 1 MB every other form may send:
the larger limit is set for this one address before anything reads the request body.
"""

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from app import error_summary
from app.errors import error_page
from app.models import ImportBatch, Survey
from app.services import audit, imports, surveys
from app.services.errors import NotFound, ServiceError
from app.staff import blueprint, import_page
from app.staff.import_forms import MatchForm, UndoForm, UploadForm
from app.staff.permissions import Permission, current_user_can, permission_required

# Room for the form's other fields and the multipart boundaries around the file itself.
_MULTIPART_ALLOWANCE = 64 * 1024


@blueprint.url_value_preprocessor
def _allow_large_uploads(endpoint: str | None, _values: dict | None) -> None:
    """Let the upload page take a 20 MB file; this runs before the CSRF check reads the body.

    Only for someone who may import: anyone else is held to the 1 MB every other form has.
    """
    if endpoint == "staff.upload_responses" and current_user_can(Permission.MANAGE_SURVEYS):
        request.max_content_length = imports.MAX_BYTES + _MULTIPART_ALLOWANCE


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
                data=upload.stream,
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
    return _upload_page(survey, UploadForm(formdata=None), imports.TOO_BIG, 413)


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
    try:
        mapping = imports.mapping_from_form(survey, batch, request.form)
    except imports.BadChoices as bad:
        problems = imports.ImportProblems(bad.problems)
        return _preview_page(survey, batch, form, bad.mapping, problems), 400
    if not form.importing:
        return _preview_page(survey, batch, form, mapping)
    try:
        imports.import_responses(survey, batch, mapping, actor=_actor())
    except imports.AlreadyImported:
        return _already_imported(batch)
    except imports.ImportProblems as problems:
        return _preview_page(survey, batch, form, mapping, problems), 400
    except ServiceError as problem:
        field = problem.field or "matches"
        problems = imports.ImportProblems([imports.Problem(problem.message, field)])
        return _preview_page(survey, batch, form, mapping, problems), problem.status_code
    return redirect(url_for("staff.import_done", batch_id=batch.id), 303)


@blueprint.get("/imports/<int:batch_id>/done")
@permission_required(Permission.MANAGE_SURVEYS)
def import_done(batch_id: int):
    batch = imports.get_batch(batch_id)
    if batch.imported_at is None:
        return redirect(url_for("staff.preview_import", batch_id=batch.id), 303)
    return _done_page(batch, already=False)


@blueprint.route("/imports/<int:batch_id>/undo", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def undo_import(batch_id: int):
    batch = imports.get_batch(batch_id)
    form = UndoForm()
    problem = None
    if form.validate_on_submit():
        try:
            imports.undo_import(_actor(), batch)
        except ServiceError as refused:
            problem = refused.message
        else:
            return redirect(url_for("staff.import_done", batch_id=batch.id), 303)
    errors = [error_summary.error_item(problem, "undo")] if problem else []
    errors = errors or error_summary.from_form(form)
    page = render_template(
        "staff/import_undo.html",
        batch=batch,
        survey=surveys.get_survey(batch.survey_id),
        form=form,
        count=imports.imported_count(batch),
        when=imports.when,
        errors=errors,
    )
    return page, error_summary.status(errors, failed=409 if problem else 400)


def _actor() -> audit.Actor:
    return audit.Actor(current_user.id, current_user.name)


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
        left_out=max(0, batch.row_count - (batch.response_count or 0)),
        already=already,
        when=imports.when,
    )


def _upload_page(survey: Survey, form: UploadForm, message: str | None, status: int):
    errors = [error_summary.error_item(message, "file")] if message else []
    page = render_template(
        "staff/import_upload.html",
        survey=survey,
        form=form,
        errors=errors,
        max_rows=imports.MAX_ROWS,
        max_megabytes=imports.MAX_BYTES // (1024 * 1024),
        batches=imports.imports_of(survey.id),
        when=imports.when,
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
        page=import_page.preview_page(preview),
        errors=errors,
        error_for=error_summary.messages_by_field(errors),
        problem_count=problems.total if problems else 0,
        fields=import_page.FIELDS,
    )
