"""Builder tests: a signed-in engagement lead with the frameworks loaded."""

import pytest

from app.services.frameworks import load_all_frameworks
from tests.factories import create_user
from tests.staff.test_access import sign_in


@pytest.fixture
def lead(client):
    load_all_frameworks()
    user = create_user(role="lead")
    sign_in(client, user)
    return user
