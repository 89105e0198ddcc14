"""The optional last question: how did you answer?"""

from sqlalchemy import select

from app.extensions import db
from app.models import Response, Support
from tests import journey
from tests.factories import create_survey
from tests.pages import check_page, get


def _to_support_page(client, survey):
    page = journey.start(client, survey.slug)
    response = journey.answer(client, page, page.all("input[type=radio]")[0].get("value"))
    return get(client, response.headers["Location"])


def test_the_answer_is_shown_on_check_and_stored_with_the_response(client):
    survey = create_survey(questions=1)
    page = _to_support_page(client, survey)
    assert page.text("h1") == "How did you answer? (optional)"
    assert page.texts(".govuk-radios__label") == [
        "On my own",
        "Someone helped me",
        "Someone answered for me",
    ]
    chosen = client.post(
        page.all("form")[0].get("action"), data={**page.form_fields(), "support": "helped"}
    )
    check = get(client, chosen.headers["Location"])
    assert check.texts(".govuk-summary-list__value")[-1] == "Someone helped me"
    client.post(
        check.all("form[action$='/send']")[0].get("action"),
        data=check.form_fields("form[action$='/send']"),
    )
    assert db.session.scalars(select(Response)).one().support == Support.HELPED


def test_an_answer_that_is_not_an_option_is_refused(client):
    survey = create_survey(questions=1)
    page = _to_support_page(client, survey)
    data = {**page.form_fields(), "support": "robot"}
    refused = check_page(client.post(page.all("form")[0].get("action"), data=data))
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == "Choose one of the options"


def test_skipping_it_stores_no_support(client):
    survey = create_survey(questions=1)
    page = _to_support_page(client, survey)
    check = journey.past_support_question(client, page)
    client.post(
        check.all("form[action$='/send']")[0].get("action"),
        data=check.form_fields("form[action$='/send']"),
    )
    assert db.session.scalars(select(Response)).one().support is None
