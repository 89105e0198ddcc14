"""Staff see what each redaction was, keep or take out words, set the names a survey keeps,
and every change is checked again before approval (issue 11)."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Quote, Survey
from app.services import quotes
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in
from tests.staff.test_quotes import _approved_quotes, _post
from tests.staff.test_themes import add_free_text_answers

PRAISE = "Lynn was so kind. Crew no2570. Ring 07700 900123 or come to EH10 6th floor"


@pytest.fixture
def survey(app_context):
    return create_survey(questions=1, kinds=["free_text"])


def _quote_page(client, survey, quote):
    return get(client, f"/staff/surveys/{survey.id}/quotes/{quote.id}")


def _stored(quote) -> Quote:
    db.session.expire_all()
    return db.session.get(Quote, quote.id)


def test_each_redaction_is_highlighted_with_what_it_was(client, survey, lead):
    (answer,) = add_free_text_answers(survey, [PRAISE])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    assert _stored(quote).redacted_text == (
        "[name removed] was so kind. [reference number removed]. Ring [phone number removed] "
        "or come to [postcode removed] floor"
    )
    page = _quote_page(client, survey, quote)
    assert page.texts("#original mark") == ["Lynn", "Crew no2570", "07700 900123", "EH10 6th"]
    assert page.texts("#original .heard-quote__kind") == [
        "(name)",
        "(reference number)",
        "(phone number)",
        "(postcode)",
    ]
    assert page.texts("#removed-details tbody mark") == [
        "Lynn",
        "Crew no2570",
        "07700 900123",
        "EH10 6th",
    ]
    assert page.texts("#removed-details tbody td:nth-child(2)") == [
        "Name",
        "Reference number",
        "Phone number",
        "Postcode",
    ]


def test_staff_keep_an_ordinary_word_and_can_take_it_out_again(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["My carer Will is lovely"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    assert _stored(quote).redacted_text == "My carer [name removed] is lovely"
    quotes.approve_quote(survey.id, quote.id, lead)
    page = _quote_page(client, survey, quote)
    response = _post(client, page, "#removed-details form[action$='/keep']")
    assert response.status_code == 303
    stored = _stored(quote)
    assert stored.redacted_text == "My carer Will is lovely"
    assert stored.kept_words == ["Will"]
    assert not stored.approved, "a change needs approving again"
    page = _quote_page(client, survey, quote)
    assert page.texts("#kept-details tbody td:nth-child(1)") == ["Will"]
    assert "Someone chose to keep it." in page.text("#kept-details tbody")
    assert _post(client, page, "#kept-details form[action$='/put-back']").status_code == 303
    assert _stored(quote).redacted_text == "My carer [name removed] is lovely"
    assert _stored(quote).kept_words == []


def test_staff_take_out_more_words_everywhere_and_can_put_them_back(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["The Oakfield group is great, oakfield rocks"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    page = _quote_page(client, survey, quote)
    response = _post(
        client, page, "form[action$='/take-out']:not(.heard-inline-form)", words="Oakfield"
    )
    assert response.status_code == 303
    assert _stored(quote).redacted_text == "The [removed] group is great, [removed] rocks"
    page = _quote_page(client, survey, quote)
    assert page.texts("#removed-details tbody td:nth-child(2)") == ["Removed by staff"]
    assert _post(client, page, "#removed-details form[action$='/put-back']").status_code == 303
    assert _stored(quote).redacted_text == "The Oakfield group is great, oakfield rocks"


def test_words_not_in_the_quote_are_refused_with_a_message(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["Brilliant day centre"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    page = _quote_page(client, survey, quote)
    selector = "form[action$='/take-out']:not(.heard-inline-form)"
    for words, message in [
        ("  ", "Enter the words to take out"),
        ("lunch club", "Enter words exactly as they are in the quote"),
    ]:
        refused = check_page(_post(client, page, selector, words=words))
        assert refused.status == 400
        assert refused.text(".govuk-error-summary__list") == message
        assert refused.text("#words-error").endswith(message)
    token = page.form_fields("form.heard-sign-out")
    url = f"/staff/surveys/{survey.id}/quotes/{quote.id}/keep"
    refused = check_page(client.post(url, data={**token, "words": "Brilliant"}))
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == (
        "Choose words that were taken out of this quote"
    )
    assert _stored(quote).redacted_text == "Brilliant day centre"
    assert _stored(quote).kept_words == []


def test_an_edited_quote_is_checked_again_and_shows_what_was_found(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["Great lunch club"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    quotes.approve_quote(survey.id, quote.id, lead)
    page = _quote_page(client, survey, quote)
    edited = "Great lunch club, thanks to Siobhan. Ref 88812345"
    _post(client, page, f"form[action$='/quotes/{quote.id}']", redacted_text=edited)
    stored = _stored(quote)
    assert stored.edited_text == edited
    assert stored.redacted_text == (
        "Great lunch club, thanks to [name removed]. [reference number removed]"
    )
    assert not stored.approved
    page = _quote_page(client, survey, quote)
    assert page.texts("#original mark") == ["Siobhan", "Ref 88812345"]
    assert page.text("h2:nth-of-type(1)") == "Your wording, as Heard checked it"


def test_approval_checks_the_quote_again_and_refuses_if_the_words_change(client, survey, lead):
    survey.kept_names = ["Lynn"]
    db.session.commit()
    (answer,) = add_free_text_answers(survey, ["Lynn was so kind"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    assert _stored(quote).redacted_text == "Lynn was so kind"
    page = _quote_page(client, survey, quote)
    db.session.get(Survey, survey.id).kept_names = []  # changed behind the page's back
    db.session.commit()
    refused = check_page(_post(client, page, "form[action$='/approve']"))
    assert refused.status == 409
    assert refused.text(".govuk-error-summary__list") == quotes.RECHECKED
    assert refused.texts("#published mark") == ["[name removed]"]
    assert _approved_quotes(survey.id) == []
    assert _stored(quote).redacted_text == "[name removed] was so kind"
    page = _quote_page(client, survey, quote)
    assert _post(client, page, "form[action$='/approve']").status_code == 303
    assert [q.redacted_text for q in _approved_quotes(survey.id)] == ["[name removed] was so kind"]


def test_a_survey_keeps_no_names_until_a_lead_lists_them(client, survey, lead):
    assert survey.kept_names == []
    praise, other = add_free_text_answers(
        survey, ["Nurse Lynn Robson was kind", "Dave and Lynn Robson helped"]
    )
    first = quotes.mark_as_quote(survey.id, praise.id)
    second = quotes.mark_as_quote(survey.id, other.id)
    quotes.approve_quote(survey.id, first.id, lead)
    listing = get(client, f"/staff/surveys/{survey.id}/quotes")
    assert listing.text("#kept-names-summary").startswith("This survey keeps no staff names")
    page = get(client, f"/staff/surveys/{survey.id}/quotes/kept-names")
    response = _post(client, page, "form[action$='/kept-names']", kept_names="lynn robson\n\n")
    assert response.status_code == 303
    listing = check_page(client.get(response.headers["Location"]))
    assert listing.text(".govuk-notification-banner").endswith(
        "Names saved. 2 quotes changed and need approving again."
    )
    assert "lynn robson" in listing.text("#kept-names-summary")
    assert _stored(first).redacted_text == "Nurse Lynn Robson was kind"
    assert not _stored(first).approved
    assert _stored(second).redacted_text == "[name removed] and Lynn Robson helped"
    page = _quote_page(client, survey, second)
    assert "The survey keeps this name." in page.text("#kept-details tbody")
    other_survey = create_survey(questions=1, kinds=["free_text"])
    (elsewhere,) = add_free_text_answers(other_survey, ["Lynn Robson was kind"])
    assert quotes.mark_as_quote(other_survey.id, elsewhere.id).redacted_text == (
        "[name removed] was kind"
    )


def test_kept_names_that_are_too_long_are_refused(client, survey, lead):
    page = get(client, f"/staff/surveys/{survey.id}/quotes/kept-names")
    refused = check_page(_post(client, page, "form[action$='/kept-names']", kept_names="x" * 101))
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == "Each name must be 100 characters or fewer"
    assert db.session.get(Survey, survey.id).kept_names == []


def test_viewers_see_kept_names_but_cannot_change_them(client, survey):
    survey.kept_names = ["Lynn Robson"]
    db.session.commit()
    sign_in(client, create_user(role="viewer"))
    page = get(client, f"/staff/surveys/{survey.id}/quotes/kept-names")
    assert page.texts("#kept-names li") == ["Lynn Robson"]
    assert page.all("form[action$='/kept-names']") == []


def test_every_choice_is_audited(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["My carer Will is lovely"])
    quote = quotes.mark_as_quote(survey.id, answer.id)
    page = _quote_page(client, survey, quote)
    _post(client, page, "#removed-details form[action$='/keep']")
    page = get(client, f"/staff/surveys/{survey.id}/quotes/kept-names")
    _post(client, page, "form[action$='/kept-names']", kept_names="Will")
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert [a for a in actions if a.startswith(("quote.", "survey.kept"))] == [
        "quote.mark",
        "quote.keep_words",
        "survey.kept_names",
    ]
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "quote.keep_words"))
    (event,) = events.all()
    assert event.user_id == lead.id and event.details["words"] == "Will"
