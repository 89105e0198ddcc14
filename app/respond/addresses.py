"""The address of each page of the resident journey, from a step `services.journey` decided.

Every address but the start page's carries a fresh journey token, so the page that opens
knows the draft without a cookie (and, inside a partner's iframe, that it may be framed).
"""

from collections.abc import Mapping

from flask import url_for

from app import journey_tokens as tokens
from app.models import Channel, Survey
from app.services import kiosks, partners
from app.services.journey import Page, Step
from app.services.responses import Journey


def address(
    survey: Survey, step: Step, journey: Journey, *, choices: Mapping[str, str] | None = None
) -> str:
    """Return the address of `step` in this journey.

    `choices` are display choices to use instead of this page's (coming back to a draft).
    """
    given = dict(choices or {})
    if step.page == Page.START:
        return _start_address(survey, journey, given)
    token = tokens.issue(journey)
    if step.page == Page.SUPPORT:
        return url_for(".how_you_answered", slug=survey.slug, token=token, **given)
    if step.page == Page.CHECK:
        return url_for(".check_answers", slug=survey.slug, token=token, **given)
    change = 1 if step.changing else None
    number = step.question.position
    return url_for(
        ".question", slug=survey.slug, number=number, token=token, change=change, **given
    )


def _start_address(survey: Survey, journey: Journey, given: dict[str, str]) -> str:
    """Return the survey's start page; an embedded journey's is its embed page, which the
    partner's site may frame (the others refuse to be framed), and a kiosk's its own start
    screen: the survey's would begin an online journey on a shared screen, with Save and no
    idle timer."""
    code = partners.link_code(journey.partner_link_id) if journey.partner_link_id else None
    if journey.channel == Channel.EMBED.value and code:
        return url_for(".embed", code=code, **given)
    kiosk = kiosks.get_kiosk(journey.kiosk_id) if journey.channel == Channel.KIOSK.value else None
    if kiosk is not None and kiosk.active:
        return url_for(".kiosk_start", key=kiosk.key)
    return url_for(".start", slug=survey.slug, **given)
