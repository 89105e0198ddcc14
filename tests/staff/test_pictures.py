"""Staff can browse the picture library; every picture the demo survey uses exists."""

from app.services import demo, pictures
from tests.factories import create_user
from tests.pages import get
from tests.staff.test_access import sign_in


def test_staff_see_every_picture_with_its_name_and_description(client):
    sign_in(client, create_user(role="viewer"))
    page = get(client, "/staff/pictures")
    library = pictures.library()
    assert len(library) >= 40
    assert page.texts(".heard-picture-library__item h2") == [p.name for p in library]
    first = page.all(".heard-picture-library__item img")[0]
    assert first.get("src").startswith(f"/static/symbols/{library[0].key}.svg")
    assert first.get("alt") == ""


def test_the_demo_survey_only_uses_pictures_that_exist(app_context):
    survey = demo.seed_demo()
    used = {survey.picture_key}
    for question in survey.questions:
        used.add(question.picture_key)
        used.update(option.picture_key for option in question.options)
    used.update(p.picture_key for p in survey.framework.principles)
    assert used <= pictures.picture_keys()
