"""Find people's names in free text: first names and surnames, with or without a title.

Part of the reporting layer (`reports.redaction` calls it); pure Python, no Flask, no `app.*`.
The names come from a kept, offline source: the 1990 US census lists that the `names` package
ships (5,163 first names, 88,799 surnames), plus first names common in the UK that they lack
(`redaction_data/first_names_uk.txt`). Nothing is downloaded at run time.

A name that is also an ordinary word ("Will", "Hope", "Grace", "May", "Bill",
`redaction_data/name_words.txt`) counts only where the sentence says it is a person: after a
title, before a surname, in the middle of a sentence with a capital letter, or at the start of
one before a word such as "was" or "helped". A surname alone counts only with a capital letter
where it cannot be the first word of a sentence, or before such a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

_DATA = Path(__file__).with_name("redaction_data")
_NUMBER_AFTER = re.compile(r"\s*\d")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")
# Titles that are never anything else, in any case, and titles that need a capital letter
# ("miss" and "sister" are also ordinary words).
_TITLES_ANY_CASE = {"mr", "mrs", "ms", "mx", "dr", "mr.", "mrs.", "ms.", "mx.", "dr."}
_TITLES_CAPITAL = {
    "miss", "sir", "dame", "prof", "prof.", "professor", "cllr", "councillor", "rev", "revd",
    "rev.", "father", "sister", "nurse", "doctor", "auntie", "aunty", "uncle", "lord", "lady",
}  # fmt: skip
# Words after which an ordinary-word name at the start of a sentence is a person: "Will was
# lovely", "Grace helped me", "Bill always rings".
_PERSON_VERBS = {
    "was", "has", "had", "helped", "came", "told", "said", "rang", "phoned", "visited",
    "listened", "explained", "sorted", "always", "never", "really", "did", "took", "gave",
    "went",
}  # fmt: skip
# Words after which even an ordinary-word name is a person, in lower case too: "called will".
_NAMING_WORDS = {"called", "named", "name's", "thanks", "thank", "ask", "asked"}
# People's roles, before a name set off by commas or not: "the nurse, May, came".
_ROLES = {"nurse", "carer", "worker", "manager", "sister", "brother", "daughter", "son", "wife",
          "husband", "mum", "dad", "friend", "neighbour", "called", "named"}  # fmt: skip
# Words that after a name always make it a street or a building ("Hope Street", "Grace Lane").
_STREET_WORDS = {"street", "road", "lane", "avenue", "close", "drive", "hospital", "infirmary",
                 "centre", "center", "surgery", "ward", "unit", "school", "library", "clinic",
                 "station", "estate", "terrace", "crescent", "grove", "gardens", "way", "place",
                 "square", "practice", "college", "trust"}  # fmt: skip
# Months that are also first names: a name only when the words around say so ("Thanks to May").
_MONTHS = {"april", "may", "june", "august"}
# Ordinary words too common to be a name after a role in lower case ("my son will ring").
_NEVER_LOWER_NAMES = {"will", "may", "can", "must", "an", "in", "so", "do", "long", "young"}
# Lower-case titles that are also ordinary words ("I miss her"): a surname must follow.
_WEAK_TITLES = {"miss", "sister", "nurse"}
_STOPWORDS = {
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "did", "do", "for", "from", "had",
    "has", "have", "he", "her", "his", "i", "if", "in", "is", "it", "me", "my", "no", "not",
    "of", "on", "or", "our", "she", "so", "that", "the", "their", "them", "they", "this", "to",
    "us", "was", "we", "were", "who", "with", "you", "your", "said", "says", "came",
    "comes", "told", "never", "always", "really", "very", "too", "also", "just", "keep", "get",
    "go", "come", "need", "want", "please", "thank", "thanks", "help", "make", "take", "see",
    "know", "think", "like", "love", "here", "there", "now", "then",
}  # fmt: skip


@dataclass(frozen=True)
class Token:
    """One word of the text, where it is, and whether a sentence starts with it."""

    start: int
    end: int
    word: str
    starts_sentence: bool
    # Only spaces between this word and the one before it (so "Lynn Smith", not "Lynn, Smith").
    joined: bool = False

    @property
    def key(self) -> str:
        """Return the word in lower case, without a possessive 's or a full stop."""
        word = self.word.lower().rstrip(".")
        return word[:-2] if word.endswith(("'s", "’s")) else word

    @property
    def capital(self) -> bool:
        """Say whether the word starts with a capital letter (and is not an acronym)."""
        return self.word[0].isupper() and not (self.word.isupper() and len(self.word) <= 3)

    @property
    def name_end(self) -> int:
        """Return where the name ends: before a possessive 's or a full stop."""
        end = self.start + len(self.word.rstrip("."))
        return end - 2 if self.word.lower().rstrip(".").endswith(("'s", "’s")) else end


@dataclass(frozen=True)
class NameLists:
    """The kept lists the name finder reads, in lower case."""

    first: frozenset[str]
    surnames: frozenset[str]
    common_surnames: frozenset[str]
    # The commonest surnames, which count after a first name even when they are also words
    # ("declan hall", "bev smith").
    top_surnames: frozenset[str]
    ordinary: frozenset[str]
    not_names: frozenset[str]
    place_words: frozenset[str]


@cache
def name_lists() -> NameLists:
    """Load the name lists once per process (about 0.1 s)."""
    census = resources.files("names")
    first = {*_census(census, "dist.male.first"), *_census(census, "dist.female.first")}
    surnames = _census(census, "dist.all.last")
    return NameLists(
        first=frozenset(first | _data("first_names_uk.txt")),
        surnames=frozenset(surnames),
        common_surnames=frozenset(surnames[:10000]),
        top_surnames=frozenset(surnames[:3000]),
        ordinary=frozenset(_data("name_words.txt")),
        not_names=frozenset(_data("not_names.txt")),
        place_words=frozenset(_data("place_words.txt")),
    )


def tokens(text: str) -> list[Token]:
    """Split text into words, marking those that start a sentence."""
    found: list[Token] = []
    for match in _TOKEN.finditer(text):
        before = text[: match.start()].rstrip(" \t\"'“‘(")
        gap = text[found[-1].end : match.start()] if found else ""
        abbreviation = bool(found) and _is_abbreviation(found[-1].word)
        starts = not before or (before[-1] in ".!?\n" and not abbreviation)
        joined = (
            bool(gap) and not gap.strip(" ") and (abbreviation or not found[-1].word.endswith("."))
        )
        found.append(Token(match.start(), match.end(), match.group(), starts, joined))
    return found


def find_names(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each person's name in the text."""
    words = tokens(text)
    lists = name_lists()
    index = 0
    while index < len(words):
        last = _name_at(words, index, lists)
        if last is not None and _numbered_place(text, words, index, last):
            last = None
        if last is None:
            index += 1
            continue
        yield words[index].start, words[last].name_end
        index = last + 1


def _numbered_place(text: str, words: list[Token], index: int, last: int) -> bool:
    """Say whether an untitled "name" is followed by a number: "Ward 23", "Bay 4"."""
    return not _is_title(words[index]) and _NUMBER_AFTER.match(text, words[last].end) is not None


def _name_at(words: list[Token], index: int, lists: NameLists) -> int | None:
    """Return the index of the last word of a name starting at words[index], if one does."""
    token = words[index]
    if _is_title(token):
        return _after_title(words, index, lists)
    if _weak_title_before_surname(words, index, lists):
        return _surnames_after(words, index + 1, lists)
    if token.key in _MONTHS and token.capital:
        named = _named_by_context(words, index) or _surname_follows(words, index, lists)
        if not named:
            return None
    elif token.key in lists.not_names | _STOPWORDS or not _is_person(words, index, lists):
        return None
    last = _surnames_after(words, index, lists)
    if _followed_by_place_word(words, last, lists):
        return None
    return last


def _is_abbreviation(word: str) -> bool:
    """Say whether a full stop after the word ends a title or an initial, not a sentence."""
    bare = word.rstrip(".")
    return word.endswith(".") and (
        len(bare) == 1 or bare.lower() in _TITLES_ANY_CASE | _TITLES_CAPITAL
    )


def _is_title(token: Token) -> bool:
    word = token.word.lower()
    if token.word.isupper() and len(token.word.rstrip(".")) <= 3:
        return False  # "MS" the illness, "DR" in a heading
    return word in _TITLES_ANY_CASE or (token.capital and word.rstrip(".") in _TITLES_CAPITAL)


def _after_title(words: list[Token], index: int, lists: NameLists) -> int | None:
    """Return the last word of the name after a title ("Mrs A. Khan", "mrs patel")."""
    last = None
    for position in range(index + 1, min(index + 4, len(words))):
        token = words[position]
        if _adjacent(words, position) is False:
            break
        if len(token.word.rstrip(".")) == 1 and token.word[0].isupper():
            continue  # an initial
        if not _could_follow_title(token, words[index], lists):
            break
        last = position
        if not token.capital:
            break
    return last


def _could_follow_title(token: Token, title: Token, lists: NameLists) -> bool:
    if token.key in lists.not_names:
        return False
    if token.capital:
        return True
    lower_title = title.word.islower() and title.word.lower() in _TITLES_ANY_CASE
    return lower_title and token.key not in _STOPWORDS


def _weak_title_before_surname(words: list[Token], index: int, lists: NameLists) -> bool:
    """Say whether words[index] is "miss" or "sister" in lower case before a surname."""
    if words[index].key not in _WEAK_TITLES or index + 1 >= len(words):
        return False
    following = words[index + 1]
    return following.joined and not following.capital and _lower_surname(following.key, lists)


def _lower_surname(key: str, lists: NameLists) -> bool:
    if key in _STOPWORDS or key in lists.not_names or key not in lists.surnames:
        return False
    return key not in lists.ordinary or key in lists.top_surnames


def _is_person(words: list[Token], index: int, lists: NameLists) -> bool:
    token, key = words[index], words[index].key
    if key in lists.first:
        return _first_name_is_person(words, index, lists)
    if token.capital and key in lists.common_surnames and key not in lists.ordinary:
        return not token.starts_sentence or _next_key(words, index) in _PERSON_VERBS
    return False


def _first_name_is_person(words: list[Token], index: int, lists: NameLists) -> bool:
    token, key = words[index], words[index].key
    ordinary = key in lists.ordinary
    if not ordinary and (token.capital or len(key) >= 3):
        return True
    if _named_by_context(words, index) or _surname_follows(words, index, lists):
        return True
    if not token.capital:
        starts = token.starts_sentence and key not in {"will", "may", "can", "must"}
        return starts and _next_key(words, index) in _PERSON_VERBS - {"always", "never", "really"}
    if token.starts_sentence:
        return _next_key(words, index) in _PERSON_VERBS
    return not _title_case_run(words, index)


def _named_by_context(words: list[Token], index: int) -> bool:
    """Say whether the words before make words[index] a person: "called will", "thanks to joy"."""
    if words[index].starts_sentence:
        return False
    before = _previous_key(words, index)
    lower_role = words[index].key not in _NEVER_LOWER_NAMES
    if before in _NAMING_WORDS or (before in _ROLES and (words[index].capital or lower_role)):
        return True
    return before == "to" and index > 1 and words[index - 2].key in {"thanks", "thank", "talk"}


def _surnames_after(words: list[Token], index: int, lists: NameLists) -> int:
    """Return the index of the last surname (or middle name) that follows a first name."""
    last = index
    while last + 1 < len(words) and last - index < 2 and _adjacent(words, last + 1):
        following = words[last + 1]
        if not _is_surname(following, words[index].capital, lists):
            break
        last += 1
    return last


def _is_surname(token: Token, capital: bool, lists: NameLists) -> bool:
    key = token.key
    if key in lists.not_names or key in _STOPWORDS:
        return False
    if key in _STREET_WORDS or (key in lists.place_words and key not in lists.top_surnames):
        return False
    if capital:
        return token.capital and not token.starts_sentence
    return _lower_surname(key, lists)


def _surname_follows(words: list[Token], index: int, lists: NameLists) -> bool:
    if index + 1 >= len(words) or not words[index + 1].joined:
        return False
    following = words[index + 1]
    if not words[index].capital:
        lower = not following.capital and following.key not in lists.ordinary
        return lower and _lower_surname(following.key, lists)
    known = following.key in lists.surnames or following.key not in lists.ordinary
    return known and following.key not in lists.place_words and _is_surname(following, True, lists)


def _followed_by_place_word(words: list[Token], last: int, lists: NameLists) -> bool:
    following = words[last + 1] if last + 1 < len(words) else None
    return (
        following is not None
        and following.key in lists.place_words
        and (following.capital or not words[last].capital)
    )


def _title_case_run(words: list[Token], index: int) -> bool:
    """Say whether the word sits among capitalised words, as in a heading or a place name."""
    around = words[max(index - 1, 0) : index + 2]
    return len(around) == 3 and all(token.capital for token in around)


def _adjacent(words: list[Token], position: int) -> bool:
    """Say whether only spaces separate words[position] from the word before it."""
    return words[position].joined


def _next_key(words: list[Token], index: int) -> str:
    return words[index + 1].key if index + 1 < len(words) else ""


def _previous_key(words: list[Token], index: int) -> str:
    return words[index - 1].key if index > 0 else ""


def _census(folder, name: str) -> list[str]:
    text = folder.joinpath(name).read_text(encoding="ascii")
    return [line.split()[0].lower() for line in text.splitlines() if line.strip()]


def _data(name: str) -> set[str]:
    words = set()
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(word.lower() for word in line.split())
    return words
