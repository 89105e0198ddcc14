"""Each kind of question says what to do when it is not answered (docs/accessibility.md P7)."""

import pytest

from tests import journey
from tests.factories import create_survey

WORDS = {
    "single_choice": "Choose one answer",
    "multiple_choice": "Choose at least one answer",
    "smiley_scale": "Choose how you feel",
    "yes_no": "Choose yes, no or not sure",
    "free_text": "Write your answer",
    "whole_number": "Write a whole number, like 3",
}


@pytest.mark.parametrize(("kind", "message"), WORDS.items())
def test_an_unanswered_question_says_what_to_do_for_its_kind(client, kind, message):
    survey = create_survey(questions=1, kinds=[kind])
    page = journey.start(client, survey.slug)
    form = page.all("form")[0]
    response = client.post(form.get("action"), data=page.form_fields())
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
