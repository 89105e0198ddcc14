"""Paper forms and facilitated group sessions go through the resident question pages."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Channel, Response
from tests import journey
from tests.factories import create_survey
from tests.pages import check_page, get


def _answer_and_send(client, first_page):
    page = first_page
    while page.all("input[type=radio][name^='q']"):
        response = journey.answer(client, page, page.all("input[type=radio]")[0].get("value"))
        page = get(client, response.headers["Location"])
    page = journey.past_support_question(client, page)
    send = page.all("form[action$='/send']")[0]
    return client.post(send.get("action"), data=page.form_fields("form[action$='/send']"))


def test_a_paper_form_is_stored_with_channel_paper(client, lead):
    survey = create_survey(questions=2)
    intro = get(client, f"/staff/surveys/{survey.id}/paper")
    form = intro.all("form[action$='/paper/next']")[0]
    started = client.post(form.get("action"), data=intro.form_fields("form[action$='/paper/next']"))
    assert started.status_code == 303
    sent = _answer_and_send(client, get(client, started.headers["Location"]))
    assert sent.status_code == 303
    response = db.session.scalars(select(Response)).one()
    assert response.channel == Channel.PAPER
    assert response.people_count == 1


def _start_group(client, survey, **fields):
    page = get(client, f"/staff/surveys/{survey.id}/group")
    data = {
        **page.form_fields("form[action$='/group']"),
        "people_count": "12",
        "facilitator": "Sam Patel",
        "organisation": "People's Voice",
        "day": "27",
        "month": "3",
        "year": "2026",
        **fields,
    }
    return client.post(f"/staff/surveys/{survey.id}/group", data=data)


def test_a_group_session_records_how_many_people_it_speaks_for(client, lead):
    survey = create_survey(questions=1)
    started = _start_group(client, survey)
    assert started.status_code == 303
    assert _answer_and_send(client, get(client, started.headers["Location"])).status_code == 303
    response = db.session.scalars(select(Response)).one()
    assert response.channel == Channel.GROUP
    assert response.people_count == 12
    assert response.facilitator == "Sam Patel"
    assert response.organisation == "People's Voice"
    assert response.session_date.isoformat() == "2026-03-27"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"people_count": "1"}, "Enter how many people took part, from 2 to 500"),
        ({"people_count": "lots"}, "Enter how many people took part, from 2 to 500"),
        ({"facilitator": "  "}, "Enter the facilitator's name"),
        ({"day": "31", "month": "2"}, "Enter a real date"),
    ],
)
def test_group_session_details_are_checked(client, lead, fields, message):
    survey = create_survey(questions=1)
    page = check_page(_start_group(client, survey, **fields))
    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == message
    assert db.session.scalars(select(Response)).all() == []


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("facilitator", "The facilitator's name must be 200 characters or fewer"),
        ("organisation", "The organisation's name must be 200 characters or fewer"),
    ],
)
def test_a_facilitator_or_organisation_over_200_characters_is_refused_not_cut(
    client, lead, field, message
):
    survey = create_survey(questions=1)
    typed = "A" * 150 + " " + "B" * 50
    page = check_page(_start_group(client, survey, **{field: typed}))
    assert page.status == 400
    assert page.texts(".govuk-error-summary__list a") == [message]
    assert page.all(".govuk-error-summary__list a")[0].get("href") == f"#{field}"
    assert message in page.text(f"#{field}-error")
    assert page.all(f"input#{field}")[0].get("value") == typed
    assert page.all("input#people_count")[0].get("value") == "12"
    assert db.session.scalars(select(Response)).all() == []


def test_a_facilitator_and_organisation_of_200_characters_are_kept_whole(client, lead):
    survey = create_survey(questions=1)
    facilitator, organisation = "F" * 200, "O" * 200
    started = _start_group(
        client, survey, facilitator=f"  {facilitator} ", organisation=f" {organisation}  "
    )
    assert started.status_code == 303
    assert _answer_and_send(client, get(client, started.headers["Location"])).status_code == 303
    response = db.session.scalars(select(Response)).one()
    assert (response.facilitator, response.organisation) == (facilitator, organisation)
