"""The journey token of a request is read once, whatever asks for it (kiosk, embed, view)."""

from app import journey_tokens as tokens
from app.models import Channel


def test_a_requests_token_is_read_once_and_a_different_one_is_read_again(app, monkeypatch):
    with app.test_request_context("/"):
        token = tokens.start(7, channel=Channel.KIOSK.value, kiosk_id=3)
    reads = []
    real_peek = tokens.peek
    monkeypatch.setattr(tokens, "peek", lambda value: reads.append(value) or real_peek(value))

    with app.test_request_context(f"/s/x/questions/1?token={token}"):
        first, second = tokens.peek_request(), tokens.peek_request()
    with app.test_request_context("/s/x/questions/1?token=not-a-token"):
        forged = tokens.peek_request()

    assert first is second and (first.survey_id, first.kiosk_id) == (7, 3)
    assert reads == [token, "not-a-token"]
    assert forged is None


def test_tokens_signed_with_one_key_are_not_read_with_another(app):
    with app.test_request_context("/"):
        token = tokens.start(7)
    before = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "another key that is long enough to be used here"
    try:
        with app.test_request_context("/"):
            assert tokens.peek(token) is None
    finally:
        app.config["SECRET_KEY"] = before
    with app.test_request_context("/"):
        assert tokens.peek(token).survey_id == 7
