"""No hidden number can be worked out by comparing two reports (issue 11, part 2).

The property test builds small random surveys as lists of responses, makes the reports Heard
offers (no filter, whole weeks, each channel, each partner, each partner link, and a partner's
own page) and, for a pair of them, looks for a second survey that publishes exactly the same two
reports but has a different value in a hidden cell. Finding one proves that the hidden value is
not the only one consistent with both reports. The second survey is searched for near the
first: one response moved to another channel, link, week or answer, or one more or one fewer.

Each report's principle comparison (by channel and by partner) is among its numbers: a line it
leaves out counts as hidden. The reports are made by the real analysis
(`reports.analysis.report`) from frames that `subtraction_model.py` builds the way
`reports.frames` counts them in SQL, so thousands of reports take seconds. Every format (PDF,
HTML, CSV, XLSX) is a rendering of that one `Report`, so they publish the same numbers.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports import suppression
from reports.filters import ResponseFilter
from tests.reports.subtraction_model import (
    REPORTS,
    WEEKS,
    Person,
    assert_no_hidden_value_is_unique,
    forget_published,
    published,
    surveys,
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    survey=surveys,
    first=st.sampled_from(REPORTS),
    second=st.sampled_from(REPORTS),
)
def test_no_two_reports_leave_a_hidden_number_with_only_one_possible_value(survey, first, second):
    assert_no_hidden_value_is_unique(survey, first, second)


# A survey the search found when rounding was switched off: every shown number exact.
KEPT_SURVEY = [
    (2, 5, "group", 3, None, 3), (0, 2, "group", 3, 102, 3), (2, 3, "kiosk", None, 101, 1),
    (2, 2, "group", None, 103, 1), (1, 1, "online", 2, 102, 1), (0, 3, "group", None, 103, 1),
    (2, 2, "group", None, None, 3), (0, 1, "kiosk", None, None, 1),
    (2, 3, "online", None, 102, 1), (0, 6, "online", 3, 102, 1), (0, 0, "group", 1, None, 1),
    (2, 0, "group", 2, 101, 1), (0, 1, "group", 1, 103, 3), (1, 2, "group", 3, 102, 3),
    (0, 3, "group", 1, 103, 1), (1, 5, "group", 3, 101, 3), (0, 1, "online", 3, 103, 3),
    (2, 5, "online", 1, 102, 1), (0, 4, "group", 2, 101, 1), (2, 5, "kiosk", 2, 101, 1),
    (0, 2, "kiosk", 3, 101, 1), (2, 2, "online", 2, 103, 1), (1, 5, "kiosk", 1, 103, 1),
    (1, 5, "online", 3, None, 3), (0, 1, "group", None, 101, 1), (0, 1, "kiosk", 1, 101, 1),
    (1, 1, "online", 2, 101, 3), (0, 5, "online", None, None, 1), (1, 0, "kiosk", 3, 102, 1),
    (0, 2, "kiosk", 3, 103, 3), (0, 1, "group", 3, 103, 1), (2, 2, "online", 2, None, 3),
    (0, 3, "group", 2, None, 1), (2, 6, "kiosk", 3, 102, 1), (0, 6, "kiosk", None, 103, 1),
    (0, 5, "kiosk", 1, 101, 1), (1, 5, "kiosk", None, None, 1),
]  # fmt: skip


def test_without_rounding_the_search_finds_a_hidden_number_only_one_survey_fits(monkeypatch):
    # The kiosk-only report and Carers Trust's report both hide the kiosk responses through
    # Carers Trust's links; with exact numbers around them, no nearby survey fits both.
    survey = [Person(*row) for row in KEPT_SURVEY]
    pair = (ResponseFilter(channel="kiosk"), ResponseFilter(partner_id=11))
    assert_no_hidden_value_is_unique(survey, *pair)
    monkeypatch.setattr(suppression, "published", int)
    forget_published()
    with pytest.raises(AssertionError, match="Hidden numbers that only one survey fits"):
        assert_no_hidden_value_is_unique(survey, *pair)
    forget_published()


def _larger_survey() -> list[Person]:
    """Return a survey big enough for comparison lines to show, with a small kiosk line."""
    rows = []
    # Counts of 15 stay 15 one response either way, so nearby surveys can publish the same.
    for n in range(30):
        rows.append(Person(n % WEEKS, n % 7, "online", 1, (101, 104)[n // 15]))
        rows.append(Person(n % WEEKS, n % 7, "group", 3, (102, 105)[n // 15]))
    rows += [Person(1, 2, "kiosk", None, 101), Person(2, 3, "kiosk", None, 105)]
    return rows


@pytest.mark.parametrize(
    "pair",
    [
        (ResponseFilter(), ResponseFilter(channel="kiosk")),
        (ResponseFilter(), ResponseFilter(partner_id=10)),
    ],
    ids=["all-kiosk", "all-age-uk"],
)
def test_comparison_lines_left_out_cannot_be_worked_out_from_another_report(pair):
    survey = _larger_survey()
    cells, _ = published(survey, ResponseFilter())
    shown = [key for key, value in cells.items() if key.startswith("compare/") and value]
    assert shown, "the survey must show some comparison lines for the test to mean anything"
    assert_no_hidden_value_is_unique(survey, *pair)
