"""Report filters: a date range, a channel, a partner link or a whole partner, counted in SQL."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

import reports
from app.extensions import db
from app.models import Channel
from reports import FilterInvalid, ResponseFilter
from reports.suppression import published
from tests.factories import create_survey
from tests.reports.builders import add_partner_link, add_response

JULY_1 = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
# 23:30 UTC on 1 July is 00:30 on 2 July in London (summer time).
LATE_JULY_1 = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
JULY_3 = datetime(2026, 7, 3, 9, 0, tzinfo=UTC)
# 23:30 UTC on Sunday 5 July is 00:30 on Monday 6 July in London: the next week.
LATE_JULY_5 = datetime(2026, 7, 5, 23, 30, tzinfo=UTC)


@pytest.fixture
def survey(app_context):
    survey = create_survey(questions=2)
    poster = add_partner_link(survey, name="Age UK", code="age-poster")
    newsletter = add_partner_link(survey, name="Age UK", code="age-news", label="Newsletter")
    foodbank = add_partner_link(survey, name="Foodbank", code="food-leaflet")
    batches = [
        (12, {"link": poster, "submitted_at": JULY_1}),
        (11, {"link": newsletter, "submitted_at": LATE_JULY_1}),
        (10, {"link": foodbank, "submitted_at": JULY_3, "channel": "paper"}),
        (14, {"submitted_at": JULY_3, "channel": "group", "people": 3}),
        (10, {"submitted_at": LATE_JULY_5}),
    ]
    for size, fields in batches:
        for number in range(size):
            answer = "Yes" if number % 2 else "No"
            add_response(survey, options={1: answer, 2: "Yes"}, **fields)
    return survey


_COUNT_BY = {
    "code": "SELECT COUNT(*), SUM(r.people_count) FROM response r JOIN partner_link pl "
    "ON pl.id = r.partner_link_id WHERE r.survey_id = :s AND pl.code = :value",
    "partner": "SELECT COUNT(*), SUM(r.people_count) FROM response r JOIN partner_link pl "
    "ON pl.id = r.partner_link_id WHERE r.survey_id = :s AND pl.partner_id = :value",
}


def _sql_count(survey_id: int, by: str, value) -> tuple[int, int]:
    row = db.session.execute(text(_COUNT_BY[by]), {"s": survey_id, "value": value}).one()
    return row[0], row[1]


def _totals(survey, response_filter: ResponseFilter) -> tuple[str, str]:
    report = reports.build_report(db.engine, survey.id, response_filter=response_filter)
    return report.responses.text, report.people.text


def test_a_partner_link_code_counts_only_that_link(survey):
    expected = _sql_count(survey.id, "code", "age-poster")
    # Shown numbers are rounded to the nearest 5 (reports.suppression.published).
    assert _totals(survey, ResponseFilter(partner_code="age-poster")) == tuple(
        f"{published(n):,}" for n in expected
    )


def test_a_partner_id_counts_every_link_of_that_partner(survey):
    partner_id = db.session.execute(text("SELECT id FROM partner WHERE name = 'Age UK'")).scalar()
    expected = _sql_count(survey.id, "partner", partner_id)
    assert expected == (23, 23)
    report = reports.build_report(
        db.engine, survey.id, response_filter=ResponseFilter(partner_id=partner_id)
    )
    assert (report.responses.text, report.people.text) == ("25", "25")
    assert report.filters == ["Only responses through Age UK's links."]


def test_a_channel_counts_only_that_channel_and_its_people(survey):
    assert _totals(survey, ResponseFilter(channel="group")) == ("15", "40")


def test_dates_are_days_in_london(survey):
    # 47 responses (75 people) up to Sunday 5 July in London, 10 in the week after.
    assert _totals(survey, ResponseFilter(date_to=date(2026, 7, 5))) == ("45", "75")
    assert _totals(survey, ResponseFilter(date_from=date(2026, 7, 6))) == ("10", "10")
    assert _totals(survey, ResponseFilter(date_from=date(2026, 7, 8))) == ("10", "10")


def test_filters_narrow_the_answer_counts_too(survey):
    report = reports.build_report(
        db.engine, survey.id, response_filter=ResponseFilter(partner_code="age-poster")
    )
    question = report.sections[0].questions[0]
    counts = {row.label: row.count.text for row in question.rows}
    assert counts["Yes"] == "fewer than 10"
    assert question.answered.text == "10"
    assert report.filters == ["Only responses through Age UK's link “Poster”."]


def test_filtered_csv_says_which_responses_it_counts(survey):
    data = reports.what_we_heard(
        db.engine,
        survey.id,
        output="csv",
        response_filter=ResponseFilter(date_from=date(2026, 7, 8)),
    ).decode("utf-8-sig")
    words = "Only responses sent from Monday 6 July 2026 (whole weeks, Monday to Sunday)."
    assert f'Notes,Which responses,Text,"{words}"' in data
    assert "How people answered,Total,Responses,10" in data


def test_an_unknown_partner_code_is_an_error_not_an_empty_report(survey):
    with pytest.raises(LookupError, match="no partner link with the code 'nope'"):
        reports.build_report(
            db.engine, survey.id, response_filter=ResponseFilter(partner_code="nope")
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date_from": date(2026, 7, 3), "date_to": date(2026, 7, 1)}, "start date"),
        ({"channel": "carrier pigeon"}, "channel must be one of"),
        # The Sunday of that week would be past the last day Python has.
        ({"date_to": date.max}, "Enter dates as YYYY-MM-DD, up to 9998-12-31"),
        ({"date_from": date(9999, 12, 27)}, "Enter dates as YYYY-MM-DD, up to 9998-12-31"),
    ],
)
def test_a_filter_that_cannot_be_used_says_why(fields, message):
    with pytest.raises(FilterInvalid, match=message):
        ResponseFilter(**fields)


def test_the_report_channels_are_the_channels_responses_come_through():
    # `reports` may not import app.models, so it names the channels itself: they must agree.
    assert tuple(channel.value for channel in Channel) == reports.CHANNELS


def test_a_filter_kept_as_json_comes_back_the_same():
    kept = ResponseFilter(date_from=date(2026, 6, 29), channel="kiosk", partner_id=4)
    assert kept.as_json()["date_from"] == "2026-06-29"
    assert ResponseFilter.from_json(kept.as_json()) == kept
    assert ResponseFilter.from_json(ResponseFilter().as_json()) == ResponseFilter()


def test_the_last_day_a_filter_may_name_widens_without_overflowing():
    latest = ResponseFilter(date_to=reports.filters.LAST_DAY)
    assert latest.date_to == date(9999, 1, 3)
    assert latest.parameters()["filter_to"] == datetime(9999, 1, 4, tzinfo=UTC)


def test_dates_widen_to_whole_weeks_from_monday_to_sunday():
    # A report moved by one day would differ by one day's people: dates move a week at a time.
    chosen = ResponseFilter(date_from=date(2026, 7, 1), date_to=date(2026, 7, 8))
    assert (chosen.date_from, chosen.date_to) == (date(2026, 6, 29), date(2026, 7, 12))
    a_day_earlier = ResponseFilter(date_to=date(2026, 7, 7))
    assert a_day_earlier == ResponseFilter(date_to=date(2026, 7, 8))
