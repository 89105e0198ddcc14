"""Staff passwords: long enough, not common, not absurdly long (BAD-56)."""

import pytest

from app.services import users
from app.services.errors import ServiceError


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Passw0rd!", "Password must be 12 characters or more"),
        ("short77", "Password must be 12 characters or more"),
        ("password1234", "This password is too easy to guess. Try three random words"),
        ("qwertyuiop!!", "This password is too easy to guess. Try three random words"),
        ("aaaaaaaaaaaaaaaa", "This password is too easy to guess. Try three random words"),
        ("x" * 2000, "Password must be 1,024 characters or fewer"),
    ],
)
def test_weak_or_absurd_passwords_are_refused_with_a_reason(app_context, password, reason):
    with pytest.raises(ServiceError) as refused:
        users.create_user(email="a@council.example", name="A", role="lead", password=password)
    assert refused.value.message == reason


def test_a_long_passphrase_is_accepted_and_works(app_context):
    passphrase = "correct horse battery staple " * 2 + "xyz"  # 61 characters and more
    user = users.create_user(email="b@council.example", name="B", role="lead", password=passphrase)
    assert users.authenticate("B@Council.example", passphrase).id == user.id


def test_an_email_address_that_is_not_one_is_refused(app_context):
    with pytest.raises(ServiceError, match="Enter an email address"):
        users.create_user(email="not an address", name="C", role="lead", password="long enough pw")


def test_a_user_is_found_by_the_id_a_session_stores(app_context):
    user = users.create_user(
        email="d@council.example", name="D", role="lead", password="long enough pw"
    )
    assert users.get_user(str(user.id)).id == user.id


@pytest.mark.parametrize("stored", ["", "abc", "-1", "1.5", "99999", "1" * 40])
def test_an_id_that_is_no_user_finds_nobody(app_context, stored):
    assert users.get_user(stored) is None
