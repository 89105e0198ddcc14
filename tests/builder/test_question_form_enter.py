"""Pressing Enter in the question form: browsers press the form's first button, so the first
button is a hidden "Save question". Enter just after typing new search words still searches
the pictures; Enter anywhere else saves, as a lead expects."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Question
from app.services.frameworks import load_all_frameworks
from tests.factories import create_survey, create_user
from tests.pages import get
from tests.staff.test_access import sign_in


@pytest.fixture
def new_question_page(client):
    load_all_frameworks()
    sign_in(client, create_user(role="lead"))
    survey = create_survey(status="draft", questions=0)
    address = f"/staff/surveys/{survey.id}/questions/new"
    page = get(client, address)
    fields = {
        **page.form_fields(f"form[action$='{address}']"),
        "kind": "free_text",
        "text": "What would make the day centre better?",
        "easy_read_text": "What would make the day centre better?",
        "required": "yes",
    }
    return address, fields


def _questions() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Question))


def test_the_first_button_of_the_form_is_a_hidden_save(client, new_question_page):
    address, _ = new_question_page
    first = get(client, address).all(f"form[action$='{address}'] button")[0]

    assert first.get("name") == "save_by_enter"
    assert first.get("aria-hidden") == "true"
    assert first.get("tabindex") == "-1"


def test_enter_in_a_box_saves_the_question(client, new_question_page):
    address, fields = new_question_page

    response = client.post(address, data={**fields, "save_by_enter": "yes"})

    assert response.status_code == 303
    assert _questions() == 1


def test_enter_after_typing_search_words_searches_and_saves_nothing(client, new_question_page):
    address, fields = new_question_page

    response = client.post(
        address, data={**fields, "picture_search": "bus", "save_by_enter": "yes"}
    )

    assert response.status_code == 200
    assert "Found by your search" in response.get_data(as_text=True)
    assert _questions() == 0


def test_enter_again_after_the_search_saves(client, new_question_page):
    address, fields = new_question_page
    searched = {**fields, "picture_search": "bus", "searched": "bus", "save_by_enter": "yes"}

    response = client.post(address, data=searched)

    assert response.status_code == 303
    assert _questions() == 1
