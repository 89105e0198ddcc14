"""Suggest candidate themes from free-text answers, offline: counted phrases of 1–3 words.

Pure functions on plain strings: no database, no network, no model download. Imports nothing
from Flask or the rest of the application.

How a suggestion is made:

- A phrase is a run of one to three words inside one clause. Its first and last words are
  neither stop words nor numbers; a three-word phrase may hold a stop word in the middle
  ("lack of staff").
- Words are compared by their stem (Snowball's English stemmer), so "waiting time" and
  "wait times", or "bus" and "buses", are one suggestion. It is shown in the words people used
  most often.
- A phrase scores by how many answers use it, half as much again for two or three words:
  a phrase says more than a word. Words that praise or blame anything ("good", "helpful") or
  that every answer about care holds ("staff", "service") are never suggested alone.
- A shorter phrase that mostly appears inside a longer one ("day" in "day centre") gives way,
  and a phrase whose meaning words are mostly in a suggestion already shown is left out.
- Each suggestion carries how many answers use it and up to three of those answers.
"""

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

MAX_WORDS = 3
# More answers than this are not needed to see the main themes, and would slow a page down.
MAX_ANSWERS = 20_000
EXAMPLES = 3
# A shorter phrase that mostly appears inside a longer one ("day" in "day centre") gives way.
_CONTAINED_SHARE = 0.8
# How many candidates to weigh per suggestion shown, and the share of a candidate's answers
# that may already be covered by suggestions before it (more, and it says nothing new).
_CANDIDATES_PER_SUGGESTION = 6
_COVERED_SHARE = 0.5
# A phrase of two or three words scores this much more than its count of answers.
_PHRASE_BONUS = 0.5

# Common English function words and fillers. Words that carry meaning in social care ("kind",
# "together", "help", "home", "back") are deliberately not here.
_STOP_WORDS_TEXT = """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst an and another any anyhow anyone anything anyway anywhere
    are aren't around as at be became because become becomes been before beforehand behind
    being below beside besides between beyond both but by can can't cannot could couldn't did
    didn't do does doesn't doing don't done down during each eg either else elsewhere enough
    etc even ever every everyone everything everywhere except few for former formerly from
    further get gets getting go goes going gone got had hadn't has hasn't have haven't
    having he he'd he'll he's hence her here here's hers herself him himself his how how's however
    i i'd i'll i'm i've ie if in indeed into is isn't it it's its itself just
    latter least less let let's lot lots make makes many may me meanwhile might mine more
    moreover most mostly much must mustn't my myself namely neither never nevertheless no
    nobody none noone nor not nothing now nowhere of off often ok okay on once one only onto or
    other others otherwise ought our ours ourselves out over own per perhaps please quite rather
    really same say says see seem seemed seems shall shan't she she'd she'll she's should
    shouldn't since so some somehow someone something sometime sometimes somewhere still such
    sure than that that's the their theirs them themselves then thence there there's
    thereafter thereby therefore therein these they they'd they'll they're they've thing things
    think this those though through throughout thru thus to too toward towards under
    until up upon us very via want wants was wasn't way we we'd we'll we're we've well
    were weren't what what's whatever when when's whence whenever where where's whereas whereby
    wherever whether which while who who's whoever whole whom whose why why's will with within
    without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself
    yourselves
    cant dont didnt doesnt isnt wont wouldnt couldnt shouldnt im ive teh becuase wich
    """
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Words that praise or blame anything, or that nearly every answer about care holds: they may
# be part of a phrase ("good food") but are never a suggestion on their own.
_GENERIC_WORDS_TEXT = """
    answer answers ask asked asking bad best better brilliant care carer carers caring
    comment comments day days excellent experience fantastic feel felt fine friendly good
    great happy hard help helped helpful helping improve improved kind know like liked long
    lovely month months need needed needs nice overall people person poor service services
    staff support supported supportive thank thanks time times week weeks wonderful work
    worked year years
    """
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”…\n\r\t/|–—-]+")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# Forms the English stemmer leaves apart from the word they mean: plurals, a US spelling.
_IRREGULAR = {
    "center": "centre",
    "buses": "bus",
    "busses": "bus",
    "children": "child",
    "women": "woman",
    "men": "man",
}
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Suggestion:
    """A candidate theme: a phrase, its score, how many answers use it, and some of them."""

    phrase: str
    score: float
    answers: int
    examples: tuple[str, ...] = ()


def words(text: str) -> list[str]:
    """Return the lower-case words of a text, apostrophes kept inside words ("don't")."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def normalise(name: str) -> str:
    """Return a phrase or theme name in the form suggestions are compared in (word stems)."""
    return " ".join(stem(word) for word in words(name))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Return the stem words are compared by: "waiting" → "wait", "buses" → "bus"."""
    return _STEMMER.stemWord(_IRREGULAR.get(word, word))


GENERIC_STEMS = frozenset(stem(word) for word in _GENERIC_WORDS_TEXT.split())


def phrases(text: str) -> dict[str, str]:
    """Return one answer's candidate phrases: stemmed key → the words as written.

    Phrases never cross a clause break.
    """
    found: dict[str, str] = {}
    for clause in _CLAUSE_BREAK.split(text):
        tokens = words(clause)
        stems = [stem(token) for token in tokens]
        for size in range(1, MAX_WORDS + 1):
            for start in range(len(tokens) - size + 1):
                gram = tokens[start : start + size]
                if _is_candidate(gram):
                    found.setdefault(" ".join(stems[start : start + size]), " ".join(gram))
    return found


def mentions(text: str, phrase: str) -> bool:
    """Say whether an answer uses a phrase or a near form of it ("wait times", "waiting time")."""
    wanted = normalise(phrase)
    if not wanted:
        return False
    return any(
        f" {wanted} " in f" {' '.join(stem(word) for word in words(clause))} "
        for clause in _CLAUSE_BREAK.split(text)
    )


def suggest_themes(
    texts: Iterable[str], *, exclude: Iterable[str] = (), limit: int = 10, min_answers: int = 2
) -> list[Suggestion]:
    """Return up to `limit` candidate themes, best first, leaving out the `exclude` names.

    A name excludes itself and every phrase inside it, so an existing theme "Day centre" stops
    "day", "centre" and "day centre" being suggested again.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        counts[text] += 1
    return suggest_from_counts(counts, exclude=exclude, limit=limit, min_answers=min_answers)


def suggest_from_counts(
    counts: Mapping[str, int],
    *,
    exclude: Iterable[str] = (),
    limit: int = 10,
    min_answers: int = 2,
) -> list[Suggestion]:
    """Suggest themes from answers given once each with how many people wrote them."""
    unique = [(text, copies) for text, copies in counts.items() if text and text.strip()]
    tally = _Tally.of(unique[:MAX_ANSWERS])
    excluded = _excluded_phrases(exclude)
    ranked = sorted(
        (
            key
            for key, count in tally.answers.items()
            if count >= min_answers and key not in excluded and _says_something(key)
        ),
        key=lambda key: (-tally.score(key), key),
    )
    kept = list(_prefer_longer(ranked, tally.answers))[: limit * _CANDIDATES_PER_SUGGESTION]
    chosen = _without_overlaps(kept, _answers_using(kept, unique), limit)
    return [
        Suggestion(
            phrase=tally.label(key),
            score=round(tally.score(key), 4),
            answers=tally.answers[key],
            examples=tuple(tally.examples[key]),
        )
        for key in chosen
    ]


@dataclass
class _Tally:
    """How many answers use each stemmed phrase, in which words, and a few of the answers."""

    answers: Counter[str]
    forms: dict[str, Counter[str]]
    examples: dict[str, list[str]]

    @classmethod
    def of(cls, documents: list[tuple[str, int]]) -> "_Tally":
        tally = cls(Counter(), {}, {})
        for text, copies in documents:
            for key, form in phrases(text).items():
                tally.answers[key] += copies
                tally.forms.setdefault(key, Counter())[form] += copies
                shown = tally.examples.setdefault(key, [])
                if len(shown) < EXAMPLES:
                    shown.append(text)
        return tally

    def score(self, key: str) -> float:
        return self.answers[key] * (1 + _PHRASE_BONUS * min(key.count(" "), 1))

    def label(self, key: str) -> str:
        """Return the phrase in the words most answers used (alphabetical on a tie)."""
        forms = self.forms[key]
        return min(forms, key=lambda form: (-forms[form], form))


def _is_candidate(gram: list[str]) -> bool:
    """Say whether words may be a phrase: no stop word at either end, no number anywhere."""
    if gram[0] in STOP_WORDS or gram[-1] in STOP_WORDS:
        return False
    return not any(word.isdigit() for word in gram)


def _meaning_stems(key: str) -> set[str]:
    return {word for word in key.split() if word not in GENERIC_STEMS and word not in STOP_WORDS}


def _says_something(key: str) -> bool:
    """Say whether at least half a phrase's words carry meaning ("waiting times", not "good
    service overall")."""
    meaning = [word for word in key.split() if word in _meaning_stems(key)]
    return len(meaning) * 2 >= key.count(" ") + 1 and len(key.replace(" ", "")) > 2


def _answers_using(keys: list[str], documents: list[tuple[str, int]]) -> dict[str, set[int]]:
    """Return, for each of a few phrases, the positions of the answers that use it."""
    wanted = set(keys)
    using: dict[str, set[int]] = {key: set() for key in keys}
    for position, (text, _) in enumerate(documents):
        for key in wanted.intersection(phrases(text)):
            using[key].add(position)
    return using


def _without_overlaps(
    keys_in_order: list[str], using: dict[str, set[int]], limit: int
) -> list[str]:
    """Return up to `limit` phrases, in order, leaving out near repeats of those kept.

    A phrase repeats another when one holds the other, when more than half of its meaning
    words are in suggestions already kept ("long wait" after "waiting times"), or when more
    than half of the answers using it use a suggestion already kept ("assessment" after
    "waiting", when most people wrote of waiting for one).
    """
    chosen: list[str] = []
    used: set[str] = set()
    covered: set[int] = set()
    for key in keys_in_order:
        meaning, answers = _meaning_stems(key), using[key]
        repeats = any(_overlaps(key, other) for other in chosen)
        said_before = len(meaning & used) * 2 > len(meaning)
        if (
            not repeats
            and not said_before
            and len(answers & covered) <= _COVERED_SHARE * len(answers)
        ):
            chosen.append(key)
            used |= meaning
            covered |= answers
        if len(chosen) == limit:
            break
    return chosen


def _sub_phrases(tokens: list[str], *, proper: bool = False) -> set[str]:
    longest = len(tokens) - 1 if proper else len(tokens)
    return {
        " ".join(tokens[start : start + size])
        for size in range(1, longest + 1)
        for start in range(len(tokens) - size + 1)
    }


def _excluded_phrases(names: Iterable[str]) -> set[str]:
    return {phrase for name in names for phrase in _sub_phrases(normalise(name).split())}


def _prefer_longer(ranked: list[str], answer_counts: Counter[str]) -> Iterator[str]:
    """Drop a phrase when most of its uses are inside one longer candidate ("day centre")."""
    best_container: dict[str, int] = {}
    for key in ranked:
        for inner in _sub_phrases(key.split(), proper=True):
            best_container[inner] = max(best_container.get(inner, 0), answer_counts[key])
    for key in ranked:
        if best_container.get(key, 0) < _CONTAINED_SHARE * answer_counts[key]:
            yield key


def _contains(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


def _overlaps(key: str, other: str) -> bool:
    return _contains(key, other) or _contains(other, key)
