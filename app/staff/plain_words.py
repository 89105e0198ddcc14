"""The council's own easy-read words: the hard words, initials and "not hard here" words
the builder's checks add to the shipped lists (app/services/plain_words.py)."""

from flask import redirect, render_template, request, url_for

from app import error_summary
from app.models import CouncilWordKind
from app.services import plain_words
from app.services.errors import ServiceError
from app.services.form_input import an_id
from app.staff import blueprint
from app.staff.builder import actor
from app.staff.permissions import Permission, current_user_can, permission_required

KIND_WORDS = {
    CouncilWordKind.HARD_WORD: "A hard word, with plainer words to offer instead",
    CouncilWordKind.ALLOWED_INITIALS: "Initials our residents know, like GCVS",
    CouncilWordKind.NOT_HARD: "A word on the shipped list that is not hard for our residents",
}


@blueprint.get("/plain-words")
@permission_required(Permission.VIEW_SURVEYS)
def list_plain_words():
    return _page({}, [])


@blueprint.post("/plain-words")
@permission_required(Permission.MANAGE_SURVEYS)
def add_plain_word():
    entry = plain_words.Entry(
        kind=request.form.get("kind", ""),
        words=request.form.get("words", ""),
        plainer=request.form.get("plainer", ""),
    )
    try:
        plain_words.add(actor(), entry)
    except ServiceError as problem:
        return _page(request.form, error_summary.from_problem(problem, "words"))
    return redirect(url_for("staff.list_plain_words", added=1), 303)


@blueprint.post("/plain-words/<int:word_id>/remove")
@permission_required(Permission.MANAGE_SURVEYS)
def remove_plain_word(word_id: int):
    try:
        plain_words.remove(actor(), an_id(str(word_id)) or 0)
    except ServiceError as problem:
        return _page({}, error_summary.from_problem(problem, "council-words"), 404)
    return redirect(url_for("staff.list_plain_words", removed=1), 303)


def _page(values, errors: list, status: int | None = None):
    hard, initials = plain_words.shipped_counts()
    page = render_template(
        "staff/plain_words.html",
        listed=plain_words.listed(),
        kinds=KIND_WORDS,
        shipped_hard=hard,
        shipped_initials=initials,
        values=values,
        errors=errors,
        error_for=error_summary.messages_by_field(errors),
        can_change=current_user_can(Permission.MANAGE_SURVEYS),
    )
    return page, status or error_summary.status(errors)
