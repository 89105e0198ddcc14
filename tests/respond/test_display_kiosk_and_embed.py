"""What resident pages show on a kiosk (the idle dialog, start again, no save for later) and
inside a partner's site (no header or footer, the display choices kept)."""

from urllib.parse import urlsplit

import pytest

from app.services import kiosks, partners
from tests import journey
from tests.factories import create_survey
from tests.pages import Page, get


@pytest.fixture
def survey(app_context):
    return create_survey(questions=2, required=False)


# Kiosks


@pytest.fixture
def kiosk(app_context):
    survey = create_survey(questions=2)
    return kiosks.create_kiosk(survey=survey, venue="Birtley Library", idle_seconds="90")


def _kiosk_question(client, kiosk) -> Page:
    start = get(client, f"/k/{kiosk.key}")
    return get(client, start.all("a.govuk-button--start")[0].get("href"))


def test_kiosk_question_pages_have_the_idle_dialog_and_the_start_again_form(client, kiosk):
    page = _kiosk_question(client, kiosk)

    timer = page.all("[data-module='heard-kiosk']")[0]
    dialog = timer.cssselect("dialog")[0]
    form = timer.cssselect("form")[0]

    assert timer.get("data-idle-seconds") == "90"
    assert timer.get("data-warning-seconds") == str(kiosks.WARNING_SECONDS)
    assert dialog.get("open") is None, "Hidden until the person is idle"
    assert dialog.get("role") == "alertdialog"
    assert dialog.get("aria-modal") == "true"
    title = dialog.cssselect(f"#{dialog.get('aria-labelledby')}")[0]
    assert title.text_content().strip() == "Are you still there?"
    description = " ".join(
        dialog.cssselect(f"#{dialog.get('aria-describedby')}")[0].text_content().split()
    )
    assert f"We delete your answers in {kiosks.WARNING_SECONDS} seconds." in description
    assert dialog.cssselect("button")[0].text_content().strip() == "I need more time"
    assert form.get("action") == f"/k/{kiosk.key}/start-again"
    assert form.cssselect("input[name=token]")[0].get("value") == page.form_fields()["token"]


def test_kiosk_questions_offer_no_save_and_ask_the_browser_to_remember_nothing(client, kiosk):
    page = _kiosk_question(client, kiosk)

    assert page.all(".heard-save-for-later") == []
    assert page.all("form")[0].get("autocomplete") == "off"


def test_the_kiosk_start_screen_has_no_idle_dialog(client, kiosk):
    page = get(client, f"/k/{kiosk.key}")

    assert page.all("dialog") == []


def test_pages_that_are_not_on_a_kiosk_have_no_idle_dialog(client, survey):
    assert journey.start(client, survey.slug).all("dialog, [data-module='heard-kiosk']") == []


def test_the_kiosk_confirmation_goes_back_to_the_start_for_the_next_person(client, kiosk):
    thanks = journey.send_with_first_answers(client, _kiosk_question(client, kiosk))

    button = thanks.all("form.heard-next-person button")[0]
    timer = thanks.all("[data-module='heard-return-to-start']")[0]

    assert button.text_content().strip() == "Start again for the next person"
    # A form, not a link: it ends the visit on the server, so Back cannot show this page.
    assert timer.tag == "form"
    assert timer.get("action") == f"/k/{kiosk.key}/start-again"
    assert timer.get("data-seconds") == "10"
    assert thanks.all(".heard-you-said-we-did-link") == [], "The kiosk stays on its survey"


# Embedded pages


@pytest.fixture
def embed_code(app_context):
    survey = create_survey(questions=1)
    partner = partners.create_partner(
        name="Age UK", allowed_origins="https://www.ageuk.example\nhttps://news.ageuk.example"
    )
    return partners.create_link(partner=partner, survey=survey, label="Web site").code


def test_embedded_pages_have_no_site_header_or_footer_but_keep_the_display_choices(
    client, embed_code
):
    start = get(client, f"/e/{embed_code}")
    question = get(client, start.all("a.govuk-button--start")[0].get("href"))

    for page in (start, question):
        body = page.all("body")[0]
        assert page.all("header, footer") == []
        assert page.all("nav.heard-display")
        assert body.get("data-heard-parents") == (
            "https://www.ageuk.example https://news.ageuk.example"
        )
        assert "heard-embedded" in body.get("class")
        scripts = [s.get("src") for s in page.all("script[type=module]")]
        assert any(urlsplit(src).path == "/static/js/embed-frame.mjs" for src in scripts)


def test_pages_that_are_not_embedded_keep_the_header_and_load_no_frame_script(client, survey):
    page = journey.start(client, survey.slug)

    assert page.all("header.govuk-template__header")
    assert page.all("footer.heard-footer")
    assert page.all("body")[0].get("data-heard-parents") is None
    assert not [s for s in page.all("script[src]") if "embed-frame" in s.get("src")]


def test_back_from_the_first_kiosk_question_goes_to_the_kiosks_start_screen(client, kiosk):
    # The survey's own start page would begin an online journey on the shared screen.
    page = _kiosk_question(client, kiosk)

    assert [a.get("href") for a in page.all(".govuk-back-link")] == [f"/k/{kiosk.key}"]
