"""Remove personal details from free-text quotes before staff publish them.

Staff mark residents' comments for a "what we heard" report; this module finds e-mail addresses,
phone numbers, postcodes, National Insurance numbers, NHS numbers and titled names ("Mrs Patel")
and swaps each for a label such as "[name removed]". It keeps the spans it found, measured in the
original text, so the staff page can highlight them, and staff can add spans of their own. It is
pure Python (``re`` and ``phonenumbers``): it must not import Flask or anything from ``app.*``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import phonenumbers

LABELS = {
    "email": "[email address removed]",
    "phone": "[phone number removed]",
    "postcode": "[postcode removed]",
    "ni_number": "[National Insurance number removed]",
    "nhs_number": "[NHS number removed]",
    "name": "[name removed]",
    "staff": "[removed]",
}
# When two finds overlap and cover as much text, the kind listed first names the merged span.
_PRIORITY = tuple(LABELS)

_EMAIL = re.compile(r"\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPS-UW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)"
    r" ?(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2}))\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"1st|2nd|3rd|[04-9]th", re.IGNORECASE)
_NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r" ?\d{2} ?\d{2} ?\d{2}(?: ?[A-D])?\b",
    re.IGNORECASE,
)
_NHS_NUMBER = re.compile(r"(?<![\d+])\d{3}([ -]?)\d{3}\1\d{4}(?!\d)")
_TITLES = r"Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Cllr|Councillor|Rev|Revd|Sister|Nurse"
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_WORD = rf"(?:[{_UPPER}][\u2019']|Ma?c)?[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*"
_NOT_NAME = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December|Practitioner|Surgery|Team)\b"
)
_NAME = re.compile(
    rf"\b(?:{_TITLES})\.?(?: [{_UPPER}]\.?)* (?!{_NOT_NAME}){_WORD}(?: (?!{_NOT_NAME}){_WORD})?"
)


class Span(NamedTuple):
    """A stretch of the original text, [start, end), holding one kind of personal detail."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Redaction:
    """A quote with its personal details swapped for labels, and where they were."""

    original: str
    text: str
    spans: tuple[Span, ...]


def redact(text: str) -> Redaction:
    """Remove the personal details this module can find from a quote."""
    return apply_extra(text, ())


def apply_extra(text: str, extra_spans: Iterable[tuple[int, int]]) -> Redaction:
    """Remove the personal details found in a quote plus the (start, end) spans staff chose."""
    extra = [Span(start, end, "staff") for start, end in extra_spans]
    for span in extra:
        if not 0 <= span.start < span.end <= len(text):
            raise ValueError(f"span ({span.start}, {span.end}) is not inside the text")
    spans = merge_spans([*find_spans(text), *extra])
    return Redaction(original=text, text=_replace(text, spans), spans=spans)


def find_spans(text: str) -> list[Span]:
    """Return every personal detail found in the text, overlaps and all."""
    return [
        *_regex_spans(_EMAIL, text, "email"),
        *_phone_spans(text),
        *_postcode_spans(text),
        *_regex_spans(_NI_NUMBER, text, "ni_number"),
        *_nhs_spans(text),
        *_regex_spans(_NAME, text, "name"),
    ]


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


def _postcode_spans(text: str) -> Iterator[Span]:
    """Find postcodes, skipping lower-case look-alikes such as "the A1 2nd exit"."""
    for match in _POSTCODE.finditer(text):
        ordinal = _ORDINAL.fullmatch(match["inward"]) is not None
        if not ordinal or match.group().isupper():
            yield Span(match.start(), match.end(), "postcode")


def _nhs_spans(text: str) -> Iterator[Span]:
    for match in _NHS_NUMBER.finditer(text):
        if is_valid_nhs_number(re.sub(r"\D", "", match.group())):
            yield Span(match.start(), match.end(), "nhs_number")
