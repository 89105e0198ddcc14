"""Each survey has a staff page that leads to everything staff do with it."""

from app.services import demo
from tests.factories import create_user
from tests.pages import get
from tests.staff.test_access import sign_in


def test_the_survey_page_leads_to_reports_responses_themes_and_actions(client):
    survey = demo.seed_demo(responses=5)
    sign_in(client, create_user(role="lead"))
    home = get(client, "/staff/")
    page = get(client, home.all(f"a[href='/staff/surveys/{survey.id}']")[0].get("href"))
    assert page.text("h1") == "How well are we working together?"
    assert page.texts(".govuk-summary-list__value")[2] == "5"
    links = page.texts("main ul.govuk-list a")
    for words in ("PDF", "Easy read PDF", "Themes and quotes", "You said, we did",
                  "Download every response (CSV)", "Type in paper forms",
                  "Record a group session", "Import responses from another tool"):  # fmt: skip
        assert words in links
    for link in page.all("main ul.govuk-list a"):
        href = link.get("href")
        if "report" not in href and "responses.csv" not in href:
            assert client.get(href).status_code == 200, href
