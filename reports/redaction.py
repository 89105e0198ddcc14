"""Remove personal details from free-text quotes before staff publish them.

Staff mark residents' comments for a "what we heard" report; this module finds people's names
(`reports.redaction_names`), e-mail addresses, phone numbers (`phonenumbers`), postcodes,
reference and case numbers, National Insurance and NHS numbers, house numbers with their
street and dates of birth (`reports.redaction_patterns`), and swaps each for a label such as
"[name removed]". It keeps the spans it found, measured in the original text, so the staff page
can highlight them and say what each was; staff can keep words it removed (and a survey can
keep its staff's names) or remove more. Pure Python: it must not import Flask or ``app.*``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import phonenumbers

from reports import redaction_patterns as patterns
from reports.redaction_names import find_names

LABELS = {
    "email": "[email address removed]",
    "phone": "[phone number removed]",
    "postcode": "[postcode removed]",
    "ni_number": "[National Insurance number removed]",
    "nhs_number": "[NHS number removed]",
    "date_of_birth": "[date of birth removed]",
    "address": "[address removed]",
    "reference": "[reference number removed]",
    "name": "[name removed]",
    "staff": "[removed]",
}
# What each kind is, in the words the staff page uses beside a highlighted redaction.
KIND_NAMES = {
    "email": "e-mail address",
    "phone": "phone number",
    "postcode": "postcode",
    "ni_number": "National Insurance number",
    "nhs_number": "NHS number",
    "date_of_birth": "date of birth",
    "address": "house number and street",
    "reference": "reference number",
    "name": "name",
    "staff": "removed by staff",
}
# When two finds overlap and cover as much text, the kind listed first names the merged span.
_PRIORITY = tuple(LABELS)

_EMAIL = re.compile(r"\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r" ?\d{2} ?\d{2} ?\d{2}(?: ?[A-D])?\b",
    re.IGNORECASE,
)
_TITLE = re.compile(r"^(?:mrs|mr|ms|mx|miss|dr|prof|sir|dame|cllr|councillor|nurse|sister)\.?\s+")
_NHS_NUMBER = re.compile(r"(?<![\d+])\d{3}([ -]?)\d{3}\1\d{4}(?!\d)")


class Span(NamedTuple):
    """A stretch of the original text, [start, end), holding one kind of personal detail."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Choices:
    """What people chose beyond the redactor's finds, as words so an edit keeps them.

    ``kept_names``: names a survey keeps (its staff, praised by name), matched whole, with or
    without a title. ``kept_words``: found details staff put back in one quote. ``removed_words``:
    words staff removed by hand; every place they appear is removed.
    """

    kept_names: tuple[str, ...] = ()
    kept_words: tuple[str, ...] = ()
    removed_words: tuple[str, ...] = ()


NO_CHOICES = Choices()


@dataclass(frozen=True)
class Redaction:
    """A quote with its personal details swapped for labels, and where they were."""

    original: str
    text: str
    spans: tuple[Span, ...]
    # Details the redactor found that the survey or staff chose to keep.
    kept: tuple[Span, ...] = ()


def redact(text: str, choices: Choices = NO_CHOICES) -> Redaction:
    """Remove the personal details this module can find from a quote, honouring choices."""
    found = merge_spans(find_spans(text))
    kept = tuple(span for span in found if _is_kept(text[span.start : span.end], span, choices))
    removed = [span for span in found if span not in kept]
    spans = merge_spans([*removed, *find_words(text, choices.removed_words)])
    return Redaction(original=text, text=_replace(text, spans), spans=spans, kept=kept)


def find_spans(text: str) -> list[Span]:
    """Return every personal detail found in the text, overlaps and all."""
    return [
        *_regex_spans(_EMAIL, text, "email"),
        *_phone_spans(text),
        *_kind("postcode", patterns.postcode_spans(text)),
        *_regex_spans(_NI_NUMBER, text, "ni_number"),
        *_nhs_spans(text),
        *_kind("date_of_birth", patterns.date_of_birth_spans(text)),
        *_kind("address", patterns.address_spans(text)),
        *_kind("reference", patterns.reference_spans(text)),
        *_kind("name", find_names(text)),
    ]


def find_words(text: str, words: Iterable[str]) -> Iterator[Span]:
    """Yield every place the words appear whole, in any case and spacing, as staff spans."""
    for word in words:
        if normalise(word):
            pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, word.split())) + r"(?!\w)"
            for match in re.finditer(pattern, text, re.IGNORECASE):
                yield Span(match.start(), match.end(), "staff")


def normalise(words: str) -> str:
    """Return words as choices compare them: lower case, single spaces, no edge punctuation."""
    return " ".join(words.casefold().split()).strip(" .,;:!?()\"'“”‘’")


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Merge overlapping spans, naming each merged span after the kind that covers most of it."""
    groups: list[list[Span]] = []
    for span in sorted(spans):
        if groups and span.start < max(s.end for s in groups[-1]):
            groups[-1].append(span)
        else:
            groups.append([span])
    return tuple(_merge_group(group) for group in groups)


def is_valid_nhs_number(digits: str) -> bool:
    """Say whether ten digits pass the NHS number modulus-11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return check != 10 and check % 11 == int(digits[9])


def _is_kept(words: str, span: Span, choices: Choices) -> bool:
    key = normalise(words)
    if key in {normalise(word) for word in choices.kept_words}:
        return True
    if span.kind != "name":
        return False
    kept_names = {normalise(name) for name in choices.kept_names}
    return key in kept_names or _TITLE.sub("", key, count=1) in kept_names


def _kind(kind: str, found: Iterable[tuple[int, int]]) -> Iterator[Span]:
    for start, end in found:
        yield Span(start, end, kind)


def _merge_group(group: list[Span]) -> Span:
    best = max(group, key=lambda s: (s.end - s.start, -_PRIORITY.index(s.kind)))
    return Span(group[0].start, max(s.end for s in group), best.kind)


def _replace(text: str, spans: tuple[Span, ...]) -> str:
    parts, position = [], 0
    for span in spans:
        parts += [text[position : span.start], LABELS[span.kind]]
        position = span.end
    return "".join([*parts, text[position:]])


def _regex_spans(pattern: re.Pattern[str], text: str, kind: str) -> Iterator[Span]:
    for match in pattern.finditer(text):
        yield Span(match.start(), match.end(), kind)


def _phone_spans(text: str) -> Iterator[Span]:
    """Find numbers written like phone numbers (0... or +...), valid or long enough to be one.

    Possible-but-invalid numbers count when they have ten or more digits, so fictional ranges
    such as 07700 900123 are caught; a number without a leading 0 or + is never a phone number.
    """
    possible = phonenumbers.Leniency.POSSIBLE
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=possible):
        start, raw = match.start, match.raw_string
        if raw.startswith("(") and ")" not in raw:
            start, raw = start + 1, raw[1:]
        long_enough = sum(c.isdigit() for c in raw) >= 10
        if raw.lstrip("(").startswith(("0", "+")) and (
            long_enough or phonenumbers.is_valid_number(match.number)
        ):
            yield Span(start, match.end, "phone")


def _nhs_spans(text: str) -> Iterator[Span]:
    for match in _NHS_NUMBER.finditer(text):
        if is_valid_nhs_number(re.sub(r"\D", "", match.group())):
            yield Span(match.start(), match.end(), "nhs_number")
