"""Tests for reports.redaction: a corpus of synthetic quotes plus unit tests for each kind."""

from __future__ import annotations

import re

import pytest

from reports.redaction import (
    LABELS,
    Redaction,
    Span,
    apply_extra,
    find_spans,
    is_valid_nhs_number,
    merge_spans,
    redact,
)
from tests.reports.redaction_corpus import (
    QUOTES_WITH_PERSONAL_DETAILS,
    QUOTES_WITHOUT_PERSONAL_DETAILS,
)


def covered(result: Redaction, start: int, end: int) -> bool:
    """Say whether [start, end) of the original text lies inside one span."""
    return any(span.start <= start and end <= span.end for span in result.spans)


def test_corpus_has_fifty_of_each() -> None:
    assert len(QUOTES_WITH_PERSONAL_DETAILS) == 50
    assert len(QUOTES_WITHOUT_PERSONAL_DETAILS) == 50
    for quote, details in QUOTES_WITH_PERSONAL_DETAILS:
        assert details
        assert all(detail in quote for detail in details), quote


@pytest.mark.parametrize(("quote", "details"), QUOTES_WITH_PERSONAL_DETAILS)
def test_every_personal_detail_is_removed(quote: str, details: list[str]) -> None:
    result = redact(quote)
    for detail in details:
        assert detail not in result.text, result.text
        for match in re.finditer(re.escape(detail), quote):
            assert covered(result, match.start(), match.end()), detail


def test_clean_quotes_are_almost_all_left_alone(capsys: pytest.CaptureFixture[str]) -> None:
    altered = [quote for quote in QUOTES_WITHOUT_PERSONAL_DETAILS if redact(quote).text != quote]
    assert len(altered) <= 5, altered
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("text", "found", "kind"),
    [
        ("write to a.b-c@example.co.uk today", "a.b-c@example.co.uk", "email"),
        ("ring 07700 900123 please", "07700 900123", "phone"),
        ("ring 0191 433 3000 please", "0191 433 3000", "phone"),
        ("ring +44 191 433 3000 please", "+44 191 433 3000", "phone"),
        ("ring +1 202 555 0143 please", "+1 202 555 0143", "phone"),
        ("ring (0191) 4333000 please", "(0191) 4333000", "phone"),
        ("I live at NE8 1HH now", "NE8 1HH", "postcode"),
        ("I live at ne81hh now", "ne81hh", "postcode"),
        ("I live at SW1A 1AA now", "SW1A 1AA", "postcode"),
        ("I live at sw1a1aa now", "sw1a1aa", "postcode"),
        ("I live at EC1A 1BB now", "EC1A 1BB", "postcode"),
        ("it is AB 12 34 56 C I think", "AB 12 34 56 C", "ni_number"),
        ("it is AB123456C I think", "AB123456C", "ni_number"),
        ("it is 943 476 5919 I think", "943 476 5919", "nhs_number"),
        ("it is 943-476-5919 I think", "943-476-5919", "nhs_number"),
        ("it is 9434765919 I think", "9434765919", "nhs_number"),
        ("my carer Mrs Patel came", "Mrs Patel", "name"),
        ("my carer Mr. John Smith came", "Mr. John Smith", "name"),
        ("my carer Dr Ahmed came", "Dr Ahmed", "name"),
        ("my carer Miss O'Neill came", "Miss O'Neill", "name"),
        ("my carer Ms Lee-Jones came", "Ms Lee-Jones", "name"),
        ("my carer Mx Taylor came", "Mx Taylor", "name"),
        ("my carer Prof Lee came", "Prof Lee", "name"),
        ("my carer Sir Ian came", "Sir Ian", "name"),
        ("my carer Dame Maggie came", "Dame Maggie", "name"),
        ("my carer Cllr Ross came", "Cllr Ross", "name"),
        ("my carer Councillor Ross came", "Councillor Ross", "name"),
        ("my carer Mrs A. Khan came", "Mrs A. Khan", "name"),
        ("my carer Mr McAllister came", "Mr McAllister", "name"),
    ],
)
def test_each_kind_is_found_with_its_label(text: str, found: str, kind: str) -> None:
    result = redact(text)
    start = text.index(found)
    assert result.spans == (Span(start, start + len(found), kind),)
    assert result.text == text.replace(found, LABELS[kind])
    assert result.original == text


def test_span_positions_point_at_the_original_text() -> None:
    text = "Mrs Patel (07700 900123) lives at NE8 1HH, email p@example.com."
    result = redact(text)
    assert [text[s.start : s.end] for s in result.spans] == [
        "Mrs Patel",
        "07700 900123",
        "NE8 1HH",
        "p@example.com",
    ]
    assert [s.kind for s in result.spans] == ["name", "phone", "postcode", "email"]
    assert result.text == (
        "[name removed] ([phone number removed]) lives at [postcode removed], "
        "email [email address removed]."
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Thank you 😊🙏 for listening",
        "شكرا لكم على الاستماع إلينا",
        "I waited 3 weeks and the number 56 bus is late at 10:30, it cost £25 in 2024.",
        "The A1 2nd exit, then 1234567890 is not an NHS number.",
        "I miss Jane and Sister said no.",
        "I saw Dr on Monday at the Dr's surgery.",
    ],
)
def test_text_without_details_survives_unchanged(text: str) -> None:
    result = redact(text)
    assert result.text == text
    assert result.spans == ()


def test_nhs_check_digit() -> None:
    assert is_valid_nhs_number("9434765919")
    assert not is_valid_nhs_number("9434765918")
    assert not is_valid_nhs_number("1234567890")
    assert not is_valid_nhs_number("943476591")
    assert not is_valid_nhs_number("94347659a9")


def test_titled_name_stops_before_a_day_of_the_week() -> None:
    assert redact("Dr Ahmed Monday morning").text == "[name removed] Monday morning"


def test_staff_can_add_their_own_spans() -> None:
    text = "Our son Tom rings Mrs Patel every day."
    result = apply_extra(text, [(8, 11)])
    assert result.text == "Our son [removed] rings [name removed] every day."
    assert Span(8, 11, "staff") in result.spans


def test_staff_spans_merge_with_found_ones() -> None:
    text = "Call Mrs Patel Smith now"
    result = apply_extra(text, [(5, 12)])
    assert result.spans == (Span(5, 20, "name"),)
    assert result.text == "Call [name removed] now"


@pytest.mark.parametrize("span", [(-1, 2), (3, 3), (5, 2), (0, 99)])
def test_staff_spans_outside_the_text_raise(span: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="not inside"):
        apply_extra("short text", [span])


def test_overlapping_spans_merge() -> None:
    spans = [
        Span(5, 10, "phone"),
        Span(0, 3, "name"),
        Span(8, 20, "nhs_number"),
        Span(20, 22, "name"),
    ]
    assert merge_spans(spans) == (
        Span(0, 3, "name"),
        Span(5, 20, "nhs_number"),
        Span(20, 22, "name"),
    )


def test_find_spans_reports_overlaps_before_merging() -> None:
    assert find_spans("") == []
    assert {s.kind for s in find_spans("Dr Ahmed, 943 476 5919")} == {"name", "nhs_number"}
