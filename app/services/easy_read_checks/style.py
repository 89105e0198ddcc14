"""Style checks on any resident text: capitals or italics for emphasis (docs/accessibility.md
E4), initials that are not allowed (E7), and numbers as words or percentages (E10)."""

import re
from functools import cache

from app.services.easy_read_checks.findings import (
    EVERYDAY_WORDS,
    NO_CAPITALS_OR_ITALICS,
    NUMBERS_AS_DIGITS,
    WARNING,
    Finding,
)
from app.services.easy_read_checks.vocabulary import CouncilWords, current_council_words, vocabulary

# A word in capitals of 2 letters or more ("NOT", "DON'T", "CQC"); "I" and "A" are words.
_CAPS = r"(?:[A-Z]{2,}|[A-Z]+['’][A-Z]+)"
_CAPS_RUN = re.compile(rf"(?<![\w&'’]){_CAPS}(?:s|['’]s)?(?:\s+{_CAPS})*(?![\w&'’])")
_ITALICS = (
    re.compile(r"(?<![\w*])\*(?!\*)(\S(?:[^*\n]*?\S)?)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?!_)(\S(?:[^_\n]*?\S)?)_(?![\w_])"),
    re.compile(r"<(?:i|em|u)(?:\s[^>]*)?>(.*?)</(?:i|em|u)\s*>", re.IGNORECASE | re.DOTALL),
)
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VALUES = {
    **{w: i + 1 for i, w in enumerate(_UNITS)},
    **{w: i + 10 for i, w in enumerate(_TEENS)},
    **{w: (i + 2) * 10 for i, w in enumerate(_TENS)},
}
# "One" is left alone: "no one", "one of us", "the one you like" are not numbers.
_NUMBER_WORD = "|".join([*_UNITS[1:], *_TEENS, *_TENS, *_SCALES])
_NUMBER = re.compile(
    rf"\b(?:{_NUMBER_WORD}|one(?=[\s-]+(?:hundred|thousand|million)))"
    rf"(?:(?:\s+|-)(?:{_NUMBER_WORD}|one))*\b(?!-)",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s?%|\bper\s?cent\b|\bpercentage\b", re.IGNORECASE)


def capitals(field: str, text: str) -> list[Finding]:
    """Find words in capitals: initials residents must decode, or shouting."""
    found = {f.found: f for f in _known_acronyms(field, text)}
    for match in _CAPS_RUN.finditer(text):
        if _singular(match.group()) not in found:
            finding = _capitals(field, match.group())
            if finding is not None:
                found.setdefault(match.group(), finding)
    return list(found.values())


def _acronyms() -> re.Pattern[str]:
    return _acronyms_with(current_council_words())


@cache
def _acronyms_with(council: CouncilWords) -> re.Pattern[str]:
    # Listed initials, matched as written ("DoLS", "A&E"), a plural "s" allowed.
    keys = sorted(vocabulary().acronyms, key=len, reverse=True)
    alternatives = "|".join(re.escape(key) for key in keys)
    return re.compile(rf"(?<![\w&'’])({alternatives})(?:s|['’]s)?(?![\w&'’])")


def _known_acronyms(field: str, text: str) -> list[Finding]:
    found: dict[str, Finding] = {}
    for match in _acronyms().finditer(text):
        token = match.group(1)
        meaning = vocabulary().acronyms[token]
        message = f"“{token}” is initials. Write what it means: “{meaning}”."
        found.setdefault(token, Finding(WARNING, EVERYDAY_WORDS, field, message, meaning, token))
    return list(found.values())


def _singular(run: str) -> str:
    return re.sub(r"(?<=[A-Z])(?:s|['’]s)$", "", run)


def _capitals(field: str, run: str) -> Finding | None:
    words = vocabulary()
    token = _singular(run)
    if token in words.allowed_acronyms:
        return None
    letters = re.sub(r"['’]", "", token)
    if " " in run or letters in words.capital_words or len(letters) >= 6:
        message = (
            f"“{run}” is in capitals. Capitals are harder to read: use small letters, "
            "and bold if it must stand out."
        )
        return Finding(WARNING, NO_CAPITALS_OR_ITALICS, field, message, run.lower(), run)
    message = f"“{token}” looks like initials. Write the words out in full."
    return Finding(WARNING, EVERYDAY_WORDS, field, message, found=token)


def italics(field: str, text: str) -> list[Finding]:
    """Find words marked as italics or underlined: *word*, _word_, <i>, <em> or <u>."""
    return [
        Finding(
            WARNING,
            NO_CAPITALS_OR_ITALICS,
            field,
            f"“{match.group()}” is marked as italics. Italics are hard to read: use plain "
            "words, and bold if they must stand out.",
            match.group(1),
            match.group(),
        )
        for pattern in _ITALICS
        for match in pattern.finditer(text)
    ]


def numbers(field: str, text: str) -> list[Finding]:
    """Find numbers written as words, and percentages."""
    found = [
        Finding(
            WARNING,
            NUMBERS_AS_DIGITS,
            field,
            f"Write “{match.group()}” as a number: {value}. Numbers are easier to read as figures.",
            str(value),
            match.group(),
        )
        for match in _NUMBER.finditer(text)
        if (value := number_value(match.group())) is not None
    ]
    found += [
        Finding(
            WARNING,
            NUMBERS_AS_DIGITS,
            field,
            f"“{match.group()}” is a percentage. Say it like “7 out of 10 people” instead.",
            found=match.group(),
        )
        for match in _PERCENT.finditer(text)
    ]
    return found


def number_value(words: str) -> int | None:
    """Return the value of a number in words ("twenty-five", "two hundred"), or None."""
    total = current = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in _SCALES and _SCALES[word] >= 1000:
            total, current = total + max(current, 1) * _SCALES[word], 0
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
        elif word in _VALUES:
            current += _VALUES[word]
        else:
            return None
    return total + current
