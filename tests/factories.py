"""Keyword-only factories that save through the real write paths where one exists."""

import itertools
from datetime import date, timedelta

from app.extensions import db
from app.models import Option, Question, QuestionKind, Survey, SurveyStatus
from app.services import frameworks, users

_numbers = itertools.count(1)
PASSWORD = "a long enough test password"


def create_survey(
    *,
    questions: int = 3,
    status: str = "open",
    kinds: list[str] | None = None,
    required: bool = True,
    slug: str | None = None,
    title: str = "Test survey",
) -> Survey:
    """Create a survey whose questions cycle through the given kinds (single choice by default)."""
    framework = frameworks.get_framework(frameworks.DEFAULT_FRAMEWORK_KEY)
    if framework is None:
        framework = next(
            f for f in frameworks.load_all_frameworks() if f.key == frameworks.DEFAULT_FRAMEWORK_KEY
        )
    number = next(_numbers)
    survey = Survey(
        slug=slug or f"survey-{number}",
        title=title,
        easy_read_title=title,
        easy_read_intro="We want to know what you think.",
        framework=framework,
        status=SurveyStatus(status),
        # Relative to today: residents only see a survey between its opening and closing dates.
        opens_on=date.today() - timedelta(days=30),  # noqa: DTZ011
        closes_on=date.today() + timedelta(days=90),  # noqa: DTZ011
    )
    kinds = kinds or ["single_choice"]
    for position in range(1, questions + 1):
        kind = QuestionKind(kinds[(position - 1) % len(kinds)])
        question = Question(
            position=position,
            kind=kind,
            text=f"Question {position} text?",
            easy_read_text=f"Easy question {position}?",
            picture_key="question",
            required=required,
            max_choices=3 if kind == QuestionKind.MULTIPLE_CHOICE else None,
            min_number=1 if kind == QuestionKind.WHOLE_NUMBER else None,
            max_number=5 if kind == QuestionKind.WHOLE_NUMBER else None,
            principles=[framework.principles[(position - 1) % len(framework.principles)]],
        )
        if kind.has_options:
            labels = ["Yes", "No", "Not sure", "Sometimes", "None of these"]
            for option_position, label in enumerate(labels, start=1):
                question.options.append(
                    Option(
                        position=option_position,
                        label=label,
                        easy_read_label=label,
                        picture_key="yes",
                        exclusive=label == "None of these",
                    )
                )
        survey.questions.append(question)
    db.session.add(survey)
    db.session.commit()
    return survey


def create_user(
    *,
    role: str = "admin",
    email: str | None = None,
    password: str = PASSWORD,
    partner_id: int | None = None,
):
    """Create a staff user through the users service."""
    number = next(_numbers)
    return users.create_user(
        email=email or f"user{number}@council.example",
        name=f"User {number}",
        role=role,
        password=password,
        partner_id=partner_id,
    )


def closes_yesterday(survey: Survey) -> Survey:
    """Close a survey as of yesterday."""
    survey.status = SurveyStatus.CLOSED
    survey.closes_on = date.today() - timedelta(days=1)  # noqa: DTZ011
    db.session.commit()
    return survey
