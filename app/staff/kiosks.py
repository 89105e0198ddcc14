"""Kiosks: staff set one up for a survey and a venue, open its address on the device, and
choose how its screen looks for each new person (language, words, pictures, text size,
colours)."""

from flask import redirect, render_template, url_for
from flask_wtf import FlaskForm
from wtforms import StringField

from app import error_summary
from app.languages import ENGLISH_NAMES
from app.services import kiosks, surveys
from app.services.errors import ServiceError
from app.staff import blueprint
from app.staff.forms import KioskForm
from app.staff.permissions import Permission, permission_required

# Each display choice as staff read it: (choice, question, {value: words}).
DISPLAY_FIELDS = (
    ("lang", "Language", ENGLISH_NAMES),
    ("words", "Words", {"easy": "Easy read", "standard": "Standard words"}),
    ("pictures", "Pictures", {"on": "Show pictures", "off": "Words only"}),
    ("size", "Text size", {"0": "Standard", "1": "Bigger", "2": "Biggest"}),
    ("contrast", "Colours", {"normal": "Standard", "high": "High contrast"}),
)


class KioskDisplayForm(FlaskForm):
    """The display choices a kiosk starts each new person with; the kiosks service checks them."""

    lang = StringField()
    words = StringField()
    pictures = StringField()
    size = StringField()
    contrast = StringField()


@blueprint.route("/kiosks", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_KIOSKS)
def list_kiosks():
    form = KioskForm()
    form.survey_id.choices = [
        (s.survey.id, s.survey.title) for s in surveys.list_surveys_with_counts()
    ]
    errors = []
    if form.validate_on_submit():
        try:
            kiosks.create_kiosk(
                survey=surveys.get_survey(form.survey_id.data or 0),
                venue=form.venue.data or "",
                idle_seconds=form.idle_seconds.data or "",
            )
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "survey_id")
        else:
            return redirect(url_for("staff.list_kiosks"), 303)
    page = render_template(
        "staff/kiosks.html",
        kiosks=kiosks.list_kiosks(),
        form=form,
        errors=errors,
        survey_items=[{"value": value, "text": text} for value, text in form.survey_id.choices],
        default_idle=kiosks.IDLE_SECONDS_DEFAULT,
        display_words=_display_words,
    )
    return page, error_summary.status(errors)


@blueprint.route("/kiosks/<int:kiosk_id>/display", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_KIOSKS)
def kiosk_display(kiosk_id: int):
    kiosk = kiosks.kiosk_for_staff(kiosk_id)
    form = KioskDisplayForm()
    errors = []
    if form.validate_on_submit():
        chosen = {name: getattr(form, name).data or "" for name, _, _ in DISPLAY_FIELDS}
        try:
            kiosks.set_display_defaults(kiosk, chosen)
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "lang")
        else:
            return redirect(url_for("staff.list_kiosks"), 303)
    else:
        chosen = kiosks.display_defaults(kiosk)
    page = render_template(
        "staff/kiosk_display.html", kiosk=kiosk, form=form, errors=errors, fields=_fields(chosen)
    )
    return page, error_summary.status(errors)


def _fields(chosen: dict[str, str]) -> list[dict]:
    """Return each display choice as GOV.UK radios, the kiosk's (or the sent) value checked."""
    return [
        {
            "name": name,
            "question": question,
            "radios": [
                {"value": value, "text": words, "checked": chosen.get(name) == value}
                for value, words in values.items()
            ],
        }
        for name, question, values in DISPLAY_FIELDS
    ]


def _display_words(kiosk) -> str:
    """Return a kiosk's display choices in a few words, for the list of kiosks."""
    chosen = kiosks.display_defaults(kiosk)
    return ", ".join(values[chosen[name]] for name, _, values in DISPLAY_FIELDS)
