"""Type in paper forms and facilitated group sessions through the resident question pages."""

from flask import redirect, render_template, url_for
from flask_login import current_user

from app import error_summary, journey_tokens
from app.models import Channel, Role
from app.services import entry, partners, surveys
from app.services.errors import ServiceError
from app.staff import blueprint
from app.staff.forms import GroupSessionForm
from app.staff.permissions import Permission, permission_required


@blueprint.get("/surveys/<int:survey_id>/paper")
@permission_required(Permission.ENTER_PAPER_FORMS)
def enter_paper(survey_id: int):
    survey = surveys.get_survey(survey_id)
    _partner_link_id(survey.id)
    return render_template("staff/entry_paper.html", survey=survey)


@blueprint.post("/surveys/<int:survey_id>/paper/next")
@permission_required(Permission.ENTER_PAPER_FORMS)
def next_paper_form(survey_id: int):
    survey = surveys.get_open_survey(surveys.get_survey(survey_id).slug)
    token = journey_tokens.start(
        survey.id, channel=Channel.PAPER.value, partner_link_id=_partner_link_id(survey.id)
    )
    return redirect(url_for("respond.question", slug=survey.slug, number=1, token=token), 303)


def _partner_link_id(survey_id: int) -> int | None:
    """Return the link a partner facilitator's paper forms count under; None for staff.

    A partner user may only type in forms for surveys they have a link to.
    """
    if current_user.role != Role.PARTNER:
        return None
    return partners.partner_link_for(current_user.partner_id, survey_id).id


@blueprint.route("/surveys/<int:survey_id>/group", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def enter_group(survey_id: int):
    survey = surveys.get_survey(survey_id)
    form = GroupSessionForm()
    errors = []
    if form.validate_on_submit():
        try:
            session = entry.group_session(
                **{name: form[name].data or "" for name in entry.GROUP_FIELDS}
            )
            open_survey = surveys.get_open_survey(survey.slug)
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "people_count")
        else:
            token = journey_tokens.start(open_survey.id, channel=Channel.GROUP.value, group=session)
            return redirect(
                url_for("respond.question", slug=survey.slug, number=1, token=token), 303
            )
    page = render_template("staff/entry_group.html", survey=survey, form=form, errors=errors)
    return page, error_summary.status(errors)
