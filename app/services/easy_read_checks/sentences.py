"""Sentence checks: each sentence 15 words or fewer (docs/accessibility.md E1), and a question
that asks one thing, not two joined by "and" or "or" (E2)."""

import re

from app.services.easy_read_checks.findings import (
    ERROR,
    ONE_IDEA,
    SHORT_SENTENCES,
    WARNING,
    Finding,
)
from app.services.easy_read_checks.vocabulary import vocabulary

MAX_WORDS = 15
_BREAK = re.compile(r"(?<=[.?!])\s+|\n+")
_ABBREVIATIONS = ("e.g.", "i.e.", "mr.", "mrs.", "ms.", "dr.", "st.", "no.")
# A phone number's groups of digits ("0191 433 3000") are one word to a reader.
_WORD = re.compile(r"\d[\d ]*\d|[\w’'-]+")
_AUXILIARIES = [
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "am",
    "can",
    "could",
    "will",
    "would",
    "should",
    "shall",
    "have",
    "has",
    "had",
]
_SUBJECTS = "you we they it he she i there this that the your our their staff people anyone"
_QUESTION_WORDS = "what when where which who whose why how"
# "... and do you ...", "... or is it ...", "... and what ...": a second question begins.
_JOINED_QUESTIONS = re.compile(
    rf"\b(and|or)\s+(?:(?:{'|'.join(_AUXILIARIES)})\s+(?:{_SUBJECTS.replace(' ', '|')})"
    rf"|{_QUESTION_WORDS.replace(' ', '|')})\b",
    re.IGNORECASE,
)
_AND = re.compile(r"\band\b", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\b.*?\band\b", re.IGNORECASE)
# "Things like shopping, cooking and cleaning" lists examples of one thing.
_EXAMPLES = re.compile(r"\b(?:like|such as|for example|including)\b.*", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Split text into sentences at full stops, question and exclamation marks and lines."""
    found: list[str] = []
    for part in (p.strip() for p in _BREAK.split(text)):
        if not part:
            continue
        if found and found[-1].split()[-1].lower() in _ABBREVIATIONS:
            found[-1] = f"{found[-1]} {part}"
        else:
            found.append(part)
    return found


def words(sentence: str) -> list[str]:
    """Return the words of a sentence, a run of digit groups counting as one."""
    return _WORD.findall(sentence)


def long_sentences(field: str, text: str) -> list[Finding]:
    """Find each sentence of more than 15 words."""
    return [
        Finding(
            WARNING,
            SHORT_SENTENCES,
            field,
            f"This sentence has {count} words: “{sentence}”. Easy read keeps each sentence "
            f"to {MAX_WORDS} words or fewer. Split it into shorter sentences.",
        )
        for sentence in sentences(text)
        if (count := len(words(sentence))) > MAX_WORDS
    ]


def two_things(field: str, text: str) -> list[Finding]:
    """Find a question that asks two things: two questions, or two joined by "and" or "or"."""
    questions = [s for s in sentences(text) if s.endswith("?")]
    if len(questions) > 1:
        message = (
            f"This asks {len(questions)} questions. Ask 1 question on each page, "
            "so each answer means one thing."
        )
        return [Finding(ERROR, ONE_IDEA, field, message)]
    return [f for question in questions if (f := _joined(field, question)) is not None]


def _joined(field: str, question: str) -> Finding | None:
    plain = _one_thing(question)
    joined = _JOINED_QUESTIONS.search(plain)
    if joined:
        return _two_things(ERROR, field, joined.group(1).lower())
    if not _AND.search(plain):
        return None
    level = ERROR if _is_yes_no(plain) else WARNING
    return _two_things(level, field, "and")


def _one_thing(question: str) -> str:
    """Return the question without the pairs, ranges and examples that name one thing."""
    plain = question.lower()
    for pair in vocabulary().one_thing_pairs:
        plain = re.sub(rf"\b{re.escape(pair)}\b", "it", plain)
    return _EXAMPLES.sub("", _BETWEEN.sub("between", plain))


def _is_yes_no(question: str) -> bool:
    """Say whether a question starts with a verb ("Do you ...", "When ..., did things ...")."""
    starts = [question, *question.split(",")[1:]]
    return any(
        (first := words(part.strip())[:1]) and first[0].lower() in _AUXILIARIES for part in starts
    )


def _two_things(level: str, field: str, joining: str) -> Finding:
    if level == ERROR:
        message = (
            f"This question asks two things, joined by “{joining}”. A person may feel "
            "differently about each, so ask each thing as its own question."
        )
    else:
        message = (
            "This question may ask about two things, joined by “and”. If people could give "
            "a different answer to each, ask them as separate questions."
        )
    return Finding(level, ONE_IDEA, field, message)  # type: ignore[arg-type]
