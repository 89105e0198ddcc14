"""Actions ("you said, we did"): staff record what the council did about what it heard.

Admins, leads and viewers may read the list; only admins and leads add, change or delete.
"""

from flask import redirect, render_template, url_for
from flask_wtf import FlaskForm
from wtforms import Form, FormField, StringField, TextAreaField

from app import error_summary
from app.models import Action, SurveyStatus
from app.services import actions, surveys, themes
from app.services.actions import ActionDetails, ActionInvalid
from app.services.form_input import an_id
from app.staff import blueprint
from app.staff.choices import choice_items
from app.staff.permissions import Permission, current_user_can, permission_required


class DateParts(Form):
    """The day, month and year boxes of a GOV.UK date input."""

    day = StringField()
    month = StringField()
    year = StringField()


class ActionForm(FlaskForm):
    """An action, as text; the actions service checks it."""

    principle_id = StringField()
    theme_id = StringField()
    title = StringField()
    you_said = TextAreaField()
    we_did = TextAreaField()
    status = StringField()
    action_date = FormField(DateParts, separator="-")


@blueprint.get("/surveys/<int:survey_id>/actions")
@permission_required(Permission.VIEW_SURVEYS)
def list_actions(survey_id: int):
    survey = surveys.get_survey(survey_id)
    return render_template(
        "staff/actions.html",
        survey=survey,
        sections=actions.actions_by_principle(survey),
        theme_names=actions.theme_names(survey_id),
        status_names=actions.STATUS_NAMES,
        published=survey.status in (SurveyStatus.OPEN, SurveyStatus.CLOSED),
        can_change=current_user_can(Permission.MANAGE_SURVEYS),
    )


@blueprint.route("/surveys/<int:survey_id>/actions/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def add_action(survey_id: int):
    form = ActionForm()
    if form.validate_on_submit():
        try:
            actions.create_action(survey_id, _details(form))
        except ActionInvalid as invalid:
            return _action_page(survey_id, form, None, invalid.problems), 400
        return redirect(url_for("staff.list_actions", survey_id=survey_id), 303)
    return _action_page(survey_id, form, None, [])


@blueprint.route("/surveys/<int:survey_id>/actions/<int:action_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def change_action(survey_id: int, action_id: int):
    action = actions.get_action(survey_id, action_id)
    form = ActionForm(data=_form_data(action))
    if form.validate_on_submit():
        try:
            actions.update_action(survey_id, action_id, _details(form))
        except ActionInvalid as invalid:
            return _action_page(survey_id, form, action, invalid.problems), 400
        return redirect(url_for("staff.list_actions", survey_id=survey_id), 303)
    return _action_page(survey_id, form, action, [])


@blueprint.post("/surveys/<int:survey_id>/actions/<int:action_id>/delete")
@permission_required(Permission.MANAGE_SURVEYS)
def delete_action(survey_id: int, action_id: int):
    if FlaskForm().validate_on_submit():
        actions.delete_action(survey_id, action_id)
    return redirect(url_for("staff.list_actions", survey_id=survey_id), 303)


def _action_page(
    survey_id: int, form: ActionForm, action: Action | None, problems: list[tuple[str, str]]
) -> str:
    survey = surveys.get_survey(survey_id)
    errors = error_summary.from_fields(problems)
    principles = [(principle.id, principle.title) for principle in survey.framework.principles]
    theme_choices = [(s.theme.id, s.theme.name) for s in themes.list_themes(survey_id)]
    return render_template(
        "staff/actions_action.html",
        survey=survey,
        action=action,
        form=form,
        principle_items=choice_items(principles, form.principle_id.data),
        theme_items=[
            {"value": "", "text": "No theme"},
            *choice_items(theme_choices, form.theme_id.data, mark="selected"),
        ],
        status_items=choice_items(
            [(status.value, name) for status, name in actions.STATUS_NAMES.items()],
            form.status.data,
        ),
        errors=errors,
        error_for=error_summary.messages_by_field(errors),
    )


def _details(form: ActionForm) -> ActionDetails:
    date_parts = form.action_date.form
    return ActionDetails(
        principle_id=an_id(form.principle_id.data),
        theme_id=an_id(form.theme_id.data),
        title=form.title.data or "",
        you_said=form.you_said.data or "",
        we_did=form.we_did.data or "",
        status=form.status.data or "",
        day=date_parts.day.data or "",
        month=date_parts.month.data or "",
        year=date_parts.year.data or "",
    )


def _form_data(action: Action) -> dict:
    day = action.action_date
    return {
        "principle_id": str(action.principle_id or ""),
        "theme_id": str(action.theme_id or ""),
        "title": action.title,
        "you_said": action.you_said,
        "we_did": action.we_did,
        "status": action.status.value,
        "action_date": {
            "day": str(day.day) if day else "",
            "month": str(day.month) if day else "",
            "year": str(day.year) if day else "",
        },
    }
