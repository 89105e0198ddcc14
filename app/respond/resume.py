"""Save and come back later: get a link and a code, and come back with either.

"Save and come back later" on a question page saves the answer on that page too, after the
checks Continue makes. Coming back puts the display choices the person saved with (text
size, colours, words, pictures, language) back, unless this address chooses its own.
"""

from flask import g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from app import error_summary
from app import journey_tokens as tokens
from app.models import Question, Survey
from app.respond import blueprint, honeypot, preferences, views
from app.respond.addresses import address
from app.services import responses, resume, surveys
from app.services.answers import field_id
from app.services.errors import AnswerInvalid, ServiceError
from app.services.journey import where_to_carry_on
from app.services.resume import ComingBack, WaitBeforeTrying

NOT_SAVED = _l("Your answers are not saved yet. Put this answer right, then save again")


@blueprint.post("/s/<slug>/save")
def save_for_later(slug: str):
    survey = surveys.get_open_survey(slug)
    current = _question_on_page(survey)
    values = request.form.getlist(field_id(current)) if current else []
    try:
        journey = tokens.read(request.form.get("token"), survey.id)
    except tokens.JourneyTokenInvalid as invalid:
        if current is None:
            return redirect(url_for(".start", slug=slug, notice="start-again"), 303)
        expired = [error_summary.error_item(views.EXPIRED, views.PAGE)]
        return views.render_question(survey, current, invalid.journey, values, expired)
    try:
        answer = _answer_to_keep(current, values)
    except AnswerInvalid as problem:
        errors = error_summary.from_problem(problem, field_id(current))
        errors.append(error_summary.error_item(NOT_SAVED, views.PAGE))
        return views.render_question(survey, current, journey, values, errors)
    if honeypot.press_again():
        return _keep_and_ask_again(survey, current, journey, values, answer)
    choices = preferences.current()
    saved = resume.save_for_later(
        journey,
        language=choices.lang,
        display_choices={k: v for k, v in choices.changed().items() if k != "lang"},
        answer=(current, answer) if answer is not None else None,
    )
    link = url_for(".resume_link", slug=slug, link_token=saved.link_token, _external=True)
    # Carrying on now goes where the code would: the first question still to answer, with
    # this page's language and display choices.
    carry_on = address(survey, where_to_carry_on(survey, responses.draft_answers(journey)), journey)
    return render_template(
        "respond/saved.html",
        survey=survey,
        link=link,
        code=saved.code_for_people,
        carry_on=carry_on,
        # The language and display links carry it, so they stay in the journey (and its frame).
        token=tokens.issue(journey),
    )


@blueprint.get("/s/<slug>/resume/<link_token>")
def resume_link(slug: str, link_token: str):
    survey = surveys.get_open_survey(slug)
    return redirect(_where_to_carry_on(survey, resume.resume_by_link(survey, link_token)), 303)


@blueprint.route("/s/<slug>/resume", methods=["GET", "POST"])
def resume_code(slug: str):
    survey = surveys.get_open_survey(slug)
    errors, code, status, headers = [], "", 400, {}
    if request.method == "POST" and not g.honeypot_filled:
        code = request.form.get("code", "")[:40]
        try:
            back = resume.resume_by_code(survey, code, request.remote_addr or "")
        except WaitBeforeTrying as wait:
            errors = [error_summary.error_item(wait.message, "code")]
            status, headers = 429, {"Retry-After": str(wait.seconds)}
        except ServiceError as problem:
            errors = [error_summary.error_item(problem.message, "code")]
        else:
            return redirect(_where_to_carry_on(survey, back), 303)
    elif request.method == "POST":
        code = request.form.get("code", "")[:40]
    page = render_template(
        "respond/resume.html", survey=survey, errors=errors, code=code, waiting=status == 429
    )
    return page, error_summary.status(errors, status), headers


def _question_on_page(survey: Survey) -> Question | None:
    """Return the question whose page the save button was pressed on, if it was one."""
    number = request.args.get("question", "")
    if not number.isdigit() or not 1 <= int(number) <= len(survey.questions):
        return None
    return survey.questions[int(number) - 1]


def _answer_to_keep(question: Question | None, values: list[str]) -> dict | None:
    """Return the answer on the page, checked as Continue checks it; None if none was given.

    Saving is not answering: an empty box keeps what the draft has, and a question left
    empty is asked again on coming back.
    """
    if question is None or not any(value.strip() for value in values):
        return None
    return views.parsed_answer(question, values)


def _keep_and_ask_again(survey, current, journey, values, answer):
    """Keep the answer on the page (the honeypot was filled in) and ask for one more press."""
    if current is None:
        return views.render_check(survey, journey, [])
    if answer is not None:
        responses.save_answer(
            survey, journey, current, answer, changing=False, language=preferences.current().lang
        )
    return views.render_question(survey, current, journey, values, [])


def _where_to_carry_on(survey: Survey, back: ComingBack) -> str:
    step = where_to_carry_on(survey, responses.draft_answers(back.journey))
    return address(survey, step, back.journey, choices=_restored_choices(back))


def _restored_choices(back: ComingBack) -> dict[str, str]:
    """Return the display choices the draft kept, except those this address sets itself."""
    kept = {"lang": back.language, **back.display_choices}
    return {
        name: value
        for name, value in kept.items()
        if value in preferences.CHOICES.get(name, ())
        and value != preferences.CHOICES[name][0]
        and name not in request.args
    }
