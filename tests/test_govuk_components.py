"""The remembered GOV.UK Frontend components render exactly what GOV.UK Frontend's own macros
render, once per set of parameters, and resident pages use them."""

import pytest
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app import govuk_components
from tests.factories import create_survey
from tests.pages import get

RADIOS = {
    "name": "q-1",
    "idPrefix": "q-1",
    "classes": "heard-options",
    "fieldset": {"legend": {"html": Markup("<b>How do you travel?</b>"), "isPageHeading": True}},
    "hint": {"html": Markup('<span dir="auto">Choose one</span>')},
    "errorMessage": None,
    "items": [
        {"value": "1", "html": Markup("Bus"), "checked": False},
        {"divider": "or"},
        {"value": "2", "html": Markup("None of these"), "checked": True, "behaviour": "exclusive"},
    ],
}
EXAMPLES = [
    ("govukRadios", RADIOS),
    ("govukCheckboxes", RADIOS | {"errorMessage": {"text": "Choose at least one"}}),
    ("govukButton", {"text": "Continue"}),
    (
        "govukButton",
        {
            "text": "Save",
            "classes": "govuk-button--secondary",
            "attributes": {"formaction": "/s/x/save?question=2"},
        },
    ),
    ("govukSkipLink", {"href": "#main-content", "text": "Skip to main content"}),
    ("govukServiceNavigation", {"serviceName": "Heard", "serviceUrl": "/", "navigation": []}),
]


def _plain(app, name: str, params: dict) -> Markup:
    component = govuk_components.REMEMBERED[name]
    path = f"govuk_frontend_jinja/components/{component}/macro.html"
    return getattr(app.jinja_env.get_template(path).module, name)(params)


def _remembered(app, name: str):
    return app.jinja_env.globals[name]


@pytest.mark.parametrize(("name", "params"), EXAMPLES)
def test_a_remembered_component_is_exactly_govuk_frontends(app, name, params):
    with app.test_request_context("/"):
        made = _remembered(app, name)(params)
        again = _remembered(app, name)(params)

        assert made == _plain(app, name, params)
        assert again is made, "the second page gets the HTML made the first time"


def test_different_parameters_make_different_components(app):
    with app.test_request_context("/"):
        radios = _remembered(app, "govukRadios")
        unchecked = dict(RADIOS, items=[dict(item, checked=False) for item in RADIOS["items"]])

        assert radios(unchecked) != radios(RADIOS)
        assert radios(unchecked) == _plain(app, "govukRadios", unchecked)


def test_words_to_translate_are_remembered_per_language(app):
    params = {"text": _l("Continue")}
    with app.test_request_context("/"):
        button = _remembered(app, "govukButton")
        with force_locale("cy"):
            welsh = button(params)
        english = button(params)

    assert "Parhau" in welsh
    assert "Continue" in english


def test_the_store_starts_again_when_full(app, monkeypatch):
    monkeypatch.setattr(govuk_components, "KEPT", 3)
    button = _remembered(app, "govukButton")
    with app.test_request_context("/"):
        for number in range(10):
            button({"text": f"Button {number}"})

    assert len(button.store) <= 3


def test_a_question_page_uses_the_remembered_radios(app, client, app_context):
    survey = create_survey(questions=1)
    radios = _remembered(app, "govukRadios")
    radios.store.clear()

    start = get(client, f"/s/{survey.slug}")
    page = get(client, start.all("a.govuk-button--start")[0].get("href"))

    assert page.all("input[type=radio]")
    assert any(key[0] == "govukRadios" for key in radios.store)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("govukBackLink", {"text": "Back", "href": "/s/x/questions/1?token=a.b"}),
        ("govukButton", {"text": "Start", "href": "/s/x/questions/1?token=a.b"}),
    ],
)
def test_a_component_with_the_pages_own_address_is_made_fresh_and_not_kept(app, name, params):
    component = _remembered(app, name)
    component.store.clear()
    with app.test_request_context("/"):
        made = component(params)

        assert made == _plain(app, name, params)
    assert component.store == {}


def test_the_same_characters_as_words_and_as_html_make_different_components(app):
    button = _remembered(app, "govukButton")
    with app.test_request_context("/"):
        as_words = button({"text": "<b>Send</b>"})
        as_html = button({"text": Markup("<b>Send</b>")})

    assert "&lt;b&gt;Send" in as_words
    assert "<b>Send</b>" in as_html
