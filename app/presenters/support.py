"""The words and pictures of the last, optional question: how did you answer?

Shared by the resident journey (`app.respond.support`) and the staff preview, so both show the
same choices, in the same order, with the same pictures.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from app.models import Support
from app.presenters.questions import chosen_list, with_picture
from app.services.responses import SUPPORT_KEY

SUPPORT_CHOICES = [
    (Support.ALONE, _l("On my own"), "on-my-own"),
    (Support.HELPED, _l("Someone helped me"), "help"),
    (Support.ANSWERED_FOR, _l("Someone answered for me"), "talk"),
]
SUPPORT_WORDS = {value.value: words for value, words, _ in SUPPORT_CHOICES}
LABEL = _l("How you answered")


def answer_words(answers: dict[str, dict]) -> str:
    """Return how the saved answer reads on the check-your-answers page."""
    value = (answers.get(SUPPORT_KEY) or {}).get("value")
    return SUPPORT_WORDS.get(value, _("Not answered"))


def answer_summary(answers: dict[str, dict], *, pictures: bool) -> Markup:
    """Return the saved answer with its picture beside it, as check your answers shows it."""
    value = (answers.get(SUPPORT_KEY) or {}).get("value")
    picture = next((key for choice, _, key in SUPPORT_CHOICES if choice.value == value), "")
    words = escape(answer_words(answers))
    if not picture:
        return words
    return chosen_list([(picture, words)], pictures=pictures)


def saved_choice(answers: dict[str, dict]) -> str | None:
    """Return the value of the saved answer, or None."""
    return (answers.get(SUPPORT_KEY) or {}).get("value")


def support_items(chosen: list, *, pictures: bool) -> list[dict]:
    """Return the radio items of the question, the `chosen` values checked."""
    return [
        {
            "value": value.value,
            "html": with_picture(picture, escape(words), pictures=pictures),
            "checked": value.value in chosen,
        }
        for value, words, picture in SUPPORT_CHOICES
    ]
