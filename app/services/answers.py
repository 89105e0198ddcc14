"""Read one question's answer from what a person sent, or explain in plain words what is wrong.

Pure functions over a Question and a list of submitted strings: no database, no Flask. The
result is the draft's JSON form of an answer: {"options": [ids]}, {"text": …} or {"number": n}.
"""

import re
import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.models import Question, QuestionKind
from app.services.control_characters import has_control_characters
from app.services.errors import AnswerInvalid

# Free text is limited in words, the unit people count in: about 2 pages. The page's
# word count (GOV.UK Frontend's character count) counts runs of non-spaces, as `word_count`
# does, so the page and the server agree. The character limit only guards against one
# enormous "word" with no spaces; no real answer of 1,000 words reaches it.
FREE_TEXT_MAX_WORDS = 1000
WORDS_PER_PAGE = 500
FREE_TEXT_MAX_CHARACTERS = 20000
_WORD = re.compile(r"[^\s\ufeff]+")
_OPTION_ID = re.compile(r"^[0-9]{1,9}$")
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,3}$")
UNREADABLE = _l("We could not read some of your answer. Please type it again")
_INVISIBLE = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+")

Answer = dict


def parse_answer(question: Question, values: list[str]) -> Answer | None:
    """Return the answer in `values` for `question`, or None when an optional one is skipped."""
    if question.kind.has_options:
        return _parse_options(question, values)
    if len(values) > 1:
        raise AnswerInvalid(_("Enter one answer"), field=field_id(question))
    value = values[0] if values else ""
    if question.kind == QuestionKind.WHOLE_NUMBER:
        return _parse_number(question, value)
    return _parse_text(question, value)


def field_id(question: Question) -> str:
    """Return the id of the form field that holds this question's answer."""
    return f"q{question.id}"


def missing_answer_message(kind: QuestionKind) -> str:
    """Say what to do when a required question has no answer, in words for its kind."""
    return {
        QuestionKind.SINGLE_CHOICE: _("Choose one answer"),
        QuestionKind.MULTIPLE_CHOICE: _("Choose at least one answer"),
        QuestionKind.SMILEY_SCALE: _("Choose how you feel"),
        QuestionKind.YES_NO: _("Choose yes, no or not sure"),
        QuestionKind.FREE_TEXT: _("Write your answer"),
        QuestionKind.WHOLE_NUMBER: _("Write a whole number, like 3"),
    }[kind]


def _missing(question: Question) -> None:
    if question.required:
        raise AnswerInvalid(missing_answer_message(question.kind), field=field_id(question))


def _parse_options(question: Question, values: list[str]) -> Answer | None:
    if not values:
        _missing(question)
        return None
    options = {str(option.id): option for option in question.options}
    if any(not _OPTION_ID.match(value) or value not in options for value in values):
        raise AnswerInvalid(_("Choose one of the options"), field=field_id(question))
    chosen = list(dict.fromkeys(values))
    if question.kind != QuestionKind.MULTIPLE_CHOICE:
        if len(values) > 1:
            raise AnswerInvalid(_("Choose one option"), field=field_id(question))
        return {"options": [int(chosen[0])]}
    _check_several(question, [options[value] for value in chosen])
    return {"options": [int(value) for value in chosen]}


def _check_several(question: Question, chosen: list) -> None:
    """Refuse more choices than allowed, or a "none of these" answer chosen with others."""
    if question.max_choices and len(chosen) > question.max_choices:
        raise AnswerInvalid(
            _("Choose up to %(number)s", number=question.max_choices), field=field_id(question)
        )
    exclusive = [option for option in chosen if option.exclusive]
    if exclusive and len(chosen) > 1:
        raise AnswerInvalid(
            _("Choose “%(none)s” on its own, or untick it", none=exclusive[0].label),
            field=field_id(question),
        )


def clean_text(value: str) -> str:
    """Return free text normalised to NFC with Windows line endings made plain."""
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n"))


def _parse_text(question: Question, value: str) -> Answer | None:
    text = clean_text(value)
    if "\ufffd" in text:
        raise AnswerInvalid(UNREADABLE, field=field_id(question))
    if has_control_characters(text) or "\r" in text:
        raise AnswerInvalid(
            _("Your answer contains a character we cannot accept"), field=field_id(question)
        )
    if not _INVISIBLE.sub("", text):
        _missing(question)
        return None
    text = text.strip()
    words = word_count(text)
    if words > FREE_TEXT_MAX_WORDS:
        raise AnswerInvalid(
            _(
                "Your answer is too long. You can write up to %(limit)s words. "
                "You wrote %(count)s words.",
                limit=f"{FREE_TEXT_MAX_WORDS:,}",
                count=f"{words:,}",
            ),
            field=field_id(question),
        )
    if len(text) > FREE_TEXT_MAX_CHARACTERS:
        raise AnswerInvalid(
            _("Your answer is too long. Make it shorter."), field=field_id(question)
        )
    return {"text": text}


def word_count(text: str) -> int:
    """Return how many words `text` has, counted as the page's word count counts them."""
    return len(_WORD.findall(text))


def free_text_pages() -> int:
    """Return about how many pages of writing the free-text limit is."""
    return max(1, round(FREE_TEXT_MAX_WORDS / WORDS_PER_PAGE))


def _parse_number(question: Question, value: str) -> Answer | None:
    text = value.strip()
    if not text:
        _missing(question)
        return None
    low = question.min_number if question.min_number is not None else 0
    high = question.max_number if question.max_number is not None else 999
    message = _("Enter a whole number from %(low)s to %(high)s", low=low, high=high)
    if not _WHOLE_NUMBER.match(text) or not low <= int(text) <= high:
        raise AnswerInvalid(message, field=field_id(question))
    return {"number": int(text)}
