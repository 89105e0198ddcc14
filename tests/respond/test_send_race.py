"""Twenty presses of Send with the same answers at once store one response, and every press
gets the same thanks page (issue 13, faults).

The first one stored wins; each other press must find that response and show its reference.
Before this was fixed, the draft's deletion flushed the loser's insert outside the code that
caught the clash (a 500), and a loser that read the draft after the winner deleted it was
told its answers were missing and sent back to question 1.
"""

import threading

import pytest
from sqlalchemy import func, select

from app import journey_tokens as tokens
from app.extensions import db
from app.models import Draft, Response
from app.services import responses
from tests.factories import create_survey
from tests.respond.test_send_limit import _check_page

PRESSES = 20


def _press_send_together(app, action: str, form: dict) -> list:
    barrier = threading.Barrier(PRESSES)
    results: list = [None] * PRESSES

    def press(index: int) -> None:
        client = app.test_client()
        barrier.wait()
        results[index] = client.post(action, data=form)

    threads = [threading.Thread(target=press, args=(i,)) for i in range(PRESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_identical_sends_at_once_all_get_the_same_thanks_page(app, app_context):
    app.config["RESPOND_SENDS_PER_MINUTE"], before = (
        "1000 per minute",
        app.config["RESPOND_SENDS_PER_MINUTE"],
    )
    try:
        survey = create_survey(questions=2)
        action, form = _send_form(app, survey)
        results = _press_send_together(app, action, form)
    finally:
        app.config["RESPOND_SENDS_PER_MINUTE"] = before

    statuses = sorted({result.status_code for result in results})
    places = {result.headers.get("Location") for result in results}
    db.session.remove()
    assert statuses == [303]
    assert len(places) == 1 and "/thanks/" in places.pop()
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def _send_form(app, survey):
    check = _check_page(app.test_client(), survey.slug)
    return check.all("form[action*='/send']")[0].get("action"), check.form_fields(
        "form[action*='/send']"
    )


def _first_look_for_a_receipt_finds_none(monkeypatch) -> None:
    """The next send looks for its receipt just before the other press of Send is stored."""
    real = responses.find_receipt
    looked: list = []

    def find_receipt(journey):
        looked.append(journey)
        return None if len(looked) == 1 else real(journey)

    monkeypatch.setattr(responses, "find_receipt", find_receipt)


@pytest.mark.parametrize("draft_read_too", [False, True], ids=["draft-gone", "insert-clash"])
def test_the_press_that_loses_the_race_gets_the_winners_thanks_page(
    app, app_context, monkeypatch, draft_read_too
):
    survey = create_survey(questions=2)
    action, form = _send_form(app, survey)
    if draft_read_too:
        journey = tokens.read(form["token"], survey.id)
        answers = responses.draft_answers(journey)
    first = app.test_client().post(action, data=form)
    assert first.status_code == 303
    db.session.remove()
    _first_look_for_a_receipt_finds_none(monkeypatch)
    if draft_read_too:
        # It read the draft before the other press deleted it, too: its insert clashes.
        monkeypatch.setattr(responses, "draft_answers", lambda _journey: dict(answers))

    second = app.test_client().post(action, data=form)

    assert second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
