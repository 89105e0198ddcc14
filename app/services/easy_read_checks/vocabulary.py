"""The shipped, editable word lists in plain_words.yaml, read once: hard words with plainer
ones, allowed and explained initials, capital words that are shouting, and one-thing pairs."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

PLAIN_WORDS = Path(__file__).resolve().parent / "plain_words.yaml"


@dataclass(frozen=True)
class Vocabulary:
    """The word lists the checks use."""

    hard_words: dict[str, str]
    allowed_acronyms: frozenset[str]
    acronyms: dict[str, str]
    capital_words: frozenset[str]
    one_thing_pairs: tuple[str, ...]


@cache
def vocabulary() -> Vocabulary:
    """Return the word lists from plain_words.yaml."""
    data = yaml.safe_load(PLAIN_WORDS.read_text(encoding="utf-8"))
    return Vocabulary(
        hard_words={str(k).lower(): str(v) for k, v in data["hard_words"].items()},
        allowed_acronyms=frozenset(str(a) for a in data["allowed_acronyms"]),
        acronyms={str(k): str(v) for k, v in data["acronyms"].items()},
        capital_words=frozenset(str(w) for w in data["capital_words"]),
        one_thing_pairs=tuple(str(p).lower() for p in data["one_thing_pairs"]),
    )
