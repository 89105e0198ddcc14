"""What a lead does on the builder's pages, through the test client: create a survey, add a
question, press a button of the overview, save the details; and counts to check that a
refused form wrote nothing."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Survey
from tests.pages import Page, get

SCRIPT = "<script>alert(1)</script>"
LONG = "x" * 10_000


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def survey_changes() -> int:
    """Count audit rows of survey changes (sign-ins are recorded too)."""
    db.session.expire_all()
    query = select(func.count()).select_from(AuditEvent).where(AuditEvent.subject != "user")
    return db.session.scalar(query)


def form(page: Page, action_end: str) -> dict:
    return page.form_fields(f"form[action$='{action_end}']")


def create(client, title: str = "Day centres in Gateshead") -> Survey:
    page = get(client, "/staff/surveys/new")
    data = {**form(page, "/surveys/new"), "title": title}
    data["framework_key"] = "working-together-for-change"
    response = client.post("/staff/surveys/new", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    survey = db.session.scalar(select(Survey).order_by(Survey.id.desc()))
    assert response.headers["Location"] == f"/staff/surveys/{survey.id}/build"
    return survey


def options(*labels: str, pictures: tuple[str, ...] = ()) -> dict:
    fields = {}
    for number, label in enumerate(labels, start=1):
        fields[f"option-{number}-label"] = label
        if number <= len(pictures):
            fields[f"option-{number}-picture_key"] = pictures[number - 1]
    return fields


def sent(data: dict) -> dict:
    """Return the fields to post: a field given as None is left out, as if the page had none."""
    return {name: value for name, value in data.items() if value is not None}


def post_question(client, survey_id: int, url_end: str = "questions/new", **fields):
    url = f"/staff/surveys/{survey_id}/{url_end}"
    page = get(client, url)
    data = {**form(page, url_end), "required": "yes", **fields}
    return client.post(url, data=sent(data))


def add(client, survey_id: int, **fields):
    defaults = {
        "kind": "single_choice",
        "text": "Do you go to a day centre?",
        "easy_read_text": "Do you go to a day centre?",
        "picture_key": "place",
        **options("Yes", "No"),
    }
    return post_question(client, survey_id, **(defaults | fields))


def press(client, survey_id: int, action_end: str, **fields):
    """Press a button of the builder overview, with the version the page showed."""
    page = get(client, f"/staff/surveys/{survey_id}/build")
    data = {**form(page, action_end), **fields}
    return client.post(f"/staff/surveys/{survey_id}/{action_end.lstrip('/')}", data=sent(data))


def details(client, survey_id: int, **fields):
    page = get(client, f"/staff/surveys/{survey_id}/details")
    form = page.all("form[action$='/details']")[0]
    data = {i.get("name"): i.get("value", "") for i in form.cssselect("input") if i.get("name")}
    data = {k: v for k, v in data.items() if k not in ("kiosk_allowed", "save_for_later_allowed")}
    for select_box in form.cssselect("select"):
        chosen = select_box.cssselect("option[selected]")
        data[select_box.get("name")] = chosen[0].get("value") if chosen else ""
    return client.post(f"/staff/surveys/{survey_id}/details", data=sent(data | fields))
