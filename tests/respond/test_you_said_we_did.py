"""The public, easy-read "you said, we did" page: one section per principle, no sign-in."""

import pytest

from app.services import actions
from tests.factories import closes_yesterday, create_survey
from tests.pages import check_page, get


def _action(survey, principle_number: int, **fields):
    details = {
        "principle_id": survey.framework.principles[principle_number - 1].id,
        "theme_id": None,
        "you_said": "The bus to the day centre is late.",
        "we_did": "We changed the bus times.",
        "status": "done",
        **fields,
    }
    return actions.create_action(survey.id, actions.ActionDetails(**details))


@pytest.fixture
def survey(app_context):
    return create_survey(questions=1)


def test_each_principle_has_a_section_with_its_picture_and_actions(client, survey):
    _action(survey, 3, day="5", month="5", year="2026")
    _action(
        survey, 3, status="planned", you_said="Meetings have no lift.", we_did="We will move them."
    )
    page = get(client, f"/s/{survey.slug}/you-said-we-did")
    assert page.status == 200
    assert page.text("h1") == f"{survey.title} You said, we did"
    principles = survey.framework.principles
    assert page.texts("h2") == [p.easy_read_title for p in principles]
    pictures = page.all("h2 img")
    assert [img.get("src").split("?")[0] for img in pictures] == [
        f"/static/symbols/{p.picture_key}.svg" for p in principles
    ]
    assert all(img.get("alt") == "" for img in pictures)
    third = page.all("section.heard-you-said-we-did__principle")[2]
    lines = [" ".join(p.text_content().split()) for p in third.cssselect("p")]
    assert lines == [
        "You said: The bus to the day centre is late.",
        "We did: We changed the bus times.",
        "We have done this.",
        "Date: Tuesday 5 May 2026.",
        "You said: Meetings have no lift.",
        "We did: We will move them.",
        "We are going to do this.",
    ]
    first = page.all("section.heard-you-said-we-did__principle")[0]
    assert [p.text_content().strip() for p in first.cssselect("p")] == ["Nothing yet."]


def test_a_closed_survey_still_shows_what_we_did(client, survey):
    _action(survey, 1, status="in_progress", day="1", month="6", year="2026")
    closes_yesterday(survey)
    page = get(client, f"/s/{survey.slug}/you-said-we-did")
    assert page.status == 200
    assert "We have started to do this." in page.texts("p")
    assert "Date: Monday 1 June 2026." in page.texts("p")


def test_with_no_actions_the_page_says_so_plainly(client, survey):
    page = get(client, f"/s/{survey.slug}/you-said-we-did")
    assert "We have not done anything yet." in page.texts("p")
    assert page.all("section.heard-you-said-we-did__principle") == []


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_draft_archived_and_unknown_surveys_are_not_found(client, status, app_context):
    hidden = create_survey(questions=1, status=status)
    _action(hidden, 1)
    for slug in (hidden.slug, "no-such-survey"):
        response = client.get(f"/s/{slug}/you-said-we-did")
        page = check_page(response)
        assert page.status == 404
        assert "We cannot find this survey" in page.texts("p")
        assert "We changed the bus times." not in response.get_data(as_text=True)


def test_words_staff_typed_are_shown_as_text(client, survey):
    _action(survey, 1, you_said="<script>alert(1)</script>")
    html = client.get(f"/s/{survey.slug}/you-said-we-did").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_actions_appear_in_date_order(client, survey):
    _action(survey, 1, we_did="Second.", day="2", month="2", year="2027")
    _action(survey, 1, we_did="First.", day="1", month="1", year="2027")
    page = get(client, f"/s/{survey.slug}/you-said-we-did")
    did = [
        line
        for line in page.texts("section.heard-you-said-we-did__principle p")
        if line.startswith("We did:")
    ]
    assert did == ["We did: First.", "We did: Second."]
