"""Bad input gets a clear message, nothing half-written, never a 500 (docs/bad-input.md)."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Draft, Question
from tests import journey
from tests.factories import closes_yesterday, create_survey
from tests.pages import check_page


def _drafts() -> int:
    return db.session.scalar(select(func.count()).select_from(Draft))


def _post(client, page, value, **extra):
    form = page.all("form")[0]
    data = {**page.form_fields(), **extra}
    name = next(f.get("name") for f in form.cssselect("input,textarea") if f.get("name")[:1] == "q")
    data[name] = value
    return client.post(form.get("action"), data=data)


@pytest.fixture
def text_page(client):
    survey = create_survey(questions=1, kinds=["free_text"])
    return journey.start(client, survey.slug)


@pytest.fixture
def choice_page(client):
    survey = create_survey(questions=2)
    return journey.start(client, survey.slug)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x" * 20001, "Your answer is too long. Make it shorter."),
        ("bad \x00 byte", "Your answer contains a character we cannot accept"),
        ("bell \x07", "Your answer contains a character we cannot accept"),
        ("   \u00a0\u200b ", "Write your answer"),
        ("broken \ufffd", "We could not read some of your answer. Please type it again"),
    ],
)
def test_bad_free_text_is_refused_with_a_plain_message(client, text_page, value, message):
    response = _post(client, text_page, value)
    page = check_page(response)
    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == message
    assert _drafts() == 0


@pytest.mark.parametrize(
    "value",
    ["👩🏽‍🦽 Ŵ مرحبا", "<script>alert(1)</script>", "{{7*7}}", '=HYPERLINK("x")', "😀" * 5000],
)
def test_unusual_but_valid_text_is_kept_exactly(client, text_page, value):
    response = _post(client, text_page, value)
    assert response.status_code == 303
    draft = db.session.scalars(select(Draft)).one()
    assert list(draft.answers.values()) == [{"text": value}]


def test_decomposed_accents_are_stored_composed(client, text_page):
    _post(client, text_page, "cafe\u0301")
    draft = db.session.scalars(select(Draft)).one()
    assert list(draft.answers.values()) == [{"text": "café"}]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["99999"], "Choose one of the options"),
        (["' OR 1=1--"], "Choose one of the options"),
    ],
)
def test_impossible_choices_are_refused(client, choice_page, values, message):
    response = _post(client, choice_page, values)
    page = check_page(response)
    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == message
    assert _drafts() == 0


def test_two_answers_to_a_one_answer_question_are_refused(client, choice_page):
    two = [radio.get("value") for radio in choice_page.all("input[type=radio]")[:2]]
    page = check_page(_post(client, choice_page, two))
    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == "Choose one option"
    assert _drafts() == 0


def test_option_of_another_question_is_refused(client, choice_page):
    other = db.session.scalars(select(Question).where(Question.position == 2)).first()
    response = _post(client, choice_page, str(other.options[0].id))
    assert response.status_code == 400
    assert _drafts() == 0


@pytest.mark.parametrize("token", ["", "forged.token.value", "eyJzIjoxfQ"])
def test_a_missing_or_forged_token_keeps_the_answer_and_stores_nothing(client, text_page, token):
    response = _post(client, text_page, "My answer", token=token)
    page = check_page(response)
    assert page.status == 400
    assert "This page has expired" in page.text(".govuk-error-summary__list")
    assert page.text("textarea") == "My answer"
    assert page.form_fields()["token"] not in ("", token)
    assert _drafts() == 0


def test_a_token_for_another_survey_is_refused(client, text_page):
    other = create_survey(questions=1, kinds=["free_text"])
    other_page = journey.start(client, other.slug)
    response = _post(client, text_page, "Hello", token=other_page.form_fields()["token"])
    assert response.status_code == 400
    assert _drafts() == 0


def test_extra_fields_are_ignored(client, choice_page):
    first_option = choice_page.all("input[type=radio]")[0].get("value")
    response = _post(
        client, choice_page, first_option, survey_id="7", status="published", is_admin="1"
    )
    assert response.status_code == 303
    draft = db.session.scalars(select(Draft)).one()
    assert list(draft.answers.values()) == [{"options": [int(first_option)]}]


def test_a_post_from_another_site_is_refused(client, text_page):
    form = text_page.all("form")[0]
    response = client.post(
        form.get("action"),
        data={**text_page.form_fields(), "q1": "hi"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "This survey cannot be answered from this website" in response.get_data(as_text=True)
    assert _drafts() == 0


def test_json_posts_are_refused(client, text_page):
    form = text_page.all("form")[0]
    response = client.post(form.get("action"), json={"token": "x"})
    assert response.status_code == 415


def test_a_body_over_one_megabyte_is_refused(client, text_page):
    form = text_page.all("form")[0]
    response = client.post(form.get("action"), data={"q": "x" * (1024 * 1024 + 1)})
    assert response.status_code == 413
    assert "Your answers are too long to send" in response.get_data(as_text=True)


def test_get_to_the_send_address_is_not_allowed(client, text_page):
    assert client.get("/s/anything/send?q1=secret").status_code == 405


def test_unknown_draft_and_archived_surveys_are_not_found(client):
    create_survey(slug="drafted", status="draft")
    create_survey(slug="archived", status="archived")
    for slug in ("nope", "drafted", "archived"):
        page = check_page(client.get(f"/s/{slug}"))
        assert page.status == 404
        assert page.text("main p") == "We cannot find this survey"


def test_a_closed_survey_says_when_it_closed(client):
    survey = closes_yesterday(create_survey(slug="closed"))
    page = check_page(client.get(f"/s/{survey.slug}"))
    assert page.status == 410
    assert page.text("main p").startswith("This survey closed on ")


def _send(client, slug, token, address):
    return client.post(
        f"/s/{slug}/send", data={"token": token}, environ_base={"REMOTE_ADDR": address}
    )


def test_thirty_one_sends_in_a_minute_from_one_address_are_slowed_down(client):
    survey = create_survey(questions=1, required=False)
    page = journey.start(client, survey.slug)
    token = page.form_fields()["token"]
    for _ in range(30):
        assert _send(client, survey.slug, token, "10.9.8.7").status_code == 303
    slowed = _send(client, survey.slug, token, "10.9.8.7")
    assert slowed.status_code == 429
    assert int(slowed.headers["Retry-After"]) > 0
    assert "Wait one minute" in slowed.get_data(as_text=True)
    assert _send(client, survey.slug, token, "10.9.8.8").status_code == 303


def test_kiosks_are_never_slowed_down(client):
    from app.services import kiosks

    survey = create_survey(questions=1, required=False)
    kiosk = kiosks.create_kiosk(survey=survey, venue="Library")
    start = client.get(f"/k/{kiosk.key}")
    first = check_page(start).all("a.govuk-button--start")[0].get("href")
    token = check_page(client.get(first)).form_fields()["token"]
    for _ in range(35):
        assert _send(client, survey.slug, token, "10.9.8.9").status_code == 303


def test_a_honeypot_filled_in_again_stores_nothing(client, text_page):
    again = check_page(_post(client, text_page, "Hello", website="https://spam.example"))
    db.session.execute(Draft.__table__.delete())
    db.session.commit()

    response = _post(client, again, "Hello", website="https://spam.example")

    assert response.status_code == 400
    assert "There is a problem sending your answers" in response.get_data(as_text=True)
    assert _drafts() == 0


def test_when_the_database_is_unavailable_the_answer_is_kept_on_the_page(
    client, text_page, monkeypatch
):
    from sqlalchemy.exc import OperationalError

    from app.services import responses

    def unavailable(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(responses, "save_answer", unavailable)
    page = check_page(_post(client, text_page, "My long answer"))
    assert page.status == 503
    assert page.text(".govuk-error-summary__list") == (
        "Your answers have not been sent yet. Please press the button again in a minute"
    )
    assert page.text("textarea") == "My long answer"


def test_when_the_database_is_unavailable_at_send_nothing_is_lost(client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from app.services import responses

    survey = create_survey(questions=1, required=False)
    token = journey.start(client, survey.slug).form_fields()["token"]

    def unavailable(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(responses, "send_answers", unavailable)
    page = check_page(client.post(f"/s/{survey.slug}/send", data={"token": token}))
    assert page.status == 503
    assert page.text("h1") == "Check your answers"
    assert page.all("form[action$='/send'] button")
    monkeypatch.undo()
    assert client.post(f"/s/{survey.slug}/send", data={"token": token}).status_code == 303


@pytest.mark.parametrize("body", ["q1=%C3%28", "q1=%ED%A0%80", "q1=%C0%AF"])
def test_text_that_is_not_valid_utf8_is_refused(client, text_page, body):
    form = text_page.all("form")[0]
    name = form.cssselect("textarea")[0].get("name")
    token = text_page.form_fields()["token"]
    response = client.post(
        form.get("action"),
        data=f"token={token}&{body.replace('q1', name)}",
        content_type="application/x-www-form-urlencoded",
    )
    page = check_page(response)
    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == (
        "We could not read some of your answer. Please type it again"
    )
    assert _drafts() == 0


@pytest.mark.parametrize(
    "value", ["-5", "0", "6", "1e309", "NaN", "12abc", "1_000", "٣", "9" * 5000]
)
def test_impossible_whole_numbers_are_refused(client, value):
    survey = create_survey(questions=1, kinds=["whole_number"])
    page = journey.start(client, survey.slug)
    result = check_page(_post(client, page, value))
    assert result.status == 400
    assert result.text(".govuk-error-summary__list") == "Enter a whole number from 1 to 5"


def test_more_choices_than_allowed_are_refused(client):
    survey = create_survey(questions=1, kinds=["multiple_choice"])
    page = journey.start(client, survey.slug)
    four = [box.get("value") for box in page.all("input[type=checkbox]")[:4]]
    result = check_page(_post(client, page, four))
    assert result.status == 400
    assert result.text(".govuk-error-summary__list") == "Choose up to 3"


def test_none_of_these_cannot_be_chosen_with_other_answers(client):
    survey = create_survey(questions=1, kinds=["multiple_choice"])
    page = journey.start(client, survey.slug)
    boxes = page.all("input[type=checkbox]")
    result = check_page(_post(client, page, [boxes[0].get("value"), boxes[-1].get("value")]))
    assert result.status == 400
    assert "None of these" in result.text(".govuk-error-summary__list")


def test_sending_to_a_survey_that_has_closed_says_so_and_discards_the_draft(client):
    survey = create_survey(questions=1)
    page = journey.start(client, survey.slug)
    radio = page.all("input[type=radio]")[0].get("value")
    journey.answer(client, page, radio)
    assert _drafts() == 1
    closes_yesterday(survey)
    token = page.form_fields()["token"]
    response = client.post(f"/s/{survey.slug}/send", data={"token": token})
    assert response.status_code == 410
    assert "This survey closed on" in response.get_data(as_text=True)
    assert "Your answers were not sent" in response.get_data(as_text=True)
    assert _drafts() == 0
