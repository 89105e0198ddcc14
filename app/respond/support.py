"""The last, optional question: how did you answer — on your own, with help, or for someone?

Reports show it, so a council knows whose voice it heard. Not asked of group sessions, where
the facilitator records the session instead.
"""

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import error_summary
from app import journey_tokens as tokens
from app.presenters.support import (
    LABEL,
    answer_summary,
    answer_words,
    saved_choice,
    support_items,
)
from app.respond import blank_pages, blueprint, honeypot, preferences
from app.respond.addresses import address
from app.services import responses, surveys
from app.services.errors import AnswerInvalid
from app.services.journey import CHECK, step_before_support
from app.services.reconnect import UNAVAILABLE

# The check-your-answers page shows the saved answer.
__all__ = ["LABEL", "answer_summary", "answer_words"]

NOT_SAVED = _l("Your answer has not been saved yet. Press Continue again in a minute")


@blueprint.route("/s/<slug>/how-you-answered", methods=["GET", "POST"])
def how_you_answered(slug: str):
    survey = surveys.get_open_survey(slug)
    token = request.form.get("token") if request.method == "POST" else request.args.get("token")
    try:
        journey = tokens.read(token, survey.id)
    except tokens.JourneyTokenInvalid:
        return redirect(url_for(".start", slug=slug), 303)
    errors = []
    if request.method == "POST":
        chosen = request.form.getlist("support")
        try:
            if len(chosen) > 1:
                raise AnswerInvalid(_("Choose one option"), field="support")
            responses.save_support(
                journey, chosen[0] if chosen else None, language=preferences.current().lang
            )
        except AnswerInvalid as problem:
            errors = [error_summary.error_item(problem.message, "support")]
        except UNAVAILABLE:
            errors = [error_summary.error_item(NOT_SAVED, "support")]
        else:
            if honeypot.press_again():
                # Saved; the hidden field was filled in, so the page asks for one more press.
                return _render(survey, journey, chosen, [])
            return redirect(address(survey, CHECK, journey), 303)
        return _render(survey, journey, chosen, errors)
    return _render(survey, journey, None, errors)


def _render(survey, journey, chosen, errors):
    """Render the question; `chosen` None shows the answer saved in the draft."""
    answers = responses.draft_answers(journey)
    blank = chosen is None and not errors and saved_choice(answers) is None
    if chosen is None:
        chosen = [saved_choice(answers)]
    back = step_before_support(survey, answers)
    token = tokens.issue(journey)

    def render() -> str:
        return render_template(
            "respond/support.html",
            survey=survey,
            items=support_items(chosen, pictures=preferences.current().show_pictures),
            token=token,
            errors=errors,
            back_url=address(survey, back, journey),
        )

    blank_key = blank_pages.key(survey, journey, blank_pages.step_key(back)) if blank else None
    return blank_pages.page(blank_key, token, render), error_summary.status(errors)
