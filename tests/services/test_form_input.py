"""Whole numbers and GOV.UK dates typed into forms, read by one set of rules."""

from datetime import date

import pytest

from app.services.errors import ServiceError
from app.services.form_input import (
    NotAWholeNumber,
    an_id,
    govuk_date,
    iso_date,
    whole_number,
    whole_number_between,
)


@pytest.mark.parametrize(("text", "number"), [("7", 7), (" 12 ", 12), ("", None), (None, None)])
def test_a_whole_number_is_read_and_an_empty_box_is_none(text, number):
    assert whole_number(text) == number


@pytest.mark.parametrize("text", ["-1", "1.5", "٣", "1e3", "1" * 10, "seven", "0x10"])
def test_anything_but_plain_digits_is_not_a_whole_number(text):
    with pytest.raises(NotAWholeNumber):
        whole_number(text)


def test_a_number_out_of_range_is_refused_with_the_message():
    with pytest.raises(ServiceError) as refused:
        whole_number_between("501", 2, 500, field="people", message="Enter 2 to 500")
    assert (refused.value.message, refused.value.field) == ("Enter 2 to 500", "people")
    assert whole_number_between("500", 2, 500, field="people", message="x") == 500


def test_an_id_that_is_not_a_number_matches_nothing():
    assert (an_id("12"), an_id(""), an_id("12; drop")) == (12, None, 0)


def test_a_govuk_date_is_read_day_month_year():
    assert govuk_date("27", "3", "2026", field="day") == date(2026, 3, 27)
    assert govuk_date("", " ", "", field="day") is None


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("31", "2", "2026"),
        ("1", "1", "26"),
        ("1", "1", "1999"),
        ("x", "1", "2026"),
        ("1", "", "2026"),
    ],
)
def test_an_impossible_or_partial_date_is_refused_on_its_field(day, month, year):
    with pytest.raises(ServiceError) as refused:
        govuk_date(day, month, year, field="when-day")
    assert refused.value.field == "when-day"


@pytest.mark.parametrize(
    ("typed", "day"),
    [("", None), ("  ", None), (None, None), (" 2026-03-27 ", date(2026, 3, 27))],
)
def test_a_filter_date_is_read_as_yyyy_mm_dd(typed, day):
    assert iso_date(typed, field="to", message="Enter a date") == day


@pytest.mark.parametrize(
    "typed",
    ["27/03/2026", "20260327", "2026-02-30", "2026-3-27", "9999-12-31", "٢٠٢٦-٠٣-٢٧", "x" * 5000],
)
def test_a_filter_date_that_cannot_be_searched_to_is_refused(typed):
    with pytest.raises(ServiceError, match="Enter a date") as refused:
        iso_date(typed, field="to", message="Enter a date")
    assert refused.value.field == "to"
