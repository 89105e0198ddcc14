"""How many SQL statements one resident page costs (issue 13: at most 3 for a question page,
4 for an answer; a question page is now 1, its draft read outside a transaction), counting
every statement the app sends (tests/statements.py), BEGIN,
COMMIT, ROLLBACK and the pool's connection check included.

The same in Welsh and Arabic: a survey's translations are kept with each worker's copy of it
(app/services/survey_cache.py), not read on every page.
"""

import pytest

from app.extensions import db
from app.services import audit, surveys, translations
from app.services.demo import DEMO_SLUG, seed_demo
from config import Config
from tests import journey
from tests.pages import check_page
from tests.statements import counting

QUESTION_PAGE_MOST = 1
ANSWER_MOST = 4
LEAD = audit.Actor(None, "Sam Lead")
# Each question's words in each translated language, numbered by the question's position.
QUESTION_WORDS = {"cy": "Cwestiwn {} yn Gymraeg", "ar": "السؤال {} بالعربية"}


def _an_answer(page) -> str:
    """The first choice, or a short answer, as bench/load.py gives."""
    fields = [
        f
        for f in page.all("form")[0].cssselect("input, textarea")
        if f.get("name", "").startswith("q")
    ]
    choices = [f.get("value") for f in fields if f.get("type") in ("radio", "checkbox")]
    return choices[0] if choices else ("2" if fields[0].get("type") == "number" else "Fine")


@pytest.fixture
def engine(app):
    with app.app_context():
        return db.engine


def _translate(language: str, words: str) -> None:
    """Save every question's words in `language` as staff do, "{}" standing for its number."""
    survey = surveys.get_by_slug(DEMO_SLUG)
    entered = {
        text.key: words.format(_position(survey, text.entity_id))
        for text in translations.sheet(survey.id, language).texts
        if text.entity == "question" and text.field in ("text", "easy_read_text")
    }
    translations.save(LEAD, survey.id, language, entered)


def _position(survey, question_id: int) -> int:
    return next(q.position for q in survey.questions if q.id == question_id)


@pytest.fixture(params=["en", "cy", "ar"])
def language(request) -> str:
    return request.param


@pytest.fixture
def resident(app, engine, monkeypatch):
    """A person's own client, outside any app context, so each request ends as in production
    (the `client` fixture's shared app context would keep one session open throughout), with
    the production default for checking a survey's version. The demo survey's questions are
    translated into Welsh and Arabic."""
    monkeypatch.setitem(app.config, "SURVEY_CHECK_SECONDS", Config.SURVEY_CHECK_SECONDS)
    with app.app_context():
        seed_demo()
        db.session.commit()
        for language, words in QUESTION_WORDS.items():
            _translate(language, words)
    return app.test_client()


@pytest.fixture
def second_question(resident, language):
    """The address of the demo survey's second question for `resident`, who answered the first
    in `language` (so the survey has been served before, as in any running worker)."""
    first = journey.start(resident, DEMO_SLUG, f"lang={language}")
    first.response.close()
    answered = _answer(resident, first)
    assert answered.status_code == 303
    return answered.headers["Location"]


def _page(resident, url: str):
    # A response's request ends (its session is removed) only when the response is closed.
    page = check_page(resident.get(url))
    page.response.close()
    return page


def _answer(resident, page):
    response = journey.answer(resident, page, _an_answer(page))
    response.close()
    return response


def _heading(page) -> str:
    return " ".join(page.text("h1").split())


def test_a_question_page_costs_one_statement(engine, resident, second_question, language):
    _page(resident, second_question)
    with counting(engine) as statements:
        page = _page(resident, second_question)
    assert page.status == 200
    assert len(statements) <= QUESTION_PAGE_MOST, str(statements)
    assert page.document.get("lang") == language
    if language in QUESTION_WORDS:
        assert QUESTION_WORDS[language].format(2) in _heading(page)


def test_a_saved_translation_is_shown_by_the_next_page(app, resident, second_question, language):
    # Every request checks the version, as after SURVEY_CHECK_SECONDS in production: the
    # save bumped it, so the worker's copy is loaded again with the new words.
    app.config["SURVEY_CHECK_SECONDS"] = 0.0
    before = _heading(_page(resident, second_question))
    with app.app_context():
        _translate("cy", "Cwestiwn newydd {}")
        _translate("ar", "سؤال جديد {}")
    after = _heading(_page(resident, second_question))
    new = {"en": None, "cy": "Cwestiwn newydd 2", "ar": "سؤال جديد 2"}
    if new[language] is None:
        assert after == before
    else:
        assert new[language] not in before
        assert new[language] in after


def test_an_answer_costs_at_most_four_statements(engine, resident, second_question):
    page = _page(resident, second_question)
    with counting(engine) as statements:
        response = _answer(resident, page)
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    assert len(statements) <= ANSWER_MOST, str(statements)


def test_the_count_sees_every_kind_of_statement(
    app, engine, resident, second_question, monkeypatch
):
    # The counter itself: a page read in a transaction (the survey's version checked, as
    # every SURVEY_CHECK_SECONDS in production) and an answer that commits are seen whole.
    monkeypatch.setitem(app.config, "SURVEY_CHECK_SECONDS", 0.0)
    with counting(engine) as statements:
        _answer(resident, _page(resident, second_question))
    for kind in ("BEGIN", "COMMIT", "ROLLBACK"):
        assert kind in statements.sent, str(statements)
    assert any(s.startswith("SELECT") for s in statements.sent)
    assert any(s.startswith("UPDATE draft") for s in statements.sent)
