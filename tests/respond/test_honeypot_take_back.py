"""The honeypot on the take-back pages and the kiosk's Start again: a form filler gets one
more press on the take-back pages, as on the journey's (BAD-45), and the kiosk's Start again
refuses with a plain 400. Filling it in on these pages was a 500: the error page asked which
words to show for a page that had none (KeyError)."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Response
from tests.factories import create_survey
from tests.pages import check_page, get
from tests.reports.builders import add_response

SPAM = {"website": "https://spam.example"}


def _sent(survey) -> Response:
    response = add_response(survey, texts={1: "The bus to Felling is always late"})
    db.session.commit()
    return response


def _responses() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Response))


def test_a_filled_in_field_on_the_number_page_asks_for_one_more_press(client, app_context):
    survey = create_survey(questions=1, kinds=["free_text"])
    receipt = _sent(survey).receipt
    page = get(client, "/take-back-my-answers")

    again = check_page(client.post("/take-back-my-answers", data={"reference": receipt, **SPAM}))

    assert again.status == 200
    assert again.text(".heard-press-again") == "Please press Continue again."
    assert again.all("input[name=reference]")[0].get("value") == receipt
    assert again.all("input[name=asked_again]")
    assert page.all("input[name=website]")


def test_a_filled_in_field_on_are_you_sure_takes_nothing_back_and_asks_again(client, app_context):
    survey = create_survey(questions=1, kinds=["free_text"])
    receipt = _sent(survey).receipt

    again = check_page(
        client.post("/take-back-my-answers/sure", data={"reference": receipt, **SPAM})
    )

    assert again.status == 200
    assert again.text("h1") == "Are you sure?"
    assert again.text(".heard-press-again") == "Please press Yes, take back my answers again."
    assert _responses() == 1
    fields = again.form_fields()
    assert client.post("/take-back-my-answers/sure", data=fields).status_code == 303
    refused = client.post("/take-back-my-answers/sure", data={**fields, **SPAM})
    assert refused.status_code == 400


def test_filled_in_again_is_refused_with_a_plain_400(client, app_context):
    survey = create_survey(questions=1, kinds=["free_text"])
    receipt = _sent(survey).receipt
    data = {"reference": receipt, "asked_again": "1", **SPAM}

    for address in ("/take-back-my-answers", "/take-back-my-answers/sure"):
        refused = check_page(client.post(address, data=data))
        assert refused.status == 400
        assert "There is a problem sending your answers" in refused.text("main")
    assert _responses() == 1


def test_the_kiosks_start_again_with_the_field_filled_in_is_a_plain_400(client, kiosk):
    refused = check_page(client.post(f"/k/{kiosk.key}/start-again", data=SPAM))

    assert refused.status == 400
    assert "There is a problem sending your answers" in refused.text("main")
