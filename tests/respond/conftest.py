"""Fixtures shared by the resident journey tests."""

import pytest

from app.services import kiosks
from tests.factories import create_survey


@pytest.fixture
def kiosk(app_context):
    survey = create_survey(questions=2)
    return kiosks.create_kiosk(survey=survey, venue="Birtley Library", idle_seconds="90")
