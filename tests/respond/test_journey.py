"""The resident journey end to end: one question per page, check answers, send once."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Answer, Draft, Response
from tests import journey
from tests.factories import create_survey
from tests.pages import check_page, get


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _answer_all(client, slug: str, answers: list):
    page = journey.start(client, slug)
    for value in answers:
        response = journey.answer(client, page, value)
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        page = get(client, response.headers["Location"])
    return journey.past_support_question(client, page)


def test_open_surveys_are_listed_on_the_home_page(client):
    create_survey(title="Meals at the day centre")
    create_survey(title="A draft nobody should see", status="draft")
    page = get(client, "/")
    assert page.texts(".heard-survey-list__item a") == ["Meals at the day centre"]


def test_each_question_page_says_where_the_person_is(client):
    survey = create_survey(questions=3)
    page = journey.start(client, survey.slug)
    assert page.text(".heard-question__progress") == "Question 1 of 3"
    assert page.text("h1") == "Easy question 1?"
    assert page.title == "Easy question 1? – Heard"


def test_a_full_journey_stores_one_response_with_every_answer(client):
    survey = create_survey(questions=3, kinds=["single_choice", "multiple_choice", "free_text"])
    single, multiple, _text = survey.questions
    check = _answer_all(
        client,
        survey.slug,
        [
            str(single.options[0].id),
            [str(multiple.options[0].id), str(multiple.options[1].id)],
            "More buses, please",
        ],
    )
    assert check.text("h1") == "Check your answers"
    assert check.texts(".govuk-summary-list__value") == [
        "Yes",
        "Yes No",
        "More buses, please",
        "Not answered",
    ]

    send_form = check.all("form[action$='/send']")[0]
    sent = client.post(send_form.get("action"), data=check.form_fields("form[action$='/send']"))
    assert sent.status_code == 303
    thanks = get(client, sent.headers["Location"])
    assert thanks.text("h1") == "We have your answers"

    assert _count(Response) == 1
    answers = db.session.scalars(select(Answer).order_by(Answer.id)).all()
    assert [(a.question_id, a.option_id, a.text_value) for a in answers] == [
        (single.id, single.options[0].id, None),
        (multiple.id, multiple.options[0].id, None),
        (multiple.id, multiple.options[1].id, None),
        (_text.id, None, "More buses, please"),
    ]
    assert _count(Draft) == 0

    replay = client.post(send_form.get("action"), data=check.form_fields("form[action$='/send']"))
    assert replay.status_code == 303
    assert replay.headers["Location"] == sent.headers["Location"]
    assert _count(Response) == 1
    assert _count(Answer) == 4


def test_a_required_question_left_empty_shows_the_error_and_stores_nothing(client):
    survey = create_survey(questions=2)
    page = journey.start(client, survey.slug)
    data = page.form_fields()
    response = client.post(page.all("form")[0].get("action"), data=data)
    error_page = check_page(response)
    assert error_page.status == 400
    assert error_page.title.startswith("Error: ")
    assert error_page.text(".govuk-error-summary__title") == "There is a problem"
    question_id = survey.questions[0].id
    link = error_page.all(".govuk-error-summary__list a")[0]
    assert link.get("href") == f"#q{question_id}"
    assert error_page.all(f"#q{question_id}"), "The summary links to the first radio"
    assert " ".join(link.text_content().split()) == "Choose one answer"
    assert error_page.text(".govuk-error-message") == "Error: Choose one answer"
    assert _count(Draft) == 0
    assert _count(Response) == 0


def test_back_link_shows_the_answer_already_given(client):
    survey = create_survey(questions=2)
    first = journey.start(client, survey.slug)
    chosen = str(survey.questions[0].options[1].id)
    second = get(client, journey.answer(client, first, chosen).headers["Location"])
    back = get(client, second.all(".govuk-back-link")[0].get("href"))
    checked = back.all("input[type=radio][checked]")
    assert [radio.get("value") for radio in checked] == [chosen]


def test_change_link_returns_to_check_your_answers(client):
    survey = create_survey(questions=2)
    check = _answer_all(client, survey.slug, [str(q.options[0].id) for q in survey.questions])
    change = get(client, check.all(".govuk-summary-list__actions a")[1].get("href"))
    assert change.text("h1") == "Easy question 2?"
    response = journey.answer(client, change, str(survey.questions[1].options[2].id))
    again = get(client, response.headers["Location"])
    assert again.text("h1") == "Check your answers"
    assert again.texts(".govuk-summary-list__value") == ["Yes", "Not sure", "Not answered"]


def test_optional_question_skipped_shows_not_answered(client):
    survey = create_survey(questions=1, kinds=["free_text"], required=False)
    check = _answer_all(client, survey.slug, [""])
    assert check.texts(".govuk-summary-list__value") == ["Not answered", "Not answered"]


def test_sending_before_answering_a_required_question_asks_it(client):
    survey = create_survey(questions=2)
    first = journey.start(client, survey.slug)
    token = first.form_fields()["token"]
    response = client.post(f"/s/{survey.slug}/send", data={"token": token})
    assert response.status_code == 303
    assert f"/s/{survey.slug}/questions/1" in response.headers["Location"]
    assert _count(Response) == 0


def test_journey_pages_are_never_stored_by_the_browser(client):
    survey = create_survey(questions=1)
    response = client.get(f"/s/{survey.slug}")
    assert response.headers["Cache-Control"] == "no-store"


def test_a_welsh_journey_is_sent_as_a_welsh_response_and_its_draft_says_so(client):
    survey = create_survey(questions=1)
    page = journey.start(client, survey.slug, "lang=cy")
    saved = journey.answer(client, page, str(survey.questions[0].options[0].id))
    assert saved.status_code == 303
    assert db.session.scalar(select(Draft.language)) == "cy"
    check = journey.past_support_question(client, get(client, saved.headers["Location"]))

    send_form = check.all("form[action*='/send']")[0]
    sent = client.post(send_form.get("action"), data=check.form_fields("form[action*='/send']"))

    assert sent.status_code == 303
    assert db.session.scalar(select(Response.language)) == "cy"


def test_an_english_journey_is_sent_as_an_english_response(client):
    survey = create_survey(questions=1)
    check = _answer_all(client, survey.slug, [str(survey.questions[0].options[0].id)])
    send_form = check.all("form[action$='/send']")[0]
    client.post(send_form.get("action"), data=check.form_fields("form[action$='/send']"))
    assert db.session.scalar(select(Response.language)) == "en"


def test_two_tabs_saving_the_first_answer_at_once_keep_both_answers(app_context, monkeypatch):
    from app.services import responses
    from app.services.responses import Journey

    survey = create_survey(questions=2)
    first, second = survey.questions
    tab = Journey(survey.id, responses.new_submission_token())
    responses.save_answer(
        survey, tab, first, {"options": [first.options[0].id]}, changing=False, language="en"
    )
    # The other tab looked for the draft before this one had written it.
    real_saved_draft = responses.saved_draft
    looks = []

    def not_found_the_first_time(tab_journey):
        looks.append(tab_journey)
        return None if len(looks) == 1 else real_saved_draft(tab_journey)

    monkeypatch.setattr(responses, "saved_draft", not_found_the_first_time)

    responses.save_answer(
        survey, tab, second, {"options": [second.options[1].id]}, changing=False, language="en"
    )

    assert len(looks) == 2  # the first insert collided, the retry found the draft
    assert _count(Draft) == 1
    assert set(responses.draft_answers(tab)) == {str(first.id), str(second.id)}


def test_each_saved_answer_moves_the_drafts_last_change_so_purging_keeps_it(app_context):
    from datetime import timedelta

    from sqlalchemy import update

    from app.models.base import utc_now
    from app.services import responses
    from app.services.responses import Journey

    survey = create_survey(questions=2)
    first, second = survey.questions
    tab = Journey(survey.id, responses.new_submission_token())
    responses.save_answer(
        survey, tab, first, {"options": [first.options[0].id]}, changing=False, language="en"
    )
    long_ago = utc_now() - timedelta(days=20)
    db.session.execute(update(Draft).values(updated_at=long_ago))
    db.session.commit()

    responses.save_answer(
        survey, tab, second, {"options": [second.options[0].id]}, changing=False, language="cy"
    )

    db.session.expire_all()
    draft = db.session.scalar(select(Draft))
    assert draft.updated_at > long_ago + timedelta(days=19)
    assert draft.language == "cy"
    assert set(draft.answers) == {str(first.id), str(second.id)}
