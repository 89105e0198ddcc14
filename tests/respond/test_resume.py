"""Save and come back later, with a link or a code (wrong codes: test_come_back_codes.py)."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update

from app.extensions import db
from app.models import Draft
from app.models.base import utc_now
from app.services import resume
from tests import journey
from tests.factories import create_survey
from tests.pages import check_page, get


@pytest.fixture
def saved(client):
    survey = create_survey(questions=3)
    first = journey.start(client, survey.slug)
    second = get(
        client,
        journey.answer(client, first, first.all("input[type=radio]")[1].get("value")).headers[
            "Location"
        ],
    )
    page = check_page(client.post(f"/s/{survey.slug}/save", data=second.form_fields()))
    return survey, page


def test_saving_gives_a_code_and_a_link_stored_only_as_hashes(saved):
    _, page = saved
    code = page.text(".heard-resume-code").replace(" ", "")
    link = page.text(".heard-resume-link")
    draft = db.session.scalars(select(Draft)).one()
    assert len(code) == 8
    assert code not in (draft.resume_code_hash or "")
    assert link.rsplit("/", 1)[1] not in (draft.resume_token_hash or "")
    assert draft.resume_code_hash and draft.resume_token_hash


def test_the_link_brings_back_the_answers_at_the_next_question(client, saved):
    survey, page = saved
    link = page.text(".heard-resume-link").replace("http://localhost", "")
    response = client.get(link)
    assert response.status_code == 303
    back = get(client, response.headers["Location"])
    assert back.text("h1") == "Easy question 2?"
    first = get(client, back.all(".govuk-back-link")[0].get("href"))
    checked = [r.get("value") for r in first.all("input[type=radio][checked]")]
    assert checked == [str(survey.questions[0].options[1].id)]


def test_the_code_works_with_spaces_and_small_letters(client, saved):
    survey, page = saved
    code = page.text(".heard-resume-code").lower()
    response = client.post(f"/s/{survey.slug}/resume", data={"code": f" {code} "})
    assert response.status_code == 303
    assert "/questions/2" in response.headers["Location"]


@pytest.mark.parametrize("code", ["ABCD2345", "x" * 10000, "' OR 1=1--", "AB\x00CD"])
def test_a_wrong_or_odd_code_gets_a_plain_message(client, saved, code):
    survey, _ = saved
    page = check_page(client.post(f"/s/{survey.slug}/resume", data={"code": code}))
    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == "Enter the code we gave you, like ABCD 2345"


def test_an_old_draft_has_expired(client, saved):
    _, page = saved
    db.session.execute(update(Draft).values(updated_at=utc_now() - timedelta(days=31)))
    db.session.commit()
    link = page.text(".heard-resume-link").replace("http://localhost", "")
    assert client.get(link).status_code == 410
    assert resume.purge_expired_drafts() == 1
    assert db.session.scalars(select(Draft)).all() == []


def test_a_sent_draft_cannot_be_resumed(client, saved):
    _, page = saved
    db.session.execute(delete(Draft))  # sending deletes the draft in the same transaction
    db.session.commit()
    link = page.text(".heard-resume-link").replace("http://localhost", "")
    response = client.get(link)
    assert response.status_code == 410
    assert "This link has expired" in response.get_data(as_text=True)


def test_saving_before_answering_remembers_the_language_the_pages_are_in(client):
    survey = create_survey(questions=1)
    first = journey.start(client, survey.slug, "lang=ar")
    check_page(client.post(f"/s/{survey.slug}/save?lang=ar", data=first.form_fields()))
    assert db.session.scalars(select(Draft.language)).one() == "ar"


def test_carry_on_now_goes_to_the_next_question_in_the_same_language_and_text_size(client):
    survey = create_survey(questions=3)
    first = journey.start(client, survey.slug, "lang=cy&size=2")
    answered = journey.answer(client, first, first.all("input[type=radio]")[0].get("value"))
    second = get(client, answered.headers["Location"])
    save = second.all("button.heard-save-for-later")[0].get("formaction")
    choice = second.all("input[type=radio]")[0]
    data = {**second.form_fields(), choice.get("name"): choice.get("value")}
    page = check_page(client.post(save, data=data))
    carry_on = page.all("a.govuk-button--secondary")[0].get("href")
    assert f"/s/{survey.slug}/questions/3?" in carry_on
    assert "lang=cy" in carry_on and "size=2" in carry_on
    third = get(client, carry_on)
    assert third.document.get("lang") == "cy"


def test_the_saved_page_says_that_saving_again_replaces_the_code(client, saved):
    survey, page = saved
    assert "Only the newest ones work." in page.text("main")
    old_code = page.text(".heard-resume-code")
    question = get(client, page.all("a.govuk-button--secondary")[0].get("href"))
    again = check_page(client.post(f"/s/{survey.slug}/save", data=question.form_fields()))
    assert again.text(".heard-resume-code") != old_code
    refused = client.post(f"/s/{survey.slug}/resume", data={"code": old_code})
    assert refused.status_code == 400
