"""A lead builds a survey from the web pages alone: create, questions with principles,
pictures and a branch, move, delete, details, open, close, open again, archive; viewers may
not, bad input gets a message and nothing half-written."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Question, Survey, SurveyStatus
from tests.pages import check_page, get


def _fields(page, action_end: str) -> dict:
    return page.form_fields(f"form[action$='{action_end}']")


def _create(client, title="Day centres in Gateshead") -> Survey:
    page = get(client, "/staff/surveys/new")
    data = {**_fields(page, "/surveys/new"), "start": "blank", "title": title}
    data["framework_key"] = "working-together-for-change"
    response = client.post("/staff/surveys/new", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return db.session.scalar(select(Survey).where(Survey.title == title))


def _question(client, survey, **fields):
    page = get(client, f"/staff/surveys/{survey.id}/questions/new")
    data = {
        **_fields(page, "/questions/new"),
        "kind": "yes_no",
        "text": "Do you go to a day centre?",
        "easy_read_text": "Do you go to a day centre?",
        "picture_key": "place",
        "required": "yes",
        "option-1-label": "Yes",
        "option-1-picture_key": "yes",
        "option-2-label": "No",
        "option-2-picture_key": "no",
    }
    return client.post(f"/staff/surveys/{survey.id}/questions/new", data=data | fields)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_lead_builds_opens_closes_and_archives_a_survey(client, lead):
    survey = _create(client)
    assert survey.status == SurveyStatus.DRAFT
    assert _question(client, survey, principles="involve").status_code == 303
    response = _question(
        client,
        survey,
        kind="free_text",
        text="What do you like there?",
        easy_read_text="What do you like there?",
        picture_key="idea",
        **{"option-1-label": "", "option-2-label": ""},
        show_if="1:1",
        principles="work-together",
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    page = get(client, f"/staff/surveys/{survey.id}/build")
    assert "Asked only when the answer to question 1 is “Yes”" in page.text("#questions ~ ol")
    first, second = survey.questions
    moved = client.post(
        f"/staff/surveys/{survey.id}/questions/{second.id}/up",
        data=_fields(page, f"/questions/{second.id}/up"),
    )
    assert check_page(moved).status == 400  # it depends on question 1
    page = get(client, f"/staff/surveys/{survey.id}/questions/{second.id}/delete")
    deleted = client.post(
        f"/staff/surveys/{survey.id}/questions/{second.id}/delete",
        data=_fields(page, "/delete"),
    )
    assert deleted.status_code == 303
    assert [q.text for q in db.session.scalars(select(Question))] == [first.text]

    page = get(client, f"/staff/surveys/{survey.id}/details")
    data = {**_fields(page, "/details"), "title": "Day centres", "easy_read_title": "Day centres"}
    data |= {"picture_key": "survey", "framework_key": "working-together-for-change"}
    assert client.post(f"/staff/surveys/{survey.id}/details", data=data).status_code == 303

    for step in ("open", "close"):
        page = get(client, f"/staff/surveys/{survey.id}/build")
        response = client.post(f"/staff/surveys/{survey.id}/{step}", data=_fields(page, f"/{step}"))
        assert response.status_code == 303, check_page(response).text(".govuk-error-summary")
    page = get(client, f"/staff/surveys/{survey.id}/build")
    refused = client.post(f"/staff/surveys/{survey.id}/reopen", data=_fields(page, "/reopen"))
    assert check_page(refused).status == 400
    data = {**_fields(page, "/reopen"), "reason": "More carers asked to take part"}
    assert client.post(f"/staff/surveys/{survey.id}/reopen", data=data).status_code == 303
    db.session.expire_all()
    assert db.session.get(Survey, survey.id).status == SurveyStatus.OPEN
    assert _count(AuditEvent) >= 8


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "Enter the question"),
        ({"text": "x" * 10_000}, "500 characters or fewer"),
        ({"picture_key": "not-a-picture"}, "no picture called"),
        ({"kind": "smiley"}, "Choose what kind of question"),
        ({"option-2-label": ""}, "at least 2 answers"),
        ({"kind": "whole_number", "min_number": "5", "max_number": "1"}, "not be less than"),
        ({"kind": "whole_number", "min_number": "9" * 20}, "Enter a whole number from"),
        ({"show_if": "9:1"}, "comes before it"),
    ],
)
def test_a_bad_question_gets_a_message_and_nothing_is_added(client, lead, fields, message):
    survey = _create(client)
    page = check_page(_question(client, survey, **fields))
    assert page.status == 400
    assert message in page.text(".govuk-error-summary")
    assert _count(Question) == 0


def test_script_in_every_field_is_shown_as_text(client, lead):
    survey = _create(client, title="<script>alert(1)</script>")
    script = "<script>alert(2)</script>"
    assert (
        _question(client, survey, text=script, easy_read_text=script, hint=script).status_code
        == 303
    )
    html = client.get(f"/staff/surveys/{survey.id}/build").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(2)" in html


def test_a_double_pressed_save_adds_the_question_once(client, lead):
    survey = _create(client)
    page = get(client, f"/staff/surveys/{survey.id}/questions/new")
    data = {
        **_fields(page, "/questions/new"),
        "kind": "yes_no",
        "text": "Do you feel safe?",
        "easy_read_text": "Do you feel safe?",
        "option-1-label": "Yes",
        "option-2-label": "No",
    }
    assert client.post(f"/staff/surveys/{survey.id}/questions/new", data=data).status_code == 303
    again = check_page(client.post(f"/staff/surveys/{survey.id}/questions/new", data=data))
    assert again.status == 409
    assert "already on the survey" in again.text(".govuk-error-summary")
    assert again.all("textarea#text")[0].text_content() == "Do you feel safe?"
    assert _count(Question) == 1


def test_a_lead_starts_from_a_starter_and_downloads_it_as_a_file(client, lead):
    page = get(client, "/staff/surveys/new")
    data = {**_fields(page, "/surveys/new"), "start": "starter", "starter": "making-it-real"}
    response = client.post("/staff/surveys/new", data=data)
    assert response.status_code == 303
    survey = db.session.scalar(select(Survey))
    download = client.get(f"/staff/surveys/{survey.id}/survey.yaml")
    assert download.status_code == 200
    assert b"schema_version: 1" in download.data


def test_a_hard_word_is_replaced_with_one_click_and_reading_ease_is_shown(client, lead):
    survey = _create(client)
    added = _question(
        client,
        survey,
        text="Did you have an assessment of your needs this year?",
        easy_read_text="Did you have an assessment of your needs this year?",
    )
    assert added.status_code == 303
    page = get(client, f"/staff/surveys/{survey.id}/build")
    assert "Reading ease of the easy-read words: " in page.text("#questions ~ ol")
    form = next(
        f
        for f in page.all("form[action$='/suggestions']")
        if f.cssselect("input[name=field]")[0].get("value") == "questions[0].easy_read_text"
    )
    data = {i.get("name"): i.get("value") for i in form.cssselect("input[type=hidden]")}
    assert client.post(f"/staff/surveys/{survey.id}/suggestions", data=data).status_code == 303
    db.session.expire_all()
    question = db.session.scalar(select(Question))
    assert "assessment" not in question.easy_read_text
    assert "assessment" in question.text


def test_searching_the_pictures_lists_the_ones_found_first_and_keeps_what_was_typed(client, lead):
    survey = _create(client)
    page = get(client, f"/staff/surveys/{survey.id}/questions/new")
    data = {
        **_fields(page, "/questions/new"),
        "text": "How do you get to the day centre?",
        "picture_search": "bus",
        "search_pictures": "yes",
    }
    found = check_page(client.post(f"/staff/surveys/{survey.id}/questions/new", data=data))
    assert found.status == 200
    group = found.all("#picture_key optgroup")[0]
    assert group.get("label") == "Found by your search"
    assert [o.get("value") for o in group.cssselect("option")] == ["bus"]
    assert found.all("textarea#text")[0].text_content() == "How do you get to the day centre?"
    assert _count(Question) == 0
