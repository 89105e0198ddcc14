"""The "our easy-read words" page: leads add and remove words, viewers only read it, bad
entries get a plain message with what was typed kept, and the builder's checks follow."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import CouncilWord
from app.services import plain_words
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in

ADDRESS = "/staff/plain-words"
pytestmark = pytest.mark.usefixtures("frameworks")


def _add(client, **fields):
    page = get(client, ADDRESS)
    data = {**page.form_fields(f"form[action$='{ADDRESS}']"), **fields}
    return client.post(ADDRESS, data=data)


def _count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(CouncilWord))


def test_a_lead_adds_a_hard_word_and_the_builder_flags_it(client, lead):
    survey = create_survey(questions=1, status="draft")
    survey.easy_read_title = "Ask the care navigator"
    db.session.commit()

    added = _add(client, kind="hard_word", words="Care navigator", plainer="person who helps you")

    assert added.status_code == 303
    page = get(client, added.headers["Location"])
    assert "Word added" in page.text(".govuk-notification-banner")
    assert "care navigator" in page.text(".heard-council-word")
    build = get(client, f"/staff/surveys/{survey.id}/build")
    assert "person who helps you" in " ".join(build.texts("#easy-read ~ *"))


def test_a_bad_entry_keeps_what_was_typed_and_says_what_to_do(client, lead):
    response = _add(client, kind="hard_word", words="<script>alert(1)</script>", plainer="")

    assert response.status_code == 400
    page = check_page(response)
    assert page.text(".govuk-error-summary__list") == "Enter the plainer words to offer instead"
    assert page.all("#words")[0].get("value") == "<script>alert(1)</script>"
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert _count() == 0


def test_a_lead_removes_a_word(client, lead):
    _add(client, kind="allowed_initials", words="GCVS")
    page = get(client, ADDRESS)
    form = page.all("form[action*='/remove']")[0]

    removed = client.post(form.get("action"), data=page.form_fields("form[action*='/remove']"))

    assert removed.status_code == 303
    assert _count() == 0
    again = client.post(form.get("action"), data=page.form_fields("form[action*='/remove']"))
    assert again.status_code == 404
    assert "not on the list" in check_page(again).text(".govuk-error-summary")


def test_a_viewer_reads_the_list_but_cannot_change_it(client, app_context):
    plain_words_row = CouncilWord(kind="allowed_initials", words="GCVS", added_by="Sam")
    db.session.add(plain_words_row)
    db.session.commit()
    sign_in(client, create_user(role="viewer"))

    page = get(client, ADDRESS)

    assert "GCVS" in page.text(".heard-council-word")
    assert not page.all(
        "form[action*='plain-words']"
    )  # the 403 on posting is in tests/staff/test_permissions.py
    assert plain_words.current().allowed_initials == frozenset({"GCVS"})
