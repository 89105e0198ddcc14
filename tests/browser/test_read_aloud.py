"""Read aloud in real Chromium: the browser's speech synthesis (replaced here by a recorder)
reads the question, its hint and its answers in the page's language, and stops when the
button is pressed again; without speech synthesis the button never shows."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Survey
from app.services.wording import add_translation
from tests.browser.resident import first_question_path

pytestmark = pytest.mark.browser

# Record what would be spoken instead of speaking: the real utterance objects are kept.
RECORD_SPEECH_JS = """(() => {
    window.heardSpeech = {spoken: [], cancelled: 0};
    const recorder = {
        speaking: false, pending: false, paused: false,
        speak(utterance) {
            window.heardSpeech.spoken.push({text: utterance.text, lang: utterance.lang});
        },
        cancel() { window.heardSpeech.cancelled += 1; },
        getVoices() { return []; },
        addEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', {configurable: true, get: () => recorder});
})();"""
NO_SPEECH_JS = """(() => {
    delete window.speechSynthesis;
    delete Window.prototype.speechSynthesis;
})();"""


def _open_question(page, live_server, app, slug, number, query=""):
    address = first_question_path(app, slug).replace("/questions/1?", f"/questions/{number}?")
    page.goto(f"{live_server}{address}{query}")


def test_read_aloud_speaks_the_question_and_its_answers_and_stops_when_pressed_again(
    page, live_server, app, demo
):
    page.add_init_script(RECORD_SPEECH_JS)
    _open_question(page, live_server, app, demo, 4)
    button = page.get_by_role("button", name="Read aloud")
    expect(button).to_be_visible()

    button.click()

    spoken = page.evaluate("() => window.heardSpeech.spoken")
    texts = [part["text"] for part in spoken]
    assert texts[0] == page.locator("h1").inner_text().strip()
    assert texts[1] == page.locator(".govuk-hint").inner_text().strip()
    answers = [text.strip() for text in page.locator(".govuk-checkboxes__label").all_inner_texts()]
    assert len(answers) > 2
    assert texts[2:] == answers
    assert {part["lang"] for part in spoken} == {"en"}
    stop = page.get_by_role("button", name="Stop reading")
    expect(stop).to_be_visible()

    stop.click()

    assert page.evaluate("() => window.heardSpeech.cancelled") == 1
    expect(page.get_by_role("button", name="Read aloud")).to_be_visible()


def test_read_aloud_speaks_each_text_in_its_own_language(page, live_server, app, demo):
    with app.app_context():
        survey = db.session.scalar(select(Survey).where(Survey.slug == demo))
        question = survey.questions[0]
        add_translation(
            entity="question", entity_id=question.id, language="cy", name="easy_read_text",
            text="Sut ydych chi'n teimlo am sut rydym yn gweithio gyda chi?",
        )  # fmt: skip
        db.session.remove()
    page.add_init_script(RECORD_SPEECH_JS)
    _open_question(page, live_server, app, demo, 1, "&lang=cy")

    page.locator(".heard-read-aloud__button").click()

    spoken = page.evaluate("() => window.heardSpeech.spoken")
    assert spoken[0] == {
        "text": "Sut ydych chi'n teimlo am sut rydym yn gweithio gyda chi?",
        "lang": "cy",
    }
    # The answers have no Welsh words yet: they are shown, and read, in English.
    assert {part["lang"] for part in spoken[1:]} == {"en"}


def test_without_speech_synthesis_the_read_aloud_button_stays_hidden(page, live_server, app, demo):
    page.add_init_script(NO_SPEECH_JS)
    _open_question(page, live_server, app, demo, 1)
    expect(page.locator(".govuk-radios__input").first).to_be_attached()
    page.wait_for_load_state("networkidle")  # the read-aloud module has been imported

    assert page.evaluate("() => 'speechSynthesis' in window") is False
    expect(page.locator(".heard-read-aloud")).to_be_hidden()
    expect(page.get_by_role("button", name="Read aloud")).to_have_count(0)
