"""Tracked partner links (`/l/<code>`) and embeds (`/e/<code>`): the start page, attributed.

Following a link starts the survey with the partner link and channel in the journey token,
so the response records through whom it came.
"""

from flask import g, render_template

from app import journey_tokens as tokens
from app.models import Channel
from app.respond import blueprint, preferences
from app.services import partners


@blueprint.get("/l/<code>")
def follow_link(code: str):
    link = partners.find_open_link(code)
    token = tokens.start(link.survey_id, channel=Channel.ONLINE.value, partner_link_id=link.id)
    return render_template(
        "respond/start.html",
        survey=link.survey,
        token=token,
        wording=preferences.survey_wording(link.survey),
    )


@blueprint.get("/e/<code>")
def embed(code: str):
    link = partners.find_open_link(code)
    g.embedded = True
    g.frame_ancestors = link.partner.allowed_origins.split()
    token = tokens.start(link.survey_id, channel=Channel.EMBED.value, partner_link_id=link.id)
    return render_template(
        "respond/start.html",
        survey=link.survey,
        token=token,
        wording=preferences.survey_wording(link.survey),
    )
