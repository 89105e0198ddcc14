"""A send refused by the send limit keeps the answers and says, in easy words, when to press
again: residents sharing one address were refused at the very last step after answering
everything, with a page that said nothing of their answers (issue 13, faults)."""

import types

import lxml.html
import pytest
from sqlalchemy.exc import OperationalError

from app.extensions import limiter
from app.services import surveys
from app.services.errors import Gone
from tests.factories import create_survey
from tests.pages import check_page
from tests.respond.test_send_limit import _check_page

# "one minute", as the Welsh and Arabic pages say it.
WORDS = {"cy": "un munud", "ar": "دقيقة واحدة"}


@pytest.fixture
def one_send_a_minute(app):
    before = app.config["RESPOND_SENDS_PER_MINUTE"]
    app.config["RESPOND_SENDS_PER_MINUTE"] = "1 per minute"
    yield
    app.config["RESPOND_SENDS_PER_MINUTE"] = before


def _survey(app):
    # Each request below has an app context of its own, as under gunicorn, so the language
    # Flask-Babel keeps for a context is not carried from one request to the next.
    with app.app_context():
        survey = create_survey(questions=2)
        return types.SimpleNamespace(slug=survey.slug)


def _send(client, check, query: str = ""):
    action = check.all("form[action*='/send']")[0].get("action")
    return client.post(action + query, data=check.form_fields("form[action*='/send']"))


def test_a_refused_send_shows_the_answers_kept_and_when_to_press_again(app, one_send_a_minute):
    survey = _survey(app)
    first, neighbour = app.test_client(), app.test_client()
    assert _send(first, _check_page(first, survey.slug)).status_code == 303
    check = _check_page(neighbour, survey.slug)

    refused = _send(neighbour, check)

    page = check_page(refused)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    summary = page.all(".govuk-error-summary")[0].text_content()
    assert "Your answers are kept" in summary and "Wait one minute" in summary
    assert len(page.all(".govuk-summary-list__row")) == len(check.all(".govuk-summary-list__row"))
    with app.app_context():
        limiter.reset()
    again = _send(neighbour, page)
    assert again.status_code == 303 and "/thanks/" in again.headers["Location"]


@pytest.mark.parametrize("language", ["cy", "ar"])
def test_the_refusal_is_in_the_residents_language(app, one_send_a_minute, language):
    survey = _survey(app)
    first, neighbour = app.test_client(), app.test_client()
    assert _send(first, _check_page(first, survey.slug)).status_code == 303
    check = _check_page(neighbour, survey.slug)

    refused = _send(neighbour, check, f"?lang={language}")

    assert refused.status_code == 429
    page = lxml.html.fromstring(refused.get_data(as_text=True))
    summary = page.cssselect(".govuk-error-summary")[0].text_content()
    assert "Wait one minute" not in summary
    assert WORDS[language] in summary


@pytest.mark.parametrize(
    "problem", [Gone("This survey has closed"), OperationalError("", {}, None)]
)
def test_a_refused_send_when_the_survey_cannot_be_read_is_the_plain_wait_page(
    app, one_send_a_minute, monkeypatch, problem
):
    survey = _survey(app)
    first, neighbour = app.test_client(), app.test_client()
    assert _send(first, _check_page(first, survey.slug)).status_code == 303
    check = _check_page(neighbour, survey.slug)

    def cannot_read(*_args, **_kwargs):
        raise problem

    monkeypatch.setattr(surveys, "get_open_survey", cannot_read)
    refused = _send(neighbour, check)

    assert refused.status_code == 429
    assert "Wait a minute" in refused.get_data(as_text=True)
