"""Every way in shows the same start: the survey's own page, a partner's link and embed, and
a kiosk's start screen give its title and introduction in the person's language, how many
questions there are, until when it is open, and who helps (rule P10 in
docs/accessibility.md). The partner and kiosk starts were once English whatever the language.
"""

import pytest

from app.extensions import db
from app.services import kiosks, partners
from app.services.wording import add_translation
from tests.factories import create_survey
from tests.pages import get

WELSH = {
    "easy_read_title": "Sut mae pethau yn y ganolfan?",
    "easy_read_intro": "Rydym eisiau gwybod beth rydych chi'n ei feddwl.",
    "contact": "Ffoniwch Sam ar 0191 496 0000.",
}


@pytest.fixture
def survey(app_context):
    survey = create_survey(questions=3)
    survey.contact = "Phone Sam on 0191 496 0000."
    for name, text in WELSH.items():
        add_translation(entity="survey", entity_id=survey.id, language="cy", name=name, text=text)
    db.session.commit()
    return survey


def _start_address(way: str, survey) -> str:
    if way == "survey":
        return f"/s/{survey.slug}"
    if way == "kiosk":
        return f"/k/{kiosks.create_kiosk(survey=survey, venue='Birtley Library').key}"
    partner = partners.create_partner(
        name="Age UK Gateshead", allowed_origins="https://www.ageuk.example"
    )
    code = partners.create_link(partner=partner, survey=survey, label="Lunch club").code
    return f"/{'l' if way == 'link' else 'e'}/{code}"


@pytest.mark.parametrize("way", ["survey", "link", "embed", "kiosk"])
def test_each_start_is_in_welsh_when_the_survey_is_translated(client, survey, way):
    page = get(client, f"{_start_address(way, survey)}?lang=cy")
    assert page.text("h1") == WELSH["easy_read_title"]
    assert page.title.startswith(WELSH["easy_read_title"])
    assert WELSH["easy_read_intro"] in page.texts("main p")
    assert WELSH["contact"] in page.texts("main p")
    assert page.all("main [lang=en]") == []


@pytest.mark.parametrize("way", ["survey", "link", "embed", "kiosk"])
def test_each_start_says_how_long_the_survey_is_and_until_when(client, survey, way):
    page = get(client, _start_address(way, survey))
    assert page.text(".heard-question-count") == "There are 3 questions."
    assert any(text.startswith("This survey is open until") for text in page.texts("main p"))
    assert "Phone Sam on 0191 496 0000." in page.texts("main p")
