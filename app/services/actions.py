"""Actions ("you said, we did"): what the council did, or will do, about what it heard.

Staff record each action against a principle of the survey's framework and, optionally, one of
its themes. The public page shows them for open and closed surveys. Each public function that
writes is one transaction (`@transactional`); a form with several problems gets all of them at
once (ActionInvalid).
"""

from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.models import Action, ActionStatus, Principle, Survey, SurveyStatus, Theme
from app.services import audit, surveys, themes
from app.services.errors import NotFound, ServiceError
from app.services.form_input import govuk_date
from app.services.transactions import transactional

TEXT_LENGTH = 1000
TITLE_LENGTH = 200
REAL_DATE = "Enter a real date"
STATUS_NAMES = {
    ActionStatus.PLANNED: "Planned",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
}
_PUBLISHED = (SurveyStatus.OPEN, SurveyStatus.CLOSED)


class ActionInvalid(ServiceError):
    """An action that cannot be saved: every problem, each with the field it belongs to."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        field, message = problems[0]
        super().__init__(message, field=field)
        self.problems = problems


@dataclass(frozen=True)
class ActionDetails:
    """What staff entered for an action, as text from the form."""

    principle_id: int | None
    theme_id: int | None
    you_said: str
    we_did: str
    status: str
    day: str = ""
    month: str = ""
    year: str = ""
    title: str = ""


@dataclass(frozen=True)
class PrincipleActions:
    """A principle (None for actions recorded without one) and its actions."""

    principle: Principle | None
    actions: list[Action]


@dataclass(frozen=True)
class PublishedActions:
    """A survey's "you said, we did": one section per principle, in the framework's order."""

    survey: Survey
    sections: list[PrincipleActions]

    @property
    def count(self) -> int:
        """Return how many actions there are."""
        return sum(len(section.actions) for section in self.sections)


@transactional
def create_action(survey_id: int, details: ActionDetails) -> Action:
    """Record a new action for a survey."""
    survey = surveys.get_survey(survey_id)
    action = Action(survey_id=survey.id)
    _apply(survey, action, details)
    db.session.add(action)
    db.session.flush()
    _record("action.create", action)
    return action


@transactional
def update_action(survey_id: int, action_id: int, details: ActionDetails) -> Action:
    """Change an action."""
    action = get_action(survey_id, action_id)
    _apply(surveys.get_survey(survey_id), action, details)
    _record("action.update", action)
    return action


@transactional
def delete_action(survey_id: int, action_id: int) -> None:
    """Delete an action."""
    action = get_action(survey_id, action_id)
    _record("action.delete", action)
    db.session.delete(action)


def _record(action_name: str, action: Action) -> None:
    audit.record(
        audit.current_actor(), action_name, subject="action", subject_id=action.id,
        survey_id=action.survey_id, title=action.title,
    )  # fmt: skip


def get_action(survey_id: int, action_id: int) -> Action:
    """Return one of a survey's actions, or raise NotFound."""
    action = db.session.get(Action, action_id)
    if action is None or action.survey_id != survey_id:
        raise NotFound("We cannot find this action")
    return action


def actions_by_principle(survey: Survey) -> list[PrincipleActions]:
    """Return every principle of the survey's framework, in order, each with its actions."""
    actions = db.session.scalars(
        select(Action)
        .where(Action.survey_id == survey.id)
        .order_by(Action.action_date.is_(None), Action.action_date, Action.id)
    ).all()
    sections = [
        PrincipleActions(principle, [a for a in actions if a.principle_id == principle.id])
        for principle in survey.framework.principles
    ]
    known = {principle.id for principle in survey.framework.principles}
    others = [action for action in actions if action.principle_id not in known]
    if others:
        sections.append(PrincipleActions(None, others))
    return sections


def published_actions(slug: str) -> PublishedActions:
    """Return the "you said, we did" of an open or closed survey; anything else is NotFound."""
    survey = db.session.scalar(select(Survey).where(Survey.slug == slug))
    if survey is None or survey.status not in _PUBLISHED:
        raise NotFound(surveys.SURVEY_NOT_FOUND)
    return PublishedActions(survey, actions_by_principle(survey))


def theme_names(survey_id: int) -> dict[int, str]:
    """Return the names of a survey's accepted themes by id."""
    return {summary.theme.id: summary.theme.name for summary in themes.list_themes(survey_id)}


def _apply(survey: Survey, action: Action, details: ActionDetails) -> None:
    problems = _choice_problems(survey, details)
    title = " ".join(details.title.split())
    if len(title) > TITLE_LENGTH:
        problems.append(("title", f"The title must be {TITLE_LENGTH} characters or fewer"))
    you_said, we_did = details.you_said.strip(), details.we_did.strip()
    problems += _text_problems("you_said", you_said, "what people said")
    problems += _text_problems("we_did", we_did, "what we did or will do")
    if details.status not in {status.value for status in ActionStatus}:
        problems.append(("status", "Choose how far the action has got"))
    try:
        action_date = govuk_date(
            details.day, details.month, details.year, field="action_date-day", message=REAL_DATE
        )
    except ServiceError as problem:
        problems.append((problem.field or "action_date-day", problem.message))
    if problems:
        raise ActionInvalid(problems)
    action.principle_id, action.theme_id, action.title = (
        details.principle_id,
        details.theme_id,
        title,
    )
    action.you_said, action.we_did = you_said, we_did
    action.status, action.action_date = ActionStatus(details.status), action_date


def _choice_problems(survey: Survey, details: ActionDetails) -> list[tuple[str, str]]:
    """Return a problem for the principle and the theme, each when it is not from its list."""
    problems = []
    if details.principle_id not in {principle.id for principle in survey.framework.principles}:
        problems.append(("principle_id", "Choose the principle this action is for"))
    if details.theme_id is not None and not _is_accepted_theme(survey.id, details.theme_id):
        problems.append(("theme_id", "Choose a theme from the list"))
    return problems


def _text_problems(field: str, text: str, what: str) -> list[tuple[str, str]]:
    if not text:
        return [(field, f"Enter {what}")]
    if len(text) > TEXT_LENGTH:
        return [(field, f"Say {what} in {TEXT_LENGTH} characters or fewer")]
    return []


def _is_accepted_theme(survey_id: int, theme_id: int) -> bool:
    theme = db.session.get(Theme, theme_id)
    return theme is not None and theme.survey_id == survey_id and theme.status == themes.ACCEPTED
