"""The last, optional question: how did you answer — on your own, with help, or for someone?

Reports show it, so a council knows whose voice it heard. Not asked of group sessions, where
the facilitator records the session instead.
"""

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from sqlalchemy.exc import OperationalError

from app import journey_tokens as tokens
from app.models import Channel, Support
from app.respond import blueprint, pages, preferences
from app.services import branching, responses, surveys
from app.services.errors import AnswerInvalid
from app.services.responses import SUPPORT_KEY

SUPPORT_CHOICES = [
    (Support.ALONE, _l("On my own"), "people"),
    (Support.HELPED, _l("Someone helped me"), "help"),
    (Support.ANSWERED_FOR, _l("Someone answered for me"), "talk"),
]
SUPPORT_WORDS = {value.value: words for value, words, _ in SUPPORT_CHOICES}
NOT_SAVED = _l("Your answer has not been saved yet. Press Continue again in a minute")


def is_asked(channel: str) -> bool:
    """Say whether the support question is asked on this channel."""
    return channel not in (Channel.GROUP.value, Channel.IMPORT.value)


@blueprint.route("/s/<slug>/how-you-answered", methods=["GET", "POST"])
def how_you_answered(slug: str):
    survey = surveys.get_open_survey(slug)
    token = request.values.get("token")
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
            responses.save_support(journey, chosen[0] if chosen else None)
        except AnswerInvalid as problem:
            errors = [{"text": problem.message, "href": "#support"}]
        except OperationalError:
            errors = [{"text": NOT_SAVED, "href": "#support"}]
        else:
            return redirect(url_for(".check_answers", slug=slug, token=tokens.issue(journey)), 303)
        saved = chosen
    else:
        saved = [responses.draft_answers(journey).get(SUPPORT_KEY, {}).get("value")]
    return _render(survey, journey, saved, errors)


def check_row(survey, answers: dict, token: str) -> dict:
    """Return the "How you answered" row of the check-your-answers page."""
    value = (answers.get(SUPPORT_KEY) or {}).get("value")
    return {
        "label": _("How you answered"),
        "answer": SUPPORT_WORDS.get(value, _("Not answered")),
        "change_url": url_for(".how_you_answered", slug=survey.slug, token=token),
    }


def _render(survey, journey, chosen, errors):
    show_pictures = preferences.current().show_pictures
    items = [
        {
            "value": value.value,
            "html": pages.with_picture(picture, escape(words), pictures=show_pictures),
            "checked": value.value in chosen,
        }
        for value, words, picture in SUPPORT_CHOICES
    ]
    page = render_template(
        "respond/support.html",
        survey=survey,
        items=items,
        token=tokens.issue(journey),
        errors=errors,
        back_url=_last_question_url(survey, journey),
    )
    return page, 400 if errors else 200


def _last_question_url(survey, journey) -> str:
    asked = branching.asked_questions(survey, responses.draft_answers(journey))
    if not asked:
        return url_for(".start", slug=survey.slug)
    return url_for(
        ".question", slug=survey.slug, number=asked[-1].position, token=tokens.issue(journey)
    )
