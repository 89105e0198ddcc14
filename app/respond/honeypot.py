"""The field people never see: filled in, it asks for one more press, then refuses.

Programs that fill in every field give themselves away by filling in "website". Some
browsers' form fillers do it too, for a person. So the first time, the page is shown again,
what it sent kept (a question's answer is saved as Continue would), with "Please press
Continue again"; that page says so in a hidden `asked_again` field. Filled in again from
that page, the request is refused with 400 before any view runs, so nothing is written
(docs/bad-input.md BAD-45).
"""

from flask import abort, g, make_response, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.errors import error_page
from app.respond import blueprint

FIELD = "website"
ASKED_AGAIN = "asked_again"
NOT_SENT_BY_A_PERSON = _l("There is a problem sending your answers")
# The pages that ask again, and the words that say which button to press.
PRESS_AGAIN = {
    "respond.answer_question": _l("Please press Continue again."),
    "respond.save_for_later": _l("Please press Save and come back later again."),
    "respond.how_you_answered": _l("Please press Continue again."),
    "respond.send": _l("Please press Send my answers again."),
    "respond.resume_code": _l("Please press Continue again."),
    "respond.take_back": _l("Please press Continue again."),
    "respond.take_back_sure": _l("Please press Yes, take back my answers again."),
}


def check() -> None:
    """Note a filled-in honeypot for the view to ask again; refuse it the second time."""
    g.honeypot_filled = bool(request.form.get(FIELD))
    if not g.honeypot_filled:
        return
    if request.endpoint not in PRESS_AGAIN or request.form.get(ASKED_AGAIN):
        abort(make_response(error_page(400, _("There is a problem"), NOT_SENT_BY_A_PERSON)))


def press_again() -> str | None:
    """Return the words that ask for one more press, when this request filled the honeypot."""
    words = PRESS_AGAIN.get(request.endpoint) if g.get("honeypot_filled") else None
    # None for a page that refuses at once (the kiosk's Start again), whose 400 page asks this.
    return str(words) if words else None


@blueprint.context_processor
def _press_again_context() -> dict:
    return {"press_again": press_again()}
