"""Every builder form with bad input (docs/bad-input.md): a plain message, status 400 or 409,
what was typed kept, and nothing half-written; script typed in any field is shown as text;
and a button pressed on an old page changes nothing."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Option, Question, Survey, SurveyStatus
from tests.builder.lead_pages import (
    LONG,
    SCRIPT,
    add,
    count,
    create,
    details,
    form,
    options,
    press,
    sent,
    survey_changes,
)
from tests.pages import check_page, get

NOT_CHECKED = (
    "We could not check that this page was up to date, so nothing was saved. "
    "Check the page and try again."
)
# What a page might send for the survey version it showed; None sends no version at all.
UNREADABLE_VERSIONS = [None, "", "   ", "abc", "-1", "0", "1.5", "1" * 10_000, "999999999"]


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
    data = {**form(page, "/surveys/new"), "framework_key": "working-together-for-change"}
    refused = check_page(client.post("/staff/surveys/new", data={**data, "title": "Fine"} | fields))
    assert refused.status == 400
    assert message in refused.text(".govuk-error-summary")
    assert count(Survey) == 0 and survey_changes() == 0


def test_a_blank_survey_keeps_the_title_typed_when_it_is_refused(client, lead):
    page = get(client, "/staff/surveys/new")
    data = {**form(page, "/surveys/new"), "title": SCRIPT, "framework_key": "nope"}
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
        ({"version": "1" * 10_000}, NOT_CHECKED),
    ],
)
def test_bad_details_get_a_message_keep_what_was_typed_and_save_nothing(
    client, lead, fields, message
):
    survey = create(client)
    before = (count(AuditEvent), survey.version)
    refused = check_page(details(client, survey.id, easy_read_title="Typed words", **fields))
    assert refused.status in (400, 409)
    assert message in refused.text(".govuk-error-summary")
    assert refused.all("input#easy_read_title")[0].get("value") == "Typed words"
    db.session.expire_all()
    assert (count(AuditEvent), db.session.get(Survey, survey.id).version) == before
    assert db.session.get(Survey, survey.id).easy_read_title == ""


def test_a_details_save_from_an_old_page_lists_what_changed_and_keeps_what_was_typed(client, lead):
    survey = create(client)
    old_page = get(client, f"/staff/surveys/{survey.id}/details")
    old_version = old_page.form_fields("form[action$='/details']")["version"]
    assert details(client, survey.id, title="Their title").status_code == 303
    stale = details(client, survey.id, version=old_version, title="My title")
    page = check_page(stale)
    assert page.status == 409
    summary = page.texts(".govuk-error-summary li")
    assert summary[0].startswith("Someone else changed this survey")
    assert any("changed the survey's details (title" in line for line in summary)
    assert page.all("input#title")[0].get("value") == "My title"
    db.session.expire_all()
    assert db.session.get(Survey, survey.id).title == "Their title"


@pytest.mark.parametrize("version", UNREADABLE_VERSIONS)
def test_details_sent_without_a_readable_version_blame_no_one_and_keep_what_was_typed(
    client, lead, version
):
    survey = create(client)
    before = (survey_changes(), survey.version)
    page = check_page(details(client, survey.id, version=version, title="My title"))
    assert page.status == 400
    assert page.texts(".govuk-error-summary li") == [NOT_CHECKED]
    assert page.all("input#title")[0].get("value") == "My title"
    # The page shown again carries the version it shows, so trying again can save.
    assert form(page, "/details")["version"] == str(survey.version)
    db.session.expire_all()
    assert (survey_changes(), db.session.get(Survey, survey.id).version) == before
    assert db.session.get(Survey, survey.id).title == "Day centres in Gateshead"


@pytest.mark.parametrize("version", UNREADABLE_VERSIONS)
def test_a_question_sent_without_a_readable_version_is_not_added_and_blames_no_one(
    client, lead, version
):
    survey = create(client)
    assert add(client, survey.id).status_code == 303
    before = (count(Question), count(Option), survey_changes())
    page = check_page(add(client, survey.id, version=version, text="Do you like the food?"))
    assert page.status == 400
    assert page.texts(".govuk-error-summary li") == [NOT_CHECKED]
    assert page.all("textarea#text")[0].text_content() == "Do you like the food?"
    assert (count(Question), count(Option), survey_changes()) == before


def _send_from(client, page_url: str, action_end: str, **fields):
    """Post the form of `page_url` whose action ends `action_end`, with `fields` over it."""
    data = {**form(get(client, page_url), action_end), **fields}
    return client.post(page_url.rsplit("/", 1)[0] + action_end, data=sent(data))


@pytest.mark.parametrize("version", [None, "abc", "0", "999999999"])
@pytest.mark.parametrize("action_end", ["/edit", "/up", "/delete", "/open", "/about-you"])
def test_a_builder_button_without_a_readable_version_changes_nothing_and_blames_no_one(
    client, lead, action_end, version
):
    survey = create(client)
    assert details(client, survey.id, easy_read_title="Day centres").status_code == 303
    for text in ("Do you go to a day centre?", "Do you like the food?"):
        assert add(client, survey.id, text=text, easy_read_text=text).status_code == 303
    second = db.session.scalars(select(Question).order_by(Question.position)).all()[1]
    base = f"/staff/surveys/{survey.id}"
    before = (survey_changes(), count(Question), count(Option))
    if action_end in ("/edit", "/delete"):
        typed = {"kind": "single_choice", "text": "My new words?", **options("Yes", "No")}
        page_url = f"{base}/questions/{second.id}{action_end}"
        refused = _send_from(client, page_url, action_end, **typed, version=version)
    elif action_end == "/up":
        refused = press(client, survey.id, f"/questions/{second.id}/up", version=version)
    else:
        refused = press(client, survey.id, action_end, version=version)
    page = check_page(refused)
    assert page.status == 400
    assert page.texts(".govuk-error-summary li") == [NOT_CHECKED]
    assert (survey_changes(), count(Question), count(Option)) == before
    db.session.expire_all()
    after = db.session.get(Survey, survey.id)
    assert after.status == SurveyStatus.DRAFT
    assert [q.text for q in after.questions] == [
        "Do you go to a day centre?", "Do you like the food?"
    ]  # fmt: skip


def test_script_in_every_field_is_shown_as_text_on_every_builder_page(client, lead):
    survey = create(client, title=SCRIPT)
    saved = details(
        client,
        survey.id,
        **dict.fromkeys(("easy_read_title", "intro", "easy_read_intro", "contact"), SCRIPT),
    )
    assert saved.status_code == 303
    added = add(
        client,
        survey.id,
        **dict.fromkeys(("text", "easy_read_text", "hint"), SCRIPT),
        **options(SCRIPT, SCRIPT + "2"),
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
        ({"version": "0"}, NOT_CHECKED),
    ],
)
def test_a_bad_question_gets_a_message_keeps_what_was_typed_and_adds_nothing(
    client, lead, fields, message
):
    survey = create(client)
    assert add(client, survey.id).status_code == 303
    before = (count(Question), count(Option), count(AuditEvent))
    typed = {"text": "Do you like the food?", "easy_read_text": "Do you like the food?"}
    page = check_page(add(client, survey.id, **(typed | fields)))
    assert page.status in (400, 409)
    assert message in page.text(".govuk-error-summary")
    if "option-1-label" not in fields:
        assert page.all("input#option-1-label")[0].get("value") == "Yes"
    assert (count(Question), count(Option), count(AuditEvent)) == before


def test_more_answer_rows_are_added_without_saving_and_what_was_typed_stays(client, lead):
    survey = create(client)
    page = check_page(
        add(client, survey.id, more_rows="yes", text="Which club?", **options("A", "B"))
    )
    assert page.status == 200
    assert len(page.all("input[name$='-label']")) == 12
    assert page.all("input[name=rows]")[0].get("value") == "12"
    assert page.all("input#option-2-label")[0].get("value") == "B"
    assert page.all("textarea#text")[0].text_content() == "Which club?"
    assert count(Question) == 0
    saved = client.post(
        f"/staff/surveys/{survey.id}/questions/new",
        data={
            **page.form_fields("form[action$='/questions/new']"),
            "kind": "single_choice",
            "text": "Which club?",
            **options(*"ABCDEFGHIJK"),
        },
    )
    assert saved.status_code == 303
    assert count(Option) == 11


def test_a_question_changed_from_an_old_page_is_refused_with_what_changed(client, lead):
    survey = create(client)
    assert add(client, survey.id).status_code == 303
    question = db.session.scalar(select(Question))
    url_end = f"questions/{question.id}/edit"
    old = get(client, f"/staff/surveys/{survey.id}/{url_end}")
    assert add(client, survey.id, text="Another question?").status_code == 303
    data = {**form(old, url_end), "kind": "single_choice", "text": "My new words?"}
    page = check_page(
        client.post(f"/staff/surveys/{survey.id}/{url_end}", data=data | options("Yes", "No"))
    )
    assert page.status == 409
    assert any("added a question" in line for line in page.texts(".govuk-error-summary li"))
    assert page.all("textarea#text")[0].text_content() == "My new words?"
    db.session.expire_all()
    assert db.session.get(Question, question.id).text == "Do you go to a day centre?"


GATESHEAD_CLUBS = [
    "Blaydon lunch club", "Felling walking group", "Birtley craft circle", "Ryton choir",
    "Whickham bowls", "Dunston allotments", "Low Fell book club", "Wrekenton bingo",
    "Chopwell film night", "Crawcrook dance",
]  # fmt: skip


@pytest.mark.parametrize("rows", [None, "", "abc", "-1", "99999999999999999999", "8"])
def test_answers_past_the_rows_the_form_says_it_has_are_all_kept(client, lead, rows):
    survey = create(client)

    saved = add(client, survey.id, rows=rows, text="Which club?", **options(*GATESHEAD_CLUBS))

    assert saved.status_code == 303, check_page(saved).text(".govuk-error-summary")
    question = db.session.scalars(select(Question)).one()
    assert [option.label for option in question.options] == GATESHEAD_CLUBS


def test_more_answers_than_a_question_may_have_are_refused_with_every_one_shown(client, lead):
    survey = create(client)
    labels = [f"{club} {n}" for n in (1, 2, 3, 4) for club in GATESHEAD_CLUBS[:8]][:31]

    page = check_page(add(client, survey.id, rows="30", text="Which club?", **options(*labels)))

    assert page.status == 400
    assert "A question can have up to 30 answers" in page.text(".govuk-error-summary")
    assert page.all("input[name=option-31-label]")[0].get("value") == labels[-1]
    assert db.session.scalars(select(Question)).all() == []
