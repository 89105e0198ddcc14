"""An open survey is shown to residents only between its opening and closing dates."""

from datetime import timedelta

from app.extensions import db
from app.services.builder.lifecycle import council_today
from tests.factories import create_survey
from tests.pages import check_page


def test_an_open_survey_before_its_opening_date_is_not_there_yet(client):
    survey = create_survey(slug="not-yet")
    survey.opens_on = council_today() + timedelta(days=1)
    db.session.commit()
    assert check_page(client.get("/s/not-yet")).status == 404
    assert "not-yet" not in client.get("/").get_data(as_text=True)


def test_an_open_survey_after_its_closing_date_is_closed(client):
    survey = create_survey(slug="past")
    survey.closes_on = council_today() - timedelta(days=1)
    db.session.commit()
    page = check_page(client.get("/s/past"))
    assert page.status == 410
    assert page.text("main p").startswith("This survey closed on ")


def test_an_open_survey_on_its_closing_date_is_still_open(client):
    survey = create_survey(slug="last-day")
    survey.closes_on = council_today()
    db.session.commit()
    assert check_page(client.get("/s/last-day")).status == 200
