"""Embedded journeys: which partner sites may frame a page, and post answers to it.

A journey started at `/e/<code>` carries channel "embed" and its partner link in its signed
token; every page of it may then be framed by that partner's listed sites only
(`frame-ancestors`), and answers may be posted from them. Every other page is unframable.
"""

from flask import g, request

from app import journey_tokens as tokens
from app.models import Channel
from app.services import partners
from app.services.errors import NotFound


def apply_embed_policy() -> list[str]:
    """Let this request's page be framed by its partner's sites; return those sites."""
    link_id = _embed_link_id()
    origins = partners.allowed_origins_for_link(link_id) if link_id else []
    g.embedded = link_id is not None
    g.frame_ancestors = origins
    return origins


def _embed_link_id() -> int | None:
    # The address's `embed` code lets a page with no journey yet (the thanks page) be framed.
    # A POST is judged by its journey alone: a code added to its address once made any
    # partner's site an allowed origin for anyone's journey.
    code = request.args.get("embed") if request.method == "GET" else None
    if code:
        try:
            return partners.find_open_link(code).id
        except NotFound:
            return None
    journey = tokens.peek_request()
    if journey is None or journey.channel != Channel.EMBED.value:
        return None
    return journey.partner_link_id
