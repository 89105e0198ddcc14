"""Themes of a survey's free-text answers: create, rename, merge, code answers, suggestions.

Everyone who may read answers (admins, leads, viewers) sees these pages; only admins and
engagement leads change anything. Partner users never see free text.
"""

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField

from app import error_summary
from app.services import audit, coding, free_text, surveys, themes
from app.services.errors import ServiceError
from app.services.form_input import NotAWholeNumber, an_id, whole_number
from app.staff import blueprint
from app.staff.choices import choice_items
from app.staff.permissions import Permission, current_user_can, permission_required


def _chosen_id(value: object) -> int:
    """Read an id a form sent, refusing (ValueError) one no database row could have.

    `int` would take "99999999999999999999" and the database would then fail on it; this
    makes it a bad choice like "abc", so the form is refused with its own plain message.
    """
    number = whole_number(str(value))
    if number is None:
        raise NotAWholeNumber(value)
    return number


class ThemeForm(FlaskForm):
    """A theme's name."""

    name = StringField("Name of the theme")


class MergeForm(FlaskForm):
    """Two themes: the first is merged into the second."""

    source_id = SelectField("Merge this theme", coerce=_chosen_id, validate_choice=False)
    target_id = SelectField("into this theme", coerce=_chosen_id, validate_choice=False)


class AnswerThemesForm(FlaskForm):
    """The themes ticked for one answer, and the page of answers to go back to."""

    theme_ids = SelectMultipleField(coerce=_chosen_id, validate_choice=False)
    after = HiddenField()
    theme = HiddenField()
    q = HiddenField()


class TickedAnswersForm(FlaskForm):
    """Answers ticked on a page (or every answer on it), and the theme to give them."""

    answer_ids = SelectMultipleField(coerce=_chosen_id, validate_choice=False)
    page_ids = SelectMultipleField(coerce=_chosen_id, validate_choice=False)
    whole_page = HiddenField()
    theme_id = SelectField("Theme for the ticked answers", validate_choice=False)


class SuggestionForm(FlaskForm):
    """A suggested phrase, and the name to accept it under."""

    phrase = HiddenField()
    name = StringField("Name for the theme")


@blueprint.get("/surveys/<int:survey_id>/themes")
@permission_required(Permission.VIEW_SURVEYS)
def list_themes(survey_id: int):
    return _themes_page(survey_id, ThemeForm(), [])


@blueprint.post("/surveys/<int:survey_id>/themes")
@permission_required(Permission.MANAGE_SURVEYS)
def create_theme(survey_id: int):
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            themes.create_theme(survey_id, form.name.data or "")
        except ServiceError as problem:
            return _themes_page(survey_id, form, error_summary.from_problem(problem, "name")), 400
    return redirect(url_for("staff.list_themes", survey_id=survey_id), 303)


@blueprint.post("/surveys/<int:survey_id>/themes/merge")
@permission_required(Permission.MANAGE_SURVEYS)
def merge_themes(survey_id: int):
    form = MergeForm()
    if not form.validate_on_submit():
        errors = [error_summary.error_item("Choose two themes to merge", "source_id")]
        return _themes_page(survey_id, ThemeForm(), errors), 400
    try:
        themes.merge_themes(survey_id, source_id=form.source_id.data, target_id=form.target_id.data)
    except ServiceError as problem:
        errors = error_summary.from_problem(problem, "name")
        return _themes_page(survey_id, ThemeForm(), errors), 400
    return redirect(url_for("staff.list_themes", survey_id=survey_id), 303)


@blueprint.route("/surveys/<int:survey_id>/themes/<int:theme_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def rename_theme(survey_id: int, theme_id: int):
    survey, theme = surveys.get_survey(survey_id), themes.get_theme(survey_id, theme_id)
    form = ThemeForm(data={"name": theme.name})
    errors = []
    if form.validate_on_submit():
        try:
            themes.rename_theme(survey_id, theme_id, form.name.data or "")
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "name")
        else:
            return redirect(url_for("staff.list_themes", survey_id=survey_id), 303)
    page = render_template(
        "staff/themes_rename.html", survey=survey, theme=theme, form=form, errors=errors
    )
    return page, error_summary.status(errors)


@blueprint.get("/surveys/<int:survey_id>/themes/answers")
@permission_required(Permission.VIEW_SURVEYS)
def code_answers(survey_id: int):
    return _answers_page(survey_id, request.args, [])


@blueprint.post("/surveys/<int:survey_id>/themes/answers/code")
@permission_required(Permission.MANAGE_SURVEYS)
def code_ticked_answers(survey_id: int):
    form = TickedAnswersForm()
    if not form.validate_on_submit():
        raise ServiceError("Tick the answers to give the theme to")
    ticked = form.page_ids.data if form.whole_page.data else form.answer_ids.data
    try:
        batch = coding.code_answers(
            survey_id, ticked or [], an_id(form.theme_id.data or "") or None, by=_actor()
        )
    except ServiceError as problem:
        errors = error_summary.from_problem(problem, "theme_id")
        for error in errors:
            error["href"] = error["href"].replace("#answer_ids", "#answers")
        return _answers_page(survey_id, request.form, errors), 400
    return redirect(url_for("staff.coding_batch", survey_id=survey_id, coding_id=batch.id), 303)


def _answers_page(survey_id: int, values, errors: list[dict]) -> str:
    """Render a page of answers: after or before an answer id, one theme's, or with words."""
    survey = surveys.get_survey(survey_id)
    state = _answers_state(values)
    answers = free_text.free_text_answers(
        survey_id,
        after=an_id(values.get("after", "")) or None,
        before=an_id(values.get("before", "")) or None,
        shown=free_text.AnswerFilter(
            theme_id=an_id(state["theme"]) or None,
            uncoded=state["theme"] == "none",
            search=state["q"],
        ),
    )
    theme_choices = [(s.theme.id, s.theme.name) for s in themes.list_themes(survey_id)]
    return render_template(
        "staff/themes_answers.html",
        survey=survey,
        answers=answers,
        themes=theme_choices,
        theme_names=dict(theme_choices),
        filter_items=_filter_items(theme_choices, state["theme"]),
        bulk_theme_items=[
            {"value": "", "text": "Choose a theme"},
            *choice_items(theme_choices, values.get("theme_id") or None, mark="selected"),
        ],
        answer_theme_items={
            answer.id: choice_items(theme_choices, answer.theme_ids) for answer in answers.answers
        },
        state=state,
        errors=errors,
        can_change=_can_change(),
    )


@blueprint.get("/surveys/<int:survey_id>/themes/coded/<int:coding_id>")
@permission_required(Permission.VIEW_SURVEYS)
def coding_batch(survey_id: int, coding_id: int):
    return render_template(
        "staff/themes_coded.html",
        survey=surveys.get_survey(survey_id),
        review=coding.review(survey_id, coding_id, after=an_id(request.args.get("after")) or 0),
        can_change=_can_change(),
    )


@blueprint.post("/surveys/<int:survey_id>/themes/coded/<int:coding_id>/undo")
@permission_required(Permission.MANAGE_SURVEYS)
def undo_coding(survey_id: int, coding_id: int):
    if not FlaskForm().validate_on_submit():
        raise ServiceError("Try undoing again")
    if coding.undo(survey_id, coding_id, by=_actor()):
        return redirect(url_for("staff.theme_suggestions", survey_id=survey_id), 303)
    return redirect(url_for("staff.coding_batch", survey_id=survey_id, coding_id=coding_id), 303)


@blueprint.post("/surveys/<int:survey_id>/themes/answers/<int:answer_id>")
@permission_required(Permission.MANAGE_SURVEYS)
def set_answer_themes(survey_id: int, answer_id: int):
    form = AnswerThemesForm()
    if not form.validate_on_submit():
        raise ServiceError("Choose themes from the list")
    free_text.set_answer_themes(survey_id, answer_id, form.theme_ids.data or [])
    state = _answers_state({"theme": form.theme.data, "q": form.q.data})
    back = url_for(
        "staff.code_answers",
        survey_id=survey_id,
        after=an_id(form.after.data or "") or None,
        theme=state["theme"] or None,
        q=state["q"] or None,
        _anchor=f"answer-{answer_id}",
    )
    return redirect(back, 303)


@blueprint.get("/surveys/<int:survey_id>/themes/suggestions")
@permission_required(Permission.VIEW_SURVEYS)
def theme_suggestions(survey_id: int):
    return _suggestions_page(survey_id, [])


@blueprint.post("/surveys/<int:survey_id>/themes/suggestions/accept")
@permission_required(Permission.MANAGE_SURVEYS)
def accept_suggestion(survey_id: int):
    form = SuggestionForm()
    form.validate_on_submit()
    try:
        batch = coding.accept_suggestion(
            survey_id, form.phrase.data or "", form.name.data or "", by=_actor()
        )
    except ServiceError as problem:
        return _suggestions_page(survey_id, [problem.message], form.phrase.data or ""), 400
    return redirect(url_for("staff.coding_batch", survey_id=survey_id, coding_id=batch.id), 303)


@blueprint.post("/surveys/<int:survey_id>/themes/suggestions/reject")
@permission_required(Permission.MANAGE_SURVEYS)
def reject_suggestion(survey_id: int):
    form = SuggestionForm()
    form.validate_on_submit()
    themes.reject_suggestion(survey_id, form.phrase.data or "")
    return redirect(url_for("staff.theme_suggestions", survey_id=survey_id), 303)


def _filter_items(theme_choices: list[tuple[int, str]], shown: str) -> list[dict]:
    """Return the choices of which answers to show: all, those with no theme, or one theme's."""
    return [
        {"value": "", "text": "All answers"},
        {"value": "none", "text": "Answers with no theme", "selected": shown == "none"},
        *choice_items(
            [(theme_id, f"Theme: {name}") for theme_id, name in theme_choices],
            shown,
            mark="selected",
        ),
    ]


def _themes_page(survey_id: int, form: ThemeForm, errors: list[dict]) -> str:
    summaries = themes.list_themes(survey_id)
    return render_template(
        "staff/themes.html",
        survey=surveys.get_survey(survey_id),
        themes=summaries,
        theme_items=choice_items((s.theme.id, s.theme.name) for s in summaries),
        form=form,
        errors=errors,
        can_change=_can_change(),
    )


def _suggestions_page(survey_id: int, messages: list[str], phrase: str = "") -> str:
    suggestions = themes.suggest(survey_id)
    position = next((n for n, s in enumerate(suggestions, 1) if s.phrase == phrase), None)
    field = f"suggestion-{position}-name" if position else "suggestions"
    return render_template(
        "staff/themes_suggestions.html",
        survey=surveys.get_survey(survey_id),
        suggestions=suggestions,
        errors=[error_summary.error_item(message, field) for message in messages],
        error_phrase=phrase if messages else None,
        entered_name=request.form.get("name", ""),
        can_change=_can_change(),
    )


def _answers_state(values) -> dict[str, str]:
    """Return which answers a page shows (theme filter, search words), cleaned for links."""
    shown = (values.get("theme") or "").strip()
    search = " ".join((values.get("q") or "").split())[:200]
    return {"theme": shown if shown == "none" or an_id(shown) else "", "q": search}


def _actor() -> audit.Actor:
    return audit.Actor(current_user.id, current_user.name)


def _can_change() -> bool:
    return current_user_can(Permission.MANAGE_SURVEYS)
