"""Staff forms refuse NUL and other control characters with a plain page, and keep nothing.

PostgreSQL cannot store NUL (it answered a 500), and on SQLite the character was stored and
then showed as a box, came out raw on the public "you said, we did" page, and broke the
survey's own file when it was read back.
"""

import pytest

from app.models import Survey, User
from app.staff import CONTROL_CHARACTERS_REFUSED
from tests.builder.lead_pages import count, form
from tests.factories import create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in

REFUSED = ["Ctl\x00title", "Ctl\x0btitle", "Ctl\x1btitle", "Ctl\x7ftitle"]


def _new_survey(client, title: str):
    page = get(client, "/staff/surveys/new")
    data = {**form(page, "/surveys/new"), "title": title}
    data["framework_key"] = "working-together-for-change"
    return client.post("/staff/surveys/new", data=data)


@pytest.mark.parametrize("title", REFUSED)
def test_a_survey_title_with_a_control_character_is_refused_and_nothing_is_made(
    client, frameworks, lead, title
):
    refused = check_page(_new_survey(client, title))
    assert refused.status == 400
    assert CONTROL_CHARACTERS_REFUSED in refused.text("main")
    assert count(Survey) == 0


def test_tabs_and_line_breaks_are_not_control_characters_that_are_refused(client, frameworks, lead):
    made = _new_survey(client, "Day centres\tin Gateshead")
    assert made.status_code == 303
    assert count(Survey) == 1


def test_a_user_name_with_nul_is_refused(client):
    sign_in(client, create_user(role="admin"))
    page = get(client, "/staff/users/new")
    data = {**page.form_fields(), "name": "Sam\x00 Jones", "email": "sam@council.example"}
    refused = check_page(client.post("/staff/users/new", data={**data, "role": "lead"}))
    assert refused.status == 400
    assert count(User) == 1


def test_a_nul_in_the_sign_in_address_gets_the_plain_page_not_an_error(client):
    page = get(client, "/staff/sign-in")
    data = {**page.form_fields(), "email": "sam\x00@council.example", "password": "x"}
    refused = check_page(client.post("/staff/sign-in", data=data))
    assert refused.status == 400
    assert CONTROL_CHARACTERS_REFUSED in refused.text("main")
