"""Suggest candidate themes from free-text answers, offline: TF-IDF over 1–3-word phrases.

Pure functions on plain strings: no database, no network, no model download. A phrase is a run
of one to three words inside one clause, none of them a stop word or a number. Each
answer is a document; a phrase scores the sum over answers of its length-normalised TF-IDF
weight, so phrases that many people use, and that carry meaning, rise to the top. Imports
nothing from Flask or the rest of the application.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

MAX_WORDS = 3
# More answers than this are not needed to see the main themes, and would slow a page down.
MAX_ANSWERS = 20_000
# A shorter phrase that mostly appears inside a longer one ("day" in "day centre") gives way.
_CONTAINED_SHARE = 0.8

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
    """
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”…\n\r\t/|–—-]+")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True)
class Suggestion:
    """A candidate theme: a phrase, its score, and how many answers use it."""

    phrase: str
    score: float
    answers: int


def words(text: str) -> list[str]:
    """Return the lower-case words of a text, apostrophes kept inside words ("don't")."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def normalise(name: str) -> str:
    """Return a phrase or theme name in the form suggestions are compared in."""
    return " ".join(words(name))


def phrases(text: str) -> Counter[str]:
    """Count the candidate phrases of one answer, never crossing a clause break."""
    found: Counter[str] = Counter()
    for clause in _CLAUSE_BREAK.split(text):
        tokens = words(clause)
        for size in range(1, MAX_WORDS + 1):
            for start in range(len(tokens) - size + 1):
                gram = tokens[start : start + size]
                if _is_candidate(gram):
                    found[" ".join(gram)] += 1
    return found


def mentions(text: str, phrase: str) -> bool:
    """Say whether an answer uses a phrase, word for word (not inside other words)."""
    wanted = normalise(phrase)
    return bool(wanted) and f" {wanted} " in f" {' '.join(words(text))} "


def suggest_themes(
    texts: Iterable[str], *, exclude: Iterable[str] = (), limit: int = 10, min_answers: int = 2
) -> list[Suggestion]:
    """Return up to `limit` candidate themes, best first, leaving out the `exclude` names.

    A name excludes itself and every phrase inside it, so an existing theme "Day centre" stops
    "day", "centre" and "day centre" being suggested again.
    """
    return suggest_from_counts(
        Counter(texts), exclude=exclude, limit=limit, min_answers=min_answers
    )


def suggest_from_counts(
    counts: Mapping[str, int],
    *,
    exclude: Iterable[str] = (),
    limit: int = 10,
    min_answers: int = 2,
) -> list[Suggestion]:
    """Suggest themes from answers given once each with how many people wrote them."""
    unique = [(text, copies) for text, copies in counts.items() if text and text.strip()]
    scores, answer_counts = _score(unique[:MAX_ANSWERS])
    excluded = _excluded_phrases(exclude)
    ranked = sorted(
        (
            phrase
            for phrase, count in answer_counts.items()
            if count >= min_answers and phrase not in excluded
        ),
        key=lambda phrase: (-scores[phrase], phrase),
    )
    chosen = _without_overlaps(_prefer_longer(ranked, answer_counts), limit)
    return [
        Suggestion(phrase, round(scores[phrase], 4), answer_counts[phrase]) for phrase in chosen
    ]


def _without_overlaps(phrases_in_order: Iterable[str], limit: int) -> list[str]:
    """Return up to `limit` phrases, in order, leaving out any that overlaps one already kept."""
    chosen: list[str] = []
    for phrase in phrases_in_order:
        if not any(_overlaps(phrase, other) for other in chosen):
            chosen.append(phrase)
        if len(chosen) == limit:
            break
    return chosen


def _is_candidate(gram: list[str]) -> bool:
    meaningful = all(word not in STOP_WORDS and not word.isdigit() for word in gram)
    return meaningful and len("".join(gram)) > 2


def _score(documents: list[tuple[str, int]]) -> tuple[Counter[str], Counter[str]]:
    """Sum each phrase's L2-normalised TF-IDF over the answers (duplicates weighted)."""
    counted = [(phrases(text), copies) for text, copies in documents]
    answer_counts: Counter[str] = Counter()
    for found, copies in counted:
        for phrase in found:
            answer_counts[phrase] += copies
    total = sum(copies for _, copies in documents)
    idf = {
        phrase: math.log((1 + total) / (1 + count)) + 1 for phrase, count in answer_counts.items()
    }
    scores: Counter[str] = Counter()
    for found, copies in counted:
        scores.update(_weights(found, idf, copies))
    return scores, answer_counts


def _weights(found: Counter[str], idf: dict[str, float], copies: int) -> dict[str, float]:
    """Return one answer's TF-IDF weights, L2-normalised, times how many people wrote it."""
    weights = {phrase: count * idf[phrase] for phrase, count in found.items()}
    norm = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
    return {phrase: copies * weight / norm for phrase, weight in weights.items()}


def _sub_phrases(tokens: list[str], *, proper: bool = False) -> set[str]:
    longest = len(tokens) - 1 if proper else len(tokens)
    return {
        " ".join(tokens[start : start + size])
        for size in range(1, longest + 1)
        for start in range(len(tokens) - size + 1)
    }


def _excluded_phrases(names: Iterable[str]) -> set[str]:
    return {phrase for name in names for phrase in _sub_phrases(words(name))}


def _prefer_longer(ranked: list[str], answer_counts: Counter[str]) -> Iterator[str]:
    """Drop a phrase when most of its uses are inside one longer candidate ("day centre")."""
    best_container: dict[str, int] = {}
    for phrase in ranked:
        for inner in _sub_phrases(phrase.split(), proper=True):
            best_container[inner] = max(best_container.get(inner, 0), answer_counts[phrase])
    for phrase in ranked:
        if best_container.get(phrase, 0) < _CONTAINED_SHARE * answer_counts[phrase]:
            yield phrase


def _contains(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


def _overlaps(phrase: str, other: str) -> bool:
    return _contains(phrase, other) or _contains(other, phrase)
