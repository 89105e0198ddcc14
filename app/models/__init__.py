"""SQLAlchemy models, one module per aggregate; importing this package registers them all."""

from app.models.action import Action, ActionStatus
from app.models.audit_event import AuditEvent
from app.models.coding_batch import CodingBatch, coding_batch_answer
from app.models.council_word import CouncilWord, CouncilWordKind
from app.models.draft import Draft, ResumeAttempt
from app.models.framework import Framework, Principle
from app.models.import_batch import ImportBatch, ImportBatchChunk
from app.models.kiosk import Kiosk
from app.models.partner import Partner, PartnerLink
from app.models.report_job import ReportJob, ReportJobStatus
from app.models.response import Answer, Channel, Response, Support
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
from app.models.user import LinkPurpose, Role, SignInLink, StaffSession, User

__all__ = [
    "AcceptedWarning",
    "Action",
    "ActionStatus",
    "Answer",
    "AuditEvent",
    "Channel",
    "CodingBatch",
    "CouncilWord",
    "CouncilWordKind",
    "Draft",
    "Framework",
    "ImportBatch",
    "ImportBatchChunk",
    "Kiosk",
    "LinkPurpose",
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
    "SignInLink",
    "StaffSession",
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
