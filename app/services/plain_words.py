"""The council's own easy-read words, laid over the shipped lists when the builder checks.

A lead adds a hard word with plainer words to offer instead, initials residents know (the
name of a local service, say), or says a shipped hard word is not hard for their residents.
The shipped list (`app/services/easy_read_checks/plain_words.yaml`) is never changed; each
addition and removal is recorded in the audit log.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select

from app.extensions import db
from app.models import CouncilWord, CouncilWordKind
from app.services import audit
from app.services.easy_read_checks.vocabulary import (
    CouncilWords,
    council_words,
    shipped_vocabulary,
)
from app.services.errors import NotFound, ServiceError
from app.services.transactions import flush_or_refuse, transactional

MAX_WORDS = 80
MAX_PLAINER = 200
_INITIALS = re.compile(r"^[A-Za-z&]*[A-Z][A-Za-z&]*$")
T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    """What a lead typed to add one word, before it is checked."""

    kind: str
    words: str
    plainer: str = ""


def listed() -> dict[CouncilWordKind, list[CouncilWord]]:
    """Return the council's words by kind, each list in alphabetical order."""
    rows = db.session.scalars(select(CouncilWord).order_by(CouncilWord.words))
    found: dict[CouncilWordKind, list[CouncilWord]] = {kind: [] for kind in CouncilWordKind}
    for row in rows:
        found[CouncilWordKind(row.kind)].append(row)
    return found


def shipped_counts() -> tuple[int, int]:
    """Return how many hard words and allowed initials the shipped lists hold."""
    shipped = shipped_vocabulary()
    return len(shipped.hard_words), len(shipped.allowed_acronyms)


def current() -> CouncilWords:
    """Return the council's words in the form the checks take."""
    words = listed()
    return CouncilWords(
        hard_words=tuple((w.words, w.plainer) for w in words[CouncilWordKind.HARD_WORD]),
        allowed_initials=frozenset(w.words for w in words[CouncilWordKind.ALLOWED_INITIALS]),
        not_hard=frozenset(w.words for w in words[CouncilWordKind.NOT_HARD]),
    )


def checking_with_council_words(check: Callable[[], T]) -> T:
    """Run `check` with the council's words laid over the shipped lists."""
    with council_words(current()):
        return check()


@transactional
def add(actor: audit.Actor, entry: Entry) -> CouncilWord:
    """Add one word to the council's list, after checking it."""
    kind, words, plainer = _checked(entry)
    row = CouncilWord(kind=kind, words=words, plainer=plainer, added_by=actor.name)
    db.session.add(row)
    flush_or_refuse(f"“{words}” is already on the list", field="words")
    audit.record(
        actor,
        "council_word.added",
        subject="council_word",
        subject_id=row.id,
        kind=kind,
        words=words,
        plainer=plainer,
    )
    return row


@transactional
def remove(actor: audit.Actor, word_id: int) -> None:
    """Take one word off the council's list: the shipped lists apply to it again."""
    row = db.session.get(CouncilWord, word_id)
    if row is None:
        raise NotFound("This word is not on the list. Someone may have removed it already")
    audit.record(
        actor,
        "council_word.removed",
        subject="council_word",
        subject_id=row.id,
        kind=row.kind,
        words=row.words,
    )
    db.session.delete(row)


def _checked(entry: Entry) -> tuple[str, str, str]:
    """Return the entry's kind, words and plainer words tidied, or raise a plain message."""
    try:
        kind = CouncilWordKind(entry.kind)
    except ValueError:
        raise ServiceError("Choose what kind of word this is", field="kind") from None
    words = " ".join(entry.words.split())
    plainer = " ".join(entry.plainer.split())
    if not words:
        raise ServiceError("Enter the word or words", field="words")
    if len(words) > MAX_WORDS:
        raise ServiceError(f"Enter {MAX_WORDS} characters or fewer", field="words")
    if kind == CouncilWordKind.ALLOWED_INITIALS:
        return kind, _initials(words), ""
    words = words.lower()
    if kind == CouncilWordKind.NOT_HARD and words not in shipped_vocabulary().hard_words:
        raise ServiceError(f"“{words}” is not on the shipped list of hard words", field="words")
    if kind == CouncilWordKind.HARD_WORD:
        _check_plainer(plainer)
        return kind, words, plainer
    return kind, words, ""


def _initials(words: str) -> str:
    if not 2 <= len(words) <= 10 or not _INITIALS.match(words):
        raise ServiceError(
            "Enter initials as people write them, 2 to 10 letters, like NHS or DoLS",
            field="words",
        )
    return words


def _check_plainer(plainer: str) -> None:
    if not plainer:
        raise ServiceError("Enter the plainer words to offer instead", field="plainer")
    if len(plainer) > MAX_PLAINER:
        raise ServiceError(f"Enter {MAX_PLAINER} characters or fewer", field="plainer")
