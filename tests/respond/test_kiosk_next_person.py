"""Kiosks forget the last person completely (issue 10, point 7): each new person starts from
the kiosk's own display choices, set by staff, after the idle reset and after a send, and no
page of the last visit (its questions, its answers, its reference number) shows again."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from app.services import kiosks
from tests.factories import create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in

WELSH_BIG_HIGH_CONTRAST = {
    "lang": "cy", "words": "easy", "pictures": "on", "size": "2", "contrast": "high",
}  # fmt: skip


@pytest.fixture
def later(monkeypatch):
    """Visits end two seconds from now: journey tokens tell the time to the second."""
    monkeypatch.setattr(kiosks, "utc_now", lambda: datetime.now(UTC) + timedelta(seconds=2))


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _looks(page) -> tuple[str, set[str]]:
    """Return the page's language and the classes that apply the display choices."""
    html = page.document
    classes = {name for name in html.get("class", "").split() if name.startswith("heard-")}
    return html.get("lang"), classes


def _start_link(page) -> str:
    return page.all("a.govuk-button--start")[0].get("href")


def _answer_every_question(client, first: str) -> list[str]:
    """Answer each question from `first` on; return the addresses passed, check page last."""
    passed = [first]
    while "/check" not in passed[-1]:
        page = get(client, passed[-1])
        radio = page.all("input[type=radio]")[0]
        data = {**page.form_fields(), radio.get("name"): radio.get("value")}
        response = client.post(page.all("form")[0].get("action"), data=data)
        assert response.status_code == 303, response.get_data(as_text=True)
        passed.append(response.headers["Location"])
    return passed


def _send(client, first: str) -> tuple[list[str], str]:
    """Answer and send; return the addresses passed and the confirmation page's."""
    passed = _answer_every_question(client, first)
    check = get(client, passed[-1])
    sent = client.post(check.all("form")[0].get("action"), data=check.form_fields())
    assert sent.status_code == 303
    return passed, sent.headers["Location"]


def test_each_new_person_starts_with_the_kiosks_own_display_choices(client, kiosk):
    kiosks.set_display_defaults(kiosk, WELSH_BIG_HIGH_CONTRAST)

    start = get(client, f"/k/{kiosk.key}")
    lang, classes = _looks(start)
    question = get(client, _start_link(start))

    assert lang == "cy"
    assert classes == {"heard-text-size-2", "heard-high-contrast"}
    assert _looks(question) == _looks(start)


def test_a_person_on_a_welsh_kiosk_can_choose_english_for_their_visit(app, kiosk):
    kiosks.set_display_defaults(kiosk, WELSH_BIG_HIGH_CONTRAST)
    start = get(app.test_client(), f"/k/{kiosk.key}")
    english = start.all("a[hreflang=en]")[0].get("href")

    page = get(app.test_client(), english)
    question = get(app.test_client(), _start_link(page))

    assert _query(english)["lang"] == ["en"]
    assert _looks(page)[0] == "en"
    assert _looks(question)[0] == "en"


def test_the_start_screen_after_a_reset_never_keeps_the_last_persons_choices(client, kiosk):
    response = client.get(f"/k/{kiosk.key}?reset=1&lang=ar&size=2&contrast=high")

    assert response.status_code == 303
    assert response.headers["Location"] == f"/k/{kiosk.key}?reset=1"
    start = get(client, response.headers["Location"])
    assert _looks(start) == ("en", set())
    assert "We deleted the answers on this screen" in start.text("main")


def test_the_idle_reset_forgets_the_last_persons_choices(app, kiosk, later):
    client = app.test_client()
    start = get(client, f"/k/{kiosk.key}?lang=ar&size=2&contrast=high")
    question = get(client, _start_link(start))
    assert _looks(question)[0] == "ar"
    timeout = question.all("form.heard-kiosk__start-again")[0]

    response = client.post(timeout.get("action"), data=question.form_fields(".heard-kiosk form"))

    assert urlsplit(timeout.get("action")).query == ""
    assert response.headers["Location"] == f"/k/{kiosk.key}?reset=1"
    assert _looks(get(app.test_client(), response.headers["Location"])) == ("en", set())
    # Back to the last person's question: the start screen instead.
    back = app.test_client().get(_start_link(start))
    assert (back.status_code, back.headers["Location"]) == (303, f"/k/{kiosk.key}")


def test_after_a_send_the_next_person_can_reach_no_page_of_the_last_visit(app, kiosk, later):
    client = app.test_client()
    kiosks.set_display_defaults(kiosk, WELSH_BIG_HIGH_CONTRAST)
    start = get(client, f"/k/{kiosk.key}?lang=ar&size=0&contrast=normal")
    passed, thanks_url = _send(client, _start_link(start))
    thanks = get(client, thanks_url)
    assert thanks.response.headers["Cache-Control"] == "no-store"
    reference = thanks.text(".heard-reference")
    next_person = thanks.all("form.heard-next-person")[0]

    response = client.post(next_person.get("action"), data={"website": ""})

    assert response.headers["Location"] == f"/k/{kiosk.key}"
    assert _looks(get(client, response.headers["Location"]))[0] == "cy"
    for old in [thanks_url, *passed]:
        again = app.test_client().get(old)
        assert (again.status_code, again.headers.get("Location")) == (303, f"/k/{kiosk.key}"), old
        assert reference not in again.get_data(as_text=True)


def test_a_confirmation_page_shows_until_the_next_person_starts(app, kiosk):
    client = app.test_client()
    _, thanks_url = _send(client, _start_link(get(client, f"/k/{kiosk.key}")))

    again = check_page(app.test_client().get(thanks_url))

    assert again.status == 200
    assert again.text(".heard-reference")


def test_staff_choose_how_a_kiosk_looks_for_each_new_person(client, kiosk):
    sign_in(client, create_user(role="lead"))
    listed = get(client, "/staff/kiosks")
    address = listed.all("a[href$='/display']")[0].get("href")
    page = get(client, address)
    data = {**page.form_fields(), **WELSH_BIG_HIGH_CONTRAST}

    response = client.post(address, data=data)

    assert response.status_code == 303
    assert kiosks.display_defaults(kiosk) == WELSH_BIG_HIGH_CONTRAST
    assert "Cymraeg" not in get(client, "/staff/kiosks").text("tbody")
    assert "Welsh, Easy read, Show pictures, Biggest, High contrast" in get(
        client, "/staff/kiosks"
    ).text("tbody")


@pytest.mark.parametrize(
    "wrong", [{"lang": "fr"}, {"size": "9"}, {"contrast": ""}, {"pictures": "<b>"}]
)
def test_a_kiosk_display_choice_that_is_not_offered_is_refused(client, kiosk, wrong):
    sign_in(client, create_user(role="lead"))
    address = f"/staff/kiosks/{kiosk.id}/display"
    page = get(client, address)
    data = {**page.form_fields(), **WELSH_BIG_HIGH_CONTRAST, **wrong}

    response = check_page(client.post(address, data=data))

    assert response.status == 400
    assert response.text(".govuk-error-summary__list") == "Choose one of the options"
    assert kiosks.display_defaults(kiosk)["lang"] == "en"
