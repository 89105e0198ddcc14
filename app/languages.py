"""The languages Heard's pages are shown in, and how a page picks one.

The choice travels in the `lang` query parameter (cookies are not needed), so it is
kept for the visit inside an embedded iframe too.
"""

from flask import request

LANGUAGES = {"en": "English", "cy": "Cymraeg", "ar": "العربية"}
RIGHT_TO_LEFT = frozenset({"ar"})
DEFAULT_LANGUAGE = "en"


def select_language() -> str:
    """Return the language this request asked for, or English."""
    # Only the query string: reading the form here would fail on a body that is too large.
    asked = request.args.get("lang", "") if request else ""
    return asked if asked in LANGUAGES else DEFAULT_LANGUAGE


def template_context() -> dict:
    """Give templates the page's language and text direction."""
    language = select_language()
    return {
        "page_lang": language,
        "page_dir": "rtl" if language in RIGHT_TO_LEFT else "ltr",
        "languages": LANGUAGES,
    }
