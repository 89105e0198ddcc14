"""The resident journey: public, easy read, no sign-in, and no cookie needed.

Imports services only; never imports the staff blueprint.
"""

from flask import Blueprint

blueprint = Blueprint("respond", __name__)

from app.respond import (  # noqa: E402, F401 - registers the routes
    honeypot,
    kiosk,
    links,
    notices,
    resume,
    support,
    views,
    withdraw,
    you_said_we_did,
)
