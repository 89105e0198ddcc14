"""The builder's pages through the test client, as a lead: three kinds of question with
principles, pictures and a branch, moved, deleted, the details changed, and the survey's
whole life to the archive. Viewers get 403 and partner users 404 on every builder page and
form. Bad input on every form is in test_builder_bad_input.py."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Option, Question, Survey, SurveyStatus
from app.services import partners
from tests.builder.lead_pages import (
    add,
    count,
    create,
    details,
    form,
    options,
    press,
)
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in


def _add_three_kinds(client, survey: Survey) -> None:
    first = add(
        client,
        survey.id,
        principles=["involve", "work-together"],
        **options("Yes", "No", "Not sure", pictures=("yes", "no", "not-sure")),
    )
    assert first.status_code == 303, check_page(first).text(".govuk-error-summary")
    second = add(
        client,
        survey.id,
        kind="multiple_choice",
        text="What do you do there?",
        easy_read_text="What do you do there?",
        picture_key="people",
        max_choices="2",
        principles="take-action",
        show_if=["1:1", "1:3"],
        **options("Eat lunch", "Meet friends", "None of these", pictures=("food", "friends")),
        **{"option-3-exclusive": "yes"},
    )
    assert second.status_code == 303, check_page(second).text(".govuk-error-summary")
    third = add(
        client,
        survey.id,
        kind="whole_number",
        text="How many days do you go each week?",
        easy_read_text="How many days do you go each week?",
        picture_key="calendar",
        min_number="0",
        max_number="7",
        **options("", ""),
    )
    assert third.status_code == 303, check_page(third).text(".govuk-error-summary")


def test_a_lead_builds_three_kinds_of_question_and_sees_them_in_words(client, lead):
    survey = create(client)
    _add_three_kinds(client, survey)
    page = get(client, f"/staff/surveys/{survey.id}/build")
    listed = page.texts(".heard-builder-questions > li")
    assert listed[0].startswith(
        "1. Do you go to a day centre? Choose one answer: Yes, No, Not sure"
    )
    assert "Principles: Work together with communities" in listed[0]
    assert "Picture: place." in listed[0]
    assert "Choose one or more answers: Eat lunch, Meet friends, None of these" in listed[1]
    assert "Asked only when the answer to question 1 is “Yes” or “Not sure”." in listed[1]
    assert "A whole number" in listed[2] and "Principles: none." in listed[2]
    assert page.text("#untagged") == (
        "1 question has no principle. They will appear under “Other questions” in the report."
    )
    second = db.session.scalars(select(Question).order_by(Question.position)).all()[1]
    assert (second.max_choices, [o.exclusive for o in second.options]) == (2, [False, False, True])
    assert [o.picture_key for o in second.options] == ["food", "friends", ""]
    edit = get(client, f"/staff/surveys/{survey.id}/questions/{second.id}/edit")
    checked = [box.get("value") for box in edit.all("input[name=show_if][checked]")]
    assert checked == ["1:1", "1:3"]
    assert [box.get("value") for box in edit.all("input[name=principles][checked]")] == [
        "take-action"
    ]


def test_a_lead_moves_and_deletes_questions_and_takes_the_survey_to_the_archive(client, lead):
    survey = create(client)
    _add_three_kinds(client, survey)
    third = db.session.scalar(select(Question).where(Question.position == 3))
    assert press(client, survey.id, f"/questions/{third.id}/up").status_code == 303
    db.session.expire_all()
    texts = db.session.scalars(select(Question.text).order_by(Question.position)).all()
    assert texts[1] == "How many days do you go each week?"

    confirm = get(client, f"/staff/surveys/{survey.id}/questions/{third.id}/delete")
    assert confirm.text("h1") == "Delete question 2?"
    deleted = client.post(
        f"/staff/surveys/{survey.id}/questions/{third.id}/delete", data=form(confirm, "/delete")
    )
    assert deleted.status_code == 303
    assert count(Question) == 2 and count(Option) == 6

    changed = details(
        client,
        survey.id,
        easy_read_title="Day centres",
        easy_read_intro="Tell us about day centres.",
        contact="Phone 0191 433 3000",
        picture_key="home",
        **{"closes_on-day": "31", "closes_on-month": "12", "closes_on-year": "2099"},
        save_for_later_allowed="yes",
    )
    assert changed.status_code == 303, check_page(changed).text(".govuk-error-summary")
    db.session.expire_all()
    saved = db.session.get(Survey, survey.id)
    assert (saved.picture_key, saved.closes_on.year, saved.kiosk_allowed) == ("home", 2099, False)

    for step, status in (("open", "Open"), ("close", "Closed")):
        response = press(client, survey.id, f"/{step}")
        assert response.status_code == 303, check_page(response).text(".govuk-error-summary")
        assert status in get(client, f"/staff/surveys/{survey.id}/build").text(
            ".govuk-summary-list"
        )
    reopened = press(client, survey.id, "/reopen", reason="More carers asked to take part")
    assert reopened.status_code == 303
    assert press(client, survey.id, "/close").status_code == 303
    assert press(client, survey.id, "/archive").status_code == 303

    page = get(client, f"/staff/surveys/{survey.id}/build")
    assert "This survey is archived. Nothing in it can be changed." in page.text("#main-content")
    assert page.all("form[action*='/questions/']") == []
    refused = check_page(details(client, survey.id, title="Too late"))
    assert refused.status == 409
    assert "archived" in refused.text(".govuk-error-summary")
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-5:] == [
        "survey.opened", "survey.closed", "survey.reopened", "survey.closed", "survey.archived"
    ]  # fmt: skip
    assert db.session.get(Survey, survey.id).status == SurveyStatus.ARCHIVED


def test_a_copy_is_made_from_the_list_and_opens_in_the_builder(client, lead):
    original = create_survey(questions=2, title="Carers' breaks")
    page = get(client, "/staff/surveys/new")
    data = {**form(page, "/surveys/new"), "start": "copy", "copy_of": str(original.id)}
    assert "Carers' breaks" in page.text("#copy_of")
    response = client.post("/staff/surveys/new", data=data)
    assert response.status_code == 303
    copy = db.session.scalar(select(Survey).where(Survey.title == "Copy of Carers' breaks"))
    assert response.headers["Location"] == f"/staff/surveys/{copy.id}/build"
    assert [q.text for q in copy.questions] == [q.text for q in original.questions]


@pytest.mark.parametrize("action_end", ["/up", "/down", "/delete", "/open", "/archive"])
def test_a_button_pressed_on_an_old_page_changes_nothing(client, lead, action_end):
    survey = create(client)
    for text in ("Do you go to a day centre?", "Do you like the food?"):
        assert add(client, survey.id, text=text, easy_read_text=text).status_code == 303
    first, second = db.session.scalars(select(Question).order_by(Question.position)).all()
    question = first if action_end in ("/down", "/delete") else second
    url = f"/staff/surveys/{survey.id}/" + (
        f"questions/{question.id}{action_end}" if action_end in ("/up", "/down", "/delete")
        else action_end.lstrip("/")
    )  # fmt: skip
    page = get(client, f"/staff/surveys/{survey.id}/build")
    fields = page.form_fields("form[action$='/open']") | {"version": str(survey.version - 1)}
    before = (count(AuditEvent), count(Question))
    refused = check_page(client.post(url, data=fields))
    assert refused.status == 409
    assert "Someone else changed this survey" in refused.text(".govuk-error-summary")
    assert (count(AuditEvent), count(Question)) == before
    db.session.expire_all()
    assert db.session.get(Survey, survey.id).status == SurveyStatus.DRAFT
    assert [q.text for q in db.session.get(Survey, survey.id).questions] == [
        "Do you go to a day centre?", "Do you like the food?"
    ]  # fmt: skip


def test_opening_again_needs_a_reason_and_a_survey_without_questions_cannot_open(client, lead):
    survey = create(client)
    refused = check_page(press(client, survey.id, "/open"))
    assert refused.status == 400
    assert "it has no questions yet" in refused.text(".govuk-error-summary")
    reasons = refused.texts(".govuk-error-summary__list li")
    assert reasons[0] == "it has no questions yet"
    assert len(reasons) == len(set(reasons)) == 2  # each reason once: no questions, no easy read
    assert details(client, survey.id, easy_read_title="Day centres").status_code == 303
    assert add(client, survey.id).status_code == 303
    opened = press(client, survey.id, "/open")
    assert opened.status_code == 303, check_page(opened).text(".govuk-error-summary")
    assert press(client, survey.id, "/close").status_code == 303
    for reason in ("", "   "):
        page = check_page(press(client, survey.id, "/reopen", reason=reason))
        assert page.status == 400
        assert "Say why you are opening the survey again" in page.text(".govuk-error-summary")
    db.session.expire_all()
    assert db.session.get(Survey, survey.id).status == SurveyStatus.CLOSED


def _builder_requests(survey: Survey, question: Question) -> list[tuple[str, str]]:
    base = f"/staff/surveys/{survey.id}"
    question_base = f"{base}/questions/{question.id}"
    pages = ["/staff/surveys/new", f"{base}/build", f"{base}/details", f"{base}/questions/new"]
    pages += [f"{question_base}/edit", f"{question_base}/delete"]
    posts = [*pages[:1], *pages[2:], f"{question_base}/up", f"{question_base}/down"]
    posts += [f"{base}/{step}" for step in ("open", "close", "reopen", "archive", "about-you")]
    return [("GET", url) for url in pages] + [("POST", url) for url in posts]


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("partner", 404)])
def test_viewers_and_partners_never_reach_the_builder(client, role, status):
    survey = create_survey(questions=2, status="draft")
    partner = partners.create_partner(name="Lunch club", contact="Sam", allowed_origins="")
    partners.create_link(partner=partner, survey=survey, label="Poster")
    user = create_user(role=role, partner_id=partner.id if role == "partner" else None)
    sign_in(client, user)
    home = get(client, "/staff/your-links" if role == "partner" else "/staff/")
    token = home.form_fields("form.heard-sign-out")["csrf_token"]
    before = (count(Survey), count(Question), count(AuditEvent), survey.version)
    data = {"csrf_token": token, "version": str(survey.version), "title": "Mine now"}
    data |= {"kind": "free_text", "text": "Mine?", "reason": "Because"}
    answered = [
        (method, url, client.open(url, method=method, data=data).status_code)
        for method, url in _builder_requests(survey, survey.questions[0])
    ]
    assert [row for row in answered if row[2] != status] == []
    db.session.expire_all()
    after = db.session.get(Survey, survey.id)
    assert (count(Survey), count(Question), count(AuditEvent), after.version) == before
