"""Blank journey pages, rendered once per process and then served to everyone who opens them.

A question that a person has not answered yet shows nothing of theirs: its page depends on
the survey's version, the question, the address (language and display choices in its
query), how far along the person is, and where Back goes. Only the journey token and the
CSP nonce differ from one person to the next. So the first person's page is kept with both
swapped for stand-ins, and the next person's page is that copy with their own put back
(issue 13: rendering was the largest part of serving a question). The start page (a new
journey's token is all it holds of anyone) and a blank "how did you answer?" are kept too.

Only online journeys' pages are kept (through a partner's link or QR code too), with no
answer saved, no error and no answer just typed. Kiosk, embedded, group and preview pages,
pages with an error and pages showing a saved answer are always rendered for that person.
A page is kept only when every copy of the person's token in it was swapped: a page that
still holds any of their journey after the swap is served but never kept.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import Flask, current_app, g, request
from flask_babel import get_locale

from app.models import Channel, Survey
from app.respond import preferences
from app.services.journey import Progress, Step
from app.services.responses import Journey

TOKEN_STAND_IN = "heard-blank-page-token"  # noqa: S105 - a placeholder, not a secret
NONCE_STAND_IN = "heard-blank-page-nonce"
# About 200 pages (an Arabic page holds about 25,000 characters): a bounded part of the
# 60 MiB a web worker may use.
KEPT_CHARACTERS = 4_000_000
_EXTENSION = "heard.blank_pages"


class _Kept:
    """One app's kept pages, the oldest used first out, and how many characters they hold."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pages: OrderedDict[tuple, str] = OrderedDict()
        self.characters = 0


def key(survey: Survey, journey: Journey, *page: Hashable) -> tuple | None:
    """Return what this blank page depends on, or None when it is rendered for this person.

    `page` is what else the page shows that its address does not say: for a question, which
    one, how far along the person is (`progress_key`) and where Back goes (`step_key`).
    """
    if journey.channel != Channel.ONLINE.value or journey.kiosk_id is not None or journey.group:
        return None
    if g.get("embedded") or g.get("frame_ancestors"):
        return None
    query = tuple(sorted((name, value) for name, value in request.args.items(multi=True)
                         if name != "token"))  # fmt: skip
    return (
        request.script_root,
        request.path,
        query,
        preferences.current(),
        preferences.defaults(),
        str(get_locale()),
        (survey.id, survey.version, survey.created_at),
        journey.partner_link_id,
        *page,
    )


def progress_key(place: Progress) -> tuple:
    """Return "question 3 of about 9" as part of a key."""
    return place.number, place.total, place.exact


def step_key(step: Step) -> tuple:
    """Return a page of the journey (where Back goes) as part of a key."""
    return step.page, step.question.id if step.question else None, step.changing


def page(page_key: tuple | None, token: str, render: Callable[[], str]) -> str:
    """Return the kept page for `page_key` with this person's token, or `render()` it now and
    keep it (a None key: rendered for this person alone, never kept)."""
    if page_key is None:
        return render()
    kept = kept_page(page_key, token)
    if kept is not None:
        return kept
    html = render()
    keep(page_key, html, token)
    return html


def kept_page(page_key: tuple, token: str) -> str | None:
    """Return the kept page for this key with this person's token and nonce, or None."""
    kept = _kept()
    with kept.lock:
        page = kept.pages.get(page_key)
        if page is not None:
            kept.pages.move_to_end(page_key)
    if page is None:
        return None
    return page.replace(TOKEN_STAND_IN, token).replace(NONCE_STAND_IN, g.csp_nonce)


def keep(page_key: tuple, html: str, token: str) -> None:
    """Keep a page rendered for `token`, with the token and the nonce swapped for stand-ins."""
    nonce = g.csp_nonce
    if not token or not nonce or TOKEN_STAND_IN in html or NONCE_STAND_IN in html:
        return
    blank = html.replace(token, TOKEN_STAND_IN).replace(nonce, NONCE_STAND_IN)
    # Before the time and the signature is the journey itself, whenever it was signed.
    if token.rsplit(".", 2)[0] in blank:
        return
    kept = _kept()
    with kept.lock:
        if page_key in kept.pages:
            return
        kept.pages[page_key] = blank
        kept.characters += len(blank)
        while kept.characters > KEPT_CHARACTERS and kept.pages:
            _, oldest = kept.pages.popitem(last=False)
            kept.characters -= len(oldest)


def forget_all(app: Flask) -> None:
    """Forget every page `app` kept (tests, after emptying the database)."""
    app.extensions.pop(_EXTENSION, None)


def _kept() -> _Kept:
    kept = current_app.extensions.get(_EXTENSION)
    if kept is None:
        kept = current_app.extensions.setdefault(_EXTENSION, _Kept())
    return kept
