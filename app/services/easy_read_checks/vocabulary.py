"""The word lists the checks use: the shipped ones in plain_words.yaml, read once (hard words
with plainer ones, allowed and explained initials, capital words that are shouting, and
one-thing pairs), with the council's own additions laid over them while a check runs.

The checks stay free of the database: `app.services.plain_words` reads the council's words
and runs the checks inside `council_words(...)`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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


@dataclass(frozen=True)
class CouncilWords:
    """A council's additions: hard words with plainer ones, initials it allows, and shipped
    hard words it does not want flagged."""

    hard_words: tuple[tuple[str, str], ...] = ()
    allowed_initials: frozenset[str] = frozenset()
    not_hard: frozenset[str] = frozenset()


NO_COUNCIL_WORDS = CouncilWords()
_council: ContextVar[CouncilWords | None] = ContextVar("council_words", default=None)


@contextmanager
def council_words(words: CouncilWords) -> Iterator[None]:
    """Run the checks inside the block with the council's words laid over the shipped ones."""
    token = _council.set(words)
    try:
        yield
    finally:
        _council.reset(token)


def vocabulary() -> Vocabulary:
    """Return the word lists for the check running now."""
    return _merged(current_council_words())


def current_council_words() -> CouncilWords:
    """Return the council's words laid over the shipped ones now (a cache key for patterns)."""
    return _council.get() or NO_COUNCIL_WORDS


@cache
def shipped_vocabulary() -> Vocabulary:
    """Return the word lists from plain_words.yaml."""
    data = yaml.safe_load(PLAIN_WORDS.read_text(encoding="utf-8"))
    return Vocabulary(
        hard_words={str(k).lower(): str(v) for k, v in data["hard_words"].items()},
        allowed_acronyms=frozenset(str(a) for a in data["allowed_acronyms"]),
        acronyms={str(k): str(v) for k, v in data["acronyms"].items()},
        capital_words=frozenset(str(w) for w in data["capital_words"]),
        one_thing_pairs=tuple(str(p).lower() for p in data["one_thing_pairs"]),
    )


@cache
def _merged(council: CouncilWords) -> Vocabulary:
    shipped = shipped_vocabulary()
    if council == NO_COUNCIL_WORDS:
        return shipped
    hard = {**shipped.hard_words, **dict(council.hard_words)}
    hard = {words: plain for words, plain in hard.items() if words not in council.not_hard}
    allowed = shipped.allowed_acronyms | council.allowed_initials
    explained = {k: v for k, v in shipped.acronyms.items() if k not in council.allowed_initials}
    return Vocabulary(
        hard_words=hard,
        allowed_acronyms=allowed,
        acronyms=explained,
        capital_words=shipped.capital_words,
        one_thing_pairs=shipped.one_thing_pairs,
    )
