"""A whole consultation from the web pages alone: a lead builds a survey tagged to two
principles with a branch, translates it into Welsh, opens it; a resident answers in Welsh;
the lead closes it and the report is organised by those two principles."""

from sqlalchemy import select

from app.extensions import db
from app.models import Response, Survey
from tests import journey
from tests.builder.test_builder_journey import _create, _fields, _question
from tests.pages import get

WELSH = "Ydych chi'n mynd i ganolfan ddydd?"


def _translate(client, survey: Survey) -> None:
    page = get(client, f"/staff/surveys/{survey.id}/translations/cy")
    form = page.all("form#translations")[0]
    data = {i.get("name"): i.get("value") for i in form.cssselect("input[type=hidden]")}
    for box in form.cssselect("textarea"):
        hint = box.getparent().text_content()
        data[box.get("name")] = WELSH if "Do you go to a day centre?" in hint else ""
    saved = client.post(form.get("action"), data=data)
    assert saved.status_code == 303, saved.get_data(as_text=True)[:1000]


def _step(client, step: str, survey: Survey, **extra) -> None:
    page = get(client, f"/staff/surveys/{survey.id}/build")
    response = client.post(
        f"/staff/surveys/{survey.id}/{step}", data=_fields(page, f"/{step}") | extra
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]


def _answer_in_welsh(resident, survey: Survey) -> None:
    page = journey.start(resident, survey.slug, "lang=cy")
    assert WELSH in page.text("h1")
    yes = survey.questions[0].options[0]
    page = get(resident, journey.answer(resident, page, str(yes.id)).headers["Location"])
    # "Yes" was chosen, so the branch asks the second question.
    page = get(resident, journey.answer(resident, page, "Y bws").headers["Location"])
    check = journey.past_support_question(resident, page)
    sent = resident.post(
        check.all("form[action*='/send']")[0].get("action"),
        data=check.form_fields("form[action*='/send']"),
    )
    assert sent.status_code == 303


def test_a_consultation_from_building_to_the_report(app, client, lead):
    survey = _create(client, title="Day centres")
    assert _question(client, survey, principles="involve").status_code == 303
    follow_up = _question(
        client,
        survey,
        kind="free_text",
        text="What do you like there?",
        easy_read_text="What do you like there?",
        picture_key="idea",
        principles="take-action",
        show_if="1:1",
        **{"option-1-label": "", "option-2-label": ""},
    )
    assert follow_up.status_code == 303
    page = get(client, f"/staff/surveys/{survey.id}/details")
    data = _fields(page, "/details") | {
        "title": "Day centres",
        "easy_read_title": "Day centres",
        "picture_key": "survey",
        "framework_key": "working-together-for-change",
    }
    assert client.post(f"/staff/surveys/{survey.id}/details", data=data).status_code == 303
    _translate(client, survey)
    _step(client, "open", survey)

    _answer_in_welsh(app.test_client(), survey)
    response = db.session.scalar(select(Response))
    assert response.language == "cy"

    _step(client, "close", survey)
    assert app.test_client().get(f"/s/{survey.slug}").status_code == 410
    report = client.get(f"/staff/surveys/{survey.id}/report.html").get_data(as_text=True)
    sections = {part.split(">", 1)[0]: part for part in report.split('<section id="principle-')[1:]}
    involve, action = sections['2"'], sections['3"']
    assert "Involve people every step of the way" in involve
    assert "Do you go to a day centre?" in involve
    assert "What do you like there?" not in involve
    assert "Make change happen by taking action" in action
    assert "What do you like there?" in action
