"""Staff preview a draft or open survey as residents will see it; nothing they enter is kept.

Every preview page is checked like any page, says "Preview", follows the survey's branching,
and keeps the display choices; walking the whole preview and pressing "Send" leaves no
draft and no response.
"""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Draft, Response, SurveyStatus
from app.services import partners
from app.services.wording import add_translation
from tests import journey
from tests.factories import create_survey, create_user
from tests.pages import Page, check_page, get
from tests.staff.test_access import sign_in

BANNER = "This is how residents will see this page. Nothing you enter is saved."


@pytest.fixture
def staff(client):
    sign_in(client, create_user(role="lead"))
    return client


def _survey(status: str = "draft"):
    """Question 3 is asked only of people who answer "No" to question 1."""
    survey = create_survey(questions=3, status=status)
    first, _, third = survey.questions
    third.show_if_question_id = first.id
    third.show_if_option_ids = [first.options[1].id]
    db.session.commit()
    return survey


def _preview_page(client, url: str) -> Page:
    page = get(client, url)
    assert page.status == 200, url
    _assert_marked_preview(page)
    return page


def _assert_marked_preview(page: Page) -> None:
    assert page.text(".heard-preview-banner .govuk-tag") == "Preview"
    assert BANNER in page.text(".heard-preview-banner")


def _option(question, label: str) -> str:
    return str(next(o.id for o in question.options if o.label == label))


def _answer(client, page: Page, value: str | None) -> Page:
    """Answer the question on `page`; return the page its redirect leads to."""
    form = page.all("form")[0]
    data = page.form_fields()
    if value is not None:
        data[page.all("input[type=radio]")[0].get("name")] = value
    response = client.post(form.get("action"), data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return _preview_page(client, response.headers["Location"])


def _counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count(Draft.id))),
        db.session.scalar(select(func.count(Response.id))),
    )


def _start(client, survey, query: str = "") -> Page:
    start = _preview_page(client, f"/staff/surveys/{survey.id}/preview{query}")
    return _preview_page(client, start.all("a.govuk-button--start")[0].get("href"))


@pytest.mark.parametrize("status", ["draft", "open"])
def test_a_whole_preview_follows_the_branch_and_writes_nothing(staff, status):
    survey = _survey(status)
    first, second, third = survey.questions
    before = _counts()
    page = _start(staff, survey)
    assert page.text("h1") == "Easy question 1?"
    assert page.text(".heard-question__progress") == "Question 1 of about 3"
    page = _answer(staff, page, _option(first, "No"))
    assert page.text(".heard-question__progress") == "Question 2 of 3"
    page = _answer(staff, page, _option(second, "Yes"))
    assert page.text("h1") == "Easy question 3?"
    support = _answer(staff, page, _option(third, "Sometimes"))
    assert support.text("h1") == "How did you answer? (optional)"
    check = _answer(staff, support, "helped")
    assert check.text("h1") == "Check your answers"
    assert check.texts(".govuk-summary-list__value") == [
        "No",
        "Yes",
        "Sometimes",
        "Someone helped me",
    ]
    send = check.all("form")[0]
    end = check_page(staff.post(send.get("action"), data=check.form_fields()))
    _assert_marked_preview(end)
    assert end.text("h1") == "In a preview, answers are not sent"
    assert end.all("button[disabled]")
    assert _counts() == before


def test_how_did_you_answer_can_be_left_changed_and_refuses_a_made_up_choice(staff):
    survey = _survey()
    address = f"/staff/surveys/{survey.id}/preview/how-you-answered"
    page = _preview_page(staff, address)
    assert page.texts(".govuk-radios__label") == [
        "On my own",
        "Someone helped me",
        "Someone answered for me",
    ]
    left = _answer(staff, page, None)
    assert left.text("h1") == "Check your answers"
    assert left.texts(".govuk-summary-list__value")[-1] == "Not answered"
    change = next(
        a for a in left.all(".govuk-summary-list__actions a") if "how-you" in a.get("href")
    )
    again = _preview_page(staff, change.get("href"))
    made_up = {**again.form_fields(), "support": "by-carrier-pigeon"}
    refused = staff.post(again.all("form")[0].get("action"), data=made_up)
    assert refused.status_code == 400
    assert "Choose one option" in refused.get_data(as_text=True)


def test_an_answer_the_branch_does_not_match_skips_the_question(staff):
    survey = _survey()
    first, second, _ = survey.questions
    page = _answer(staff, _start(staff, survey), _option(first, "Yes"))
    support = _answer(staff, page, _option(second, "No"))
    check = _answer(staff, support, None)
    assert check.texts(".govuk-summary-list__key") == [
        "Easy question 1?",
        "Easy question 2?",
        "How you answered",
    ]


def test_changing_an_answer_reveals_the_branched_question_then_returns_to_check(staff):
    survey = _survey()
    first, second, third = survey.questions
    page = _answer(staff, _start(staff, survey), _option(first, "Yes"))
    check = _answer(staff, _answer(staff, page, _option(second, "Yes")), None)
    change = _preview_page(staff, check.all(".govuk-summary-list__actions a")[0].get("href"))
    page = _answer(staff, change, _option(first, "No"))
    assert page.text("h1") == "Easy question 3?"
    check = _answer(staff, page, _option(third, "Yes"))
    assert check.text("h1") == "Check your answers"
    assert len(check.texts(".govuk-summary-list__key")) == 4


def test_a_required_question_left_empty_shows_the_residents_error(staff):
    survey = _survey()
    page = _start(staff, survey)
    response = staff.post(page.all("form")[0].get("action"), data=page.form_fields())
    assert response.status_code == 400
    error = check_page(response)
    _assert_marked_preview(error)
    assert error.title.startswith("Error: ")


def test_sending_with_a_required_answer_missing_goes_back_to_that_question(staff):
    survey = _survey()
    check = _preview_page(staff, f"/staff/surveys/{survey.id}/preview/check")
    send = check.all("form")[0]
    response = staff.post(send.get("action"), data=check.form_fields())
    assert response.status_code == 303
    assert _preview_page(staff, response.headers["Location"]).text("h1") == "Easy question 1?"


def test_saving_for_later_in_a_preview_saves_nothing(staff):
    survey = _survey()
    before = _counts()
    page = _start(staff, survey)
    save = page.all("button.heard-save-for-later")[0].get("formaction")
    data = {**page.form_fields(), page.all("input[type=radio]")[0].get("name"): "1"}
    end = check_page(staff.post(save, data=data))
    assert end.text("h1") == "In a preview, answers are not saved"
    assert _counts() == before


def test_any_question_can_be_previewed_directly(staff):
    survey = _survey()
    page = _preview_page(staff, f"/staff/surveys/{survey.id}/preview/questions/3")
    assert page.text("h1") == "Easy question 3?"
    assert get(staff, f"/staff/surveys/{survey.id}/preview/questions/4").status == 404


@pytest.mark.parametrize(
    ("query", "differs"),
    [
        ("words=standard", lambda page: page.text("h1")),
        ("lang=cy", lambda page: (page.document.get("lang"), page.text("h1"), page.text("button"))),
        ("size=2", lambda page: page.document.get("class")),
        ("contrast=high", lambda page: page.document.get("class")),
        ("pictures=off", lambda page: len(page.all("main img"))),
    ],
)
def test_a_display_choice_changes_the_preview_as_it_changes_the_resident_page(
    staff, query, differs
):
    survey = _survey("open")
    question = survey.questions[0]
    add_translation(
        entity="question", entity_id=question.id, language="cy", name="easy_read_text",
        text="Cwestiwn hawdd 1?",
    )  # fmt: skip
    resident = journey.start(staff, survey.slug, query)
    preview = _preview_page(staff, f"/staff/surveys/{survey.id}/preview/questions/1?{query}")
    plain = _preview_page(staff, f"/staff/surveys/{survey.id}/preview/questions/1")
    assert differs(preview) == differs(resident)
    assert differs(preview) != differs(plain)
    assert query in preview.all("form")[0].get("action")


def test_a_display_choice_link_keeps_the_preview_and_its_answers(staff):
    survey = _survey()
    first = survey.questions[0]
    page = _answer(staff, _start(staff, survey), _option(first, "No"))
    welsh = next(a for a in page.all(".heard-display__languages a") if a.get("lang") == "cy")
    assert welsh.get("href").startswith(f"/staff/surveys/{survey.id}/preview/questions/2?")
    page = _preview_page(staff, welsh.get("href"))
    assert page.document.get("lang") == "cy"
    assert page.text(".heard-question__progress").endswith("3")  # question 3 is still revealed


def test_a_viewer_may_preview(client):
    sign_in(client, create_user(role="viewer"))
    _preview_page(client, f"/staff/surveys/{_survey().id}/preview")


def test_a_partner_user_is_told_the_preview_is_not_there(client):
    partner = partners.create_partner(name="Carers Centre")
    sign_in(client, create_user(role="partner", partner_id=partner.id))
    assert client.get(f"/staff/surveys/{_survey().id}/preview").status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(f"/staff/surveys/{_survey().id}/preview/questions/1")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in?next=")


@pytest.mark.parametrize("status", [SurveyStatus.CLOSED, SurveyStatus.ARCHIVED])
def test_a_closed_or_archived_survey_has_no_preview(staff, status):
    survey = _survey()
    survey.status = status
    db.session.commit()
    assert staff.get(f"/staff/surveys/{survey.id}/preview").status_code == 404


def test_an_altered_preview_token_is_a_plain_400(staff):
    survey = _survey()
    page = _start(staff, survey)
    token = page.form_fields()["token"]
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = staff.get(f"/staff/surveys/{survey.id}/preview/check?token={altered}")
    assert response.status_code == 400
    data = {**page.form_fields(), "token": altered}
    assert staff.post(page.all("form")[0].get("action"), data=data).status_code == 400


def test_a_preview_token_of_another_survey_is_refused(staff):
    survey, other = _survey(), _survey()
    token = _start(staff, other).form_fields()["token"]
    response = staff.get(f"/staff/surveys/{survey.id}/preview/check?token={token}")
    assert response.status_code == 400


def test_a_preview_cannot_be_framed_or_stored(staff):
    response = staff.get(f"/staff/surveys/{_survey().id}/preview")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"


def test_a_preview_form_without_its_csrf_token_is_refused(staff):
    survey = _survey()
    page = _start(staff, survey)
    data = {k: v for k, v in page.form_fields().items() if k != "csrf_token"}
    assert staff.post(page.all("form")[0].get("action"), data=data).status_code == 400


def test_the_resident_pages_are_not_marked_preview(client):
    survey = _survey("open")
    page = get(client, f"/s/{survey.slug}")
    assert not page.all(".heard-preview-banner")
    assert "Preview" not in page.response.get_data(as_text=True)
