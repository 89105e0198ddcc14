"""Staff pages: sign in, surveys with their response counts, reports, users.

Every page needs a signed-in user (Flask-Login) and every form a CSRF token (Flask-WTF).
Imports services and `reports`; never imports the respond blueprint.
"""

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user

from app.extensions import login_manager
from app.models import Role
from app.services.control_characters import has_control_characters
from app.services.errors import ServiceError

blueprint = Blueprint("staff", __name__)
CONTROL_CHARACTERS_REFUSED = (
    "Something you typed or pasted has a hidden character that Heard cannot keep (a control "
    "character). Go back, take it out and try again. Nothing was saved."
)

PUBLIC_ENDPOINTS = frozenset(
    {"staff.sign_in", "staff.open_link", "staff.choose_password", "staff.forgotten_password"}
)
# Partner users see their own links' counts, posters and QR codes, and type in paper forms;
# every other page is "not found".
PARTNER_ENDPOINTS = frozenset(
    {
        "staff.sign_out",
        "staff.sign_out_everywhere",
        "staff.account",
        "staff.change_password",
        "staff.partner_home",
        "staff.link_qr_code",
        "staff.link_poster",
        "staff.enter_paper",
        "staff.next_paper_form",
    }
)


@blueprint.before_request
def _signed_in_only():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role == Role.PARTNER and request.endpoint not in PARTNER_ENDPOINTS:
        if request.endpoint == "staff.index":
            return redirect(url_for("staff.partner_home"))
        abort(404)
    return None


@blueprint.before_request
def _refuse_control_characters():
    """Refuse a staff form holding NUL or another control character, before any view reads it.

    PostgreSQL cannot store NUL, and the others break a survey file or an export; no one
    types them, but they come with text pasted from other programs.
    """
    if request.method != "POST":
        return None
    if any(
        has_control_characters(value) for values in request.form.listvalues() for value in values
    ):
        raise ServiceError(CONTROL_CHARACTERS_REFUSED)
    return None


from app.staff import (  # noqa: E402, F401 - registers the routes
    actions,
    audit_log,
    auth,
    builder,
    builder_questions,
    entry,
    exports,
    forgotten_password,
    imports,
    kiosks,
    navigation,
    partner_dashboard,
    partners,
    pictures,
    plain_words,
    preview,
    quotes,
    reports,
    responses,
    surveys,
    themes,
    translations,
    users,
)
