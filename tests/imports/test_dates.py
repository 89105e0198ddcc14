"""A time column's date format is decided from all its values: ISO, UK or US, with or
without a time; a column that could be either is left for staff to say."""

from datetime import UTC, datetime

import pytest

from app.services.imports.dates import DateOrder, parse_time, read_column


def column(*cells: str):
    return read_column(enumerate(cells, start=2))


def test_one_day_over_12_makes_the_whole_column_month_first():
    dates = column("03/04/2021", "10/17/2021", "01/02/2021")
    assert dates.order == DateOrder.MONTH_FIRST
    assert dates.month_first_row == 3
    assert not dates.ambiguous
    assert parse_time("03/04/2021", dates.order) == datetime(2021, 3, 4, tzinfo=UTC)


def test_one_day_over_12_first_makes_the_whole_column_day_first():
    dates = column("03/04/2021 10:00", "17/10/2021 09:30:00")
    assert dates.order == DateOrder.DAY_FIRST
    # 3 April 2021, 10:00 in London is 09:00 UTC (summer time).
    assert parse_time("03/04/2021 10:00", dates.order) == datetime(2021, 4, 3, 9, tzinfo=UTC)


def test_a_column_with_no_day_over_12_is_ambiguous():
    dates = column("03/04/2021", "01/02/2021", "")
    assert dates.order is None
    assert dates.ambiguous


def test_a_column_with_both_orders_is_conflicting():
    dates = column("17/10/2021", "10/17/2021")
    assert dates.conflicting
    assert (dates.day_first_row, dates.month_first_row) == (2, 3)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2021-10-17", None, datetime(2021, 10, 16, 23, tzinfo=UTC)),
        ("2021-10-17 14:30:00", None, datetime(2021, 10, 17, 13, 30, tzinfo=UTC)),
        ("2021-12-17T14:30:00Z", None, datetime(2021, 12, 17, 14, 30, tzinfo=UTC)),
        ("10/17/2021", DateOrder.MONTH_FIRST, datetime(2021, 10, 16, 23, tzinfo=UTC)),
        (
            "12/17/2021 2:30:00 PM",
            DateOrder.MONTH_FIRST,
            datetime(2021, 12, 17, 14, 30, tzinfo=UTC),
        ),
        ("12/17/2021 12:05 AM", DateOrder.MONTH_FIRST, datetime(2021, 12, 17, 0, 5, tzinfo=UTC)),
        ("17/12/2021 14:30", DateOrder.DAY_FIRST, datetime(2021, 12, 17, 14, 30, tzinfo=UTC)),
        ("2024/07/01 09:01:00", None, datetime(2024, 7, 1, 8, 1, tzinfo=UTC)),
        ("17/12/2021 14:30 UTC", DateOrder.DAY_FIRST, datetime(2021, 12, 17, 14, 30, tzinfo=UTC)),
    ],
)
def test_iso_uk_and_us_dates_are_read_with_or_without_a_time(text, order, expected):
    assert parse_time(text, order) == expected


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("10/17/2021", DateOrder.DAY_FIRST),
        ("31/02/2021", DateOrder.DAY_FIRST),
        ("03/04/2021", None),
        ("13/01/2021 13:00 PM", DateOrder.DAY_FIRST),
        ("soon", DateOrder.DAY_FIRST),
    ],
)
def test_dates_that_do_not_fit_the_column_are_not_read(text, order):
    assert parse_time(text, order) is None
