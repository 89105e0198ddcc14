"""Sign in and out, the server-side session behind the cookie, and choosing a password.

The cookie carries a random session token; `app/services/staff_sessions.py` keeps the
session itself, so signing out (here or everywhere), a new password or a deactivation ends it
for good. Signing in starts with an empty session, so the CSRF token changes too. A one-time
link's token is moved from the address into the session at once, so it does not linger in
the browser's history or in a Referer header.
"""

from urllib.parse import urlsplit

from flask import (
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user

from app import error_summary
from app.extensions import login_manager
from app.models import User
from app.services import audit, sign_in_links, staff_sessions, users
from app.services.errors import ServiceError
from app.services.sign_in_throttle import TooManyTries
from app.staff import blueprint
from app.staff.forms import SignInForm
from app.staff.user_forms import ChangePasswordForm, NewPasswordForm

# The names of this blueprint's values in the signed session cookie.
SESSION_KEY = "staff_session"
LINK_KEY = "sign_in_link"
RETRY_AFTER_SECONDS = 15 * 60
NOTICES = {
    "password-chosen": "Your password is saved. Sign in with it now.",
    "signed-out-everywhere": "You are signed out on every device.",
    "password-changed": "Your password is changed. You are signed out on every other device.",
}


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    return staff_sessions.resume(session.get(SESSION_KEY), user_id)


@blueprint.before_request
def _record_who_is_acting() -> None:
    """Let every audit row written during this request say who and where from."""
    if current_user.is_authenticated:
        actor = audit.Actor(current_user.id, current_user.name, request.remote_addr or "")
    else:
        actor = audit.Actor(None, "", request.remote_addr or "")
    g.heard_audit_token = audit.acting_as(actor)


@blueprint.teardown_request
def _forget_who_was_acting(_error: BaseException | None) -> None:
    token = g.pop("heard_audit_token", None)
    if token is not None:
        audit.stop_acting(token)


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    errors, status = [], 200
    if form.validate_on_submit():
        try:
            signed_in = users.sign_in(
                form.email.data, form.password.data, address=request.remote_addr or ""
            )
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "email")
            status = problem.status_code if isinstance(problem, TooManyTries) else 400
        else:
            target = _safe_next(request.args.get("next"))
            _forget_this_browser()  # nothing from before sign-in carries over, nor its CSRF token
            login_user(signed_in.user)
            session[SESSION_KEY] = signed_in.session_token
            return redirect(target, 303)
    elif form.is_submitted():
        errors, status = error_summary.from_form(form), 400
    notice = NOTICES.get(request.args.get("notice", ""))
    page = render_template("staff/sign_in.html", form=form, errors=errors, notice=notice)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 429 else {}
    return page, status, headers


@blueprint.post("/sign-out")
def sign_out():
    users.sign_out(current_user, session.get(SESSION_KEY))
    _forget_this_browser()
    return redirect(url_for("staff.sign_in"), 303)


@blueprint.post("/sign-out-everywhere")
def sign_out_everywhere():
    users.sign_out_everywhere(current_user)
    _forget_this_browser()
    return redirect(url_for("staff.sign_in", notice="signed-out-everywhere"), 303)


def _forget_this_browser() -> None:
    logout_user()
    session.clear()
    # Flask-WTF keeps the signed CSRF token of this request too; the next one must be new.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)


@blueprint.get("/account")
def account():
    return _account_page(ChangePasswordForm(), [])


def _account_page(form: ChangePasswordForm, errors: list, notice: str | None = None):
    page = render_template(
        "staff/account.html",
        sessions=staff_sessions.live_count(current_user.id),
        form=form,
        errors=errors,
        notice=notice or NOTICES.get(request.args.get("notice", "")),
    )
    return page, error_summary.status(errors)


@blueprint.post("/account/password")
def change_password():
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return _account_page(form, error_summary.from_form(form))
    if form.password.data != form.confirm.data:
        mismatch = error_summary.error_item("The two new passwords are not the same", "confirm")
        return _account_page(form, [mismatch])
    try:
        token = users.change_password(
            current_user, form.current.data, form.password.data, address=request.remote_addr or ""
        )
    except ServiceError as problem:
        return _account_page(form, error_summary.from_problem(problem, "password"))
    user = current_user._get_current_object()
    _forget_this_browser()
    login_user(user)
    session[SESSION_KEY] = token
    return redirect(url_for("staff.account", notice="password-changed"), 303)


@blueprint.get("/choose-password/<token>")
def open_link(token: str):
    session[LINK_KEY] = token
    return redirect(url_for("staff.choose_password"), 303)


@blueprint.route("/choose-password", methods=["GET", "POST"])
def choose_password():
    link = sign_in_links.find(session.get(LINK_KEY))
    if link is None:
        return render_template("staff/link_expired.html", message=sign_in_links.EXPIRED)
    form = NewPasswordForm()
    errors = []
    if form.validate_on_submit():
        if form.password.data != form.confirm.data:
            errors = [error_summary.error_item("The two passwords are not the same", "confirm")]
        else:
            try:
                sign_in_links.choose_password(session.get(LINK_KEY), form.password.data)
            except ServiceError as problem:
                errors = error_summary.from_problem(problem, "password")
            else:
                _forget_this_browser()
                return redirect(url_for("staff.sign_in", notice="password-chosen"), 303)
    elif form.is_submitted():
        errors = error_summary.from_form(form)
    page = render_template("staff/choose_password.html", form=form, link=link, errors=errors)
    return page, error_summary.status(errors)


def link_address(token: str) -> str:
    """Return the full address of a one-time link, on the configured site address if set."""
    base = current_app.config.get("STAFF_BASE_URL")
    if base:
        return base.rstrip("/") + url_for("staff.open_link", token=token)
    return url_for("staff.open_link", token=token, _external=True)


def _safe_next(target: str | None) -> str:
    """Return `target` only when it is a path on this site; otherwise the staff home page."""
    home = url_for("staff.index")
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return home
    return target
