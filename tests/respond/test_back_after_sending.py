"""Back from the receipt: the pages whose draft went with the send show the receipt again.

Without this, Back from "We have your answers" showed "Check your answers" with every answer
"Not answered" and a Send button, as if the answers had been lost.
"""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Draft, Response
from tests import journey
from tests.factories import create_survey
from tests.pages import get


def _sent_journey(client, slug: str) -> dict[str, str]:
    """Answer and send a two-question survey; return the addresses the resident saw."""
    seen = {"first": get(client, f"/s/{slug}").all("a.govuk-button--start")[0].get("href")}
    page = get(client, seen["first"])
    response = journey.answer(client, page, page.all("input[type=radio]")[0].get("value"))
    seen["second"] = response.headers["Location"]
    page = get(client, seen["second"])
    response = journey.answer(client, page, page.all("input[type=radio]")[0].get("value"))
    page = get(client, response.headers["Location"])
    if page.all("input[name=support]"):  # "How did you answer?", skipped
        response = client.post(page.all("form")[0].get("action"), data=page.form_fields())
    seen["check"] = response.headers["Location"]
    check = get(client, seen["check"])
    assert check.text("h1") == "Check your answers"
    sent = client.post(check.all("form")[0].get("action"), data=check.form_fields())
    assert sent.status_code == 303
    seen["thanks"] = sent.headers["Location"]
    return seen


def test_back_to_check_your_answers_after_sending_shows_the_receipt(client):
    survey = create_survey(questions=2)
    seen = _sent_journey(client, survey.slug)
    back = client.get(seen["check"])
    assert back.status_code == 303
    assert back.headers["Location"] == seen["thanks"]
    assert get(client, back.headers["Location"]).text("h1") == "We have your answers"


def test_back_to_a_later_question_after_sending_shows_the_receipt(client):
    survey = create_survey(questions=2)
    seen = _sent_journey(client, survey.slug)
    back = client.get(seen["second"])
    assert back.status_code == 303
    assert back.headers["Location"] == seen["thanks"]


def test_the_first_question_still_opens_and_answering_again_keeps_the_one_response(client):
    survey = create_survey(questions=2)
    seen = _sent_journey(client, survey.slug)
    first = get(client, seen["first"])
    assert first.status == 200
    again = journey.answer(client, first, first.all("input[type=radio]")[-1].get("value"))
    assert again.status_code == 303
    thanks = journey.send_with_first_answers(client, get(client, again.headers["Location"]))
    assert thanks.text("h1") == "We have your answers"
    receipts = db.session.scalars(select(Response.receipt)).all()
    assert len(receipts) == 1 and seen["thanks"].endswith(f"/thanks/{receipts[0]}")
    # The draft that Back and Continue made again goes with the repeated send.
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
