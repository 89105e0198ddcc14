"""Patterns for the personal details in feedback that are not names or phone numbers.

Part of the reporting layer (`reports.redaction` calls it); pure Python, no Flask, no `app.*`.
Each finder yields (start, end) spans of the text: reference numbers (a labelled number such as
"Crew no2570", or any run of five or more digits), UK postcodes in any spacing and case
(including a partial one whose last part reads like an ordinal, "EH10 6th"), a house number
with its street, and dates of birth.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Postcode areas (the letters before the first digit): a real list keeps road numbers such
# as "A1" and "M62" out, which a letters-and-digits pattern alone would take.
_AREA = (
    "AB|AL|B|BA|BB|BD|BF|BH|BL|BN|BR|BS|BT|BX|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN"
    "|DT|DY|E|EC|EH|EN|EX|FK|FY|G|GL|GU|GY|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|L"
    "|LA|LD|LE|LL|LN|LS|LU|M|ME|MK|ML|N|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|S|SA"
    "|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|UB|W|WA|WC|WD|WF|WN|WR|WS"
    "|WV|YO|ZE"
)
_POSTCODE = re.compile(
    rf"(?<![\w-])(?P<outward>(?:{_AREA}) ?[0-9][0-9A-Z]?)(?P<space>\s*)"
    r"(?P<inward>[0-9] ?[ABD-HJLNP-UW-Z]{2}|[0-9](?:st|nd|rd|th))(?![\w-])",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"[0-9](?:st|nd|rd|th)", re.IGNORECASE)

_LABEL = (
    r"(?:reference|ref|case|incident|crew|account|acc|acct|claim|complaint|customer|client"
    r"|patient|hospital|member|membership|booking|order|ticket|job|log|policy|tenancy|tenant"
    r"|housing|council\s+tax|nhs|ni|national\s+insurance|badge|card|pin|payroll|staff)"
)
_NUMBER_WORD = r"(?:\s*(?:number|num|no|nr|#|id)\b\.?)?"
_REFERENCE = re.compile(
    rf"\b{_LABEL}{_NUMBER_WORD}\s*(?:is|was|:|-|=)?\s*"
    r"(?P<value>[A-Z]{0,4}[-/]?\d[\d/-]*(?:\s\d+)*[A-Z]?)\b",
    re.IGNORECASE,
)
_LONG_NUMBER = re.compile(r"(?<![\d£$€.,])\d{5,}(?![\d%])")

_STREET_TYPES = (
    r"street|st|road|rd|lane|ln|avenue|ave|close|crescent|cres|drive|dr|gardens|gdns|grove"
    r"|place|pl|terrace|terr|way|court|ct|walk|square|sq|hill|park|row|view|mews|rise|green"
    r"|parade|vale|wynd|gate|bank|villas|estate"
)
_NOT_STREET_WORD = (
    r"(?!(?:a|an|the|at|in|on|to|for|of|and|my|our|your|their|his|her|more|or|days?|weeks?"
    r"|months?|years?|hours?|minutes?|times?|people|miles?|pounds|stops?|buses|doors?|steps"
    r"|floors?|flights?|of)\b)"
)
_ADDRESS = re.compile(
    rf"(?<![\w£$€.:/])(?:flat\s+\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+"
    rf"(?:{_NOT_STREET_WORD}[^\W\d_][\w'’-]*\s+){{1,3}}(?:{_STREET_TYPES})\b\.?",
    re.IGNORECASE,
)

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = (
    rf"(?:\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{2,4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+\d{{2,4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}})"
)
_BIRTH_LABEL = r"(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birthday|born(?:\s+on)?|b\.)"
_DATE_OF_BIRTH = re.compile(rf"\b{_BIRTH_LABEL}\s*(?:is|was|:|-)?\s*{_DATE}", re.IGNORECASE)
# A whole date in the twentieth century is a birth date far more often than an appointment.
_OLD_DATE = re.compile(
    r"(?<![\d/.-])\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*19\d{2}(?![\d/.-])"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+19\d{{2}}\b",
    re.IGNORECASE,
)


def postcode_spans(text: str) -> Iterator[tuple[int, int]]:
    """Find postcodes, skipping look-alikes such as "me 5 2nd class stamps".

    A postcode whose last part reads like an ordinal ("EH10 6th") counts when its area has two
    letters and its first part is written as one word, or when it is all in capitals.
    """
    for match in _POSTCODE.finditer(text):
        if _ORDINAL.fullmatch(match["inward"]) and not _partial_postcode(match):
            continue
        yield match.start(), match.end()


def reference_spans(text: str) -> Iterator[tuple[int, int]]:
    """Find labelled reference numbers ("crew no2570") and any run of five or more digits."""
    for match in _REFERENCE.finditer(text):
        if any(character.isdigit() for character in match["value"]):
            yield match.start(), match.end()
    for match in _LONG_NUMBER.finditer(text):
        yield match.start(), match.end()


def address_spans(text: str) -> Iterator[tuple[int, int]]:
    """Find a house number and its street ("12 Church Street", "flat 3, 4 mill ln")."""
    for match in _ADDRESS.finditer(text):
        yield match.start(), match.end()


def date_of_birth_spans(text: str) -> Iterator[tuple[int, int]]:
    """Find dates of birth: a date after "DOB" or "born", or any whole date in the 1900s."""
    for pattern in (_DATE_OF_BIRTH, _OLD_DATE):
        for match in pattern.finditer(text):
            yield match.start(), match.end()


def _partial_postcode(match: re.Match[str]) -> bool:
    outward = match["outward"]
    if match.group().isupper():
        return True
    two_letters = outward[1].isalpha()
    return two_letters and " " not in outward and outward[:2].isupper()
