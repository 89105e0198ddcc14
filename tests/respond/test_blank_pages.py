"""Blank question pages kept per process (app/respond/blank_pages.py): the next person gets the
same page a fresh render would give them, with their own token and nonce, and nothing of
anyone else's; pages holding an answer, a kiosk's or an embed's are always rendered afresh."""

import re
from datetime import date

import pytest
from flask import template_rendered

from app import journey_tokens
from app.models import Channel
from app.respond import blank_pages
from app.services import demo, partners
from app.services.journey import START, Progress
from app.services.responses import GroupSession, Journey
from tests import journey
from tests.factories import create_survey
from tests.pages import get

TOKEN = re.compile(r'name="token" value="([^"]+)"')
# The start page has no form: its token is in the "Start now" link.
LINK_TOKEN = re.compile(r"[?&;]token=([^&\"]+)")
NONCE = re.compile(r"'nonce-([^']+)'")
DAY = date(2026, 12, 2)


KEPT_TEMPLATES = ("respond/question.html", "respond/start.html", "respond/support.html")


@pytest.fixture
def question_renders(app):
    """Count the question pages rendered from the template (a kept page is not rendered)."""
    yield from _renders(app, "respond/question.html")


@pytest.fixture
def journey_renders(app):
    """Count the start, question and "how did you answer?" pages rendered."""
    yield from _renders(app, *KEPT_TEMPLATES)


def _renders(app, *names):
    renders = []

    def rendered(sender, template, context, **extra):
        if template.name in names:
            renders.append(template.name)

    template_rendered.connect(rendered, app)
    yield renders
    template_rendered.disconnect(rendered, app)


def _normalised(page) -> str:
    """Return the page with its journey token and CSP nonce replaced by fixed words."""
    html = page.response.get_data(as_text=True)
    token = (TOKEN.search(html) or LINK_TOKEN.search(html))[1]
    nonce = NONCE.search(page.response.headers["Content-Security-Policy"])[1]
    return html.replace(token, "TOKEN").replace(nonce, "NONCE")


def _answered_form(page) -> dict:
    """Return the form's hidden fields with one answer, as a resident would choose."""
    data = page.form_fields()
    choices = page.all("main form input[type=radio], main form input[type=checkbox]")
    if choices:
        data[choices[0].get("name")] = choices[0].get("value")
    for box in page.all("main form textarea"):
        data[box.get("name")] = "More buses to the day centre, please"
    for number in page.all("main form input[inputmode=numeric]"):
        data[number.get("name")] = "2"
    return data


def _walk(client, slug: str, query: str = "") -> list:
    """Answer every question from the start, the same way each time; return each page seen:
    the start page, every question and "how did you answer?"."""
    start = get(client, f"/s/{slug}?{query}" if query else f"/s/{slug}")
    page = get(client, start.all("a.govuk-button--start")[0].get("href"))
    seen = [start]
    while "/questions/" in page.all("main form")[0].get("action"):
        seen.append(page)
        response = client.post(page.all("main form")[0].get("action"), data=_answered_form(page))
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
        page = get(client, response.headers["Location"])
    assert page.all("input[name=support]"), "the walk ends at how did you answer?"
    return [*seen, page]


@pytest.mark.parametrize("query", ["", "lang=cy", "lang=ar&words=standard&size=2", "pictures=off"])
def test_the_next_person_gets_the_page_a_fresh_render_gives(app, query, journey_renders):
    with app.app_context():
        demo.seed_demo(today=date.today())  # noqa: DTZ011

    first = _walk(app.test_client(), demo.DEMO_SLUG, query)
    rendered = list(journey_renders)
    second = _walk(app.test_client(), demo.DEMO_SLUG, query)

    assert len(first) == len(second) == len(rendered) > 7
    assert set(rendered) == set(KEPT_TEMPLATES)
    # The second person's pages were all kept pages, yet read exactly as the first's did.
    assert journey_renders == rendered
    assert [_normalised(page) for page in second] == [_normalised(page) for page in first]


def test_each_person_gets_only_their_own_token_and_nonce(app, question_renders):
    with app.app_context():
        slug = create_survey(questions=2).slug

    first = journey.start(app.test_client(), slug)
    second = journey.start(app.test_client(), slug)

    assert len(question_renders) == 1
    first_token = TOKEN.search(first.response.get_data(as_text=True))[1]
    second_html = second.response.get_data(as_text=True)
    second_token = TOKEN.search(second_html)[1]
    with app.app_context():
        assert journey_tokens.peek(first_token) != journey_tokens.peek(second_token)
    assert first_token.rsplit(".", 2)[0] not in second_html
    # The token is in the form, the Back link and each display choice; the nonce in the script.
    assert second_html.count(second_token) == first.response.get_data(as_text=True).count(
        first_token
    )
    nonce = NONCE.search(second.response.headers["Content-Security-Policy"])[1]
    assert f'nonce="{nonce}"' in second_html
    assert blank_pages.TOKEN_STAND_IN not in second_html
    assert blank_pages.NONCE_STAND_IN not in second_html


def test_a_saved_answer_is_shown_to_its_person_only(app, question_renders):
    with app.app_context():
        slug = create_survey(questions=2).slug
    client = app.test_client()
    first = journey.start(client, slug)
    chosen = first.all("input[type=radio]")[1].get("value")
    second_question = get(client, journey.answer(client, first, chosen).headers["Location"])

    back = get(client, second_question.all("a.govuk-back-link")[0].get("href"))
    someone_else = journey.start(app.test_client(), slug)

    assert back.all(f"input[type=radio][value='{chosen}']")[0].get("checked") is not None
    assert not someone_else.all("input[type=radio][checked]")
    assert _normalised(someone_else) == _normalised(first)
    # Back showed a saved answer: rendered for that person, never kept.
    assert len(question_renders) == 3


def test_a_new_version_of_the_survey_is_rendered_again(app, question_renders):
    with app.app_context():
        survey = create_survey(questions=2)
        slug = survey.slug
    journey.start(app.test_client(), slug)
    with app.app_context():
        from app.extensions import db
        from app.models import Survey

        changed = db.session.get(Survey, survey.id)
        changed.questions[0].easy_read_text = "Is the bus on time?"
        changed.version += 1
        db.session.commit()
    app.config["SURVEY_CHECK_SECONDS"], before = 0, app.config["SURVEY_CHECK_SECONDS"]
    try:
        page = journey.start(app.test_client(), slug)
    finally:
        app.config["SURVEY_CHECK_SECONDS"] = before

    assert "Is the bus on time?" in page.text("h1")
    assert len(question_renders) == 2


@pytest.fixture
def keyed(app):
    """Return the key of a one-question survey's page, for a journey at an address."""
    with app.app_context():
        survey = create_survey(questions=1)

        def key_for(journey_: Journey, path: str = "/s/a/questions/1"):
            with app.test_request_context(path):
                return blank_pages.key(
                    survey,
                    journey_,
                    survey.questions[0].id,
                    blank_pages.progress_key(Progress(1, 1)),
                    blank_pages.step_key(START),
                )

        yield key_for


@pytest.mark.parametrize(
    "journey_",
    [
        Journey(1, "a" * 32, Channel.KIOSK.value, kiosk_id=1),
        Journey(1, "a" * 32, Channel.EMBED.value, partner_link_id=1),
        Journey(1, "a" * 32, Channel.GROUP.value, group=GroupSession(5, "Sam", "Age UK", DAY)),
    ],
    ids=["kiosk", "embed", "group"],
)
def test_kiosk_embed_and_group_pages_are_never_kept(keyed, journey_):
    assert keyed(journey_) is None


def test_an_online_journey_through_a_partners_link_is_kept_apart(keyed):
    plain = keyed(Journey(1, "a" * 32))
    through_a_link = keyed(Journey(1, "a" * 32, partner_link_id=7))

    assert plain is not None and through_a_link is not None
    assert plain != through_a_link


def test_the_address_without_its_token_is_part_of_the_key(keyed):
    first = keyed(Journey(1, "a" * 32), "/s/a/questions/1?token=one&lang=cy")
    second = keyed(Journey(1, "a" * 32), "/s/a/questions/1?token=two&lang=cy")
    english = keyed(Journey(1, "a" * 32), "/s/a/questions/1?token=two")

    assert first == second
    assert first != english


def test_a_page_still_holding_its_journey_after_the_swap_is_not_kept(app):
    journey_ = Journey(1, "b" * 32)
    with app.test_request_context("/s/a/questions/1"):
        from flask import g

        g.csp_nonce = "a-nonce-of-this-request"
        token = journey_tokens.issue(journey_)
        # The same journey signed at another second: same first part, other signature.
        older = token.rsplit(".", 2)[0] + ".AAAAAA.other-signature"
        blank_pages.keep(("a",), f"<p>{token}</p><p>{older}</p>", token)
        blank_pages.keep(("b",), f"<p>{token}</p><p nonce='{g.csp_nonce}'></p>", token)

        assert blank_pages.kept_page(("a",), token) is None
        assert (
            blank_pages.kept_page(("b",), token) == f"<p>{token}</p><p nonce='{g.csp_nonce}'></p>"
        )


def test_the_oldest_pages_go_first_past_the_bound(app, monkeypatch):
    # Two pages of 62 characters (40 and the token's stand-in) fit, not three.
    monkeypatch.setattr(blank_pages, "KEPT_CHARACTERS", 130)
    with app.test_request_context("/"):
        from flask import g

        g.csp_nonce = "nonce"
        for number in range(5):
            blank_pages.keep((number,), f"{number}" * 40 + "signed", "signed")

        kept = [number for number in range(5) if blank_pages.kept_page((number,), "t")]

    assert kept == [3, 4]


def test_one_request_gives_a_journey_one_token(app):
    journey_ = Journey(1, "c" * 32)
    with app.test_request_context("/"):
        assert journey_tokens.issue(journey_) == journey_tokens.issue(journey_)
    with app.test_request_context("/"):
        assert journey_tokens.issue(Journey(1, "d" * 32)) != journey_tokens.issue(journey_)


def test_a_partners_link_page_is_served_to_people_of_that_link_only(app, question_renders):
    with app.app_context():
        survey = create_survey(questions=2)
        slug = survey.slug
        partner = partners.create_partner(name="Age UK Gateshead")
        code = partners.create_link(partner=partner, survey=survey, label="Poster").code
    link_start = get(app.test_client(), f"/l/{code}")
    client = app.test_client()
    get(client, link_start.all("a.govuk-button--start")[0].get("href"))
    journey.start(app.test_client(), slug)

    assert len(question_renders) == 2
