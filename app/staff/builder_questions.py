"""The survey builder's question pages: add, change, move and delete a question.

One form for every kind of question; answers are rows of boxes (more rows with a button),
pictures are chosen from the library with suggestions from the question's words, and a
branch rule is chosen from the answers of earlier questions. Everything works with
JavaScript off; moving is by buttons, never by dragging.
"""

import re

from flask import redirect, render_template, request, url_for

from app import error_summary
from app.models import Question, Survey
from app.services import pictures
from app.services.builder import editing, questions
from app.services.errors import NotFound, ServiceError
from app.staff import blueprint, builder_forms
from app.staff.builder import (
    MANAGE,
    actor,
    conflict_errors,
    overview_page,
    refused_status,
    seen_version,
)
from app.staff.builder_forms import KIND_WORDS
from app.staff.choices import choice_items
from app.staff.permissions import permission_required

ADDED_ALREADY = (
    "This survey changed since the page was opened, so nothing was added. If you pressed "
    "“Save question” twice, the question is already on the survey: check the list below."
)


@blueprint.route("/surveys/<int:survey_id>/questions/new", methods=["GET", "POST"])
@permission_required(MANAGE)
def add_survey_question(survey_id: int):
    survey = editing.get_survey(survey_id)
    if request.method == "GET" or _only_redraw():
        return _question_page(survey, None, _values(None), [])
    try:
        questions.add_question(
            actor(), survey_id, seen_version(), builder_forms.question_details(request.form)
        )
    except editing.EditConflict as conflict:
        errors = [{"text": ADDED_ALREADY, "href": "#text"}, *conflict_errors(conflict, "text")[1:]]
        return _question_page(survey, None, request.form, errors), 409
    except ServiceError as problem:
        return _question_page(survey, None, request.form, conflict_errors(problem, "text")), 400
    return redirect(url_for("staff.build_survey", survey_id=survey_id), 303)


@blueprint.route(
    "/surveys/<int:survey_id>/questions/<int:question_id>/edit", methods=["GET", "POST"]
)
@permission_required(MANAGE)
def edit_survey_question(survey_id: int, question_id: int):
    survey = editing.get_survey(survey_id)
    question = _question(survey, question_id)
    if request.method == "GET" or _only_redraw():
        return _question_page(survey, question, _values(question), [])
    try:
        questions.update_question(
            actor(),
            survey_id,
            seen_version(),
            question_id,
            builder_forms.question_details(request.form),
        )
    except ServiceError as problem:
        errors = conflict_errors(problem, "text")
        return _question_page(survey, question, request.form, errors), refused_status(problem)
    return redirect(url_for("staff.build_survey", survey_id=survey_id), 303)


@blueprint.post("/surveys/<int:survey_id>/questions/<int:question_id>/<any(up, down):way>")
@permission_required(MANAGE)
def move_survey_question(survey_id: int, question_id: int, way: str):
    # Another survey's question is "not found" before any word about this survey's version.
    _question(editing.get_survey(survey_id), question_id)
    try:
        step = -1 if way == "up" else 1
        questions.move_question(actor(), survey_id, seen_version(), question_id, step)
    except ServiceError as problem:
        survey = editing.get_survey(survey_id)
        errors = conflict_errors(problem, f"question-{question_id}")
        return overview_page(survey, errors, refused_status(problem))
    return redirect(url_for("staff.build_survey", survey_id=survey_id), 303)


@blueprint.route(
    "/surveys/<int:survey_id>/questions/<int:question_id>/delete", methods=["GET", "POST"]
)
@permission_required(MANAGE)
def delete_survey_question(survey_id: int, question_id: int):
    survey = editing.get_survey(survey_id)
    question = _question(survey, question_id)
    errors: list = []
    status = 200
    if request.method == "POST":
        try:
            questions.delete_question(actor(), survey_id, seen_version(), question_id)
        except ServiceError as problem:
            errors, status = conflict_errors(problem, "delete"), refused_status(problem)
        else:
            return redirect(url_for("staff.build_survey", survey_id=survey_id), 303)
    page = render_template(
        "staff/builder/delete_question.html", survey=survey, question=question, errors=errors
    )
    return page, status


def _question(survey: Survey, question_id: int) -> Question:
    question = next((q for q in survey.questions if q.id == question_id), None)
    if question is None:
        raise NotFound("We cannot find this question")
    return question


def _only_redraw() -> bool:
    """Say whether the form asked for more answer rows or a picture search, not a save.

    Enter pressed in a box presses the form's first button, a hidden "Save question". Enter
    pressed just after typing new search words is still a search: the words differ from the
    last search the page shows.
    """
    form = request.form
    new_search = form.get("picture_search", "").strip() != form.get("searched", "").strip()
    pressed_enter = "save_by_enter" in form
    return "more_rows" in form or "search_pictures" in form or (pressed_enter and new_search)


def _values(question: Question | None):
    if _only_redraw():
        return request.form
    return builder_forms.question_values(question) if question else {"required": "yes"}


def _question_page(survey: Survey, question: Question | None, values, errors: list) -> str:
    rows = builder_forms.row_count(values, more="more_rows" in values)
    chosen = (
        values.getlist("principles") if hasattr(values, "getlist") else values.get("principles", [])
    )
    rules = values.getlist("show_if") if hasattr(values, "getlist") else values.get("show_if", [])
    position = question.position if question else len(survey.questions) + 1
    return render_template(
        "staff/builder/question.html",
        survey=survey,
        question=question,
        values=values,
        rows=rows,
        errors=errors,
        error_for=error_summary.messages_by_field(errors),
        kind_items=choice_items(
            [(kind.value, words) for kind, words in KIND_WORDS.items()], values.get("kind")
        ),
        principle_items=choice_items(
            [(p.key, p.title) for p in survey.framework.principles], chosen
        ),
        rule_groups=_rule_groups(survey, position, rules),
        pictures=picture_choices(
            values.get("text", "") + " " + values.get("easy_read_text", ""),
            search=values.get("picture_search", ""),
        ),
    )


def _rule_groups(survey: Survey, position: int, rules) -> list[dict]:
    """Return, for each earlier question with answers to choose, its answers as one list."""
    return [
        {
            "legend": f"Question {q.position}: {q.easy_read_text or q.text}",
            "id": f"show_if-{q.position}",
            "items": choice_items(
                [(f"{q.position}:{o.position}", o.label) for o in q.options], rules
            ),
        }
        for q in survey.questions
        if q.position < position and q.kind.has_options
    ]


def picture_choices(words: str, *, search: str = "") -> dict[str, list[pictures.Picture]]:
    """Return the picture library: pictures found by a search, then those whose names match
    the question's words, then all of them."""
    wanted = {w for w in re.findall(r"[a-z]+", words.lower()) if len(w) > 2}
    library = list(pictures.library())
    suggested = [
        p for p in library if wanted & set(re.findall(r"[a-z]+", f"{p.name} {p.key}".lower()))
    ]
    term = search.strip().casefold()[:100]
    found = [p for p in library if term and term in f"{p.name} {p.description}".casefold()]
    return {"found": found, "suggested": suggested, "all": library}
