"""Take back my answers: a resident's reference number removes their response, and nothing
about other numbers is given away."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Answer, AuditEvent, ReportJob, Response
from app.models.survey import Removal
from app.services import actions
from app.services import reports as report_service
from tests.factories import create_survey
from tests.pages import check_page, get
from tests.staff.test_responses import add_response

REFERENCE = "ABCD23EFGH"


@pytest.fixture
def survey(app_context):
    return create_survey(questions=2, kinds=["single_choice", "free_text"])


def take_back(client, typed: str):
    """Type a number, then press "Yes, take back my answers"; return the last answer."""
    form = get(client, "/take-back-my-answers")
    assert form.status == 200
    sure = check_page(client.post("/take-back-my-answers", data={"reference": typed}))
    if sure.status != 200:
        return sure
    fields = sure.form_fields("form")
    return client.post("/take-back-my-answers/sure", data=fields)


def responses() -> int:
    return db.session.scalar(select(func.count()).select_from(Response))


def test_the_page_explains_in_easy_words_what_to_type(client, survey):
    page = get(client, "/take-back-my-answers")
    assert page.text("h1") == "Take back my answers"
    assert page.text("label[for=reference]") == "Your reference number"
    assert page.text("#reference-hint") == "It looks like ABCD23EFGH."


def test_a_whole_response_is_deleted_and_the_report_changes(client, survey):
    survey.removal = Removal.WHOLE_RESPONSE
    db.session.commit()
    add_response(survey, receipt=REFERENCE, answers=[(1, "Yes"), (2, "My words")])
    add_response(survey, answers=[(1, "No")])
    before = report_service.build(survey.id, output="csv").content
    job = ReportJob(
        survey_id=survey.id, edition="standard", output="csv", status="ready", filters={},
        content=before,
    )  # fmt: skip
    db.session.add(job)
    db.session.commit()
    job_id = job.id

    done = take_back(client, "abcd 23ef-gh")

    assert done.status_code == 303
    page = get(client, done.headers["Location"])
    assert page.text("h1") == "Thank you"
    assert page.text(".heard-taken-back") == (
        "If the number was right, we have taken back your answers."
    )
    db.session.expire_all()
    assert responses() == 1
    assert report_service.build(survey.id, output="csv").content != before
    # A report made before is not handed out again: it still had these answers.
    assert db.session.get(ReportJob, job_id).content is None
    logged = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "response.withdrawn"))
    assert (logged.survey_id, logged.details) == (survey.id, {"removal": "whole_response"})


def test_with_personal_data_removal_the_words_go_and_the_choices_stay(client, survey):
    add_response(survey, receipt=REFERENCE, answers=[(1, "Yes"), (2, "My name is Ann")])
    assert take_back(client, REFERENCE).status_code == 303
    db.session.expire_all()
    assert responses() == 1
    kept = db.session.scalars(select(Answer.text_value).where(Answer.text_value.is_not(None)))
    assert list(kept) == [""]
    assert db.session.scalar(select(Response.receipt)) != REFERENCE
    # The thank-you page of that reference number has gone too.
    assert client.get(f"/s/{survey.slug}/thanks/{REFERENCE}").status_code == 404


def test_a_number_that_is_not_ours_gets_exactly_the_same_answer(app, client, survey):
    add_response(survey, receipt=REFERENCE, answers=[(1, "Yes")])
    other = add_response(survey, answers=[(1, "No")])
    unknown = take_back(client, "ZZZZ99ZZZZ")
    assert responses() == 2
    known = take_back(app.test_client(), other.receipt)
    assert (unknown.status_code, unknown.headers["Location"]) == (
        known.status_code,
        known.headers["Location"],
    )
    assert unknown.get_data() == known.get_data()
    # The page after differs only in its per-request nonce: its words are the same.
    after_known = get(app.test_client(), known.headers["Location"]).text("main")
    assert get(client, unknown.headers["Location"]).text("main") == after_known


@pytest.mark.parametrize("typed", ["", "ABC", "ABCD23EFGH1", "ABCD23EFG<", "ABCD23EFG\x00"])
def test_something_that_is_not_a_reference_number_gets_a_plain_message(client, survey, typed):
    add_response(survey, receipt=REFERENCE, answers=[(1, "Yes")])
    page = take_back(client, typed)
    assert page.status == 400
    assert page.title.startswith("Error: ")
    assert page.text(".govuk-error-summary__list") == (
        "Type your reference number. It has 10 letters and numbers, like ABCD23EFGH."
    )
    assert responses() == 1


def test_a_tampered_confirmation_is_refused_and_removes_nothing(client, survey):
    add_response(survey, receipt=REFERENCE, answers=[(1, "Yes")])
    page = check_page(client.post("/take-back-my-answers/sure", data={"reference": "x" * 500}))
    assert page.status == 400
    assert responses() == 1


def test_one_address_may_try_only_a_few_numbers(app, client, survey):
    app.config["WITHDRAW_TRIES"] = "3 per hour"
    try:
        for _ in range(3):
            assert take_back(client, "ZZZZ99ZZZZ").status_code == 303
        refused = take_back(client, "ZZZZ99ZZZZ")
        assert refused.status_code == 429
        elsewhere = app.test_client().post(
            "/take-back-my-answers/sure",
            data={"reference": "ZZZZ99ZZZZ"},
            environ_base={"REMOTE_ADDR": "192.0.2.7"},
        )
        assert elsewhere.status_code == 303
    finally:
        app.config["WITHDRAW_TRIES"] = "10 per hour"


def test_the_confirmation_and_you_said_we_did_pages_link_to_it(client, survey):
    add_response(survey, receipt=REFERENCE, answers=[(1, "Yes")])
    thanks = get(client, f"/s/{survey.slug}/thanks/{REFERENCE}")
    assert thanks.all(".heard-take-back a")[0].get("href").startswith("/take-back-my-answers")
    actions.create_action(
        survey.id,
        actions.ActionDetails(
            principle_id=survey.framework.principles[0].id,
            theme_id=None,
            you_said="Buses",
            we_did="More buses",
            status="done",
        ),
    )
    page = get(client, f"/s/{survey.slug}/you-said-we-did")
    assert page.all(".heard-take-back a")[0].get("href").startswith("/take-back-my-answers")


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_the_pages_are_in_welsh_and_arabic(app, survey, lang):
    person = app.test_client()
    page = get(person, f"/take-back-my-answers?lang={lang}")
    assert page.document.get("lang") == lang
    assert page.text("h1") != "Take back my answers"
    done = get(person, f"/take-back-my-answers/done?lang={lang}")
    assert done.text("h1") != "Thank you"
