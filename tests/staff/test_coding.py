"""Staff pages for coding free text at scale: accept and review, undo, tick many, search."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import CodingBatch, Theme
from app.services import audit, coding
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in
from tests.staff.test_themes import TOO_LARGE, add_free_text_answers, themes_of

ANSWERS = [
    "The waiting time was too long",
    "Wait times are awful",
    "The bus is late",
    "Did not answer",
    "Lovely lunch club",
]


@pytest.fixture
def survey(app_context):
    return create_survey(questions=1, kinds=["free_text"])


def _post(client, page, selector: str, **fields):
    form = page.all(selector)[0]
    return client.post(form.get("action"), data={**page.form_fields(selector), **fields})


def test_a_suggestion_shows_its_count_and_three_example_answers(client, survey, lead):
    add_free_text_answers(survey, [*ANSWERS, "Long wait", "waiting since May"])
    page = get(client, f"/staff/surveys/{survey.id}/themes/suggestions")
    (card,) = [c for c in page.all(".govuk-summary-card") if "“wait”" in c.text_content()]
    assert "Used in 4 answers" in card.text_content()
    examples = [item.text_content().strip() for item in card.cssselect("li")]
    assert len(examples) == 3
    assert set(examples) <= {*ANSWERS[:2], "Long wait", "waiting since May"}
    assert "did not answer" not in page.response.get_data(as_text=True).lower()


def test_accepting_a_suggestion_shows_the_coded_answers_and_undo_brings_it_back(
    client, survey, lead
):
    answers = add_free_text_answers(survey, ANSWERS)
    url = f"/staff/surveys/{survey.id}/themes/suggestions"
    page = get(client, url)
    accepted = _post(
        client, page, "form[action$='/accept']:has(input[value='wait times'])", name="Waiting times"
    )
    assert accepted.status_code == 303
    review = get(client, accepted.headers["Location"])
    assert review.texts("#coded-answers li") == ANSWERS[:2]
    assert "2 answers had not had it before" in review.text("#coded-count")
    assert [themes_of(answer) for answer in answers] == [{"Waiting times"}] * 2 + [set()] * 3
    undone = _post(client, review, "form[action$='/undo']")
    assert undone.status_code == 303 and undone.headers["Location"].endswith("/suggestions")
    assert [themes_of(answer) for answer in answers] == [set()] * 5
    assert "“wait times”" in get(client, url).texts(".govuk-summary-card__title")
    assert db.session.scalars(select(Theme)).all() == []


def test_ticked_answers_are_given_a_theme_at_once_and_can_be_undone(client, survey, lead):
    answers = add_free_text_answers(survey, ANSWERS)
    theme = _theme(client, survey, "Transport")
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    ticks = page.all("input[name=answer_ids]")
    assert [tick.get("form") for tick in ticks] == ["ticked-answers"] * 4
    token = page.form_fields("#ticked-answers")["csrf_token"]
    action = page.all("#ticked-answers")[0].get("action")
    coded = client.post(
        action,
        data={
            "csrf_token": token,
            "theme_id": str(theme.id),
            "answer_ids": [answers[2].id, answers[4].id],
        },
    )
    assert coded.status_code == 303
    assert [bool(themes_of(answer)) for answer in answers] == [False, False, True, False, True]
    review = get(client, coded.headers["Location"])
    assert review.texts("#coded-answers li") == [ANSWERS[2], ANSWERS[4]]
    assert _post(client, review, "form[action$='/undo']").status_code == 303
    assert [themes_of(answer) for answer in answers] == [set()] * 5
    assert db.session.get(Theme, theme.id) is not None, "a theme the lead made stays"
    again = get(client, coded.headers["Location"])
    assert again.all("form[action$='/undo']") == []
    assert "This was undone" in again.text(".govuk-inset-text")


def test_every_answer_on_a_page_can_be_given_a_theme(client, survey, lead):
    answers = add_free_text_answers(survey, ANSWERS)
    theme = _theme(client, survey, "Everything")
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    form = page.all("#ticked-answers")[0]
    page_ids = [field.get("value") for field in form.cssselect("input[name=page_ids]")]
    data = {"csrf_token": page.form_fields("#ticked-answers")["csrf_token"], "page_ids": page_ids}
    coded = client.post(
        form.get("action"), data={**data, "theme_id": theme.id, "whole_page": "yes"}
    )
    assert coded.status_code == 303
    assert [bool(themes_of(answer)) for answer in answers] == [True, True, True, False, True]


def test_ticking_nothing_or_no_theme_is_refused_plainly(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["The bus is late"])
    theme = _theme(client, survey, "Transport")
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers?q=bus")
    action = page.all("#ticked-answers")[0].get("action")
    fields = page.form_fields("#ticked-answers")
    assert fields["q"] == "bus"
    nothing = check_page(client.post(action, data={**fields, "theme_id": theme.id}))
    assert nothing.status == 400
    assert nothing.text(".govuk-error-summary__list") == "Tick the answers to give the theme to"
    assert nothing.all(".govuk-error-summary__list a")[0].get("href") == "#answers"
    assert nothing.all("#answers")
    assert nothing.all("#theme_id option[selected]")[0].get("value") == str(theme.id)
    assert nothing.all("#q")[0].get("value") == "bus"
    no_theme = check_page(client.post(action, data={**fields, "answer_ids": answer.id}))
    assert no_theme.text(".govuk-error-summary__list") == "Choose a theme for the ticked answers"
    assert no_theme.text("#theme_id-error") == "Error: Choose a theme for the ticked answers"
    assert themes_of(answer) == set()
    assert db.session.scalars(select(CodingBatch)).all() == []


def test_a_ticked_answer_id_too_large_for_the_database_is_refused_plainly(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["The bus is late"])
    theme = _theme(client, survey, "Transport")
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    action = page.all("#ticked-answers")[0].get("action")
    fields = {**page.form_fields("#ticked-answers"), "theme_id": theme.id}
    refused = check_page(client.post(action, data={**fields, "answer_ids": TOO_LARGE}))
    assert refused.status == 400
    assert "Tick the answers to give the theme to" in refused.text("main")
    assert themes_of(answer) == set()
    assert db.session.scalars(select(CodingBatch)).all() == []


def test_answers_are_searched_by_word_and_the_search_is_kept_when_paging(client, survey, lead):
    add_free_text_answers(survey, [f"Bus comment {n}" for n in range(60)] + ["Lunch", "BUS"])
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers?q=bus")
    assert "61 answers. Showing 1 to 50." in page.text("#answer-count")
    assert page.all("#q")[0].get("value") == "bus"
    (next_link,) = page.all(".govuk-pagination__next a")
    assert "q=bus" in next_link.get("href")
    assert get(client, next_link.get("href")).texts("bdi[dir=auto]")[-1] == "BUS"
    assert get(client, f"/staff/surveys/{survey.id}/themes/answers?q=lunch").texts(
        "bdi[dir=auto]"
    ) == ["Lunch"]


def test_viewers_see_what_was_coded_but_cannot_tick_or_undo(client, survey):
    add_free_text_answers(survey, ANSWERS)
    batch = coding.accept_suggestion(survey.id, "wait times", by=audit.COMMAND_LINE)
    sign_in(client, create_user(role="viewer"))
    review = get(client, f"/staff/surveys/{survey.id}/themes/coded/{batch.id}")
    assert review.texts("#coded-answers li") == ANSWERS[:2]
    assert review.all("form[action$='/undo']") == []
    answers_page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    assert answers_page.all("#ticked-answers, input[name=answer_ids]") == []


def _theme(client, survey, name: str) -> Theme:
    page = get(client, f"/staff/surveys/{survey.id}/themes")
    assert _post(client, page, "form[action$='/themes']", name=name).status_code == 303
    return db.session.scalar(select(Theme).where(Theme.name == name))
