"""Staff code free-text answers into themes: create, rename, merge, tick, and suggestions."""

import itertools

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Action, Answer, Response, Survey, Theme, answer_theme
from app.services import partners
from app.services.demo import seed_demo
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in

_tokens = itertools.count(1)
# An id no database integer column can hold: `int()` takes it, the database would not.
TOO_LARGE = "99999999999999999999"


def add_free_text_answers(survey: Survey, texts: list[str], *, position: int = 1) -> list[Answer]:
    """Store one response per text, answering the survey's question at `position`."""
    question = survey.questions[position - 1]
    answers = []
    for text in texts:
        number = next(_tokens)
        response = Response(
            survey_id=survey.id, submission_token=f"t-{number}", receipt=f"R{number:08d}"
        )
        response.answers.append(Answer(question_id=question.id, text_value=text))
        db.session.add(response)
        answers.append(response.answers[0])
    db.session.commit()
    return answers


def themes_of(answer: Answer) -> set[str]:
    return set(
        db.session.scalars(
            select(Theme.name)
            .join(answer_theme, answer_theme.c.theme_id == Theme.id)
            .where(answer_theme.c.answer_id == answer.id)
        )
    )


@pytest.fixture
def survey(app_context):
    return create_survey(questions=2, kinds=["free_text", "single_choice"])


def _post(client, page, selector: str, **fields):
    form = page.all(selector)[0]
    return client.post(form.get("action"), data={**page.form_fields(selector), **fields})


def _add_theme(client, survey, name: str):
    page = get(client, f"/staff/surveys/{survey.id}/themes")
    return _post(client, page, "form[action$='/themes']", name=name)


def test_staff_see_free_text_answers_escaped_fifty_to_a_page(client, survey, lead):
    texts = ["<script>alert('x')</script> & more", *[f"Comment {n}" for n in range(1, 51)]]
    add_free_text_answers(survey, texts)
    first = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    assert len(first.all("bdi[dir=auto]")) == 50
    assert first.texts("bdi[dir=auto]")[0] == "<script>alert('x')</script> & more"
    html = first.response.get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "51 answers. Showing 1 to 50." in first.text("#answer-count")
    (next_link,) = first.all(".govuk-pagination__next a")
    second = get(client, next_link.get("href"))
    assert second.texts("bdi[dir=auto]") == ["Comment 50"]
    assert "Showing 51 to 51" in second.text("#answer-count")
    (previous_link,) = second.all(".govuk-pagination__prev a")
    assert len(get(client, previous_link.get("href")).all("bdi[dir=auto]")) == 50
    past_the_end = get(client, f"/staff/surveys/{survey.id}/themes/answers?after=999999999")
    assert past_the_end.all("bdi[dir=auto]") == []


def test_about_you_free_text_is_never_shown_for_coding(client, lead, app_context):
    survey = create_survey(questions=2, kinds=["free_text"])
    survey.questions[1].section = "about_you"
    db.session.commit()
    add_free_text_answers(survey, ["Main answer"])
    add_free_text_answers(survey, ["Special category answer"], position=2)
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    assert page.texts("bdi[dir=auto]") == ["Main answer"]


def test_a_lead_creates_and_renames_a_theme(client, survey, lead):
    response = _add_theme(client, survey, "  Transport  ")
    assert response.status_code == 303
    theme = db.session.scalars(select(Theme)).one()
    assert (theme.name, theme.status) == ("Transport", "accepted")
    page = get(client, f"/staff/surveys/{survey.id}/themes/{theme.id}")
    renamed = _post(
        client, page, f"form[action$='/themes/{theme.id}']", name="Getting to the day centre"
    )
    assert renamed.status_code == 303
    db.session.expire_all()
    themes_page = get(client, f"/staff/surveys/{survey.id}/themes")
    assert themes_page.texts("tbody th, tbody td")[:2] == [
        "Getting to the day centre",
        "0 answers with the theme Getting to the day centre",
    ]


def test_a_theme_name_is_needed_and_cannot_repeat_ignoring_case(client, survey, lead):
    _add_theme(client, survey, "Transport")
    repeated = check_page(_add_theme(client, survey, "TRANSPORT"))
    assert repeated.status == 400
    assert (
        repeated.text(".govuk-error-summary__list") == "There is already a theme called “Transport”"
    )
    assert repeated.text("#name-error") == "Error: There is already a theme called “Transport”"
    empty = check_page(_add_theme(client, survey, "   "))
    assert empty.text(".govuk-error-summary__list") == "Enter a name for the theme"
    assert len(db.session.scalars(select(Theme)).all()) == 1


def test_an_answer_can_have_several_themes_and_lose_them(client, survey, lead):
    answer, other = add_free_text_answers(survey, ["The bus is late and staff change", "Fine"])
    for name in ("Transport", "Staff", "Food"):
        _add_theme(client, survey, name)
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    selector = f"#answer-{answer.id} form[action$='/answers/{answer.id}']"
    ids = {
        box.getnext().text_content().strip(): box.get("value")
        for box in page.all(f"{selector} input[type=checkbox]")
    }
    chosen = [ids["Transport"], ids["Staff"]]
    response = _post(client, page, selector, theme_ids=chosen)
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.split("?")[0].endswith("/themes/answers#answer-" + str(answer.id)) or (
        f"/themes/answers?after={answer.id - 1}#answer-{answer.id}" in location
    )
    assert themes_of(answer) == {"Transport", "Staff"}
    assert themes_of(other) == set()
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    assert len(page.all(f"{selector} input[type=checkbox][checked]")) == 2
    _post(client, page, selector, theme_ids=[ids["Staff"]])
    assert themes_of(answer) == {"Staff"}
    _post(client, page, selector)
    assert themes_of(answer) == set()


def test_a_theme_of_another_survey_cannot_be_ticked(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["The bus is late"])
    elsewhere = create_survey(questions=1, kinds=["free_text"])
    db.session.add(Theme(survey_id=elsewhere.id, name="Elsewhere"))
    _add_theme(client, survey, "Transport")
    foreign = db.session.scalar(select(Theme.id).where(Theme.name == "Elsewhere"))
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    selector = f"form[action$='/answers/{answer.id}']"
    refused = _post(client, page, selector, theme_ids=[str(foreign)])
    assert refused.status_code == 400
    assert themes_of(answer) == set()


def test_a_theme_id_too_large_for_the_database_is_refused_plainly(client, survey, lead):
    (answer,) = add_free_text_answers(survey, ["The bus is late"])
    _add_theme(client, survey, "Transport")
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    selector = f"form[action$='/answers/{answer.id}']"
    refused = check_page(_post(client, page, selector, theme_ids=[TOO_LARGE]))
    assert refused.status == 400
    assert "Choose themes from the list" in refused.text("main")
    assert themes_of(answer) == set()


def test_merging_moves_answers_without_duplicates_and_deletes_the_merged_theme(
    client, survey, lead
):
    both, only_bus = add_free_text_answers(survey, ["Bus and transport", "Bus"])
    _add_theme(client, survey, "Bus")
    _add_theme(client, survey, "Transport")
    bus, transport = (
        db.session.scalar(select(Theme).where(Theme.name == n)) for n in ("Bus", "Transport")
    )
    db.session.execute(
        answer_theme.insert(),
        [
            {"answer_id": both.id, "theme_id": bus.id},
            {"answer_id": both.id, "theme_id": transport.id},
            {"answer_id": only_bus.id, "theme_id": bus.id},
        ],
    )
    db.session.add(Action(survey_id=survey.id, theme_id=bus.id, you_said="Late", we_did="Fixed"))
    db.session.commit()
    bus_id, transport_id = bus.id, transport.id
    page = get(client, f"/staff/surveys/{survey.id}/themes")
    merged = _post(
        client, page, "form[action$='/merge']", source_id=str(bus_id), target_id=str(transport_id)
    )
    assert merged.status_code == 303
    db.session.expire_all()
    assert db.session.get(Theme, bus_id) is None
    assert themes_of(both) == {"Transport"} and themes_of(only_bus) == {"Transport"}
    assert db.session.scalars(select(Action.theme_id)).one() == transport_id
    assert get(client, f"/staff/surveys/{survey.id}/themes").texts("tbody th, tbody td")[:2] == [
        "Transport",
        "2 answers with the theme Transport",
    ]


def test_a_theme_cannot_be_merged_into_itself(client, survey, lead):
    _add_theme(client, survey, "Bus")
    _add_theme(client, survey, "Food")
    bus = db.session.scalar(select(Theme.id).where(Theme.name == "Bus"))
    page = get(client, f"/staff/surveys/{survey.id}/themes")
    refused = check_page(
        _post(client, page, "form[action$='/merge']", source_id=str(bus), target_id=str(bus))
    )
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == "Choose two different themes"
    assert db.session.get(Theme, bus) is not None


def test_a_theme_to_merge_with_an_id_too_large_for_the_database_is_refused(client, survey, lead):
    _add_theme(client, survey, "Bus")
    _add_theme(client, survey, "Food")
    bus = db.session.scalar(select(Theme.id).where(Theme.name == "Bus"))
    page = get(client, f"/staff/surveys/{survey.id}/themes")
    refused = check_page(
        _post(client, page, "form[action$='/merge']", source_id=TOO_LARGE, target_id=str(bus))
    )
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == "Choose two themes to merge"
    assert db.session.get(Theme, bus) is not None


def test_answers_can_be_shown_by_theme_or_without_one(client, survey, lead):
    coded, _uncoded = add_free_text_answers(survey, ["Bus is late", "Lovely staff"])
    _add_theme(client, survey, "Transport")
    transport = db.session.scalar(select(Theme.id))
    db.session.execute(answer_theme.insert(), [{"answer_id": coded.id, "theme_id": transport}])
    db.session.commit()
    url = f"/staff/surveys/{survey.id}/themes/answers"
    assert get(client, f"{url}?theme={transport}").texts("bdi[dir=auto]") == ["Bus is late"]
    assert get(client, f"{url}?theme=none").texts("bdi[dir=auto]") == ["Lovely staff"]
    assert len(get(client, f"{url}?theme=nonsense").all("bdi[dir=auto]")) == 2


def test_suggestions_can_be_accepted_renamed_or_rejected_and_are_not_offered_again(
    client, survey, lead
):
    add_free_text_answers(
        survey,
        ["The bus is late", "No bus on Sunday", "Bus driver rude", "Lunch club fun", "Lunch club"],
    )
    url = f"/staff/surveys/{survey.id}/themes/suggestions"
    page = get(client, url)
    assert page.texts(".govuk-summary-card__title")[:2] == ["“bus”", "“lunch club”"]
    accepted = _post(
        client, page, "form[action$='/accept']:has(input[value='bus'])", name="Transport"
    )
    assert accepted.status_code == 303
    page = get(client, url)
    assert "“bus”" not in page.texts(".govuk-summary-card__title")
    rejected = _post(client, page, "form[action$='/reject']:has(input[value='lunch club'])")
    assert rejected.status_code == 303
    assert get(client, url).texts(".govuk-summary-card__title") == []
    statuses = dict(db.session.execute(select(Theme.name, Theme.status)).all())
    assert statuses == {"Transport": "accepted", "bus": "rejected", "lunch club": "rejected"}
    themes_page = get(client, f"/staff/surveys/{survey.id}/themes")
    assert themes_page.texts("tbody th") == ["Transport"]
    assert _add_theme(client, survey, "Lunch club").status_code == 303
    assert db.session.scalar(select(Theme.status).where(Theme.name == "Lunch club")) == "accepted"


def test_the_demo_comments_suggest_their_themes(client, lead):
    survey = seed_demo(responses=200)
    page = get(client, f"/staff/surveys/{survey.id}/themes/suggestions")
    suggested = page.texts(".govuk-summary-card__title")
    assert 8 <= len(suggested) <= 10
    assert {"“day centre”", "“meetings”", "“easy read letters”"} <= set(suggested)
    # Phrases, not only words, and none of them praise that goes with anything.
    assert sum(" " in phrase for phrase in suggested) >= 3
    assert not {"“good”", "“staff”", "“helpful”"} & set(suggested)


def test_accepting_a_suggestion_under_a_taken_name_shows_the_problem(client, survey, lead):
    add_free_text_answers(survey, ["The bus is late", "No bus on Sunday"])
    _add_theme(client, survey, "Transport")
    page = get(client, f"/staff/surveys/{survey.id}/themes/suggestions")
    refused = check_page(
        _post(client, page, "form[action$='/accept']:has(input[value='bus'])", name="transport")
    )
    assert refused.status == 400
    assert (
        refused.text(".govuk-error-summary__list") == "There is already a theme called “Transport”"
    )
    assert refused.all(".govuk-error-summary__list a")[0].get("href") == "#suggestion-1-name"
    assert refused.all("#suggestion-1-name")[0].get("value") == "transport"


def test_viewers_read_themes_but_cannot_change_them(client, survey):
    add_free_text_answers(survey, ["The bus is late"])
    sign_in(client, create_user(role="viewer"))
    page = get(client, f"/staff/surveys/{survey.id}/themes/answers")
    assert page.texts("bdi[dir=auto]") == ["The bus is late"]
    assert page.all("form[method=post] input[type=checkbox]") == []
    assert get(client, f"/staff/surveys/{survey.id}/themes").all("form[action$='/themes']") == []
    token = page.form_fields("form.heard-sign-out")["csrf_token"]
    response = client.post(
        f"/staff/surveys/{survey.id}/themes", data={"csrf_token": token, "name": "Transport"}
    )
    assert response.status_code == 403
    assert db.session.scalars(select(Theme)).all() == []


def test_partner_users_cannot_read_free_text(client, survey):
    add_free_text_answers(survey, ["The bus is late"])
    partner = partners.create_partner(name="Age UK")
    sign_in(client, create_user(role="partner", partner_id=partner.id))
    for page in ("themes", "themes/answers", "themes/suggestions", "quotes", "actions"):
        response = client.get(f"/staff/surveys/{survey.id}/{page}")
        assert response.status_code in (403, 404), page
        assert "bus" not in response.get_data(as_text=True)


def test_an_unknown_survey_is_not_found(client, lead):
    assert client.get("/staff/surveys/999/themes").status_code == 404
    assert client.get("/staff/surveys/999/themes/answers").status_code == 404
