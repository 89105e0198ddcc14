"""What resident pages show around the questions: the display choices in the same place on
every page, read aloud, save for later, the honeypot field, the confirmation page's links and
easy-read wording. Kiosk and embedded pages are in test_display_kiosk_and_embed.py."""

from urllib.parse import parse_qs, urlsplit

import pytest

from app import journey_tokens
from app.errors import MESSAGES
from app.extensions import db
from app.models import Channel
from app.respond.pages import PERSONAL_DETAILS_HINT
from tests import journey
from tests.factories import create_survey
from tests.pages import Page, check_page, get

CHOICE_LINKS = {
    "words": ["Easy read", "Standard words"],
    "pictures": ["Show pictures", "Words only"],
    "size": ["Standard", "Bigger", "Biggest"],
    "contrast": ["Standard", "High contrast"],
}


def _query(address: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(address).query)


def _choice(page: Page, group: str, words: str) -> str:
    """Return the address of one display choice ("size", "Biggest")."""
    links = page.all(f"ul[aria-labelledby='heard-display-{group}'] a")
    return next(link.get("href") for link in links if link.text_content().strip() == words)


def _language_links(page: Page) -> dict[str, object]:
    return {link.get("lang"): link for link in page.all(".heard-display__languages a")}


# Display choices (K8, WCAG 3.2.6)


@pytest.fixture
def survey(app_context):
    return create_survey(questions=2, required=False)


@pytest.mark.parametrize(
    "page_name", ["home", "start", "question", "check", "resume", "you-said-we-did", "not-found"]
)
def test_every_resident_page_has_the_display_choices_before_its_content(client, survey, page_name):
    first = journey.start(client, survey.slug)
    token = first.form_fields()["token"]
    addresses = {
        "home": "/",
        "start": f"/s/{survey.slug}",
        "question": first.response.request.full_path,
        "check": f"/s/{survey.slug}/check?token={token}",
        "resume": f"/s/{survey.slug}/resume",
        "you-said-we-did": f"/s/{survey.slug}/you-said-we-did",
        "not-found": f"/s/{survey.slug}/no-such-page",
    }
    page = check_page(client.get(addresses[page_name]))

    display = page.all("nav.heard-display")
    assert len(display) == 1
    assert display[0].getparent().get("class") == "govuk-width-container", "Above the content"
    assert page.texts(".heard-display__languages a") == ["English", "Cymraeg", "العربية"]
    for group, words in CHOICE_LINKS.items():
        assert page.texts(f"ul[aria-labelledby='heard-display-{group}'] a") == words


def test_each_language_is_named_in_its_own_language(client, survey):
    page = journey.start(client, survey.slug)

    links = _language_links(page)

    assert sorted(links) == ["ar", "cy", "en"]
    for code, link in links.items():
        assert link.get("hreflang") == code
    assert links["en"].get("aria-current") == "true"
    assert links["cy"].get("aria-current") is None
    assert links["ar"].get("dir") == "rtl"


def test_display_links_keep_the_person_on_the_same_question_and_journey(client, survey):
    page = journey.start(client, survey.slug, "words=standard")
    token = page.form_fields()["token"]

    bigger = _choice(page, "size", "Bigger")
    welsh = _language_links(page)["cy"].get("href")

    assert urlsplit(bigger).path == f"/s/{survey.slug}/questions/1"
    assert _query(bigger) == {"token": [token], "words": ["standard"], "size": ["1"]}
    assert urlsplit(welsh).path == f"/s/{survey.slug}/questions/1"
    assert _query(welsh) == {"token": [token], "lang": ["cy"], "words": ["standard"]}
    english = _query(_language_links(get(client, welsh))["en"].get("href"))
    # The Welsh page issued its own token, a second later perhaps: the same journey.
    assert journey_tokens.peek(english.pop("token")[0]) == journey_tokens.peek(token)
    assert english == {"words": ["standard"]}


def test_choosing_a_default_again_takes_it_out_of_the_address(client, survey):
    page = journey.start(client, survey.slug, "size=2&contrast=high&pictures=off")

    standard_size = _query(_choice(page, "size", "Standard"))
    standard_colours = _query(_choice(page, "contrast", "Standard"))
    pictures = _query(_choice(page, "pictures", "Show pictures"))

    assert "size" not in standard_size
    assert standard_size["contrast"] == ["high"]
    assert "contrast" not in standard_colours
    assert "pictures" not in pictures
    assert pictures["size"] == ["2"]


def test_display_choices_after_an_error_lead_back_to_the_question_with_the_journey(client, survey):
    survey.questions[0].required = True
    survey.version += 1  # as every builder change does, so workers load it again
    db.session.commit()
    page = journey.start(client, survey.slug, "words=standard")
    response = client.post(page.all("form")[0].get("action"), data=page.form_fields())
    assert response.status_code == 400
    errored = check_page(response)

    high = _choice(errored, "contrast", "High contrast")

    assert urlsplit(high).path == f"/s/{survey.slug}/questions/1"
    assert _query(high)["token"] == [errored.form_fields()["token"]]
    assert _query(high)["words"] == ["standard"]
    assert get(client, high).text("h1") == "Question 1 text?"


def test_the_chosen_text_size_and_contrast_are_on_the_page(client, survey):
    page = journey.start(client, survey.slug, "size=2&contrast=high&pictures=off")

    html_classes = page.document.get("class").split()
    body_classes = page.all("body")[0].get("class").split()

    assert "heard-text-size-2" in html_classes, "GOV.UK Frontend sizes text in rem"
    assert {"heard-text-size-2", "heard-high-contrast", "heard-words-only"} <= set(body_classes)
    assert _choice(page, "size", "Biggest") in [
        a.get("href") for a in page.all("a[aria-current='true']")
    ]


def test_standard_choices_add_no_classes(client, survey):
    page = journey.start(client, survey.slug)

    assert page.all("body")[0].get("class") == "govuk-template__body"
    assert page.document.get("class") == "govuk-template"
    assert page.all("body")[0].get("dir") is None


def test_arabic_pages_read_right_to_left(client, survey):
    page = journey.start(client, survey.slug, "lang=ar")

    assert page.document.get("lang") == "ar"
    assert page.all("body")[0].get("dir") == "rtl"


def test_staff_pages_have_no_display_choices(client):
    page = get(client, "/staff/sign-in?size=2")

    assert page.all("nav.heard-display") == []
    assert "heard-text-size-2" not in (page.document.get("class") or "")


def test_the_question_title_is_in_the_chosen_words(client, survey):
    page = journey.start(client, survey.slug, "words=standard")

    assert page.title == "Question 1 text? – Heard"


# Read aloud, save for later, honeypot


def test_question_pages_have_a_read_aloud_button_hidden_until_javascript_finds_speech(
    client, survey
):
    page = journey.start(client, survey.slug)

    read_aloud = page.all("[data-module='heard-read-aloud']")

    assert len(read_aloud) == 1
    assert read_aloud[0].get("hidden") is not None
    assert read_aloud[0].cssselect("button[type=button]")[0].text_content().split() == [
        "Read",
        "aloud",
    ]
    assert read_aloud[0].get("data-stop-words") == "Stop reading"


def test_save_and_come_back_later_sends_the_question_form_to_the_save_page(client, survey):
    page = journey.start(client, survey.slug)

    save = page.all("form button.heard-save-for-later")

    assert len(save) == 1
    assert save[0].text_content().strip() == "Save and come back later"
    assert urlsplit(save[0].get("formaction")).path == f"/s/{survey.slug}/save"
    continue_button = page.all("form button")[0]
    assert continue_button.text_content().strip() == "Continue", "Enter still means Continue"
    form = page.all("form")[0]
    saved = check_page(client.post(save[0].get("formaction"), data=page.form_fields()))
    assert saved.text("h1") == "Your answers are saved"
    assert form.get("autocomplete") is None


@pytest.mark.parametrize("page_name", ["question", "check", "resume", "how-you-answered"])
def test_every_resident_form_has_a_honeypot_nobody_sees_or_reaches(client, survey, page_name):
    page = journey.start(client, survey.slug)
    token = page.form_fields()["token"]
    addresses = {
        "question": page.response.request.full_path,
        "check": f"/s/{survey.slug}/check?token={token}",
        "resume": f"/s/{survey.slug}/resume",
        "how-you-answered": f"/s/{survey.slug}/how-you-answered?token={token}",
    }
    page = get(client, addresses[page_name])

    for form in page.all("form[method=post]"):
        fields = form.cssselect("input[name=website]")
        assert len(fields) == 1
        field = fields[0]
        container = field.getparent()
        assert container.get("aria-hidden") == "true"
        assert container.get("hidden") is None, "Programs skip hidden fields"
        assert field.get("tabindex") == "-1"
        assert field.get("autocomplete") == "off"
        assert field.get("value") == ""
        label = form.cssselect(f"label[for='{field.get('id')}']")
        assert label[0].text_content().strip() == "Leave this empty"


def test_a_journey_with_the_empty_honeypot_is_still_sent(client, survey):
    page = journey.start(client, survey.slug)
    form = page.all("form")[0]
    answer = page.all("input[type=radio]")[0]
    data = {**page.form_fields(), "website": "", answer.get("name"): answer.get("value")}
    response = client.post(form.get("action"), data=data)
    assert response.status_code == 303

    filled = client.post(form.get("action"), data={**data, "website": "https://spam.example"})

    assert filled.status_code == 200, "a form filler gets one more press (test_honeypot.py)"


# The confirmation page


def test_the_confirmation_links_to_what_we_did(client, survey):
    thanks = journey.send_with_first_answers(client, journey.start(client, survey.slug))

    link = thanks.all(".heard-you-said-we-did-link")[0]

    assert link.text_content().strip() == "See what we did with what people told us"
    assert link.get("href") == f"/s/{survey.slug}/you-said-we-did"
    assert thanks.all(".heard-next-paper-form") == []
    assert thanks.all("dialog, .heard-next-person__button") == []


def test_a_paper_form_confirmation_leads_to_the_next_paper_form(client, survey):
    token = journey_tokens.start(survey.id, channel=Channel.PAPER.value)
    first = get(client, f"/s/{survey.slug}/questions/1?token={token}")

    thanks = journey.send_with_first_answers(client, first)

    link = thanks.all(".heard-next-paper-form")[0]
    assert link.text_content().strip() == "Type in the next paper form"
    assert link.get("href") == f"/staff/surveys/{survey.id}/paper"


# Easy-read wording (docs/accessibility.md P7)


def test_interface_words_never_say_please_sorry_or_invalid():
    words = [str(PERSONAL_DETAILS_HINT)] + [str(w) for pair in MESSAGES.values() for w in pair]

    offending = [w for w in words if {"please", "sorry", "invalid"} & set(w.lower().split())]

    assert not offending
    assert str(PERSONAL_DETAILS_HINT) == "Do not write your name, address or phone number."
    assert MESSAGES[429][0] == "Wait a minute"


def test_optional_sits_inside_the_question_words_beside_the_picture(client, survey):
    page = journey.start(client, survey.slug)

    words = page.all("h1 .heard-question__heading .heard-question__words")

    assert len(words) == 1
    assert " ".join(words[0].text_content().split()) == "Easy question 1? (optional)"
    assert page.text("h1") == "Easy question 1? (optional)"


def test_free_text_warns_against_personal_details_without_please(client):
    survey = create_survey(questions=1, kinds=["free_text"])

    page = journey.start(client, survey.slug)

    assert "Do not write your name, address or phone number." in page.text(".govuk-hint")


def test_two_residents_on_the_same_page_each_get_links_with_their_own_journey(app, survey):
    """The display choices are made once per page and choices: only the token differs."""
    first = journey.start(app.test_client(), survey.slug, "size=1")
    second = journey.start(app.test_client(), survey.slug, "size=1")
    tokens = [page.form_fields()["token"] for page in (first, second)]
    assert tokens[0] != tokens[1]

    for page, token in zip((first, second), tokens, strict=True):
        links = page.all(".heard-display a")
        assert len(links) == 12
        assert {_query(link.get("href"))["token"][0] for link in links} == {token}
        assert "heard-journey-token" not in page.response.get_data(as_text=True)
    assert _query(_choice(second, "contrast", "High contrast"))["size"] == ["1"]
