"""GOV.UK Frontend components that resident pages render again and again, made once each.

A GOV.UK Frontend macro is a pure function of its parameters: it reads nothing else (it is
imported without the page's context). Rendering them is the dearest part of a resident page
(a question's radios alone were a fifth of its time), and every resident on the same
question in the same language and display choices asks for exactly the same component. So
resident templates call these remembered versions: the parameters, written out in full, are
the key to the HTML made the first time.

Only components whose parameters never hold what a person typed are remembered: radios and
checkboxes (option words and which are checked), buttons, the skip link and the header. Text
boxes, the error summary and check your answers are rendered fresh each time, so nobody's
words are kept in memory. Nor is a component whose address carries the page's journey token
(a back link, a button that is a link): it is new on every page, so keeping it would only
push out the ones that are asked for again. Those are rendered fresh under the same name.
"""

import json
from collections.abc import Callable

from flask import Flask
from markupsafe import Markup

# The name templates call, and the GOV.UK Frontend component it renders.
REMEMBERED = {
    "govukRadios": "radios",
    "govukCheckboxes": "checkboxes",
    "govukButton": "button",
    "govukBackLink": "back-link",
    "govukSkipLink": "skip-link",
    "govukServiceNavigation": "service-navigation",
}


def _always(_params: dict) -> bool:
    return True


# Which parameters are worth keeping, where not all are (see above).
KEEP: dict[str, Callable[[dict], bool]] = {
    "govukButton": lambda params: not params.get("href"),
    "govukBackLink": lambda _params: False,
}
# At most this many components are kept; past it, the store starts again (a page costs one
# render per component to fill it).
KEPT = 2048


class RememberedComponent:
    """A GOV.UK Frontend macro that keeps the HTML it made for each set of parameters."""

    def __init__(self, app: Flask, name: str, component: str, store: dict) -> None:
        self.app = app
        self.name = name
        self.path = f"govuk_frontend_jinja/components/{component}/macro.html"
        self.store = store
        self._macro = None

    def __call__(self, params: dict) -> Markup:
        if not KEEP.get(self.name, _always)(params):
            return self.macro()(params)
        key = (self.name, _written_out(params))
        html = self.store.get(key)
        if html is None:
            if len(self.store) >= KEPT:
                self.store.clear()
            html = self.store[key] = self.macro()(params)
        return html

    def macro(self):
        """Return GOV.UK Frontend's own macro (loaded on first use)."""
        if self._macro is None:
            template = self.app.jinja_env.get_template(self.path)
            self._macro = getattr(template.module, self.name)
        return self._macro


def _written_out(params: dict) -> str:
    """Return the parameters as text that differs whenever the HTML could.

    Words to translate are written in the page's language. Markup is marked as such: the same
    characters are escaped as text and kept as HTML, so they make different components.
    """
    return json.dumps(_marked(params), sort_keys=True, default=str, ensure_ascii=False)


def _marked(value):
    if isinstance(value, Markup):
        return {"html": str(value)}
    if isinstance(value, dict):
        return {key: _marked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_marked(item) for item in value]
    return value


def register(app: Flask) -> None:
    """Give templates the remembered components, under GOV.UK Frontend's own names.

    A template that imports a macro itself (`{% from ... import govukButton %}`) gets the
    plain macro: staff pages do, as they are rendered far less often.
    """
    store: dict[tuple[str, str], Markup] = {}
    for name, component in REMEMBERED.items():
        app.add_template_global(RememberedComponent(app, name, component, store), name)
