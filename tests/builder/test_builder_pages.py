"""The builder's pages through the test client, as a lead: three kinds of question with
principles, pictures and a branch, moved, deleted, the details changed, and the survey's
whole life to the archive; then every form with bad input (docs/bad-input.md): a plain
message, status 400 or 409, what was typed kept, and nothing half-written. Viewers get 403
and partner users 404 on every builder page and form."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Option, Question, Survey, SurveyStatus
from app.services import partners
from app.services.frameworks import load_all_frameworks
from tests.factories import create_survey, create_user
from tests.pages import Page, check_page, get
from tests.staff.test_access import sign_in

SCRIPT = "<script>alert(1)</script>"
LONG = "x" * 10_000


@pytest.fixture
def lead(client):
    load_all_frameworks()
    user = create_user(role="lead")
    sign_in(client, user)
    return user


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def _survey_changes() -> int:
    """Count audit rows of survey changes (sign-ins are recorded too)."""
    db.session.expire_all()
    query = select(func.count()).select_from(AuditEvent).where(AuditEvent.subject != "user")
    return db.session.scalar(query)


def _form(page: Page, action_end: str) -> dict:
    return page.form_fields(f"form[action$='{action_end}']")


def _create(client, title: str = "Day centres in Gateshead") -> Survey:
    page = get(client, "/staff/surveys/new")
    data = {**_form(page, "/surveys/new"), "title": title}
    data["framework_key"] = "working-together-for-change"
    response = client.post("/staff/surveys/new", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    survey = db.session.scalar(select(Survey).order_by(Survey.id.desc()))
    assert response.headers["Location"] == f"/staff/surveys/{survey.id}/build"
    return survey


def _options(*labels: str, pictures: tuple[str, ...] = ()) -> dict:
    fields = {}
    for number, label in enumerate(labels, start=1):
        fields[f"option-{number}-label"] = label
        if number <= len(pictures):
            fields[f"option-{number}-picture_key"] = pictures[number - 1]
    return fields


def _post_question(client, survey_id: int, url_end: str = "questions/new", **fields):
    url = f"/staff/surveys/{survey_id}/{url_end}"
    page = get(client, url)
    data = {**_form(page, url_end), "required": "yes", **fields}
    return client.post(url, data=data)


def _add(client, survey_id: int, **fields):
    defaults = {
        "kind": "single_choice",
        "text": "Do you go to a day centre?",
        "easy_read_text": "Do you go to a day centre?",
        "picture_key": "place",
        **_options("Yes", "No"),
    }
    return _post_question(client, survey_id, **(defaults | fields))


def _press(client, survey_id: int, action_end: str, **fields):
    """Press a button of the builder overview, with the version the page showed."""
    page = get(client, f"/staff/surveys/{survey_id}/build")
    data = {**_form(page, action_end), **fields}
    return client.post(f"/staff/surveys/{survey_id}/{action_end.lstrip('/')}", data=data)


def _details(client, survey_id: int, **fields):
    page = get(client, f"/staff/surveys/{survey_id}/details")
    form = page.all("form[action$='/details']")[0]
    data = {i.get("name"): i.get("value", "") for i in form.cssselect("input") if i.get("name")}
    data = {k: v for k, v in data.items() if k not in ("kiosk_allowed", "save_for_later_allowed")}
    for select_box in form.cssselect("select"):
        chosen = select_box.cssselect("option[selected]")
        data[select_box.get("name")] = chosen[0].get("value") if chosen else ""
    return client.post(f"/staff/surveys/{survey_id}/details", data=data | fields)


def _add_three_kinds(client, survey: Survey) -> None:
    first = _add(
        client,
        survey.id,
        principles=["involve", "work-together"],
        **_options("Yes", "No", "Not sure", pictures=("yes", "no", "not-sure")),
    )
    assert first.status_code == 303, check_page(first).text(".govuk-error-summary")
    second = _add(
        client,
        survey.id,
        kind="multiple_choice",
        text="What do you do there?",
        easy_read_text="What do you do there?",
        picture_key="people",
        max_choices="2",
        principles="take-action",
        show_if=["1:1", "1:3"],
        **_options("Eat lunch", "Meet friends", "None of these", pictures=("food", "friends")),
        **{"option-3-exclusive": "yes"},
    )
    assert second.status_code == 303, check_page(second).text(".govuk-error-summary")
    third = _add(
        client,
        survey.id,
        kind="whole_number",
        text="How many days do you go each week?",
        easy_read_text="How many days do you go each week?",
        picture_key="calendar",
        min_number="0",
        max_number="7",
        **_options("", ""),
    )
    assert third.status_code == 303, check_page(third).text(".govuk-error-summary")


def test_a_lead_builds_three_kinds_of_question_and_sees_them_in_words(client, lead):
    survey = _create(client)
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
    survey = _create(client)
    _add_three_kinds(client, survey)
    third = db.session.scalar(select(Question).where(Question.position == 3))
    assert _press(client, survey.id, f"/questions/{third.id}/up").status_code == 303
    db.session.expire_all()
    texts = db.session.scalars(select(Question.text).order_by(Question.position)).all()
    assert texts[1] == "How many days do you go each week?"

    confirm = get(client, f"/staff/surveys/{survey.id}/questions/{third.id}/delete")
    assert confirm.text("h1") == "Delete question 2?"
    deleted = client.post(
        f"/staff/surveys/{survey.id}/questions/{third.id}/delete", data=_form(confirm, "/delete")
    )
    assert deleted.status_code == 303
    assert _count(Question) == 2 and _count(Option) == 6

    changed = _details(
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
        response = _press(client, survey.id, f"/{step}")
        assert response.status_code == 303, check_page(response).text(".govuk-error-summary")
        assert status in get(client, f"/staff/surveys/{survey.id}/build").text(
            ".govuk-summary-list"
        )
    reopened = _press(client, survey.id, "/reopen", reason="More carers asked to take part")
    assert reopened.status_code == 303
    assert _press(client, survey.id, "/close").status_code == 303
    assert _press(client, survey.id, "/archive").status_code == 303

    page = get(client, f"/staff/surveys/{survey.id}/build")
    assert "This survey is archived. Nothing in it can be changed." in page.text("#main-content")
    assert page.all("form[action*='/questions/']") == []
    refused = check_page(_details(client, survey.id, title="Too late"))
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
    data = {**_form(page, "/surveys/new"), "start": "copy", "copy_of": str(original.id)}
    assert "Carers' breaks" in page.text("#copy_of")
    response = client.post("/staff/surveys/new", data=data)
    assert response.status_code == 303
    copy = db.session.scalar(select(Survey).where(Survey.title == "Copy of Carers' breaks"))
    assert response.headers["Location"] == f"/staff/surveys/{copy.id}/build"
    assert [q.text for q in copy.questions] == [q.text for q in original.questions]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "Enter a title for the survey"),
        ({"title": "   "}, "Enter a title for the survey"),
        ({"title": LONG}, "200 characters or fewer"),
        ({"framework_key": "not-a-framework"}, "Choose one of the frameworks"),
        ({"framework_key": SCRIPT}, "Choose one of the frameworks"),
        ({"start": "copy", "copy_of": "999999"}, "We cannot find this survey"),
        ({"start": "copy", "copy_of": SCRIPT}, "We cannot find this survey"),
        ({"start": "nothing"}, "Choose how to start the survey"),
    ],
)
def test_a_survey_that_cannot_start_gets_a_message_and_nothing_is_created(
    client, lead, fields, message
):
    page = get(client, "/staff/surveys/new")
    data = {**_form(page, "/surveys/new"), "framework_key": "working-together-for-change"}
    refused = check_page(client.post("/staff/surveys/new", data={**data, "title": "Fine"} | fields))
    assert refused.status == 400
    assert message in refused.text(".govuk-error-summary")
    assert _count(Survey) == 0 and _survey_changes() == 0


def test_a_blank_survey_keeps_the_title_typed_when_it_is_refused(client, lead):
    page = get(client, "/staff/surveys/new")
    data = {**_form(page, "/surveys/new"), "title": SCRIPT, "framework_key": "nope"}
    response = client.post("/staff/surveys/new", data=data)
    assert check_page(response).all("input#title")[0].get("value") == SCRIPT
    assert SCRIPT not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "Enter a title for the survey"),
        ({"title": LONG}, "200 characters or fewer"),
        ({"easy_read_intro": LONG}, "5,000 characters or fewer"),
        ({"contact": LONG}, "5,000 characters or fewer"),
        ({"picture_key": "not-a-picture"}, "Choose a picture from the library"),
        ({"picture_key": SCRIPT}, "Choose a picture from the library"),
        ({"framework_key": "not-a-framework"}, "Choose one of the frameworks"),
        (
            {"opens_on-day": "31", "opens_on-month": "2", "opens_on-year": "2027"},
            "Enter the opening date",
        ),
        (
            {"closes_on-day": "1", "closes_on-month": "1", "closes_on-year": "9" * 50},
            "Enter the closing date",
        ),
        (
            {
                **{"opens_on-day": "2", "opens_on-month": "1", "opens_on-year": "2027"},
                **{"closes_on-day": "1", "closes_on-month": "1", "closes_on-year": "2027"},
            },
            "The closing date must be after the opening date",
        ),
        ({"version": "1" * 10_000}, "Someone else changed this survey"),
    ],
)
def test_bad_details_get_a_message_keep_what_was_typed_and_save_nothing(
    client, lead, fields, message
):
    survey = _create(client)
    before = (_count(AuditEvent), survey.version)
    refused = check_page(_details(client, survey.id, easy_read_title="Typed words", **fields))
    assert refused.status in (400, 409)
    assert message in refused.text(".govuk-error-summary")
    assert refused.all("input#easy_read_title")[0].get("value") == "Typed words"
    db.session.expire_all()
    assert (_count(AuditEvent), db.session.get(Survey, survey.id).version) == before
    assert db.session.get(Survey, survey.id).easy_read_title == ""


def test_a_details_save_from_an_old_page_lists_what_changed_and_keeps_what_was_typed(client, lead):
    survey = _create(client)
    old_page = get(client, f"/staff/surveys/{survey.id}/details")
    old_version = old_page.form_fields("form[action$='/details']")["version"]
    assert _details(client, survey.id, title="Their title").status_code == 303
    stale = _details(client, survey.id, version=old_version, title="My title")
    page = check_page(stale)
    assert page.status == 409
    summary = page.texts(".govuk-error-summary li")
    assert summary[0].startswith("Someone else changed this survey")
    assert any("changed the survey's details (title" in line for line in summary)
    assert page.all("input#title")[0].get("value") == "My title"
    db.session.expire_all()
    assert db.session.get(Survey, survey.id).title == "Their title"


def test_script_in_every_field_is_shown_as_text_on_every_builder_page(client, lead):
    survey = _create(client, title=SCRIPT)
    saved = _details(
        client,
        survey.id,
        **dict.fromkeys(("easy_read_title", "intro", "easy_read_intro", "contact"), SCRIPT),
    )
    assert saved.status_code == 303
    added = _add(
        client,
        survey.id,
        **dict.fromkeys(("text", "easy_read_text", "hint"), SCRIPT),
        **_options(SCRIPT, SCRIPT + "2"),
        **{"option-1-easy_read_label": SCRIPT},
    )
    assert added.status_code == 303, check_page(added).text(".govuk-error-summary")
    question = db.session.scalar(select(Question))
    for url in (
        f"/staff/surveys/{survey.id}/build",
        f"/staff/surveys/{survey.id}/details",
        f"/staff/surveys/{survey.id}/questions/new",
        f"/staff/surveys/{survey.id}/questions/{question.id}/edit",
        f"/staff/surveys/{survey.id}/questions/{question.id}/delete",
        "/staff/surveys/new",
    ):
        response = client.get(url)
        check_page(response)
        html = response.get_data(as_text=True)
        assert SCRIPT not in html, url
        assert "&lt;script&gt;alert(1)" in html, url


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   "}, "Enter the question"),
        ({"easy_read_text": LONG}, "500 characters or fewer"),
        ({"hint": LONG}, "1,000 characters or fewer"),
        ({"kind": SCRIPT}, "Choose what kind of question"),
        ({"kind": ""}, "Choose what kind of question"),
        ({"option-1-label": LONG}, "300 characters or fewer"),
        ({"option-2-picture_key": "not-a-picture"}, "no picture called"),
        ({"option-2-label": "yes"}, "Each answer must have its own words"),
        ({"principles": "not-a-principle"}, "is not a principle of this survey"),
        ({"principles": "wellbeing-and-independence"}, "is not a principle of this survey"),
        ({"kind": "multiple_choice", "max_choices": "3"}, "must be from 1 to 2"),
        ({"kind": "multiple_choice", "max_choices": "0"}, "must be from 1 to 2"),
        ({"kind": "multiple_choice", "max_choices": "-1"}, "Enter a whole number from 1"),
        ({"kind": "whole_number", "max_number": "1000001"}, "Enter a whole number from"),
        ({"kind": "whole_number", "min_number": "-1000001"}, "Enter a whole number from"),
        ({"kind": "whole_number", "min_number": "two"}, "Enter a whole number from"),
        ({"show_if": SCRIPT}, "Choose answers from the list"),
        ({"show_if": "1:9"}, "Choose answers of question 1"),
        ({"show_if": ["1:1", "2:1"]}, "Choose answers of one question only"),
        ({"version": "0"}, "nothing was added"),
    ],
)
def test_a_bad_question_gets_a_message_keeps_what_was_typed_and_adds_nothing(
    client, lead, fields, message
):
    survey = _create(client)
    assert _add(client, survey.id).status_code == 303
    before = (_count(Question), _count(Option), _count(AuditEvent))
    typed = {"text": "Do you like the food?", "easy_read_text": "Do you like the food?"}
    page = check_page(_add(client, survey.id, **(typed | fields)))
    assert page.status in (400, 409)
    assert message in page.text(".govuk-error-summary")
    if "option-1-label" not in fields:
        assert page.all("input#option-1-label")[0].get("value") == "Yes"
    assert (_count(Question), _count(Option), _count(AuditEvent)) == before


def test_more_answer_rows_are_added_without_saving_and_what_was_typed_stays(client, lead):
    survey = _create(client)
    page = check_page(
        _add(client, survey.id, more_rows="yes", text="Which club?", **_options("A", "B"))
    )
    assert page.status == 200
    assert len(page.all("input[name$='-label']")) == 12
    assert page.all("input[name=rows]")[0].get("value") == "12"
    assert page.all("input#option-2-label")[0].get("value") == "B"
    assert page.all("textarea#text")[0].text_content() == "Which club?"
    assert _count(Question) == 0
    saved = client.post(
        f"/staff/surveys/{survey.id}/questions/new",
        data={
            **page.form_fields("form[action$='/questions/new']"),
            "kind": "single_choice",
            "text": "Which club?",
            **_options(*"ABCDEFGHIJK"),
        },
    )
    assert saved.status_code == 303
    assert _count(Option) == 11


def test_a_question_changed_from_an_old_page_is_refused_with_what_changed(client, lead):
    survey = _create(client)
    assert _add(client, survey.id).status_code == 303
    question = db.session.scalar(select(Question))
    url_end = f"questions/{question.id}/edit"
    old = get(client, f"/staff/surveys/{survey.id}/{url_end}")
    assert _add(client, survey.id, text="Another question?").status_code == 303
    data = {**_form(old, url_end), "kind": "single_choice", "text": "My new words?"}
    page = check_page(
        client.post(f"/staff/surveys/{survey.id}/{url_end}", data=data | _options("Yes", "No"))
    )
    assert page.status == 409
    assert any("added a question" in line for line in page.texts(".govuk-error-summary li"))
    assert page.all("textarea#text")[0].text_content() == "My new words?"
    db.session.expire_all()
    assert db.session.get(Question, question.id).text == "Do you go to a day centre?"


@pytest.mark.parametrize("action_end", ["/up", "/down", "/delete", "/open", "/archive"])
def test_a_button_pressed_on_an_old_page_changes_nothing(client, lead, action_end):
    survey = _create(client)
    for text in ("Do you go to a day centre?", "Do you like the food?"):
        assert _add(client, survey.id, text=text, easy_read_text=text).status_code == 303
    first, second = db.session.scalars(select(Question).order_by(Question.position)).all()
    question = first if action_end in ("/down", "/delete") else second
    url = f"/staff/surveys/{survey.id}/" + (
        f"questions/{question.id}{action_end}" if action_end in ("/up", "/down", "/delete")
        else action_end.lstrip("/")
    )  # fmt: skip
    page = get(client, f"/staff/surveys/{survey.id}/build")
    fields = page.form_fields("form[action$='/open']") | {"version": str(survey.version - 1)}
    before = (_count(AuditEvent), _count(Question))
    refused = check_page(client.post(url, data=fields))
    assert refused.status == 409
    assert "Someone else changed this survey" in refused.text(".govuk-error-summary")
    assert (_count(AuditEvent), _count(Question)) == before
    db.session.expire_all()
    assert db.session.get(Survey, survey.id).status == SurveyStatus.DRAFT
    assert [q.text for q in db.session.get(Survey, survey.id).questions] == [
        "Do you go to a day centre?", "Do you like the food?"
    ]  # fmt: skip


def test_opening_again_needs_a_reason_and_a_survey_without_questions_cannot_open(client, lead):
    survey = _create(client)
    refused = check_page(_press(client, survey.id, "/open"))
    assert refused.status == 400
    assert "it has no questions yet" in refused.text(".govuk-error-summary")
    reasons = refused.texts(".govuk-error-summary__list li")
    assert reasons[0] == "it has no questions yet"
    assert len(reasons) == len(set(reasons)) == 2  # each reason once: no questions, no easy read
    assert _details(client, survey.id, easy_read_title="Day centres").status_code == 303
    assert _add(client, survey.id).status_code == 303
    opened = _press(client, survey.id, "/open")
    assert opened.status_code == 303, check_page(opened).text(".govuk-error-summary")
    assert _press(client, survey.id, "/close").status_code == 303
    for reason in ("", "   "):
        page = check_page(_press(client, survey.id, "/reopen", reason=reason))
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
    before = (_count(Survey), _count(Question), _count(AuditEvent), survey.version)
    data = {"csrf_token": token, "version": str(survey.version), "title": "Mine now"}
    data |= {"kind": "free_text", "text": "Mine?", "reason": "Because"}
    answered = [
        (method, url, client.open(url, method=method, data=data).status_code)
        for method, url in _builder_requests(survey, survey.questions[0])
    ]
    assert [row for row in answered if row[2] != status] == []
    db.session.expire_all()
    after = db.session.get(Survey, survey.id)
    assert (_count(Survey), _count(Question), _count(AuditEvent), after.version) == before
