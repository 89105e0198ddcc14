""" "Forgotten your password?": a staff member asks for a link to choose a new one.

The link is only ever e-mailed, and the page after asking reads the same whether or not the
address has an account, so it tells nobody who works here. Without a mail server there is
nothing to ask for: the page says to ask an admin, who can send a link from the users page.
"""

from flask import render_template, request

from app import error_summary
from app.services import mail, users
from app.services.errors import ServiceError
from app.services.sign_in_throttle import TooManyTries
from app.staff import blueprint
from app.staff.auth import RETRY_AFTER_SECONDS, link_address
from app.staff.forms import ForgottenPasswordForm


@blueprint.route("/forgotten-password", methods=["GET", "POST"])
def forgotten_password():
    form = ForgottenPasswordForm()
    errors, status, headers = [], 200, {}
    if form.validate_on_submit():
        try:
            users.send_forgotten_password_link(
                form.email.data, link_address, address=request.remote_addr or ""
            )
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "email")
            status = problem.status_code
            if isinstance(problem, TooManyTries):
                headers = {"Retry-After": str(RETRY_AFTER_SECONDS * 4)}
        else:
            return render_template("staff/forgotten_password_sent.html", email=form.email.data)
    elif form.is_submitted():
        errors, status = error_summary.from_form(form), 400
    page = render_template(
        "staff/forgotten_password.html", form=form, errors=errors, can_email=mail.is_configured()
    )
    return page, status, headers
