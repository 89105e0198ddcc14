"""The journey token of a request is verified once, whatever asks for it (kiosk, embed, view)."""

import pytest
from itsdangerous import URLSafeTimedSerializer

from app import journey_tokens as tokens
from app.models import Channel


def test_a_requests_token_is_read_once_and_a_different_one_is_read_again(app, monkeypatch):
    with app.test_request_context("/"):
        token = tokens.start(7, channel=Channel.KIOSK.value, kiosk_id=3)
    reads = []
    real_loads = URLSafeTimedSerializer.loads

    def counted(serializer, value, **options):
        reads.append(value)
        return real_loads(serializer, value, **options)

    monkeypatch.setattr(URLSafeTimedSerializer, "loads", counted)

    with app.test_request_context(f"/s/x/questions/1?token={token}"):
        first, second = tokens.peek_request(), tokens.peek_request()
        # The view's read, with its age check, and the kiosk's "when was this page shown".
        read, shown_at = tokens.read(token, 7), tokens.issued_at(token)
    with app.test_request_context("/s/x/questions/1?token=not-a-token"):
        forged = tokens.peek_request()

    assert first is second and (first.survey_id, first.kiosk_id) == (7, 3)
    assert read == first and shown_at is not None
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


@pytest.mark.parametrize(
    ("seconds_later", "expired"), [(0, False), (3600, False), (3601, True), (-5, True)]
)
def test_a_token_is_read_until_its_age_and_never_from_the_future(
    app, monkeypatch, seconds_later, expired
):
    monkeypatch.setitem(app.config, "RESPOND_TOKEN_MAX_AGE_SECONDS", 3600)
    with app.test_request_context("/"):
        token = tokens.start(7)
        signed_at = int(tokens.issued_at(token).timestamp())
    monkeypatch.setattr(tokens.time, "time", lambda: signed_at + seconds_later + 0.5)

    with app.test_request_context("/"):
        if expired:
            with pytest.raises(tokens.JourneyTokenInvalid) as invalid:
                tokens.read(token, 7)
            assert invalid.value.journey.token != tokens.peek(token).token
        else:
            assert tokens.read(token, 7) == tokens.peek(token)
