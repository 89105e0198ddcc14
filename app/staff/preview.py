"""Preview a draft or open survey as a resident would see it, with nothing written anywhere.

Staff routes, so the staff blueprint's rules hold: signed in, partner users told "not found",
a CSRF token on every form, never stored by a browser, never framed; anyone who may see
surveys (a viewer too) may preview. Each page renders the resident template itself through
the same presenters (`app.presenters.questions`), with `preview` set: the layout then adds a
"Preview" banner and the templates post to these routes instead of the journey's. The
answers so far travel in a signed blob named `token`, the name the resident pages give the
journey token, so the display-choice links (language, words, pictures, text size, colours)
and the hidden form field carry it as they would; no draft and no response is ever made.
Pages follow `services.journey`, so branching, "Question 2 of 5", Back and Change work as
for residents, "How did you answer?" included (its words are in `app.presenters.support`,
shared with the resident page). Sending, or saving for later, ends on a page that says a
preview sends nothing.
"""

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from app import error_summary
from app.models import Channel, Question, Survey, SurveyStatus
from app.presenters import questions, support
from app.services import surveys
from app.services.answers import field_id, parse_answer
from app.services.errors import AnswerInvalid
from app.services.journey import (
    CHECK,
    START,
    Page,
    Step,
    first_missing,
    next_step,
    step_back,
    step_before_support,
    steps_to_check,
    where_to_carry_on,
)
from app.services.responses import SUPPORT_KEY
from app.services.wording import Wording
from app.staff import blueprint
from app.staff.permissions import Permission, permission_required

_SALT = "heard.staff.preview"
_PREVIEWABLE = frozenset({SurveyStatus.DRAFT, SurveyStatus.OPEN})
# A preview walks the journey of a resident answering online.
_CHANNEL = Channel.ONLINE.value


@blueprint.get("/surveys/<int:survey_id>/preview")
@permission_required(Permission.VIEW_SURVEYS)
def preview_start(survey_id: int):
    survey = _survey(survey_id)
    first = _address(survey, where_to_carry_on(survey, {}), {})
    return render_template(
        "respond/start.html",
        survey=survey,
        token=_issue(survey, {}),
        wording=_wording(survey),
        preview=_preview(survey, next=first),
    )


@blueprint.route("/surveys/<int:survey_id>/preview/questions/<int:number>", methods=["GET", "POST"])
@permission_required(Permission.VIEW_SURVEYS)
def preview_question(survey_id: int, number: int):
    survey = _survey(survey_id)
    current = _question_at(survey, number)
    if request.method == "GET":
        return _render_question(survey, current, _answers(survey, request.args), None, [])
    answers = _answers(survey, request.form)
    values = request.form.getlist(field_id(current))
    try:
        answer = parse_answer(current, values)
    except AnswerInvalid as problem:
        errors = error_summary.from_problem(problem, field_id(current))
        return _render_question(survey, current, answers, values, errors)
    answers = {**answers, str(current.id): answer or {}}
    changing = bool(request.args.get("change"))
    step = next_step(survey, answers, current, changing=changing, channel=_CHANNEL)
    return redirect(_address(survey, step, answers), 303)


@blueprint.route("/surveys/<int:survey_id>/preview/how-you-answered", methods=["GET", "POST"])
@permission_required(Permission.VIEW_SURVEYS)
def preview_support(survey_id: int):
    survey = _survey(survey_id)
    answers = _answers(survey, request.values)
    if request.method == "GET":
        return _render_support(survey, answers, [support.saved_choice(answers)], [])
    chosen = request.form.getlist("support")
    if len(chosen) > 1 or not set(chosen) <= set(support.SUPPORT_WORDS):
        errors = [error_summary.error_item(_("Choose one option"), "support")]
        return _render_support(survey, answers, chosen, errors)
    answers = {**answers, SUPPORT_KEY: {"value": chosen[0]} if chosen else {}}
    return redirect(_address(survey, CHECK, answers), 303)


@blueprint.get("/surveys/<int:survey_id>/preview/check")
@permission_required(Permission.VIEW_SURVEYS)
def preview_check(survey_id: int):
    survey = _survey(survey_id)
    answers = _answers(survey, request.args)
    wording = _wording(survey)
    steps = _question_steps(survey, answers)
    rows = [_check_row(survey, step, answers, wording) for step in steps]
    return render_template(
        "respond/check.html",
        survey=survey,
        rows=rows,
        back_url=_address(survey, steps[-1] if steps else START, answers),
        token=_issue(survey, answers),
        errors=[],
        wording=wording,
        preview=_preview(survey, action=_url(".preview_send", survey)),
    )


@blueprint.post("/surveys/<int:survey_id>/preview/send")
@permission_required(Permission.VIEW_SURVEYS)
def preview_send(survey_id: int):
    survey = _survey(survey_id)
    answers = _answers(survey, request.form)
    saving = bool(request.args.get("saving"))
    missing = None if saving else first_missing(survey, answers)
    if missing is not None:
        # A resident would be sent back to the question: so is the preview.
        return redirect(_address(survey, Step(Page.QUESTION, missing), answers), 303)
    check = _address(survey, Step(Page.CHECK), answers)
    return render_template(
        "staff/preview/end.html",
        survey=survey,
        saving=saving,
        check_url=check,
        preview=_preview(survey),
    )


def _survey(survey_id: int) -> Survey:
    survey = surveys.get_survey(survey_id)
    if survey.status not in _PREVIEWABLE:
        abort(404)
    return survey


def _question_at(survey: Survey, number: int) -> Question:
    if not 1 <= number <= len(survey.questions):
        abort(404)
    return survey.questions[number - 1]


def _question_steps(survey: Survey, answers: dict[str, dict]) -> list[Step]:
    """Return the steps the check page lists, "how did you answer?" last."""
    return steps_to_check(survey, answers, channel=_CHANNEL)


def _check_row(survey: Survey, step: Step, answers: dict[str, dict], wording: Wording) -> dict:
    change = _address(survey, step, answers)
    if step.question is None:
        answer = support.answer_summary(answers, pictures=_choices().show_pictures)
        return questions.summary_row(support.LABEL, answer, change)
    summary = questions.answer_summary(
        step.question,
        answers.get(str(step.question.id)),
        wording,
        pictures=_choices().show_pictures,
    )
    return questions.summary_row(wording.question(step.question), summary, change)


def _render_support(survey: Survey, answers: dict[str, dict], chosen: list, errors: list):
    """Render the resident "How did you answer?" page for the preview."""
    html = render_template(
        "respond/support.html",
        survey=survey,
        items=support.support_items(chosen, pictures=_choices().show_pictures),
        token=_issue(survey, answers),
        errors=errors,
        back_url=_address(survey, step_before_support(survey, answers), answers),
        preview=_preview(survey, action=_url(".preview_support", survey)),
    )
    return html, error_summary.status(errors)


def _render_question(survey, current, answers, values, errors):
    """Render the resident question page; `values` None shows the answer in `answers`."""
    choices = _choices()
    wording = _wording(survey)
    change = request.args.get("change")
    page = questions.question_page(
        survey, current, answers, values, wording, pictures=choices.show_pictures
    )
    action = _url(".preview_question", survey, number=current.position, change=change)
    html = render_template(
        "respond/question.html",
        **page,
        token=_issue(survey, answers),
        errors=errors,
        back_url=_address(survey, step_back(survey, answers, current), answers),
        change=change,
        preview=_preview(survey, action=action, save=_url(".preview_send", survey, saving=1)),
    )
    return html, error_summary.status(errors)


def _address(survey: Survey, step: Step, answers: dict[str, dict]) -> str:
    """Return the preview's address of `step`, carrying the answers so far."""
    if step.page == Page.START:
        return _url(".preview_start", survey)
    token = _issue(survey, answers)
    if step.page == Page.SUPPORT:
        return _url(".preview_support", survey, token=token)
    if step.page == Page.CHECK:
        return _url(".preview_check", survey, token=token)
    change = 1 if step.changing else None
    number = step.question.position
    return _url(".preview_question", survey, number=number, token=token, change=change)


def _url(endpoint: str, survey: Survey, **values: object) -> str:
    """Return a preview address with this page's display choices kept."""
    # Resident addresses get the choices from `url_defaults`, which leaves staff ones alone.
    return url_for(endpoint, survey_id=survey.id, **(_choices().changed() | values))


def _preview(survey: Survey, **addresses: str) -> dict[str, str]:
    """Return what the templates need to be a preview: where to post, and the way out."""
    return {"leave": url_for(".show_survey", survey_id=survey.id), **addresses}


def _choices():
    """Return the resident's display choices in this address.

    Read through the template context (`preferences`), because they belong to the resident
    blueprint, which staff code does not import.
    """
    # Once per request: kept with the request, as `g` may outlive it.
    if "heard.preview_choices" not in request.environ:
        context: dict = {}
        current_app.update_template_context(context)
        request.environ["heard.preview_choices"] = context["preferences"]
    return request.environ["heard.preview_choices"]


def _wording(survey: Survey) -> Wording:
    choices = _choices()
    return Wording.load(survey, language=choices.lang, easy_read=choices.easy_read)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _issue(survey: Survey, answers: dict[str, dict]) -> str:
    """Return the signed blob of a preview's answers so far."""
    return _serializer().dumps({"s": survey.id, "a": answers})


def _answers(survey: Survey, source) -> dict[str, dict]:
    """Return the answers in `source`'s token: none without one, 400 if altered or another's."""
    token = source.get("token")
    if not token:
        return {}
    try:
        data = _serializer().loads(token)
    except BadSignature:
        abort(400)
    answers = data.get("a") if isinstance(data, dict) and data.get("s") == survey.id else None
    if not isinstance(answers, dict):
        abort(400)
    return answers
