"""The languages Heard's pages are shown in, how a page picks one, and which ones surveys use.

The choice travels in the `lang` query parameter (cookies are not needed), so it is
kept for the visit inside an embedded iframe too. Survey words (titles, questions, answers)
are translated per survey into the languages the `SURVEY_LANGUAGES` setting lists.
"""

from flask import current_app, g, request

LANGUAGES = {"en": "English", "cy": "Cymraeg", "ar": "العربية"}
# The languages' names in English, for staff pages.
ENGLISH_NAMES = {"en": "English", "cy": "Welsh", "ar": "Arabic"}
RIGHT_TO_LEFT = frozenset({"ar"})
DEFAULT_LANGUAGE = "en"


def select_language() -> str:
    """Return the language this request asked for, or English."""
    if not request:
        return DEFAULT_LANGUAGE
    # Only the query string: reading the form here would fail on a body that is too large.
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    # None named: a kiosk's own language, if this is a kiosk (app/respond/preferences.py).
    return getattr(g.get("display_defaults"), "lang", DEFAULT_LANGUAGE)


def text_direction(language: str) -> str:
    """Return "rtl" for a right-to-left language, else "ltr"."""
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def survey_languages() -> dict[str, str]:
    """Return the configured survey languages, code to English name, in the setting's order.

    A code that is not a page language is left out: residents could not choose it.
    """
    codes = (code.strip() for code in current_app.config["SURVEY_LANGUAGES"].split(","))
    return {
        code: ENGLISH_NAMES.get(code, LANGUAGES[code])
        for code in codes
        if code in LANGUAGES and code != DEFAULT_LANGUAGE
    }


def template_context() -> dict:
    """Give templates the page's language and text direction."""
    language = select_language()
    return {
        "page_lang": language,
        "page_dir": text_direction(language),
        "languages": LANGUAGES,
    }
