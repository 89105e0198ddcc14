"""The checks run on a survey, a question or one text, returning every Finding; and the
reading-ease figure of each text beside them."""

import re

from app.services.easy_read_checks.findings import (
    EASY_READ_WORDING,
    ERROR,
    FEW_ANSWERS,
    PICTURES,
    WARNING,
    Finding,
)
from app.services.easy_read_checks.hard_words import hard_words
from app.services.easy_read_checks.inputs import QuestionText, SurveyText
from app.services.easy_read_checks.reading_ease import reading_ease
from app.services.easy_read_checks.sentences import long_sentences, two_things
from app.services.easy_read_checks.style import capitals, italics, numbers

MAX_ANSWERS = 8
# docs/accessibility.md P10: the start page counts the questions; a typed count goes stale.
QUESTION_COUNT = "P10"
_TYPED_QUESTION_COUNT = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
    r"\s+questions?\b",
    re.IGNORECASE,
)
_TEXT_CHECKS = (long_sentences, hard_words, capitals, italics, numbers)


def check_text(field: str, text: str) -> list[Finding]:
    """Check one resident text: sentence length, hard words, capitals, italics, numbers."""
    return [finding for check in _TEXT_CHECKS for finding in check(field, text)]


def check_question(question: QuestionText, prefix: str = "") -> list[Finding]:
    """Check a question in both wordings, its hint, picture and answers."""
    found = check_text(f"{prefix}text", question.text) + two_things(f"{prefix}text", question.text)
    found += _easy_read(f"{prefix}easy_read_text", question.easy_read_text, "question")
    found += two_things(f"{prefix}easy_read_text", question.easy_read_text)
    found += check_text(f"{prefix}hint", question.hint)
    found += _picture(f"{prefix}picture_key", question.picture_key, "question")
    if question.has_options:
        found += _answers(question, prefix)
    return found


def check_survey(survey: SurveyText) -> list[Finding]:
    """Check a survey's own words and picture, then every question."""
    found = check_text("title", survey.title)
    found += _easy_read("easy_read_title", survey.easy_read_title, "title")
    found += check_text("intro", survey.intro)
    if survey.intro.strip() or survey.easy_read_intro.strip():
        found += _easy_read("easy_read_intro", survey.easy_read_intro, "introduction")
    found += _question_count("intro", survey.intro) + _question_count(
        "easy_read_intro", survey.easy_read_intro
    )
    found += check_text("contact", survey.contact)
    found += _picture("picture_key", survey.picture_key, "survey")
    for index, question in enumerate(survey.questions):
        found += check_question(question, f"questions[{index}].")
    return found


def question_reading_ease(question: QuestionText, prefix: str = "") -> dict[str, int]:
    """Return the reading-ease figure of each of a question's texts that has words."""
    texts = {"text": question.text, "easy_read_text": question.easy_read_text}
    texts["hint"] = question.hint
    for index, option in enumerate(question.options):
        texts[f"options[{index}].label"] = option.label
        texts[f"options[{index}].easy_read_label"] = option.easy_read_label
    return _scores(texts, prefix)


def survey_reading_ease(survey: SurveyText) -> dict[str, int]:
    """Return the reading-ease figure of each of a survey's texts, its questions' too."""
    texts = {"title": survey.title, "easy_read_title": survey.easy_read_title}
    texts |= {"intro": survey.intro, "easy_read_intro": survey.easy_read_intro}
    scores = _scores(texts, "")
    for index, question in enumerate(survey.questions):
        scores |= question_reading_ease(question, f"questions[{index}].")
    return scores


def _scores(texts: dict[str, str], prefix: str) -> dict[str, int]:
    scores = {f"{prefix}{name}": reading_ease(text) for name, text in texts.items()}
    return {name: score for name, score in scores.items() if score is not None}


def _easy_read(field: str, text: str, what: str) -> list[Finding]:
    if not text.strip():
        message = (
            f"This {what} has no easy-read words yet. Write it in easy-read words too: "
            "short sentences, everyday words, one idea each."
        )
        return [Finding(ERROR, EASY_READ_WORDING, field, message)]
    return check_text(field, text)


def _question_count(field: str, text: str) -> list[Finding]:
    """Warn about a typed number of questions: the start page counts them itself (P10)."""
    typed = _TYPED_QUESTION_COUNT.search(text)
    if typed is None:
        return []
    message = (
        f'Take "{typed.group(0)}" out. The start page says how many questions there are, '
        "and keeps it right when questions change."
    )
    return [Finding(WARNING, QUESTION_COUNT, field, message, found=typed.group(0))]


def _picture(field: str, key: str, what: str) -> list[Finding]:
    if key.strip():
        return []
    message = f"This {what} has no picture. Choose a picture that shows what it means."
    return [Finding(WARNING, PICTURES, field, message)]


def _answers(question: QuestionText, prefix: str) -> list[Finding]:
    found: list[Finding] = []
    if len(question.options) > MAX_ANSWERS:
        message = (
            f"This question has {len(question.options)} answers. Give {MAX_ANSWERS} answers "
            "at most, so a person can read them all on one page."
        )
        found.append(Finding(ERROR, FEW_ANSWERS, f"{prefix}options", message))
    for index, option in enumerate(question.options):
        field = f"{prefix}options[{index}]."
        found += check_text(f"{field}label", option.label)
        found += check_text(f"{field}easy_read_label", option.easy_read_label)
        found += _picture(f"{field}picture_key", option.picture_key, "answer")
    return found
