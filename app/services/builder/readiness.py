"""Is a survey ready to open? At least one question, and no easy-read error.

Warnings do not block opening; errors do, each with the docs/accessibility.md rule it comes
from (app/services/easy_read_checks).
"""

from app.models import Survey
from app.services import easy_read_checks, plain_words
from app.services.easy_read_checks import from_models
from app.services.errors import ServiceError


class NotReady(ServiceError):
    """The survey cannot open yet; `problems` lists why, in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("This survey is not ready to open: " + "; ".join(problems))
        self.problems = problems


def problems(survey: Survey) -> list[str]:
    """Return what stops the survey opening, in plain words; empty when it is ready."""
    found = []
    if not survey.questions:
        found.append("it has no questions yet")
    for question in survey.questions:
        if question.kind.has_options and len(question.options) < 2:
            found.append(f"question {question.position} needs at least 2 answers")
    found += [
        f"{easy_read_checks.place(finding.field)}: {finding.message} ({finding.rule})"
        for finding in easy_read_findings(survey)
        if finding.level == easy_read_checks.ERROR
    ]
    return found


def easy_read_findings(survey: Survey) -> list[easy_read_checks.Finding]:
    """Return every easy-read finding for the survey as it is saved now, checked against the
    shipped word lists and the council's own words."""
    text = from_models.survey_text(survey)
    return plain_words.checking_with_council_words(lambda: easy_read_checks.check_survey(text))


def refuse_if_not_ready(survey: Survey) -> None:
    """Raise NotReady when `problems` finds anything."""
    if found := problems(survey):
        raise NotReady(found)
