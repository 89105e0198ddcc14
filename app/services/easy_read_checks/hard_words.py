"""Hard words and phrases from the shipped list (docs/accessibility.md E7), each offered with
its plainer words, and the one-click replacement that puts them in the text."""

import re
from functools import cache

from app.services.easy_read_checks.findings import EVERYDAY_WORDS, WARNING, Finding
from app.services.easy_read_checks.sentences import sentences
from app.services.easy_read_checks.vocabulary import (
    CouncilWords,
    current_council_words,
    vocabulary,
)

_EXPLAINED = re.compile(r"^(?:this|that|it|these|they)\s+means?\b", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.?!]\s+|\n\s*)$")
_ARTICLES = ("a", "an", "the")


def phrase_pattern(phrase: str) -> str:
    """Return a regular expression for a phrase: any spaces, either apostrophe, whole words."""
    body = r"\s+".join(re.escape(word).replace("'", "['’]") for word in phrase.split())
    start = r"(?<![\w-])" if phrase[:1].isalnum() else ""
    end = r"(?![\w-])" if phrase[-1:].isalnum() else ""
    return f"{start}{body}{end}"


def _hard_words() -> re.Pattern[str]:
    return _hard_words_with(current_council_words())


@cache
def _hard_words_with(council: CouncilWords) -> re.Pattern[str]:
    # Longest first, so "respite care" is found rather than "respite".
    phrases = sorted(vocabulary().hard_words, key=len, reverse=True)
    return re.compile("|".join(phrase_pattern(p) for p in phrases), re.IGNORECASE)


def hard_words(field: str, text: str) -> list[Finding]:
    """Find hard words, unless the next sentence explains them ("This means ...")."""
    found: dict[str, Finding] = {}
    parts = sentences(text)
    for index, sentence in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else ""
        for match in _hard_words().finditer(sentence):
            key = _key(match.group())
            if key in found or _explained(match.group(), sentence, following):
                continue
            plain = vocabulary().hard_words[key]
            message = (
                f"“{match.group()}” is a hard word. Try “{plain}”, "
                "or explain it in the next sentence."
            )
            found[key] = Finding(WARNING, EVERYDAY_WORDS, field, message, plain, match.group())
    return list(found.values())


def _key(words: str) -> str:
    return " ".join(words.lower().replace("’", "'").split())


def _explained(word: str, sentence: str, following: str) -> bool:
    """Say whether the next sentence explains the word, or this one does ("Respite means")."""
    defines = re.compile(rf"{phrase_pattern(word)}\s+means\b", re.IGNORECASE)
    return bool(_EXPLAINED.match(following) or defines.match(following) or defines.match(sentence))


def apply_suggestion(text: str, finding: Finding) -> str:
    """Put a finding's suggestion in place of the words it found, keeping a sentence's capital."""
    if not finding.found or finding.suggestion is None:
        return text
    pattern = re.compile(
        rf"(?:(?<![\w-])(?P<article>a|an|the)\s+)?(?P<words>{phrase_pattern(finding.found)})",
        re.IGNORECASE,
    )

    def replace(match: re.Match[str]) -> str:
        at_start = bool(_SENTENCE_START.search(text[: match.start()]))
        words = _with_article(match.group("article"), finding.suggestion or "")
        return words[:1].upper() + words[1:] if at_start else words

    return pattern.sub(replace, text)


def _with_article(article: str | None, suggestion: str) -> str:
    """Keep "a" / "an" right for the new words, and never write "a a short break"."""
    if article is None:
        return suggestion
    if suggestion.split(" ", 1)[0].lower() in _ARTICLES:
        return suggestion
    if article.lower() == "the":
        return f"{article} {suggestion}"
    vowel = suggestion[:1].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {suggestion}"
