"""Check your answers shows each chosen answer with its picture beside it, as its question
page does (issue 10, point 13); "words only" shows the words alone (docs/accessibility.md E5,
E9)."""

import pytest

from app.extensions import db
from tests import journey
from tests.factories import create_survey
from tests.pages import get

PICTURES = ["yes", "no", "not-sure", "sometimes", "none"]


@pytest.fixture
def survey(app_context):
    survey = create_survey(questions=1, kinds=["multiple_choice"])
    for option, key in zip(survey.questions[0].options, PICTURES, strict=True):
        option.picture_key = key
    db.session.commit()
    return survey


def _check_page(client, survey, query=""):
    page = journey.start(client, survey.slug, query)
    names = ["Yes", "Sometimes"]
    values = [i.get("value") for i in page.all("input[type=checkbox]") if i.get("value")]
    chosen = [values[0], values[3]]
    response = journey.answer(client, page, chosen)
    assert response.status_code == 303
    page = journey.past_support_question(client, get(client, response.headers["Location"]))
    assert page.title.startswith("Check your answers"), page.title
    return page, names


def test_check_your_answers_shows_each_chosen_answer_beside_its_picture(client, survey):
    page, names = _check_page(client, survey)

    chosen = page.all(".govuk-summary-list__value li")

    assert [" ".join(li.text_content().split()) for li in chosen] == names
    pictures = [li.cssselect("img")[0] for li in chosen]
    assert [img.get("src").split("/")[-1].split(".")[0] for img in pictures] == ["yes", "sometimes"]
    assert {img.get("alt") for img in pictures} == {""}, "The words carry the meaning"


def test_words_only_shows_the_chosen_answers_without_pictures(app, survey):
    page, names = _check_page(app.test_client(), survey, "pictures=off")

    chosen = page.all(".govuk-summary-list__value li")

    assert [" ".join(li.text_content().split()) for li in chosen] == names
    assert page.all(".govuk-summary-list img") == []


def test_how_you_answered_shows_its_picture_on_check_your_answers(client, survey):
    page = journey.start(client, survey.slug)
    value = page.all("input[type=checkbox]")[0].get("value")
    response = journey.answer(client, page, [value])
    support = get(client, response.headers["Location"])
    form = support.all("form")[0]
    data = {**support.form_fields(), "support": "helped"}
    check = get(client, client.post(form.get("action"), data=data).headers["Location"])

    row = [
        r for r in check.all(".govuk-summary-list__row") if "How you answered" in r.text_content()
    ]

    assert row
    value_cell = row[0].cssselect(".govuk-summary-list__value")[0]
    assert " ".join(value_cell.text_content().split()) == "Someone helped me"
    assert value_cell.cssselect("img")[0].get("src").split("/")[-1].startswith("help.svg")
    # Laid out as every other row: the picture centred on the left of its words, with a gap.
    chosen = value_cell.cssselect("ul.heard-chosen-list > li.heard-chosen")
    assert len(chosen) == 1 and chosen[0].cssselect("img.heard-chosen__picture")


def test_on_my_own_shows_one_person_not_a_group(client, survey):
    page = journey.start(client, survey.slug)
    value = page.all("input[type=checkbox]")[0].get("value")
    support = get(client, journey.answer(client, page, [value]).headers["Location"])

    alone = next(i for i in support.all("input[name=support]") if i.get("value") == "alone")
    picture = support.all(f"label[for={alone.get('id')}] img")[0].get("src")

    assert picture.split("/")[-1].startswith("on-my-own.svg")
