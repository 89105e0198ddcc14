"""Take back my answers: a resident types their reference number and their answers go.

Public and easy read, no sign-in, no cookie. Three pages: type the number, say you are sure,
and a last page that reads the same whether or not the number was one of ours, so nobody
can use it to find out which numbers are real (docs/data-protection.md). Sending is limited
per address (`WITHDRAW_TRIES`).
"""

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from app import error_summary
from app.extensions import limiter
from app.respond import blueprint, honeypot
from app.services import withdrawal
from app.services.errors import ServiceError

# The service's message, in words the translations know.
WRONG_SHAPE = _l("Type your reference number. It has 10 letters and numbers, like ABCD23EFGH.")
# A reference number has 10 characters; with spaces and dashes a person may type a few more.
LONGEST_TYPED = 40


@blueprint.route("/take-back-my-answers", methods=["GET", "POST"])
def take_back():
    typed, errors = "", []
    if request.method == "POST":
        typed = request.form.get("reference", "")[:LONGEST_TYPED]
        if honeypot.press_again():
            return render_template("respond/take_back.html", reference=typed, errors=[])
        try:
            reference = withdrawal.reference_from(typed)
        except ServiceError:
            errors = [error_summary.error_item(WRONG_SHAPE, "reference")]
        else:
            return render_template("respond/take_back_sure.html", reference=reference)
    page = render_template("respond/take_back.html", reference=typed, errors=errors)
    return page, error_summary.status(errors)


@blueprint.post("/take-back-my-answers/sure")
@limiter.limit(lambda: current_app.config["WITHDRAW_TRIES"])
def take_back_sure():
    typed = request.form.get("reference", "")[:LONGEST_TYPED]
    if honeypot.press_again():
        # Nothing taken back yet: the same question, for one more press.
        return _sure_again(typed)
    try:
        withdrawal.withdraw(typed)
    except ServiceError:
        errors = [error_summary.error_item(WRONG_SHAPE, "reference")]
        return render_template("respond/take_back.html", reference="", errors=errors), 400
    return redirect(url_for(".taken_back"), 303)


def _sure_again(typed: str):
    try:
        reference = withdrawal.reference_from(typed)
    except ServiceError:
        errors = [error_summary.error_item(WRONG_SHAPE, "reference")]
        return render_template("respond/take_back.html", reference="", errors=errors), 400
    return render_template("respond/take_back_sure.html", reference=reference)


@blueprint.get("/take-back-my-answers/done")
def taken_back():
    return render_template("respond/taken_back.html")
