"""Views of the resident journey: start, one question per page, check answers, send, thanks.

Each view parses the request, calls one service, and renders or redirects (303 after a POST).
"""

import logging

from flask import abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_limiter.errors import RateLimitExceeded

from app import error_summary, errors
from app import journey_tokens as tokens
from app.extensions import limiter
from app.models import Channel, Question, Survey
from app.respond import (
    blank_pages,
    blueprint,
    embedding,
    honeypot,
    kiosk,
    pages,
    preferences,
    support,
)
from app.respond.addresses import address
from app.respond.origin import check_post_is_from_us, unreadable_fields
from app.services import partners, responses, surveys
from app.services.answers import UNREADABLE, field_id, parse_answer
from app.services.errors import AnswerInvalid, Gone, ServiceError
from app.services.journey import START, Step, progress, step_back, steps_to_check
from app.services.reconnect import UNAVAILABLE
from app.services.responses import Journey
from app.services.wording import Wording

EXPIRED = _l("This page has expired. Your answers are below. Press the button to try again")
NOT_SENT = _l("Your answers have not been sent yet. Please press the button again in a minute")
TOO_MANY = _l(
    "Many answers were sent from this place just now. Your answers are kept but not sent yet. "
    "Wait one minute. Then press the button again"
)
# A problem with the page as a whole, not one answer: its summary links to the main content.
PAGE = "main-content"
log = logging.getLogger(__name__)


@blueprint.before_app_request
def _read_the_raw_form_first() -> None:
    # Before any hook of the blueprint reads the form: once Werkzeug has parsed it, the
    # bytes are gone (app-wide hooks run before the blueprint's own).
    if request.blueprint == "respond" and request.method == "POST":
        g.unreadable_fields = unreadable_fields()


@blueprint.before_request
def _journey_pages_are_private() -> None:
    g.no_store = True
    g.setdefault("unreadable_fields", set())
    partner_origins = embedding.apply_embed_policy()
    if request.method == "POST":
        check_post_is_from_us(partner_origins)
        honeypot.check()


@blueprint.get("/")
def index():
    return render_template("respond/index.html", surveys=surveys.list_open_surveys())


@blueprint.get("/s/<slug>")
def start(slug: str):
    survey = surveys.get_open_survey(slug)
    journey = Journey(survey.id, responses.new_submission_token())
    token = tokens.issue(journey)
    return blank_pages.page(
        blank_pages.key(survey, journey),
        token,
        lambda: render_template(
            "respond/start.html",
            survey=survey,
            token=token,
            wording=preferences.survey_wording(survey),
            start_again=request.args.get("notice") == "start-again",
        ),
    )


@blueprint.get("/s/<slug>/questions/<int:number>")
def question(slug: str, number: int):
    survey = surveys.get_open_survey(slug)
    current = _question_at(survey, number)
    journey, errors = _journey_from(request.args.get("token"), survey)
    answers = responses.draft_answers(journey)
    if errors and not answers:
        # A bookmarked or old page with nothing saved behind it: start again, plainly.
        return redirect(url_for(".start", slug=slug, notice="start-again"), 303)
    if not answers and step_back(survey, answers, current) != START:
        # Past the first question with nothing saved: sent already (Back from the receipt)?
        sent = _already_sent(survey, journey)
        if sent:
            return sent
    return render_question(survey, current, journey, None, errors, answers=answers)


@blueprint.post("/s/<slug>/questions/<int:number>")
def answer_question(slug: str, number: int):
    survey = surveys.get_open_survey(slug)
    current = _question_at(survey, number)
    values = request.form.getlist(field_id(current))
    journey, errors = _journey_from(request.form.get("token"), survey)
    if errors:
        return render_question(survey, current, journey, values, errors)
    try:
        step = responses.save_answer(
            survey,
            journey,
            current,
            parsed_answer(current, values),
            changing=bool(request.args.get("change")),
            language=preferences.current().lang,
        )
    except AnswerInvalid as problem:
        errors = error_summary.from_problem(problem, field_id(current))
        return render_question(survey, current, journey, values, errors)
    except UNAVAILABLE:
        log.exception("Could not save an answer")
        return render_question(survey, current, journey, values, _not_sent(), failed=503)
    if honeypot.press_again():
        # Saved, as Continue saves; the same page asks for one more press.
        return render_question(survey, current, journey, values, [])
    return redirect(address(survey, step, journey), 303)


@blueprint.get("/s/<slug>/check")
def check_answers(slug: str):
    survey = surveys.get_open_survey(slug)
    journey, errors = _journey_from(request.args.get("token"), survey)
    if errors:
        return render_check_expired(survey, journey)
    answers = responses.draft_answers(journey)
    if not answers:
        sent = _already_sent(survey, journey)
        if sent:
            return sent
    return render_check(survey, journey, errors, answers=answers)


@blueprint.post("/s/<slug>/send")
@limiter.limit(
    lambda: current_app.config["RESPOND_SENDS_PER_MINUTE"], exempt_when=kiosk.is_kiosk_request
)
def send(slug: str):
    try:
        survey = surveys.get_open_survey(slug, fresh=True)
    except Gone:
        # The survey closed while this person was answering: their draft goes now (BAD-38).
        responses.discard_draft(slug, tokens.peek(request.form.get("token")))
        raise
    journey, errors = _journey_from(request.form.get("token"), survey)
    if errors:
        return render_check_expired(survey, journey)
    if honeypot.press_again():
        return render_check(survey, journey, [])
    try:
        receipt = responses.send_answers(survey, journey, language=preferences.current().lang)
    except UNAVAILABLE:
        log.exception("Could not send answers")
        return render_check(survey, journey, _not_sent(), failed=503)
    except responses.AnswersMissing as missing:
        token = tokens.issue(journey)
        return redirect(url_for(".question", slug=slug, number=missing.position, token=token), 303)
    return _to_receipt(survey, journey, receipt)


@blueprint.errorhandler(RateLimitExceeded)
def _too_many_sends(error: RateLimitExceeded):
    if request.endpoint != "respond.send":
        return errors.http_error_page(error)
    # Refused at the last step: show the answers again, kept, and say when to press again.
    try:
        survey = surveys.get_open_survey(request.view_args["slug"], fresh=True)
    except (ServiceError, *UNAVAILABLE):
        # Closed meanwhile, or the database is down: the plain "wait a minute" page.
        return errors.http_error_page(error)
    journey, _ = _journey_from(request.form.get("token"), survey)
    html, status = render_check(survey, journey, [error_summary.error_item(TOO_MANY, PAGE)], 429)
    retry_after = error.get_response().headers.get("Retry-After")
    return html, status, {"Retry-After": retry_after} if retry_after else {}


@blueprint.get("/s/<slug>/thanks/<receipt>")
def thanks(slug: str, receipt: str):
    survey = surveys.get_open_survey(slug)
    response = responses.get_response_by_receipt(survey, receipt)
    if response is None:
        abort(404)
    next_person_url = kiosk.next_person_url(response.kiosk_id)
    return render_template(
        "respond/thanks.html", survey=survey, response=response, next_person_url=next_person_url
    )


def _already_sent(survey: Survey, journey: Journey):
    """Return a redirect to the receipt if this journey's answers were sent, else None.

    Back from the receipt page reaches pages whose draft went with the send: they show the
    receipt again rather than empty answers and a Send button.
    """
    receipt = responses.find_receipt(journey)
    return None if receipt is None else _to_receipt(survey, journey, receipt)


def _to_receipt(survey: Survey, journey: Journey, receipt: str):
    embed = _embed_code(journey)
    return redirect(url_for(".thanks", slug=survey.slug, receipt=receipt, embed=embed), 303)


def _embed_code(journey: Journey) -> str | None:
    if journey.channel != Channel.EMBED.value or journey.partner_link_id is None:
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
        return invalid.journey, [error_summary.error_item(EXPIRED, PAGE)]


def parsed_answer(question: Question, values: list[str]) -> dict | None:
    """Return the answer the form sent for `question`, with every check Continue makes."""
    if field_id(question) in g.unreadable_fields:
        raise AnswerInvalid(UNREADABLE, field=field_id(question))
    return parse_answer(question, values)


def _not_sent() -> list[dict]:
    return [error_summary.error_item(NOT_SENT, PAGE)]


def render_question(survey, current, journey, values, errors, failed=400, answers=None):
    """Render a question page; `values` None shows the answer saved in the draft.

    `answers` is the draft's, when the caller has read it already. A blank page (nothing
    saved or typed for this question, no error) is served from `blank_pages` when this
    process has rendered it before.
    """
    if answers is None:
        answers = responses.draft_answers(journey)
    back = step_back(survey, answers, current)
    token = tokens.issue(journey)
    blank_key = None
    if values is None and not errors and str(current.id) not in answers:
        place = progress(survey, answers, current)
        blank_key = blank_pages.key(
            survey, journey, current.id, blank_pages.progress_key(place), blank_pages.step_key(back)
        )

    def render() -> str:
        page = pages.question_page(
            survey, current, answers, values, preferences.survey_wording(survey),
            pictures=preferences.current().show_pictures,
        )  # fmt: skip
        return render_template(
            "respond/question.html",
            **page,
            token=token,
            errors=errors,
            back_url=address(survey, back, journey),
            change=request.args.get("change"),
        )

    return blank_pages.page(blank_key, token, render), error_summary.status(errors, failed)


def render_check(survey, journey, errors, failed=400, answers=None):
    wording = preferences.survey_wording(survey)
    if answers is None:
        answers = responses.draft_answers(journey)
    steps = steps_to_check(survey, answers, channel=journey.channel)
    rows = [_check_row(survey, step, journey, answers, wording) for step in steps]
    html = render_template(
        "respond/check.html",
        survey=survey,
        rows=rows,
        back_url=address(survey, steps[-1] if steps else START, journey),
        token=tokens.issue(journey),
        errors=errors,
        wording=wording,
    )
    return html, error_summary.status(errors, failed)


def render_check_expired(survey: Survey, journey: Journey):
    """Say plainly that nothing was sent, when Check your answers or Send had no journey we
    could read: the journey carried on with is always a new, empty draft (BAD-33 to BAD-35)."""
    html = render_template(
        "respond/check_expired.html",
        survey=survey,
        can_come_back=survey.save_for_later_allowed and journey.channel != Channel.KIOSK.value,
        start_url=address(survey, START, journey),
    )
    return html, 400


def _check_row(survey, step: Step, journey: Journey, answers: dict, wording: Wording) -> dict:
    change_url = address(survey, step, journey)
    if step.question is None:
        answer = support.answer_summary(answers, pictures=preferences.current().show_pictures)
        return pages.summary_row(support.LABEL, answer, change_url)
    label = wording.question(step.question)
    answer = pages.answer_summary(
        step.question,
        answers.get(str(step.question.id)),
        wording,
        pictures=preferences.current().show_pictures,
    )
    return pages.summary_row(label, answer, change_url)
