"""Save and come back later: get a link and a code, and come back with either."""

from flask import redirect, render_template, request, url_for

from app import error_summary
from app import journey_tokens as tokens
from app.models import Survey
from app.respond import blueprint, preferences
from app.respond.addresses import address
from app.services import responses, resume, surveys
from app.services.errors import ServiceError, TooManyAttempts
from app.services.journey import where_to_carry_on
from app.services.responses import Journey


@blueprint.post("/s/<slug>/save")
def save_for_later(slug: str):
    survey = surveys.get_open_survey(slug)
    journey = tokens.read(request.form.get("token"), survey.id)
    saved = resume.save_for_later(journey, language=preferences.current().lang)
    link = url_for(".resume_link", slug=slug, link_token=saved.link_token, _external=True)
    return render_template(
        "respond/saved.html",
        survey=survey,
        link=link,
        code=saved.code_for_people,
        token=tokens.issue(journey),
    )


@blueprint.get("/s/<slug>/resume/<link_token>")
def resume_link(slug: str, link_token: str):
    survey = surveys.get_open_survey(slug)
    journey = resume.resume_by_link(survey, link_token)
    return redirect(_where_to_carry_on(survey, journey), 303)


@blueprint.route("/s/<slug>/resume", methods=["GET", "POST"])
def resume_code(slug: str):
    survey = surveys.get_open_survey(slug)
    errors, code = [], ""
    if request.method == "POST":
        code = request.form.get("code", "")[:40]
        try:
            journey = resume.resume_by_code(survey, code, request.remote_addr or "")
        except TooManyAttempts:
            raise
        except ServiceError as problem:
            errors = [error_summary.error_item(problem.message, "code")]
        else:
            return redirect(_where_to_carry_on(survey, journey), 303)
    page = render_template("respond/resume.html", survey=survey, errors=errors, code=code)
    return page, error_summary.status(errors)


def _where_to_carry_on(survey: Survey, journey: Journey) -> str:
    step = where_to_carry_on(survey, responses.draft_answers(journey))
    return address(survey, step, journey)
