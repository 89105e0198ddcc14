"""Placeholder answers: free text that says nothing ("n/a", "Did not answer", "-", blank).

People and import files fill empty boxes with words that mean "no answer". Heard counts those
as no answer everywhere: in report counts, in theme suggestions, in the answers staff code and
in quotes. The list is configuration (`FREE_TEXT_PLACEHOLDERS`); this module only decides
whether a text matches it, so the app and `reports/` agree. Pure Python: no Flask, no `app`,
no database.

A text matches when, ignoring case, punctuation and spacing, it is one of the placeholders, or
nothing is left of it at all ("-", "...", spaces). Emoji are kept, so "👍" is an answer.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


DEFAULT_PLACEHOLDERS = (
    "did not answer", "didn't answer", "not answered", "no answer", "n/a", "na",
    "not applicable", "none", "nil", "no comment", "no comments", "nothing", "nothing to add",
    "-",
)  # fmt: skip
# Slack for spacing and punctuation around a placeholder ("  N/A.  "): texts longer than the
# longest placeholder plus this are never read to check them.
_SLACK = 12


def _is_separator(character: str) -> bool:
    return unicodedata.category(character)[0] in "PZC"


def normalise(text: str) -> str:
    """Return a text folded for comparison: case, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    # An apostrophe inside a word stays ("didn't"); any other punctuation splits words.
    kept = "".join(
        " " if _is_separator(character) and character != "'" else character for character in folded
    )
    return " ".join(word.strip("'") for word in kept.split() if word.strip("'"))


@dataclass(frozen=True)
class Placeholders:
    """A configured list of placeholder answers, ready to match texts against."""

    phrases: frozenset[str]

    @classmethod
    def of(cls, phrases: Iterable[str] = DEFAULT_PLACEHOLDERS) -> Placeholders:
        """Return the matcher for a list of placeholder answers (the configuration)."""
        return cls(frozenset(normalise(phrase) for phrase in phrases))

    @property
    def longest(self) -> int:
        """Return the length past which a (space-trimmed) text cannot be a placeholder."""
        return max((len(phrase) for phrase in self.phrases), default=0) + _SLACK

    def matches(self, text: str | None) -> bool:
        """Say whether a free-text answer counts as no answer."""
        if text is None:
            return True
        if len(text.strip()) > self.longest:
            return False
        folded = normalise(text)
        return not folded or folded in self.phrases

    def among(self, texts: Iterable[str | None]) -> list[str]:
        """Return those of the given texts that are placeholders (None and blanks left out)."""
        return sorted({text for text in texts if text and self.matches(text)})


def parse(setting: str | None) -> Placeholders:
    """Return the placeholders of a setting: phrases separated by ";" (unset: the default)."""
    if setting is None or not setting.strip():
        return Placeholders.of()
    return Placeholders.of(phrase for phrase in setting.split(";") if phrase.strip())


SHORT_TEXT_COLUMNS = ["question_id", "text", "answers"]


def without(
    question_totals: pd.DataFrame, short_texts: pd.DataFrame, no_answer: Placeholders
) -> pd.DataFrame:
    """Return how many responses answered each question, placeholder answers taken off.

    `short_texts` holds the short free-text answers counted per question and text
    (`SHORT_TEXT_COLUMNS`); the placeholders among them did not answer.
    """
    if short_texts.empty:
        return question_totals
    said_nothing = short_texts[[no_answer.matches(text) for text in short_texts.text]]
    taken_off = said_nothing.groupby("question_id").answers.sum().astype("int64")
    frame = question_totals.copy()
    frame["responses"] = (
        frame.responses - frame.question_id.map(taken_off).fillna(0).astype("int64")
    ).clip(lower=0)
    return frame


def without_quotes(quotes: pd.DataFrame, no_answer: Placeholders) -> pd.DataFrame:
    """Return the quotes frame without quotes that say nothing (approved before the list grew)."""
    if quotes.empty:
        return quotes
    return quotes[[not no_answer.matches(text) for text in quotes.text]]
