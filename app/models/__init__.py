"""SQLAlchemy models, one module per aggregate; importing this package registers them all."""

from app.models.action import Action, ActionStatus
from app.models.audit_event import AuditEvent
from app.models.coding_batch import CodingBatch, coding_batch_answer
from app.models.framework import Framework, Principle
from app.models.import_batch import ImportBatch
from app.models.kiosk import Kiosk
from app.models.partner import Partner, PartnerLink
from app.models.report_job import ReportJob, ReportJobStatus
from app.models.response import Answer, Channel, Draft, Response, ResumeAttempt, Support
from app.models.survey import (
    AcceptedWarning,
    Option,
    Question,
    QuestionKind,
    Survey,
    SurveyStatus,
    Translation,
    WordingChange,
)
from app.models.theme import Quote, Theme, answer_theme
from app.models.user import Role, User

__all__ = [
    "AcceptedWarning",
    "Action",
    "ActionStatus",
    "Answer",
    "AuditEvent",
    "Channel",
    "CodingBatch",
    "Draft",
    "Framework",
    "ImportBatch",
    "Kiosk",
    "Option",
    "Partner",
    "PartnerLink",
    "Principle",
    "Question",
    "QuestionKind",
    "Quote",
    "ReportJob",
    "ReportJobStatus",
    "Response",
    "ResumeAttempt",
    "Role",
    "Support",
    "Survey",
    "SurveyStatus",
    "Theme",
    "Translation",
    "User",
    "WordingChange",
    "answer_theme",
    "coding_batch_answer",
]
