"""SQLAlchemy models, one module per aggregate; importing this package registers them all."""

from app.models.action import Action, ActionStatus
from app.models.framework import Framework, Principle
from app.models.partner import Partner, PartnerLink
from app.models.response import Answer, Channel, Draft, Response
from app.models.survey import Option, Question, QuestionKind, Survey, SurveyStatus
from app.models.user import Role, User

__all__ = [
    "Action",
    "ActionStatus",
    "Answer",
    "Channel",
    "Draft",
    "Framework",
    "Option",
    "Partner",
    "PartnerLink",
    "Principle",
    "Question",
    "QuestionKind",
    "Response",
    "Role",
    "Survey",
    "SurveyStatus",
    "User",
]
