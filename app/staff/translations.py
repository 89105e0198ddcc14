"""Translate a survey's words: a page per language, and PO files for a translator.

Thin views over `app.services.translations`. Everyone who may see surveys sees the pages
and may download a PO file; only admins and engagement leads save and upload. A language not in the
`SURVEY_LANGUAGES` setting is "not found".
"""

from flask import Response, abort, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from app import error_summary
from app.languages import RIGHT_TO_LEFT
from app.services import audit, surveys, translations
from app.services.errors import NotFound, ServiceError
from app.staff import blueprint
from app.staff.permissions import Permission, current_user_can, permission_required

UPLOAD_FIELD = "po-file"


class TranslationsForm(FlaskForm):
    """The translation boxes, read by key from the request; the form carries the CSRF token."""


class UploadForm(FlaskForm):
    """A PO file a translator sends back."""

    file = FileField(
        "Upload a translated PO file",
        id=UPLOAD_FIELD,
        validators=[FileRequired("Choose the .po file to upload")],
    )


@blueprint.get("/surveys/<int:survey_id>/translations")
@permission_required(Permission.VIEW_SURVEYS)
def list_translations(survey_id: int):
    sheets = translations.sheets(survey_id)
    survey = surveys.get_survey(survey_id)
    return render_template("staff/translations/index.html", survey=survey, sheets=sheets)


@blueprint.get("/surveys/<int:survey_id>/translations/<language>")
@permission_required(Permission.VIEW_SURVEYS)
def translate_survey(survey_id: int, language: str):
    return _page(_sheet(survey_id, language), saved=request.args.get("saved"))


@blueprint.post("/surveys/<int:survey_id>/translations/<language>")
@permission_required(Permission.MANAGE_SURVEYS)
def save_translations(survey_id: int, language: str):
    sheet = _sheet(survey_id, language)
    form = TranslationsForm()
    if not form.validate_on_submit():
        return _page(sheet, errors=error_summary.from_form(form), entered=request.form)
    entered = {text.key: request.form[text.box] for text in sheet.texts if text.box in request.form}
    try:
        saved = translations.save(_actor(), survey_id, language, entered)
    except ServiceError as problem:
        errors = error_summary.from_problem(problem, "translations")
        return _page(sheet, errors=errors, entered=request.form)
    return redirect(_here(sheet, saved), 303)


@blueprint.get("/surveys/<int:survey_id>/translations/<language>.po")
@permission_required(Permission.VIEW_SURVEYS)
def download_translations(survey_id: int, language: str):
    sheet = _sheet(survey_id, language)
    filename = translations.po_filename(sheet.survey, language)
    return Response(
        translations.export_po(survey_id, language),
        mimetype="text/x-gettext-translation",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@blueprint.post("/surveys/<int:survey_id>/translations/<language>/upload")
@permission_required(Permission.MANAGE_SURVEYS)
def upload_translations(survey_id: int, language: str):
    sheet = _sheet(survey_id, language)
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(sheet, errors=_upload_errors(error_summary.from_form(form)), upload=form)
    try:
        saved = translations.import_po(_actor(), survey_id, language, form.file.data.read())
    except ServiceError as problem:
        errors = error_summary.from_problem(problem, UPLOAD_FIELD)
        return _page(sheet, errors=errors, upload=form)
    return redirect(_here(sheet, saved), 303)


def _sheet(survey_id: int, language: str) -> translations.Sheet:
    try:
        return translations.sheet(survey_id, language)
    except NotFound:
        abort(404)


def _actor() -> audit.Actor:
    return audit.Actor(current_user.id, current_user.name)


def _here(sheet: translations.Sheet, saved: translations.Saved) -> str:
    count = saved.written + saved.removed
    return url_for(
        "staff.translate_survey", survey_id=sheet.survey.id, language=sheet.language, saved=count
    )


def _upload_errors(errors: list[dict[str, str]]) -> list[dict[str, str]]:
    # The form's field is called "file"; its box on the page has the id UPLOAD_FIELD.
    return [error_summary.error_item(item["text"], UPLOAD_FIELD) for item in errors]


def _page(sheet, *, errors=(), entered=None, upload=None, saved=None):
    errors = list(errors)
    html = render_template(
        "staff/translations/language.html",
        sheet=sheet,
        survey=sheet.survey,
        errors=errors,
        messages=error_summary.messages_by_field(errors),
        entered=entered,
        saved=saved,
        form=TranslationsForm(formdata=None),
        upload=upload or UploadForm(formdata=None),
        upload_field=UPLOAD_FIELD,
        can_change=current_user_can(Permission.MANAGE_SURVEYS),
        right_to_left=sheet.language in RIGHT_TO_LEFT,
    )
    return html, error_summary.status(errors)
