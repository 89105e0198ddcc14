"""How long answers are kept, and removing them: at the end of retention, on withdrawal.

Services layer; imports no blueprint and nothing that exists only during a request, so the
`flask purge` command, the RQ job and the staff pages call it the same way.

Each survey keeps its answers for `retention_months` after it closes (the
`RETENTION_DEFAULT_MONTHS` setting when unset), and says what removing a response means
(`Survey.removal`):

- "personal_data": free text is emptied, quotes and the details of who helped or where a row
  was imported from (file, row, the source's response id) are deleted, an imported person's
  key is replaced by a random one, and the reference number is replaced so nobody can find
  the response again. Choices, numbers and theme counts stay in the live report.
- "whole_response": the responses go.

Either way the report's figures as they stood (its CSV tables, small numbers hidden as in
every report) are kept on the survey first: the published figures stay.

docs/data-protection.md explains the choices.
"""

import calendar
import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app, has_app_context
from sqlalchemy import String, bindparam, cast, delete, literal, select, update

from app.extensions import db
from app.models import Answer, Quote, ReportJob, ReportJobStatus, Response, Survey, SurveyStatus
from app.models.survey import Removal
from app.services import audit, sign_in_links, staff_sessions
from app.services import reports as report_service
from app.services.errors import NotFound, ServiceError
from app.services.transactions import transactional

log = logging.getLogger(__name__)
SOON = timedelta(days=30)
# A finished report job is handed over within minutes; its bytes are not kept past this.
REPORT_JOB_BYTES_KEPT = timedelta(days=7)
REPORT_FILE_GONE = "This report was deleted to protect people's answers. Ask for it again."
# A removed response's reference number: "-" and its id, which no typed number can match.
REMOVED_RECEIPT_PREFIX = "-"
QUEUE_NAME = "retention"


@dataclass(frozen=True)
class PurgeDate:
    """A survey and the day its answers are removed."""

    survey: Survey
    on: date


@dataclass
class PurgeSummary:
    """What one purge removed."""

    surveys: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    responses: int = 0
    report_jobs: int = 0
    uploads: int | None = None  # None: the imports service has no purge of its own yet
    staff_sessions: int = 0
    sign_in_links: int = 0


def retention_months(survey: Survey) -> int:
    """Return how many months this survey's answers are kept after it closes."""
    return survey.retention_months or current_app.config["RETENTION_DEFAULT_MONTHS"]


def month_limits() -> tuple[int, int]:
    """Return the shortest and longest retention an admin allows, in months."""
    config = current_app.config
    return config["RETENTION_MIN_MONTHS"], config["RETENTION_MAX_MONTHS"]


def check_months(months: int | None) -> int | None:
    """Return `months` if it is within the limits (None: the default); raise ServiceError."""
    shortest, longest = month_limits()
    if months is not None and not shortest <= months <= longest:
        raise ServiceError(
            f"Enter a number of months from {shortest} to {longest}", field="retention_months"
        )
    return months


@transactional
def change_settings(actor: audit.Actor, survey_id: int, months: int | None, removal: str) -> Survey:
    """Set how long a survey's answers are kept (None: the default) and what removal means."""
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        raise NotFound("We cannot find this survey")
    if removal not in {r.value for r in Removal}:
        raise ServiceError("Choose what to remove when the time is up", field="removal")
    if survey.purged_at is not None:
        raise ServiceError(
            "This survey's answers have already been removed, so its retention cannot change",
            field="retention_months",
        )
    survey.retention_months, survey.removal = check_months(months), removal
    audit.record(
        actor,
        "survey.retention_changed",
        subject="survey",
        subject_id=survey_id,
        survey_id=survey_id,
        retention_months=months,
        removal=removal,
    )
    return survey


def purge_date(survey: Survey) -> date | None:
    """Return the day this survey's answers are removed, or None while it has no closing day."""
    if survey.closes_on is None or survey.status == SurveyStatus.DRAFT:
        return None
    return add_months(survey.closes_on, retention_months(survey))


def add_months(day: date, months: int) -> date:
    """Return the same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def purges_before(until: date) -> list[PurgeDate]:
    """Return the surveys not purged yet whose answers go on or before `until`, soonest first."""
    candidates = db.session.scalars(
        select(Survey).where(
            Survey.purged_at.is_(None),
            Survey.closes_on.is_not(None),
            Survey.status != SurveyStatus.DRAFT,
        )
    )
    due = [PurgeDate(s, on) for s in candidates if (on := purge_date(s)) and on <= until]
    return sorted(due, key=lambda purge: (purge.on, purge.survey.id))


def purges_soon(today: date) -> list[PurgeDate]:
    """Return the surveys whose answers are removed in the next 30 days (or are overdue)."""
    return purges_before(today + SOON)


def purge(now: datetime) -> PurgeSummary:
    """Remove what has been kept too long: answers, old report files, old import uploads.

    Each survey is purged in its own transaction, so one that fails leaves the others done.
    """
    summary = PurgeSummary()
    for survey_id, title in [(d.survey.id, d.survey.title) for d in purges_before(now.date())]:
        try:
            summary.responses += purge_survey(survey_id, now)
        except Exception:  # one survey that cannot be purged must not keep the others' data
            log.exception("Could not purge survey %s", survey_id)
            summary.failed.append(title)
            continue
        summary.surveys.append(title)
    summary.report_jobs = purge_report_jobs(now)
    summary.uploads = _purge_import_uploads(now)
    summary.staff_sessions, summary.sign_in_links = purge_sign_in_records(now)
    return summary


@transactional
def purge_survey(survey_id: int, now: datetime) -> int:
    """Remove one survey's responses as its setting says, keep its figures; return how many."""
    survey = db.session.get(Survey, survey_id)
    ids = select(Response.id).where(Response.survey_id == survey_id)
    # The figures are read before anything is removed, so they are the published ones.
    survey.kept_figures = report_service.build(survey_id, output="csv").content
    if survey.removal == Removal.WHOLE_RESPONSE:
        count = delete_responses(ids)
    else:
        count = remove_personal_data(ids)
    # Reports made earlier hold the words and quotes that have just gone.
    drop_report_files(ReportJob.survey_id == survey_id)
    survey.purged_at = now
    audit.record(
        audit.COMMAND_LINE,
        "survey.purged",
        subject="survey",
        subject_id=survey_id,
        survey_id=survey_id,
        removal=survey.removal,
        responses=count,
        retention_months=retention_months(survey),
    )
    return count


def delete_responses(ids) -> int:
    """Delete these responses with their answers, themes and quotes; return how many."""
    answers = select(Answer.id).where(Answer.response_id.in_(ids))
    db.session.execute(delete(Quote).where(Quote.answer_id.in_(answers)))
    # answer_theme rows go with their answers (ON DELETE CASCADE).
    db.session.execute(delete(Answer).where(Answer.response_id.in_(ids)))
    return db.session.execute(delete(Response).where(Response.id.in_(ids))).rowcount


def remove_personal_data(ids) -> int:
    """Empty these responses' free text and personal details; keep what is counted."""
    answers = select(Answer.id).where(Answer.response_id.in_(ids))
    db.session.execute(delete(Quote).where(Quote.answer_id.in_(answers)))
    db.session.execute(
        update(Answer)
        .where(Answer.response_id.in_(ids), Answer.text_value.is_not(None))
        .values(text_value="")
        .execution_options(synchronize_session=False)
    )
    removed_receipt = literal(REMOVED_RECEIPT_PREFIX) + cast(Response.id, String)
    result = db.session.execute(
        update(Response)
        .where(Response.id.in_(ids))
        .values(
            receipt=removed_receipt,
            facilitator=None,
            organisation=None,
            source_file=None,
            source_row=None,
            source_response_id=None,
        )
        .execution_options(synchronize_session=False)
    )
    _rekey_respondents(ids)
    return result.rowcount


def _rekey_respondents(ids) -> None:
    """Give each respondent a new random key: rows of one person still count once, but
    nothing leads back to the id in the file they were imported from."""
    keys = db.session.scalars(
        select(Response.respondent_key)
        .where(Response.id.in_(ids), Response.respondent_key.is_not(None))
        .distinct()
    ).all()
    if not keys:
        return
    statement = (
        update(Response.__table__)
        .where(
            Response.__table__.c.respondent_key == bindparam("old_key"),
            Response.__table__.c.id.in_(ids),
        )
        .values(respondent_key=bindparam("new_key"))
    )
    db.session.connection().execute(
        statement, [{"old_key": key, "new_key": secrets.token_hex(32)} for key in keys]
    )


def kept_figures(survey_id: int) -> bytes | None:
    """Return the report figures kept when this survey's whole responses were purged."""
    return db.session.scalar(select(Survey.kept_figures).where(Survey.id == survey_id))


@transactional
def purge_report_jobs(now: datetime) -> int:
    """Drop the files of report jobs finished more than 7 days ago; return how many."""
    dropped = drop_report_files(ReportJob.finished_at < now - REPORT_JOB_BYTES_KEPT)
    if dropped:
        audit.record(audit.COMMAND_LINE, "report_jobs.purged", subject="report_job", files=dropped)
    return dropped


@transactional
def purge_sign_in_records(now: datetime) -> tuple[int, int]:
    """Delete staff sessions and one-time links that ended over 30 days ago (each holds an
    address or a name: kept no longer than it helps); return how many of each."""
    sessions = staff_sessions.delete_ended(now)
    links = sign_in_links.delete_spent(now)
    if sessions or links:
        audit.record(
            audit.COMMAND_LINE,
            "sign_in_records.purged",
            subject="staff_session",
            sessions=sessions,
            links=links,
        )
    return sessions, links


def drop_report_files(condition) -> int:
    """Delete the files of the report jobs that match; their pages then say to ask again."""
    result = db.session.execute(
        update(ReportJob)
        .where(ReportJob.content.is_not(None), condition)
        .values(content=None, status=ReportJobStatus.FAILED, error=REPORT_FILE_GONE)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def _purge_import_uploads(now: datetime) -> int | None:
    """Call the imports service's own purge of old uploads, when it has one."""
    from app.services import imports  # here, so a half-loaded imports package stops no purge

    purge_old_uploads = getattr(imports, "purge_old_uploads", None)
    if purge_old_uploads is None:
        log.info("The imports service has no purge_old_uploads yet: uploads kept")
        return None
    return purge_old_uploads(now)


def enqueue_purge() -> bool:
    """Put a purge on the RQ queue when Redis is configured; say whether it was queued."""
    redis_url = current_app.config.get("REDIS_URL")
    if not redis_url:
        return False
    from redis import Redis
    from rq import Queue

    Queue(QUEUE_NAME, connection=Redis.from_url(redis_url)).enqueue(run_purge_job)
    return True


def run_purge_job() -> None:
    """Purge now: the entry point for an RQ worker (`rq worker retention`)."""
    from app.models.base import utc_now

    if has_app_context():
        _log_summary(purge(utc_now()))
        return
    from app import create_app

    with create_app().app_context():
        _log_summary(purge(utc_now()))


def _log_summary(summary: PurgeSummary) -> None:
    log.info(
        "Purged %s responses of %s surveys, %s report files, %s uploads, %s staff sessions, "
        "%s sign-in links",
        summary.responses,
        len(summary.surveys),
        summary.report_jobs,
        "no" if summary.uploads is None else summary.uploads,
        summary.staff_sessions,
        summary.sign_in_links,
    )
