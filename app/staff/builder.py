"""The survey builder's survey pages: start a survey, its overview, its details, its life.

Admins and leads build; viewers and partners never reach these pages. Each view reads the
form, makes one builder call and redirects, or shows the page again with what was typed and
the problem in GOV.UK's error summary. Every form carries the survey version the page showed,
so a save made from an old page is refused with what changed (nothing typed is lost).
"""

from flask import Response, abort, redirect, render_template, request, url_for
from flask_login import current_user

from app import error_summary
from app.models import Survey, SurveyStatus
from app.services import audit, definitions, frameworks, pictures, surveys
from app.services.builder import (
    about_you,
    branch_rules,
    checking,
    details,
    duplicating,
    editing,
    lifecycle,
    readiness,
    starting,
)
from app.services.errors import ServiceError
from app.services.form_input import an_id
from app.staff import blueprint, builder_forms
from app.staff.choices import choice_items
from app.staff.permissions import Permission, permission_required

MANAGE = Permission.MANAGE_SURVEYS


def actor() -> audit.Actor:
    """Return the signed-in user as the audit log names them."""
    return audit.Actor(current_user.id, current_user.name)


def seen_version() -> int:
    """Return the survey version the submitted page showed, 0 if it sent none we can read.

    0 is no version a survey has, so the builder refuses it as a page it cannot check.
    """
    return an_id(request.form.get("version")) or 0


def refused_status(problem: ServiceError) -> int:
    """Return 409 for a save from an old page or an archived survey, else 400 (put it right)."""
    return 409 if problem.status_code == 409 else 400


def conflict_errors(problem: ServiceError, default_field: str) -> list[dict[str, str]]:
    """Return the summary for a problem; a conflict lists what the other person changed."""
    errors = error_summary.from_problem(problem, default_field)
    if isinstance(problem, editing.EditConflict):
        errors += [{"text": change, "href": f"#{default_field}"} for change in problem.changes]
    return errors


@blueprint.route("/surveys/new", methods=["GET", "POST"])
@permission_required(MANAGE)
def new_survey():
    if request.method == "GET":
        return _new_page({}, [])
    form = request.form
    try:
        survey = _start(form.get("start", ""), form)
    except ServiceError as problem:
        errors = [error_summary.error_item(p, "upload") for p in _problems(problem)]
        return _new_page(form, errors or error_summary.from_problem(problem, "start")), 400
    return redirect(url_for("staff.build_survey", survey_id=survey.id), 303)


def _start(how: str, form) -> Survey:
    if how == "blank":
        wanted = details.SurveyDetails(
            title=form.get("title", ""), framework_key=form.get("framework_key", "")
        )
        return details.create_blank(actor(), wanted)
    if how == "starter":
        return starting.create_from_starter(actor(), form.get("starter", ""))
    if how == "copy":
        return duplicating.duplicate(actor(), an_id(form.get("copy_of")) or 0)
    if how == "file":
        upload = request.files.get("upload")
        if upload is None or not upload.filename:
            raise ServiceError("Choose a survey file to upload", field="upload")
        data = upload.read(definitions.MAX_FILE_BYTES + 1)
        return starting.create_from_file(actor(), data, upload.filename)
    raise ServiceError("Choose how to start the survey", field="start")


def _problems(problem: ServiceError) -> list[str]:
    return [str(p) for p in getattr(problem, "problems", [])][:20]


def _new_page(form, errors: list) -> str:
    framework_choices = [(f.key, f.title) for f in frameworks.list_frameworks()]
    copy_choices = [
        (s.survey.id, s.survey.title) for s in surveys.list_surveys_with_counts(archived=True)
    ]
    return render_template(
        "staff/builder/new.html",
        errors=errors,
        error_for=error_summary.messages_by_field(errors),
        values=form,
        start_items=choice_items(
            [
                ("blank", "A blank survey"),
                ("starter", "A starter survey with easy-read questions for a framework"),
                ("copy", "A copy of another survey, without its responses"),
                ("file", "A survey file (YAML or JSON)"),
            ],
            form.get("start", "blank"),
        ),
        framework_items=choice_items(
            framework_choices,
            form.get("framework_key", frameworks.DEFAULT_FRAMEWORK_KEY),
            mark="selected",
        ),
        starter_items=choice_items(
            [
                (s.framework_key, f"{s.title} ({s.questions} questions)")
                for s in starting.starters()
            ],
            form.get("starter"),
            mark="selected",
        ),
        copy_items=choice_items(copy_choices, form.get("copy_of"), mark="selected"),
    )


@blueprint.get("/surveys/<int:survey_id>/build")
@permission_required(MANAGE)
def build_survey(survey_id: int):
    return overview_page(editing.get_survey(survey_id), [])


def overview_page(survey: Survey, errors: list, status: int = 200) -> tuple[str, int]:
    """Return the builder overview of a survey, with any problems in the error summary."""
    ease = checking.easy_read_ease(survey)
    questions = [
        {
            "question": q,
            "rule": branch_rules.describe(q),
            "principles": q.principles,
            "reading_ease": ease.get(index),
        }
        for index, q in enumerate(survey.questions)
    ]
    page = render_template(
        "staff/builder/overview.html",
        survey=survey,
        questions=questions,
        kind_words=builder_forms.KIND_WORDS,
        untagged=sum(1 for q in survey.questions if not q.principles and q.section == "main"),
        has_about_you=any(q.section == about_you.SECTION for q in survey.questions),
        answered=editing.survey_has_responses(survey.id),
        problems=readiness.problems(survey),
        findings=checking.checked_findings(survey),
        resident_status=lifecycle.status_on(survey, lifecycle.council_today()),
        statuses=SurveyStatus,
        errors=errors,
    )
    return page, status


@blueprint.route("/surveys/<int:survey_id>/details", methods=["GET", "POST"])
@permission_required(MANAGE)
def edit_survey_details(survey_id: int):
    survey = editing.get_survey(survey_id)
    if request.method == "GET":
        return _details_page(survey, builder_forms.survey_values(survey), [])
    try:
        wanted = builder_forms.survey_details(request.form)
        details.update_details(
            actor(), survey_id, seen_version(), wanted, request.form.get("reason", "")
        )
    except ServiceError as problem:
        errors = conflict_errors(problem, "title")
        return _details_page(survey, request.form, errors), refused_status(problem)
    return redirect(url_for("staff.build_survey", survey_id=survey_id), 303)


def _details_page(survey: Survey, values, errors: list) -> str:
    library = [(p.key, f"{p.name} – {p.description}") for p in pictures.library()]
    return render_template(
        "staff/builder/details.html",
        survey=survey,
        values=values,
        errors=errors,
        error_for=error_summary.messages_by_field(errors),
        answered=editing.survey_has_responses(survey.id),
        picture_items=choice_items(library, values.get("picture_key"), mark="selected"),
        framework_items=choice_items(
            [(f.key, f.title) for f in frameworks.list_frameworks()],
            values.get("framework_key"),
            mark="selected",
        ),
    )


@blueprint.post("/surveys/<int:survey_id>/<any(open, close, reopen, archive):step>")
@permission_required(MANAGE)
def change_survey_status(survey_id: int, step: str):
    today = lifecycle.council_today()
    try:
        if step == "open":
            lifecycle.open_survey(actor(), survey_id, seen_version(), today)
        elif step == "close":
            lifecycle.close_survey(actor(), survey_id, seen_version(), today)
        elif step == "reopen":
            reason = request.form.get("reason", "")
            lifecycle.reopen_survey(actor(), survey_id, seen_version(), reason, today)
        else:
            lifecycle.archive_survey(actor(), survey_id, seen_version())
    except ServiceError as problem:
        db_survey = editing.get_survey(survey_id)
        if isinstance(problem, readiness.NotReady):
            # Each reason once, as its own line of the summary.
            errors = [error_summary.error_item(p, "lifecycle") for p in problem.problems]
        else:
            errors = conflict_errors(problem, "lifecycle")
        return overview_page(db_survey, errors, refused_status(problem))
    return redirect(url_for("staff.build_survey", survey_id=survey_id), 303)


@blueprint.post("/surveys/<int:survey_id>/about-you")
@permission_required(MANAGE)
def add_about_you_questions(survey_id: int):
    try:
        about_you.add_about_you(actor(), survey_id, seen_version())
    except ServiceError as problem:
        survey = editing.get_survey(survey_id)
        return overview_page(survey, conflict_errors(problem, "about-you"), refused_status(problem))
    return redirect(url_for("staff.build_survey", survey_id=survey_id), 303)


@blueprint.post("/surveys/<int:survey_id>/warnings")
@permission_required(MANAGE)
def accept_easy_read_warning(survey_id: int):
    return _act_on_finding(survey_id, checking.accept_warning)


@blueprint.post("/surveys/<int:survey_id>/suggestions")
@permission_required(MANAGE)
def use_plainer_words(survey_id: int):
    return _act_on_finding(survey_id, checking.use_suggestion)


def _act_on_finding(survey_id: int, use_case):
    """Accept a warning or use its plainer words, then go back to the checks."""
    form = request.form
    try:
        use_case(actor(), survey_id, seen_version(), form.get("field", ""), form.get("rule", ""))
    except ServiceError as problem:
        survey = editing.get_survey(survey_id)
        return overview_page(survey, conflict_errors(problem, "easy-read"), refused_status(problem))
    return redirect(url_for("staff.build_survey", survey_id=survey_id) + "#easy-read", 303)


@blueprint.get("/surveys/<int:survey_id>/survey.<any(yaml, json):file_format>")
@permission_required(Permission.VIEW_SURVEYS)
def download_survey_file(survey_id: int, file_format: str):
    survey = surveys.get_survey(survey_id)
    if survey is None:
        abort(404)
    text = definitions.export(survey, format=file_format)
    mimetype = "application/json" if file_format == "json" else "application/yaml"
    return Response(
        text,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{survey.slug}.{file_format}"'},
    )
