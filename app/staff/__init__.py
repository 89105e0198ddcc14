"""Staff pages: sign in, surveys with their response counts, reports, users.

Every page needs a signed-in user (Flask-Login) and every form a CSRF token (Flask-WTF).
Imports services and `reports`; never imports the respond blueprint.
"""

from flask import Blueprint, request
from flask_login import current_user

from app.extensions import login_manager

blueprint = Blueprint("staff", __name__)

PUBLIC_ENDPOINTS = frozenset({"staff.sign_in"})


@blueprint.before_request
def _signed_in_only():
    if request.endpoint not in PUBLIC_ENDPOINTS and not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


from app.staff import auth, partners, surveys, users  # noqa: E402, F401 - registers the routes
