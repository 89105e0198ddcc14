"""Turn a question and a person's answer into the parameters GOV.UK Frontend macros expect.

Presentation only: pictures beside words, easy-read wording, answers kept after an error,
and the addresses of the display choices (language, words, pictures, text size, contrast).
"""

from urllib.parse import urlencode

from flask import request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from app.languages import LANGUAGES, RIGHT_TO_LEFT
from app.models import Question, QuestionKind
from app.respond import blueprint, preferences
from app.services.wording import Wording

PERSONAL_DETAILS_HINT = _l("Do not write your name, address or phone number.")
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


def with_picture(
    picture_key: str, words: str, *, css_block: str = "heard-option", pictures: bool = True
) -> Markup:
    """Return words with their picture on the left (the picture is decorative: alt="").

    The words find their own direction (`dir="auto"`): survey words not yet translated into
    Arabic read left to right inside a right-to-left page, punctuation in place.
    """
    words_html = Markup('<span class="{0}__words" dir="auto">{1}</span>').format(css_block, words)
    if not picture_key or not pictures:
        return words_html
    picture = url_for("static", filename=f"symbols/{picture_key}.svg")
    image = Markup('<img class="{0}__picture" src="{1}" alt="" width="64" height="64">')
    return image.format(css_block, picture) + words_html


def question_heading(
    question: Question, wording: Wording, *, pictures: bool = True, optional: bool | None = None
) -> Markup:
    """Return the question's words with its picture, for the page's only h1.

    An optional question says so inside its words, so "(optional)" stays beside them (and on
    the right side of the picture in a right-to-left language). `optional` defaults to
    whether the question may be skipped.
    """
    words = wording.question(question)
    if not question.required if optional is None else optional:
        words = f"{words} {_('(optional)')}"
    return Markup('<span class="heard-question__heading">{0}</span>').format(
        with_picture(question.picture_key, words, css_block="heard-question", pictures=pictures)
    )


def option_items(
    question: Question, chosen: list[str], wording: Wording, *, pictures: bool = True
) -> list[dict]:
    """Return radio or checkbox items, an "or" divider before a "none of these" answer."""
    items: list[dict] = []
    for option in question.options:
        if option.exclusive and items:
            items.append({"divider": _("or")})
        item = {
            "value": str(option.id),
            "html": with_picture(
                option.picture_key, escape(wording.option(option)), pictures=pictures
            ),
            "checked": str(option.id) in chosen,
        }
        if option.exclusive:
            item["behaviour"] = "exclusive"
        items.append(item)
    return items


def submitted_values(question: Question, answer: dict | None) -> list[str]:
    """Return a saved answer as the strings the form would send."""
    if not answer:
        return []
    if "options" in answer:
        return [str(option_id) for option_id in answer["options"]]
    if "text" in answer:
        return [answer["text"]]
    if "number" in answer:
        return [str(answer["number"])]
    return []


def answer_summary(question: Question, answer: dict | None, wording: Wording) -> Markup:
    """Return how a saved answer reads on the check-your-answers page."""
    if not answer:
        return escape(_("Not answered"))
    if "options" in answer:
        labels = {option.id: wording.option(option) for option in question.options}
        items = Markup("\n").join(
            Markup("<li>{0}</li>").format(labels[i]) for i in answer["options"] if i in labels
        )
        return Markup('<ul class="govuk-list">\n{0}\n</ul>').format(items)
    value = answer.get("text", answer.get("number", ""))
    return Markup('<bdi class="heard-answer" dir="auto">{0}</bdi>').format(value)


def summary_row(label: str, answer: str, change_url: str) -> dict:
    """Return one row of the check-your-answers list, with its "Change" link."""
    return {
        "key": {"text": label},
        "value": {"html": answer},
        "actions": {
            "items": [{"href": change_url, "text": _("Change"), "visuallyHiddenText": label}]
        },
    }


def field_kind(question: Question) -> str:
    """Return which form control asks this question."""
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return "checkboxes"
    if question.kind.has_options:
        return "radios"
    return "number" if question.kind == QuestionKind.WHOLE_NUMBER else "text"


def display_address(token: str | None = None, **changes: str) -> str:
    """Return the address of this page with some display choices changed.

    The person stays on the same page with the same journey: the query string is kept, and
    `token` (the page's fresh journey token) is added for pages shown after a POST, which
    are fetched again with GET at the address in SAME_PAGE_BY_GET.
    """
    path, query = _this_page(token)
    kept = query | preferences.current().changed(**changes)
    return f"{path}?{urlencode(kept)}" if kept else path


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
        "language_links": language_links,
        "display_groups": display_groups,
    }
