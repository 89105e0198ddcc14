"""Add the standard "about you" equality-monitoring questions to a survey, in one change.

The set is data (about_you.yaml): optional questions in the "about_you" section, each with
"I do not want to say", which the report shows only in aggregate with small numbers hidden.
"""

from functools import cache
from pathlib import Path

import yaml

from app.models import Question, QuestionKind
from app.services import audit
from app.services.builder import editing, questions
from app.services.errors import ServiceError
from app.services.transactions import transactional

ABOUT_YOU_FILE = Path(__file__).with_name("about_you.yaml")
SECTION = "about_you"
RATHER_NOT_SAY = questions.OptionDetails(
    label="I do not want to say", picture_key="prefer-not-to-say"
)
ANSWER_PICTURES = {"Yes": "yes", "No": "no"}


@cache
def question_set() -> tuple[questions.QuestionDetails, ...]:
    """Return the "about you" questions, ready to add."""
    items = yaml.safe_load(ABOUT_YOU_FILE.read_text(encoding="utf-8"))
    return tuple(
        questions.QuestionDetails(
            kind=QuestionKind(item["kind"]),
            text=" ".join(item["text"].split()),
            easy_read_text=item["easy_read_text"],
            hint=item.get("hint", ""),
            picture_key=item["picture_key"],
            required=False,
            section=SECTION,
            options=(
                *(
                    questions.OptionDetails(label=label, picture_key=ANSWER_PICTURES.get(label, ""))
                    for label in item["options"]
                ),
                RATHER_NOT_SAY,
            ),
        )
        for item in items
    )


@transactional
def add_about_you(actor: audit.Actor, survey_id: int, seen_version: int) -> list[Question]:
    """Add every "about you" question at the end of the survey, once."""
    survey = editing.get_survey(survey_id)
    if any(question.section == SECTION for question in survey.questions):
        raise ServiceError("This survey already has the “about you” questions")
    added = []
    version = seen_version
    for details in question_set():
        added.append(questions.add_question(actor, survey_id, version, details))
        version = survey.version
    return added
