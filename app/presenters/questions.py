"""How a question and a person's answer read on a resident page, in GOV.UK Frontend's terms.

Pictures beside words, easy-read or standard wording, "(optional)" beside the question, the
answers kept after an error, and the check-your-answers rows. The resident journey and the
staff preview render the same templates from these, so a preview shows what residents see.
"""

from collections.abc import Iterable

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from markupsafe import Markup, escape

from app.models import Question, QuestionKind, Survey
from app.services.answers import FREE_TEXT_MAX_WORDS, field_id, free_text_pages
from app.services.journey import QuestionCount, progress, question_count
from app.services.wording import Wording

PERSONAL_DETAILS_HINT = _l("Do not write your name, address or phone number.")


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
        # Markup keeps the words' own language mark (lang="en" on a Welsh page) around them.
        words = Markup("{0} {1}").format(words, _("(optional)"))
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


def answer_summary(
    question: Question, answer: dict | None, wording: Wording, *, pictures: bool = True
) -> Markup:
    """Return how a saved answer reads on the check-your-answers page: each chosen answer
    with its picture beside it, as on the question page ("words only" leaves them out)."""
    if not answer:
        return escape(_("Not answered"))
    if "options" in answer:
        chosen = {option.id: option for option in question.options}
        pictured = [
            (chosen[i].picture_key, escape(wording.option(chosen[i])))
            for i in answer["options"]
            if i in chosen
        ]
        return chosen_list(pictured, pictures=pictures)
    value = answer.get("text", answer.get("number", ""))
    return Markup('<bdi class="heard-answer" dir="auto">{0}</bdi>').format(value)


def chosen_list(chosen: Iterable[tuple[str, str]], *, pictures: bool = True) -> Markup:
    """Return chosen answers, each (picture key, words), as a list with each picture on the
    left of its words, vertically centred beside them (every row of check your answers)."""
    items = Markup("\n").join(
        Markup('<li class="heard-chosen">{0}</li>').format(
            with_picture(picture_key, words, css_block="heard-chosen", pictures=pictures)
        )
        for picture_key, words in chosen
    )
    return Markup('<ul class="govuk-list heard-chosen-list">\n{0}\n</ul>').format(items)


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


def question_page(
    survey: Survey,
    question: Question,
    answers: dict[str, dict],
    values: list[str] | None,
    wording: Wording,
    *,
    pictures: bool,
) -> dict:
    """Return what the question template shows of a question; `values` None shows the answer
    in `answers`."""
    if values is None:
        values = submitted_values(question, answers.get(str(question.id)))
    place = progress(survey, answers, question)
    return {
        "survey": survey,
        "question": question,
        "number": question.position,
        "progress": place.number,
        "total": place.total,
        "progress_exact": place.exact,
        "values": values,
        "items": option_items(question, values, wording, pictures=pictures),
        "field": field_kind(question),
        "field_id": field_id(question),
        "word_limit": word_limit(),
        "heading": question_heading(question, wording, pictures=pictures),
        "hint": wording.hint(question),
        "wording": wording,
        "personal_details_hint": PERSONAL_DETAILS_HINT,
    }


def word_limit() -> dict:
    """Return the free-text limit in easy words, and the page's live word count messages.

    The count itself is GOV.UK Frontend's character count, counting words; `%{count}` is
    its placeholder, filled in by its JavaScript.
    """
    pages = free_text_pages()
    return {
        "max_words": FREE_TEXT_MAX_WORDS,
        "pages": (
            _("You can write about 1 page.")
            if pages == 1
            else _("You can write about %(pages)s pages.", pages=pages)
        ),
        "words": _("You can write up to %(words)s words.", words=f"{FREE_TEXT_MAX_WORDS:,}"),
        "under": {
            "one": _("You can write 1 more word"),
            "other": _("You can write %{count} more words"),
        },
        "at": _("You cannot write any more words"),
        "over": {
            "one": _("You wrote 1 word too many"),
            "other": _("You wrote %{count} words too many"),
        },
    }


def question_count_words(survey: Survey) -> str:
    """Say on the start page how many questions there are, from the survey itself."""
    count: QuestionCount = question_count(survey)
    # ngettext, not "1 or many": Arabic has six forms (3 to 10 questions is أسئلة, 11 is سؤالًا).
    if not count.exact:
        return ngettext(
            "There is about %(number)s question.",
            "There are about %(number)s questions.",
            count.most,
            number=count.most,
        )
    return ngettext(
        "There is %(number)s question.",
        "There are %(number)s questions.",
        count.most,
        number=count.most,
    )
