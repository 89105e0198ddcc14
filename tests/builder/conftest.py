"""Builder tests: the signed-in lead of tests/conftest.py, with the frameworks loaded."""

import pytest


@pytest.fixture
def lead(frameworks, lead):
    return lead
