"""Quotes: staff mark answers as quotes, check and edit the redactions, and approve them.

Each removal is shown with what it was; staff keep one, take out more words, or rewrite the
quote, and set the staff names a survey keeps. Admins, leads and viewers may read quotes; only
admins and leads change or approve them.
"""

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField

from app import error_summary
from app.services import quotes, surveys
from app.services.errors import ServiceError
from app.services.form_input import an_id
from app.staff import blueprint
from app.staff.permissions import Permission, current_user_can, permission_required


class NewQuoteForm(FlaskForm):
    """The answer to use as a quote."""

    answer_id = HiddenField()


class QuoteForm(FlaskForm):
    """The words of a quote as they will be published."""

    redacted_text = TextAreaField("Words to publish")


class WordsForm(FlaskForm):
    """Words of a quote to keep, take out or put back."""

    words = StringField("Words to take out")


class KeptNamesForm(FlaskForm):
    """The staff names a survey keeps in its quotes, one a line."""

    kept_names = TextAreaField("Names to keep")


# What each button on a quote's page does with the words it sends.
_WORD_CHOICES = {
    "keep": quotes.keep_words,
    "take-out": quotes.remove_words,
    "put-back": quotes.put_back_words,
}


@blueprint.get("/surveys/<int:survey_id>/quotes")
@permission_required(Permission.VIEW_SURVEYS)
def list_quotes(survey_id: int):
    return render_template(
        "staff/quotes.html",
        survey=surveys.get_survey(survey_id),
        quotes=quotes.list_quotes(survey_id),
        kept_names=quotes.kept_names(survey_id),
        changed=an_id(request.args.get("changed")),
        can_change=current_user_can(Permission.MANAGE_SURVEYS),
    )


@blueprint.post("/surveys/<int:survey_id>/quotes")
@permission_required(Permission.MANAGE_SURVEYS)
def create_quote(survey_id: int):
    form = NewQuoteForm()
    form.validate_on_submit()
    answer_id = an_id(form.answer_id.data)
    if answer_id is None:
        raise ServiceError("Choose an answer to use as a quote")
    quote = quotes.mark_as_quote(survey_id, answer_id)
    return redirect(url_for("staff.show_quote", survey_id=survey_id, quote_id=quote.id), 303)


@blueprint.get("/surveys/<int:survey_id>/quotes/<int:quote_id>")
@permission_required(Permission.VIEW_SURVEYS)
def show_quote(survey_id: int, quote_id: int):
    view = quotes.get_quote(survey_id, quote_id)
    return _quote_page(survey_id, view, QuoteForm(data={"redacted_text": view.quote.redacted_text}))


@blueprint.post("/surveys/<int:survey_id>/quotes/<int:quote_id>")
@permission_required(Permission.MANAGE_SURVEYS)
def update_quote(survey_id: int, quote_id: int):
    form = QuoteForm()
    if form.validate_on_submit():
        try:
            quotes.update_quote(survey_id, quote_id, form.redacted_text.data or "")
        except ServiceError as problem:
            view = quotes.get_quote(survey_id, quote_id)
            errors = error_summary.from_problem(problem, "redacted_text")
            return _quote_page(survey_id, view, form, errors), 400
    return redirect(url_for("staff.show_quote", survey_id=survey_id, quote_id=quote_id), 303)


@blueprint.post("/surveys/<int:survey_id>/quotes/<int:quote_id>/approve")
@permission_required(Permission.MANAGE_SURVEYS)
def approve_quote(survey_id: int, quote_id: int):
    if FlaskForm().validate_on_submit() and not quotes.approve_quote(
        survey_id, quote_id, current_user
    ):
        view = quotes.get_quote(survey_id, quote_id)
        errors = [error_summary.error_item(quotes.RECHECKED, "published")]
        form = QuoteForm(data={"redacted_text": view.quote.redacted_text})
        return _quote_page(survey_id, view, form, errors), 409
    return redirect(url_for("staff.show_quote", survey_id=survey_id, quote_id=quote_id), 303)


@blueprint.post(
    "/surveys/<int:survey_id>/quotes/<int:quote_id>/<any('keep', 'take-out', 'put-back'):choice>"
)
@permission_required(Permission.MANAGE_SURVEYS)
def choose_words(survey_id: int, quote_id: int, choice: str):
    form = WordsForm()
    if form.validate_on_submit():
        try:
            _WORD_CHOICES[choice](survey_id, quote_id, form.words.data or "")
        except ServiceError as problem:
            view = quotes.get_quote(survey_id, quote_id)
            errors = error_summary.from_problem(problem, "words")
            text_form = QuoteForm(data={"redacted_text": view.quote.redacted_text})
            return _quote_page(survey_id, view, text_form, errors, form), 400
    return redirect(url_for("staff.show_quote", survey_id=survey_id, quote_id=quote_id), 303)


@blueprint.get("/surveys/<int:survey_id>/quotes/kept-names")
@permission_required(Permission.VIEW_SURVEYS)
def show_kept_names(survey_id: int):
    names = "\n".join(quotes.kept_names(survey_id))
    return _kept_names_page(survey_id, KeptNamesForm(data={"kept_names": names}))


@blueprint.post("/surveys/<int:survey_id>/quotes/kept-names")
@permission_required(Permission.MANAGE_SURVEYS)
def update_kept_names(survey_id: int):
    form = KeptNamesForm()
    if form.validate_on_submit():
        try:
            changed = quotes.set_kept_names(survey_id, form.kept_names.data or "")
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "kept_names")
            return _kept_names_page(survey_id, form, errors), 400
        return redirect(url_for("staff.list_quotes", survey_id=survey_id, changed=changed), 303)
    return redirect(url_for("staff.show_kept_names", survey_id=survey_id), 303)


@blueprint.post("/surveys/<int:survey_id>/quotes/<int:quote_id>/remove")
@permission_required(Permission.MANAGE_SURVEYS)
def remove_quote(survey_id: int, quote_id: int):
    if FlaskForm().validate_on_submit():
        quotes.remove_quote(survey_id, quote_id)
    return redirect(url_for("staff.list_quotes", survey_id=survey_id), 303)


def _quote_page(
    survey_id: int, view: quotes.QuoteView, form: QuoteForm, errors=None, words_form=None
) -> str:
    return render_template(
        "staff/quotes_quote.html",
        survey=surveys.get_survey(survey_id),
        view=view,
        form=form,
        words_form=words_form or WordsForm(),
        errors=errors or [],
        can_change=current_user_can(Permission.MANAGE_SURVEYS),
    )


def _kept_names_page(survey_id: int, form: KeptNamesForm, errors=None) -> str:
    return render_template(
        "staff/quotes_kept_names.html",
        survey=surveys.get_survey(survey_id),
        form=form,
        errors=errors or [],
        can_change=current_user_can(Permission.MANAGE_SURVEYS),
    )
