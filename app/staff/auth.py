"""Sign in and sign out."""

from urllib.parse import urlsplit

from flask import redirect, render_template, request, url_for
from flask_login import login_user, logout_user

from app import error_summary
from app.extensions import login_manager
from app.models import User
from app.services import users
from app.services.errors import ServiceError
from app.staff import blueprint
from app.staff.forms import SignInForm


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    return users.get_user(user_id)


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    errors = []
    if form.validate_on_submit():
        try:
            user = users.authenticate(form.email.data, form.password.data)
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "email")
        else:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")), 303)
    elif form.is_submitted():
        errors = error_summary.from_form(form)
    page = render_template("staff/sign_in.html", form=form, errors=errors)
    return page, error_summary.status(errors)


@blueprint.post("/sign-out")
def sign_out():
    logout_user()
    return redirect(url_for("staff.sign_in"), 303)


def _safe_next(target: str | None) -> str:
    """Return `target` only when it is a path on this site; otherwise the staff home page."""
    home = url_for("staff.index")
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return home
    return target
