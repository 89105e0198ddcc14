"""How a resident wants pages shown: language, easy-read or standard words, pictures or not,
bigger text, high contrast.

The choices travel in the query string of every link and form of the journey (added by
`url_defaults`), so they are kept for the visit with no cookie and no JavaScript, inside a
partner's iframe too.

A choice left out of the address takes its default: Heard's, or on a kiosk the kiosk's own
(staff set them; `app/respond/kiosk.py` puts them on `g.display_defaults`). An address
leaves a choice out only when it is both, so it reads the same on a page that does not
know the kiosk (the confirmation page).
"""

from dataclasses import dataclass, fields

from flask import Flask, g, request

from app.languages import RIGHT_TO_LEFT
from app.services.display_choices import CHOICES, DEFAULTS
from app.services.wording import Wording

_KEPT = "heard.preferences"


@dataclass(frozen=True)
class Preferences:
    """One resident's display choices."""

    lang: str = "en"
    words: str = "easy"
    pictures: str = "on"
    size: str = "0"
    contrast: str = "normal"

    @property
    def easy_read(self) -> bool:
        """Say whether easy-read wording is shown."""
        return self.words == "easy"

    @property
    def show_pictures(self) -> bool:
        """Say whether pictures are shown ("words only" turns them off)."""
        return self.pictures == "on"

    @property
    def direction(self) -> str:
        """Return the text direction of the chosen language."""
        return "rtl" if self.lang in RIGHT_TO_LEFT else "ltr"

    def body_classes(self) -> str:
        """Return the CSS classes that apply these choices to the page."""
        classes = []
        if self.size != "0":
            classes.append(f"heard-text-size-{self.size}")
        if self.contrast == "high":
            classes.append("heard-high-contrast")
        if not self.show_pictures:
            classes.append("heard-words-only")
        return " ".join(classes)

    def body_attributes(self, frame_ancestors: list[str] | None = None) -> dict[str, str]:
        """Return the <body> attributes: the text direction, and the sites an embedded page
        may tell its height to."""
        attributes = {"dir": "rtl"} if self.direction == "rtl" else {}
        if frame_ancestors is not None:
            attributes["data-heard-parents"] = " ".join(frame_ancestors)
        return attributes

    def changed(self, **changes: str) -> dict[str, str]:
        """Return the query parameters of these choices with some changed (defaults left out)."""
        values = {name: getattr(self, name) for name in CHOICES} | changes
        base = defaults()
        return {
            name: value
            for name, value in values.items()
            if value != DEFAULTS[name] or value != getattr(base, name)
        }


def defaults() -> Preferences:
    """Return the choices a page shows when its address makes none: Heard's, or a kiosk's."""
    chosen = g.get("display_defaults") if request else None
    return chosen if isinstance(chosen, Preferences) else Preferences()


def current() -> Preferences:
    """Return the choices in this request's address; unknown values fall back to defaults.

    Read once per request and kept with it (every `url_for` of a page asks, about 30 times):
    the address cannot change during a request, and `use_defaults` forgets the copy. Not on
    `g`, which outlives the request when a caller holds an application context.
    """
    if not request:
        return defaults()
    chosen = request.environ.get(_KEPT)
    if chosen is None:
        chosen = request.environ[_KEPT] = _from_address(defaults())
    return chosen


def survey_wording(survey) -> Wording:
    """Return the survey's words in this person's language and choice of words."""
    choices = current()
    return Wording.load(survey, language=choices.lang, easy_read=choices.easy_read)


def _from_address(base: Preferences) -> Preferences:
    arguments = request.args
    values = {}
    for name, allowed in CHOICES.items():
        value = arguments.get(name) if name in arguments else None
        values[name] = value if value in allowed else getattr(base, name)
    return Preferences(**values)


def use_defaults(choices: dict[str, str]) -> None:
    """Make `choices` this request's defaults (a kiosk's own)."""
    g.display_defaults = Preferences(**{f.name: choices[f.name] for f in fields(Preferences)})
    request.environ.pop(_KEPT, None)


def register(app: Flask) -> None:
    """Carry the choices into every address Heard builds, and give templates `preferences`."""

    @app.url_defaults
    def _keep_choices(endpoint: str, values: dict) -> None:
        if not request or endpoint == "static" or endpoint.startswith("staff."):
            return
        for name, value in current().changed().items():
            values.setdefault(name, value)

    app.context_processor(lambda: {"preferences": current()})
