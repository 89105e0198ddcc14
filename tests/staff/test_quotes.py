"""Staff mark answers as quotes; Heard redacts them; only approved quotes are published."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Answer, Quote, Response
from app.services import quotes
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in
from tests.staff.test_themes import add_free_text_answers

PERSONAL = "Ring me on 07700 900123 or write to jo.bloggs@example.com <b>soon</b>"


@pytest.fixture
def survey(app_context):
    return create_survey(questions=1, kinds=["free_text"])


def _approved_quotes(survey_id: int) -> list[Quote]:
    """Return the approved quotes of a survey, as the report's quotes frame selects them."""
    query = (
        select(Quote)
        .join(Answer, Answer.id == Quote.answer_id)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.survey_id == survey_id, Quote.approved.is_(True))
        .order_by(Quote.id)
    )
    return list(db.session.scalars(query))


def _mark(client, survey, answer):
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    selector = f"#answer-{answer.id} form[action$='/quotes']"
    return client.post(page.all(selector)[0].get("action"), data=page.form_fields(selector))


def _post(client, page, selector: str, **fields):
    form = page.all(selector)[0]
    return client.post(form.get("action"), data={**page.form_fields(selector), **fields})


def test_a_quote_is_stored_with_email_and_phone_number_removed(client, survey, lead):
    (answer,) = add_free_text_answers(survey, [PERSONAL])
    response = _mark(client, survey, answer)
    assert response.status_code == 303
    quote = db.session.scalars(select(Quote)).one()
    assert quote.redacted_text == (
        "Ring me on [phone number removed] or write to [email address removed] <b>soon</b>"
    )
    assert not quote.approved
    page = get(client, response.headers["Location"])
    assert page.texts("#published mark") == ["[phone number removed]", "[email address removed]"]
    assert page.texts("#original mark") == ["07700 900123", "jo.bloggs@example.com"]
    html = page.response.get_data(as_text=True)
    assert "<b>soon</b>" not in html and "&lt;b&gt;soon&lt;/b&gt;" in html
    assert page.all("#published")[0].cssselect("bdi[dir=auto]")


def test_marking_an_answer_twice_keeps_one_quote(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["The day centre is brilliant"])
    first = quotes.mark_as_quote(survey.id, answer.id)
    assert quotes.mark_as_quote(survey.id, answer.id).id == first.id
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    assert page.all(f"#answer-{answer.id} form[action$='/quotes']") == []
    assert page.text(f"#answer-{answer.id} .govuk-tag") == "Quote waiting for approval"


def test_only_approved_quotes_are_published(client, survey, lead):
    waiting, approved = add_free_text_answers(survey, ["Mrs Patel helped me", "Great staff"])
    quotes.mark_as_quote(survey.id, waiting.id)
    second = quotes.mark_as_quote(survey.id, approved.id)
    assert _approved_quotes(survey.id) == []
    page = get(client, f"/staff/surveys/{survey.id}/quotes/{second.id}")
    assert _post(client, page, "form[action$='/approve']").status_code == 303
    published = _approved_quotes(survey.id)
    assert [quote.redacted_text for quote in published] == ["Great staff"]
    assert published[0].approved_by_id == lead.id and published[0].approved_at is not None
    page = get(client, f"/staff/surveys/{survey.id}/quotes/{second.id}")
    assert page.all("form[action$='/approve']") == []
    assert page.text(".govuk-inset-text").startswith(f"Approved by {lead.name} on ")
    listing = get(client, f"/staff/surveys/{survey.id}/quotes")
    assert listing.texts(".govuk-summary-card .govuk-tag") == ["Waiting for approval", "Approved"]
    assert listing.texts(".govuk-summary-card mark") == ["[name removed]"]


def test_staff_remove_more_by_editing_and_a_change_needs_approving_again(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["I live on Acacia Avenue and love the lunch club"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    quotes.approve_quote(survey.id, quote.id, lead)
    page = get(client, f"/staff/surveys/{survey.id}/quotes/{quote.id}")
    edited = "I live on [removed] and love the lunch club. Call 07700 900123"
    response = _post(client, page, f"form[action$='/quotes/{quote.id}']", redacted_text=edited)
    assert response.status_code == 303
    db.session.expire_all()
    stored = db.session.get(Quote, quote.id)
    assert stored.redacted_text == (
        "I live on [removed] and love the lunch club. Call [phone number removed]"
    )
    assert not stored.approved and stored.approved_by_id is None
    assert _approved_quotes(survey.id) == []
    page = get(client, f"/staff/surveys/{survey.id}/quotes/{quote.id}")
    assert page.texts("#published mark") == ["[removed]", "[phone number removed]"]


def test_an_empty_quote_is_refused(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["Brilliant"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    page = get(client, f"/staff/surveys/{survey.id}/quotes/{quote.id}")
    refused = check_page(
        _post(client, page, f"form[action$='/quotes/{quote.id}']", redacted_text="  ")
    )
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == "Enter the words to publish"
    assert db.session.get(Quote, quote.id).redacted_text == "Brilliant"


def test_a_quote_can_be_withdrawn(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["Brilliant"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    page = get(client, f"/staff/surveys/{survey.id}/quotes/{quote.id}")
    assert _post(client, page, "form[action$='/remove']").status_code == 303
    assert db.session.scalars(select(Quote)).all() == []
    assert get(client, f"/staff/surveys/{survey.id}/quotes").texts(".govuk-summary-card") == []


def test_a_quote_belongs_to_its_own_survey(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["Brilliant"])
    other = create_survey(questions=1, kinds=["free_text"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    assert client.get(f"/staff/surveys/{other.id}/quotes/{quote.id}").status_code == 404
    token = get(client, f"/staff/surveys/{other.id}/quotes").form_fields("form.heard-sign-out")
    response = client.post(
        f"/staff/surveys/{other.id}/quotes", data={**token, "answer_id": answer.id}
    )
    assert response.status_code == 404
    assert _approved_quotes(other.id) == []


def test_viewers_read_quotes_but_cannot_approve(client, survey):
    (answer,) = add_free_text_answers(survey, ["Brilliant"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    sign_in(client, create_user(role="viewer"))
    page = get(client, f"/staff/surveys/{survey.id}/quotes/{quote.id}")
    assert page.all("form[action$='/approve']") == []
    token = page.form_fields("form.heard-sign-out")
    response = client.post(f"/staff/surveys/{survey.id}/quotes/{quote.id}/approve", data=token)
    assert response.status_code == 403
    assert _approved_quotes(survey.id) == []
