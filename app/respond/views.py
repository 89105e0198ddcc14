"""Views of the resident journey: start, one question per page, check answers, send, thanks.

Each view parses the request, calls one service, and renders or redirects (303 after a POST).
"""

import logging

from flask import abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import OperationalError

from app import journey_tokens as tokens
from app.extensions import limiter
from app.models import Question, Survey
from app.respond import blueprint, embedding, kiosk, pages, preferences, support
from app.respond.origin import check_post_is_from_us, unreadable_fields
from app.services import branching, kiosks, partners, responses, surveys
from app.services.answers import UNREADABLE, field_id, parse_answer
from app.services.errors import AnswerInvalid, Gone
from app.services.responses import Journey
from app.services.wording import Wording

EXPIRED = _l("This page has expired. Your answers are below. Press the button to try again")
NOT_SENT = [
    {
        "text": _l(
            "Your answers have not been sent yet. Please press the button again in a minute"
        ),
        "href": "#main-content",
    }
]
log = logging.getLogger(__name__)


@blueprint.before_request
def _journey_pages_are_private() -> None:
    g.no_store = True
    # Read the raw form first: once Werkzeug has parsed it, the bytes are gone.
    g.unreadable_fields = unreadable_fields() if request.method == "POST" else set()
    partner_origins = embedding.apply_embed_policy()
    if request.method == "POST":
        check_post_is_from_us(partner_origins)


@blueprint.get("/")
def index():
    return render_template("respond/index.html", surveys=surveys.list_open_surveys())


@blueprint.get("/s/<slug>")
def start(slug: str):
    survey = surveys.get_open_survey(slug)
    token = tokens.start(survey.id)
    return render_template("respond/start.html", survey=survey, token=token)


@blueprint.get("/s/<slug>/questions/<int:number>")
def question(slug: str, number: int):
    survey = surveys.get_open_survey(slug)
    current = _question_at(survey, number)
    journey, errors = _journey_from(request.args.get("token"), survey)
    answer = responses.draft_answers(journey).get(str(current.id))
    return _render_question(
        survey, current, journey, pages.submitted_values(current, answer), errors
    )


@blueprint.post("/s/<slug>/questions/<int:number>")
def answer_question(slug: str, number: int):
    survey = surveys.get_open_survey(slug)
    current = _question_at(survey, number)
    values = request.form.getlist(field_id(current))
    journey, errors = _journey_from(request.form.get("token"), survey)
    if errors:
        return _render_question(survey, current, journey, values, errors)
    try:
        if field_id(current) in g.unreadable_fields:
            raise AnswerInvalid(UNREADABLE, field=field_id(current))
        answer = parse_answer(current, values)
    except AnswerInvalid as problem:
        errors = [{"text": problem.message, "href": f"#{problem.field}"}]
        return _render_question(survey, current, journey, values, errors)
    try:
        answers = responses.save_answer(journey, current, answer)
    except OperationalError:
        log.exception("Could not save an answer")
        return _render_question(survey, current, journey, values, NOT_SENT, status=503)
    return redirect(_after(survey, current, answers, journey), 303)


@blueprint.get("/s/<slug>/check")
def check_answers(slug: str):
    survey = surveys.get_open_survey(slug)
    journey, errors = _journey_from(request.args.get("token"), survey)
    return _render_check(survey, journey, errors)


@blueprint.post("/s/<slug>/send")
@limiter.limit(
    lambda: current_app.config["RESPOND_SENDS_PER_MINUTE"], exempt_when=kiosk.is_kiosk_request
)
def send(slug: str):
    try:
        survey = surveys.get_open_survey(slug)
    except Gone:
        # The survey closed while this person was answering: their draft goes now (BAD-38).
        responses.discard_draft(slug, tokens.peek(request.form.get("token")))
        raise
    journey, errors = _journey_from(request.form.get("token"), survey)
    if errors:
        return _render_check(survey, journey, errors)
    try:
        receipt = responses.send_answers(survey, journey)
    except OperationalError:
        log.exception("Could not send answers")
        return _render_check(survey, journey, NOT_SENT, status=503)
    except responses.AnswersMissing as missing:
        token = tokens.issue(journey)
        return redirect(url_for(".question", slug=slug, number=missing.position, token=token), 303)
    embed = _embed_code(journey)
    return redirect(url_for(".thanks", slug=slug, receipt=receipt, embed=embed), 303)


@blueprint.get("/s/<slug>/thanks/<receipt>")
def thanks(slug: str, receipt: str):
    survey = surveys.get_open_survey(slug)
    response = responses.get_response_by_receipt(survey, receipt)
    if response is None:
        abort(404)
    kiosk = kiosks.get_kiosk(response.kiosk_id)
    next_person_url = url_for(".kiosk_start", key=kiosk.key) if kiosk else None
    return render_template(
        "respond/thanks.html", survey=survey, response=response, next_person_url=next_person_url
    )


def _wording(survey: Survey) -> Wording:
    choices = preferences.current()
    return Wording.load(survey, language=choices.lang, easy_read=choices.easy_read)


def _after(survey: Survey, current: Question, answers: dict, journey: Journey) -> str:
    """Return where a person goes after answering: the next question asked, how they answered,
    or the check page.

    After a change, a question the new answer reveals is asked before going back to the check.
    """
    token = tokens.issue(journey)
    if request.args.get("change"):
        unanswered = next(
            (q for q in branching.asked_questions(survey, answers) if str(q.id) not in answers),
            None,
        )
        if unanswered is None:
            return url_for(".check_answers", slug=survey.slug, token=token)
        return url_for(
            ".question", slug=survey.slug, number=unanswered.position, token=token, change=1
        )
    following = branching.next_question(survey, answers, current)
    if following is None and support.is_asked(journey.channel):
        return url_for(".how_you_answered", slug=survey.slug, token=token)
    if following is None:
        return url_for(".check_answers", slug=survey.slug, token=token)
    return url_for(".question", slug=survey.slug, number=following.position, token=token)


def _embed_code(journey: Journey) -> str | None:
    if journey.channel != "embed" or journey.partner_link_id is None:
        return None
    return partners.link_code(journey.partner_link_id)


def _question_at(survey: Survey, number: int) -> Question:
    if not 1 <= number <= len(survey.questions):
        abort(404)
    return survey.questions[number - 1]


def _journey_from(token: str | None, survey: Survey) -> tuple[Journey, list[dict]]:
    try:
        return tokens.read(token, survey.id), []
    except tokens.JourneyTokenInvalid as invalid:
        return invalid.journey, [{"text": EXPIRED, "href": "#main-content"}]


def _render_question(survey, current, journey, values, errors, status=None):
    choices = preferences.current()
    wording = _wording(survey)
    number = current.position
    answers = responses.draft_answers(journey)
    asked = branching.asked_questions(survey, answers)
    previous = branching.previous_question(survey, answers, current)
    back = (
        url_for(
            ".question", slug=survey.slug, number=previous.position, token=tokens.issue(journey)
        )
        if previous
        else url_for(".start", slug=survey.slug)
    )
    html = render_template(
        "respond/question.html",
        survey=survey,
        question=current,
        number=number,
        progress=asked.index(current) + 1 if current in asked else number,
        total=len(asked),
        token=tokens.issue(journey),
        values=values,
        items=pages.option_items(current, values, wording, pictures=choices.show_pictures),
        field=pages.field_kind(current),
        field_id=field_id(current),
        heading=pages.question_heading(current, wording, pictures=choices.show_pictures),
        hint=wording.hint(current),
        wording=wording,
        personal_details_hint=pages.PERSONAL_DETAILS_HINT,
        errors=errors,
        back_url=back,
        change=request.args.get("change"),
    )
    return html, status or (400 if errors else 200)


def _render_check(survey, journey, errors, status=None):
    wording = _wording(survey)
    answers = responses.draft_answers(journey)
    token = tokens.issue(journey)
    rows = [
        {
            "question": question,
            "answer": pages.answer_summary(question, answers.get(str(question.id)), wording),
            "label": wording.question(question),
            "change_url": url_for(
                ".question", slug=survey.slug, number=question.position, token=token, change=1
            ),
        }
        for question in branching.asked_questions(survey, answers)
    ]
    if support.is_asked(journey.channel):
        rows.append(support.check_row(survey, answers, token))
    html = render_template(
        "respond/check.html", survey=survey, rows=rows, token=token, errors=errors, wording=wording
    )
    return html, status or (400 if errors else 200)
