"""Tests for reports.redaction: a corpus of synthetic quotes plus unit tests for each kind."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.redaction import (
    KIND_NAMES,
    LABELS,
    Choices,
    Redaction,
    Span,
    find_spans,
    is_valid_nhs_number,
    merge_spans,
    redact,
)
from reports.redaction_names import find_names
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
        "The A1 2nd exit, then the M62, junction 4.",
        "I miss my sister and Sister said no.",
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


def test_staff_can_remove_words_of_their_own() -> None:
    text = "Our son at Oak Farm rings Mrs Patel every day."
    result = redact(text, Choices(removed_words=("oak  farm",)))
    assert result.text == "Our son at [removed] rings [name removed] every day."
    assert Span(11, 19, "staff") in result.spans


def test_words_removed_by_staff_merge_with_found_ones() -> None:
    text = "Call Mrs Patel Smith now"
    result = redact(text, Choices(removed_words=("Mrs Patel",)))
    assert result.spans == (Span(5, 20, "name"),)
    assert result.text == "Call [name removed] now"


@pytest.mark.parametrize("words", ["", "   ", "not in it"])
def test_words_not_in_the_text_remove_nothing(words: str) -> None:
    assert redact("short text", Choices(removed_words=(words,))).text == "short text"


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


# Issue 11: what the redactor missed on real feedback, and the new kinds.
@pytest.mark.parametrize(
    ("text", "found", "kind"),
    [
        ("Lynn was so kind", "Lynn", "name"),
        ("lynn was so kind", "lynn", "name"),
        ("Thank you to Lynn Robson.", "Lynn Robson", "name"),
        ("The best carer was Siobhan.", "Siobhan", "name"),
        ("Our carer Will is lovely", "Will", "name"),
        ("Hope helped me with the forms", "Hope", "name"),
        ("Thanks to May Achebe", "May Achebe", "name"),
        ("My social worker, Grace, sorted it", "Grace", "name"),
        ("Bill was brilliant", "Bill", "name"),
        ("Kowalski was great", "Kowalski", "name"),
        ("the nurse, bill, came out", "bill", "name"),
        ("mrs patel is kind", "mrs patel", "name"),
        ("miss wojcik came round", "miss wojcik", "name"),
        ("Crew no2570 came late", "Crew no2570", "reference"),
        ("Incident no 25153582 still open", "Incident no 25153582", "reference"),
        ("my ref is CAS-4471 still", "ref is CAS-4471", "reference"),
        ("account number: 1234 5678 was wrong", "account number: 1234 5678", "reference"),
        ("they wrote 25153582 on it", "25153582", "reference"),
        ("I live in EH10 6th floor", "EH10 6th", "postcode"),
        ("I live at ne8  1hh now", "ne8  1hh", "postcode"),
        ("I live at NE 9 6SX now", "NE 9 6SX", "postcode"),
        ("they went to 12 Church Street instead", "12 Church Street", "address"),
        ("my address is 4 windy nook rd ok", "4 windy nook rd", "address"),
        ("Mum, DOB 12/03/1945, waited", "DOB 12/03/1945", "date_of_birth"),
        ("she was born on 4th March 1938 here", "born on 4th March 1938", "date_of_birth"),
        ("on 03/05/1947 she", "03/05/1947", "date_of_birth"),
    ],
)
def test_issue_eleven_details_are_found(text: str, found: str, kind: str) -> None:
    result = redact(text)
    start = text.index(found)
    assert Span(start, start + len(found), kind) in result.spans, result.spans
    assert LABELS[kind] in result.text


@pytest.mark.parametrize(
    "text",
    [
        "Will someone please fix the ramp?",
        "I will tell my friends. I hope it stays open.",
        "Hope is all we have left some days.",
        "We were given a grace period to pay the bill.",
        "May I say the new staff are very good.",
        "I went in May and again in June.",
        "Bill payments are confusing.",
        "my son will ring you",
        "The Queen Elizabeth Hospital car park is too small.",
        "I waited 45 minutes in Ward 23 for a nurse.",
        "I speak Polish and live in Durham near Chester.",
        "I am a carer for my husband who has MS. Keep going.",
        "I waited 3 weeks at the park and 5 minutes down the road.",
        "We paid £12000 for care, 50% of it.",
        "The A1 2nd exit, then the M6 3rd junction.",
        "my appointment is on 12/03/2025",
        "give me 5 2nd class stamps",
    ],
)
def test_ordinary_words_that_are_also_names_are_left_alone(text: str) -> None:
    assert redact(text).text == text


def test_kind_names_say_what_each_label_stood_for() -> None:
    assert set(KIND_NAMES) == set(LABELS)
    assert KIND_NAMES["phone"] == "phone number"
    assert KIND_NAMES["name"] == "name"


def test_a_survey_keeps_its_staff_names_with_or_without_a_title() -> None:
    text = "Nurse Lynn Robson and Dave were kind, and Dr Patel."
    choices = Choices(kept_names=("lynn robson", "Dr Patel"))
    result = redact(text, choices)
    assert result.text == "Nurse Lynn Robson and [name removed] were kind, and Dr Patel."
    assert [text[s.start : s.end] for s in result.kept] == ["Nurse Lynn Robson", "Dr Patel"]


def test_a_kept_name_keeps_names_only() -> None:
    text = "Ring 07700 900123, ask for Lynn"
    result = redact(text, Choices(kept_names=("07700 900123", "Lynn")))
    assert result.text == "Ring [phone number removed], ask for Lynn"


def test_no_name_is_kept_unless_chosen() -> None:
    assert redact("Lynn was kind").text == "[name removed] was kind"


def test_staff_can_keep_a_found_detail_and_remove_words_by_hand() -> None:
    text = "Our carer Will from Oak Farm rang about Hope Street."
    assert redact(text).text == "Our carer [name removed] from Oak Farm rang about Hope Street."
    choices = Choices(kept_words=("will",), removed_words=("oak farm",))
    result = redact(text, choices)
    assert result.text == "Our carer Will from [removed] rang about Hope Street."
    assert [s.kind for s in result.kept] == ["name"]


def test_words_removed_by_hand_match_whole_words_in_any_case() -> None:
    text = "The zumba class, not zumbathon, ZUMBA is fun"
    result = redact(text, Choices(removed_words=("Zumba",)))
    assert result.text == "The [removed] class, not zumbathon, [removed] is fun"


def test_names_in_a_sentence_are_each_found_once() -> None:
    text = "Thanks to Lynn and Dave, and Mrs A. Khan."
    assert [text[a:b] for a, b in find_names(text)] == ["Lynn", "Dave", "Mrs A. Khan"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_any_text_gives_ordered_spans_inside_it_and_labels_between_them(text: str) -> None:
    result = redact(text)
    assert all(0 <= s.start < s.end <= len(text) for s in result.spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(result.spans))
    for span in result.spans:
        assert LABELS[span.kind] in result.text
