"""The one way reports are built: configuration read once, pictures handed over, errors named."""

import csv
import io
from datetime import date

import pytest

from app.services import pictures, reports, surveys
from app.services.errors import NotFound, ServiceError
from tests.factories import create_survey


def test_a_report_is_made_with_the_council_and_threshold_from_configuration(app, app_context):
    survey = create_survey(questions=1)
    app.config.update(COUNCIL_NAME="Testshire Council", REPORT_SUPPRESSION_THRESHOLD=5)
    try:
        made = reports.build(survey.id, output="csv")
    finally:
        app.config.update(COUNCIL_NAME="Gateshead Council", REPORT_SUPPRESSION_THRESHOLD=10)
    rows = list(csv.reader(io.StringIO(made.content.decode("utf-8-sig"))))
    assert ["Notes", "Council", "Text", "Testshire Council"] in rows
    assert any("fewer than 5" in row[-1] for row in rows)
    assert made.media_type == "text/csv"
    assert made.download_name == f"what-we-heard-survey-{survey.id}.csv"
    assert made.attachment


def test_the_easy_read_edition_shows_heard_s_pictures(app_context):
    survey = create_survey(questions=1)
    page = reports.build(survey.id, edition="easy-read", output="html").content.decode("utf-8")
    assert 'class="easy-point heard-picture--people"' in page
    assert '.heard-picture--people { background-image: url("data:image/svg+xml;base64,' in page


def test_a_web_page_report_opens_in_the_browser(app_context):
    survey = create_survey(questions=1)
    assert not reports.build(survey.id, output="html").attachment


def test_the_web_stylesheet_has_every_picture():
    css = reports.stylesheet("easy-read")
    for key in pictures.svgs():
        assert f".heard-picture--{key} {{" in css


def test_an_unknown_survey_or_partner_link_is_not_found(app_context):
    with pytest.raises(NotFound):
        reports.build(999_999)
    survey = create_survey(questions=1)
    with pytest.raises(NotFound, match="no-such-link"):
        reports.build(survey.id, filters=reports.filters_from_query({"partner": "no-such-link"}))


def test_query_string_filters_are_read():
    found = reports.filters_from_query(
        {"from": "2026-07-01", "to": "2026-07-03", "channel": "kiosk", "partner_id": "4"}
    )
    # Dates widen to whole weeks, Monday to Sunday (docs/reporting-method.md).
    assert (found.date_from, found.date_to) == (date(2026, 6, 29), date(2026, 7, 5))
    assert (found.channel, found.partner_id) == ("kiosk", 4)
    assert reports.filters_from_query({}) == reports.filters_from_query({"from": ""})


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "1 July"}, reports.FILTER_HELP),
        ({"partner_id": "-4"}, reports.FILTER_HELP),
        ({"partner_id": "1" * 10_000}, reports.FILTER_HELP),
        ({"from": "2026-07-03", "to": "2026-07-01"}, "The start date must be the same as"),
        ({"channel": "pigeon"}, "The channel must be one of"),
    ],
)
def test_query_string_filters_that_cannot_work_are_explained(query, message):
    with pytest.raises(ServiceError, match=message):
        reports.filters_from_query(query)


def test_a_survey_is_found_by_its_slug_in_any_status(app_context):
    survey = create_survey(slug="meals-2026", status="draft")
    assert surveys.get_by_slug("meals-2026").id == survey.id
    with pytest.raises(NotFound):
        surveys.get_by_slug("no-such-survey")
