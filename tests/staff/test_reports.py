"""Staff download "what we heard" in every format, and read it in the browser as HTML."""

import csv
import io
from datetime import UTC, datetime

import pytest

from app.services import demo
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.reports.builders import add_response
from tests.staff.test_access import sign_in

DOWNLOADS = [
    ("report.pdf", "application/pdf", "what-we-heard-survey-{id}.pdf", b"%PDF-"),
    (
        "easy-read-report.pdf",
        "application/pdf",
        "what-we-heard-survey-{id}-easy-read.pdf",
        b"%PDF-",
    ),
    ("report.csv", "text/csv", "what-we-heard-survey-{id}.csv", b"\xef\xbb\xbftable,row"),
    (
        "report.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "what-we-heard-survey-{id}.xlsx",
        b"PK",
    ),
]


@pytest.fixture
def signed_in(client):
    sign_in(client, create_user(role="viewer"))
    return client


def test_the_staff_home_links_to_every_report_format(signed_in):
    survey = create_survey(title="Meals <survey>")
    page = get(signed_in, "/staff/")
    links = page.all(".heard-report-links a")
    hrefs = [link.get("href") for link in links]
    assert hrefs == [
        f"/staff/surveys/{survey.id}/report.pdf",
        f"/staff/surveys/{survey.id}/easy-read-report.pdf",
        f"/staff/surveys/{survey.id}/report.html",
        f"/staff/surveys/{survey.id}/report.csv",
        f"/staff/surveys/{survey.id}/report.xlsx",
    ]
    assert page.texts(".heard-report-links a")[1] == (
        "Easy read PDF of “what we heard” for Meals <survey>"
    )


@pytest.mark.parametrize(("path", "mimetype", "name", "start"), DOWNLOADS)
def test_each_download_has_its_type_and_a_name_made_from_ids(
    signed_in, path, mimetype, name, start
):
    survey = create_survey(title='Evil "title"\r\nX-Header: 1')
    response = signed_in.get(f"/staff/surveys/{survey.id}/{path}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.data.startswith(start)
    expected = name.format(id=survey.id)
    assert response.headers["Content-Disposition"] == f"attachment; filename={expected}"


def test_the_html_report_opens_in_the_browser_under_the_staff_csp(signed_in):
    survey = demo.seed_demo(responses=15)
    response = signed_in.get(f"/staff/surveys/{survey.id}/report.html")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "attachment" not in response.headers.get("Content-Disposition", "")
    assert "style-src 'self'" in response.headers["Content-Security-Policy"]
    page = response.get_data(as_text=True)
    assert "<style" not in page and "style=" not in page
    assert '<link rel="stylesheet" href="/staff/report-standard.css">' in page
    assert "What we heard: How well are we working together?" in page
    css = signed_in.get("/staff/report-standard.css")
    assert css.mimetype == "text/css"
    assert "@font-face" not in css.get_data(as_text=True)


def test_the_easy_read_html_links_a_stylesheet_with_every_picture(signed_in):
    survey = create_survey()
    page = signed_in.get(f"/staff/surveys/{survey.id}/easy-read-report.html").get_data(as_text=True)
    assert '<link rel="stylesheet" href="/staff/report-easy-read.css">' in page
    css = signed_in.get("/staff/report-easy-read.css").get_data(as_text=True)
    assert '.heard-picture--survey { background-image: url("data:image/svg+xml;base64,' in css


def test_filters_in_the_query_string_narrow_the_report(signed_in):
    survey = create_survey(questions=1)
    for channel, count in (("online", 48), ("kiosk", 12)):
        for _ in range(count):
            add_response(survey, channel=channel)
    everyone = signed_in.get(f"/staff/surveys/{survey.id}/report.csv").get_data(as_text=True)
    kiosk = signed_in.get(f"/staff/surveys/{survey.id}/report.csv?channel=kiosk").get_data(
        as_text=True
    )

    def total(data: str) -> str:
        rows = csv.DictReader(io.StringIO(data.lstrip("\ufeff")))
        return next(
            r["value"]
            for r in rows
            if (r["table"], r["row"], r["column"]) == ("How people answered", "Total", "Responses")
        )

    assert total(everyone) == "60"
    assert total(kiosk) == "10"
    assert "Only responses sent this way: on a kiosk in a public place." in kiosk


def _cells(data: str) -> dict[tuple[str, str], str]:
    rows = csv.DictReader(io.StringIO(data.lstrip("\ufeff")))
    return {
        (r["row"], r["column"]): r["value"] for r in rows if r["table"] == "How people answered"
    }


def test_a_report_a_day_earlier_does_not_give_away_a_hidden_channel(signed_in):
    # The measured attack: 4 kiosk responses on the last day, hidden as "fewer than 10", were
    # the difference between the report and the same report with ?to= one day earlier.
    survey = create_survey(questions=1)
    for _ in range(30):
        add_response(survey, submitted_at=datetime(2026, 11, 3, 12, tzinfo=UTC))
    for channel, count in (("online", 27), ("kiosk", 4)):
        for _ in range(count):
            add_response(
                survey, channel=channel, submitted_at=datetime(2026, 11, 12, 9, tzinfo=UTC)
            )
    url = f"/staff/surveys/{survey.id}/report.csv"
    everyone = signed_in.get(url).get_data(as_text=True)
    a_day_earlier = signed_in.get(f"{url}?to=2026-11-11").get_data(as_text=True)
    # Dates widen to whole weeks, so the day before is the same report...
    assert _cells(a_day_earlier) == _cells(everyone)
    # ...and a week earlier, every shown number is rounded to 5: the difference is no count.
    a_week_earlier = _cells(signed_in.get(f"{url}?to=2026-11-08").get_data(as_text=True))
    shown = _cells(everyone)
    kiosk = ("On a kiosk in a public place", "Responses")
    assert shown[kiosk] == "*"
    assert (shown["Total", "Responses"], a_week_earlier["Total", "Responses"]) == ("60", "30")
    assert int(shown["Total", "Responses"]) - int(a_week_earlier["Total", "Responses"]) != 4


def test_a_filter_that_leaves_out_a_few_responses_is_refused(signed_in):
    survey = create_survey(questions=1)
    for _ in range(20):
        add_response(survey)
    for _ in range(3):
        add_response(survey, channel="kiosk")
    url = f"/staff/surveys/{survey.id}/report.csv"
    online = signed_in.get(f"{url}?channel=online")
    assert online.status_code == 400
    assert "leave out fewer than 10 responses" in online.get_data(as_text=True)
    kiosk = signed_in.get(f"{url}?channel=kiosk")
    assert kiosk.status_code == 400
    assert "Fewer than 10 responses match these choices" in kiosk.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("from=yesterday", 400, "Enter dates as YYYY-MM-DD"),
        ("from=2026-07-03&to=2026-07-01", 400, "The start date must be the same as or before"),
        ("to=9999-12-31", 400, "Enter dates as YYYY-MM-DD, up to 9998-12-31"),
        ("channel=pigeon", 400, "The channel must be one of"),
        ("partner_id=abc", 400, "a partner as a whole number"),
        ("partner=nope", 404, "no partner link with the code"),
    ],
)
def test_a_bad_filter_gets_a_clear_message_not_a_500(signed_in, query, status, message):
    survey = create_survey()
    response = signed_in.get(f"/staff/surveys/{survey.id}/report.pdf?{query}")
    assert response.status_code == status
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("output", ["pdf", "html", "csv", "xlsx"])
def test_an_end_date_at_the_end_of_the_calendar_is_explained_in_every_format(client, lead, output):
    survey = create_survey(questions=1)
    page = check_page(client.get(f"/staff/surveys/{survey.id}/report.{output}?to=9999-12-31"))
    assert page.status == 400
    assert "Enter dates as YYYY-MM-DD, up to 9998-12-31" in page.text("main")


def test_an_unknown_survey_or_format_is_not_found(signed_in):
    assert signed_in.get("/staff/surveys/999/report.pdf").status_code == 404
    survey = create_survey()
    assert signed_in.get(f"/staff/surveys/{survey.id}/easy-read-report.csv").status_code == 404
    assert signed_in.get(f"/staff/surveys/{survey.id}/report.docx").status_code == 404


@pytest.mark.parametrize(
    "url", ["/staff/surveys/1/report.csv", "/staff/surveys/1/easy-read-report.pdf"]
)
def test_signed_out_visitors_cannot_download_a_report(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in")
