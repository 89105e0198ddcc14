"""Turn a question and a person's answer into the parameters GOV.UK Frontend macros expect.

Presentation only: the addresses of the display choices (language, words, pictures, text
size, contrast). How questions and answers read (pictures beside words, easy-read wording,
answers kept after an error) lives in `app.presenters.questions`, shared with the staff
preview; it is re-exported here for the resident views.
"""

from urllib.parse import quote_plus, urlencode

from flask import render_template, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from app.languages import LANGUAGES, RIGHT_TO_LEFT
from app.presenters.questions import (  # noqa: F401 - the resident views use them as pages.X
    PERSONAL_DETAILS_HINT,
    answer_summary,
    field_kind,
    option_items,
    question_count_words,
    question_heading,
    question_page,
    submitted_values,
    summary_row,
    with_picture,
)
from app.respond import blueprint, preferences

# The display choices after the language, as the page offers them: (choice, label, values).
DISPLAY_GROUPS = (
    ("words", _l("Words"), (("easy", _l("Easy read")), ("standard", _l("Standard words")))),
    ("pictures", _l("Pictures"), (("on", _l("Show pictures")), ("off", _l("Words only")))),
    ("size", _l("Text size"), (("0", _l("Standard")), ("1", _l("Bigger")), ("2", _l("Biggest")))),
    ("contrast", _l("Colours"), (("normal", _l("Standard")), ("high", _l("High contrast")))),
)
# Pages shown after a POST, and the page a GET shows them again at (with the journey token).
SAME_PAGE_BY_GET = {
    "respond.answer_question": "respond.question",
    "respond.send": "respond.check_answers",
    "respond.save_for_later": "respond.check_answers",
}


def display_address(token: str | None = None, **changes: str) -> str:
    """Return the address of this page with some display choices changed.

    The person stays on the same page with the same journey: the query string is kept, and
    `token` (the page's fresh journey token) is added for pages shown after a POST, which
    are fetched again with GET at the address in SAME_PAGE_BY_GET.
    """
    path, query = _this_page(token)
    kept = query | preferences.current().changed(**changes)
    return f"{path}?{urlencode(kept)}" if kept else path


# The display choices are the same links for everyone on the same page with the same
# choices; only the journey token in them differs. Each panel is rendered once per process
# with this stand-in for the token, which is then swapped for the page's own.
TOKEN_STAND_IN = "heard-journey-token"  # noqa: S105 - a placeholder, not a secret
PANELS_KEPT = 1024
_panels: dict[tuple, Markup] = {}


def display_panel(token: str | None = None) -> Markup:
    """Return the display choices for this page, with links that keep `token`."""
    stand_in = TOKEN_STAND_IN if token else None
    path, query = _this_page(stand_in)
    key = (
        path,
        tuple(sorted(query.items())),
        preferences.current(),
        preferences.defaults(),
        str(get_locale()),
    )
    panel = _panels.get(key)
    if panel is None:
        if len(_panels) >= PANELS_KEPT:
            _panels.clear()
        made = render_template("components/display_choices.html", token=stand_in)
        # The template escaped everything in it; the stand-in is swapped for an escaped token.
        panel = _panels[key] = Markup(made)  # noqa: S704
    if token:
        panel = panel.replace(TOKEN_STAND_IN, escape(quote_plus(token)))
    return panel


def language_links(token: str | None = None) -> list[dict]:
    """Return a link to this page in each language, named in that language."""
    chosen = preferences.current().lang
    return [
        {
            "code": code,
            "name": name,
            "href": display_address(token, lang=code),
            "dir": "rtl" if code in RIGHT_TO_LEFT else "ltr",
            "current": code == chosen,
        }
        for code, name in LANGUAGES.items()
    ]


def display_groups(token: str | None = None) -> list[dict]:
    """Return the other display choices, each group with a link to this page per value."""
    chosen = preferences.current()
    return [
        {
            "name": name,
            "label": label,
            "choices": [
                {
                    "words": words,
                    "href": display_address(token, **{name: value}),
                    "current": getattr(chosen, name) == value,
                }
                for value, words in values
            ],
        }
        for name, label, values in DISPLAY_GROUPS
    ]


def _this_page(token: str | None) -> tuple[str, dict[str, str]]:
    """Return this page's path and its query without display choices (once per request:
    every display link starts from them)."""
    cached = request.environ.get("heard.this_page")
    if cached and cached[0] == token:
        return cached[1]
    # Every choice is named, so `url_defaults` adds none: the links add their own.
    no_choices = dict.fromkeys(preferences.CHOICES)
    endpoint = _same_page_by_get()
    query = {}
    if endpoint == "respond.index":
        path = url_for(endpoint, **no_choices)
    else:
        query = {name: value for name, value in request.args.items() if name not in no_choices}
        if token:
            query["token"] = token
        path = request.path
        if endpoint is not None:
            path = url_for(endpoint, **(no_choices | (request.view_args or {})))
    request.environ["heard.this_page"] = (token, (path, query))
    return path, query


def _same_page_by_get() -> str | None:
    """Return the endpoint that shows this page again with GET (None: no known endpoint)."""
    if request.method == "GET" or request.endpoint is None:
        return request.endpoint
    if request.endpoint in SAME_PAGE_BY_GET:
        return SAME_PAGE_BY_GET[request.endpoint]
    methods = request.url_rule.methods if request.url_rule else set()
    return request.endpoint if "GET" in (methods or set()) else "respond.index"


@blueprint.app_context_processor
def _display_context() -> dict:
    return {
        "display_address": display_address,
        "display_panel": display_panel,
        "language_links": language_links,
        "display_groups": display_groups,
        # The start page's "There are about 10 questions", for each page that renders it.
        "question_count_words": question_count_words,
    }
