"""A bookmarked question page opened with no journey behind it starts the survey again,
plainly, instead of saying "your answers are below" when there are none (issue 10, point 4)."""

from tests.factories import create_survey
from tests.pages import get


def test_a_question_page_with_no_token_goes_to_the_start_with_a_plain_message(client):
    survey = create_survey(questions=2)
    response = client.get(f"/s/{survey.slug}/questions/2")
    assert response.status_code == 303
    start = get(client, response.headers["Location"])
    assert start.text(".heard-start-again") == (
        "That page was out of date. Start the survey again here."
    )
    assert "Your answers are below" not in start.text("main")


def test_a_forged_token_with_nothing_saved_goes_to_the_start_too(client):
    survey = create_survey(questions=2)
    response = client.get(f"/s/{survey.slug}/questions/1?token=forged.token.value")
    assert response.status_code == 303
    assert "notice=start-again" in response.headers["Location"]


def test_the_start_page_opened_normally_says_nothing_about_old_pages(client):
    survey = create_survey(questions=1)
    assert get(client, f"/s/{survey.slug}").all(".heard-start-again") == []
