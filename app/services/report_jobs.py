"""Build large reports in the background, so no web worker is held for long.

Above `REPORT_BACKGROUND_MIN_RESPONSES` responses, a report becomes a job: on RQ when
`REDIS_URL` is set (run `rq worker reports --url $REDIS_URL` beside the app), otherwise on a
small thread pool in the web process. The result is kept in the database, so any instance
can hand it over. With Redis down, the job goes to the thread pool too: the report is made,
in the web process that was asked.
"""

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import timedelta

from flask import Flask, current_app, has_app_context
from sqlalchemy import func, select

from app.extensions import db
from app.models import ReportJob, Response
from app.models.base import utc_now
from app.models.report_job import ReportJobStatus
from app.services import audit, reports
from app.services.errors import NotFound, ServiceError
from app.services.transactions import in_transaction, transactional
from reports import ResponseFilter

log = logging.getLogger(__name__)
QUEUE_NAME = "reports"
REUSE_FOR = timedelta(minutes=10)
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="report")
_local_jobs: list[Future] = []


def runs_in_background(survey_id: int) -> bool:
    """Say whether this survey's report is large enough to build in the background."""
    responses = db.session.scalar(
        select(func.count()).select_from(Response).where(Response.survey_id == survey_id)
    )
    return responses > current_app.config["REPORT_BACKGROUND_MIN_RESPONSES"]


def start(
    *,
    survey_id: int,
    edition: str,
    output: str,
    filters: ResponseFilter,
    user_id: int | None,
) -> ReportJob:
    """Queue a report (or reuse the same one asked for in the last minutes).

    The job is committed before a worker hears of it, or the worker could not find it; so this
    never runs inside another use case's transaction.
    """
    if in_transaction():
        raise RuntimeError("Start a report job outside a transaction: a worker must see it")
    job, is_new = _queue(survey_id, edition, output, filters.as_json(), user_id)
    if is_new:
        _dispatch(current_app._get_current_object(), job.id)
    return job


@transactional
def _queue(
    survey_id: int, edition: str, output: str, filters: dict, user_id: int | None
) -> tuple[ReportJob, bool]:
    recent = db.session.scalar(
        select(ReportJob)
        .where(
            ReportJob.survey_id == survey_id,
            ReportJob.edition == edition,
            ReportJob.output == output,
            ReportJob.status != ReportJobStatus.FAILED,
            ReportJob.created_at > utc_now() - REUSE_FOR,
        )
        .order_by(ReportJob.id.desc())
    )
    if recent is not None and recent.filters == filters:
        return recent, False
    job = ReportJob(
        survey_id=survey_id, edition=edition, output=output, filters=filters,
        created_by_id=user_id,
    )  # fmt: skip
    db.session.add(job)
    db.session.flush()
    audit.record(
        audit.current_actor(), "report.request", subject="report_job", subject_id=job.id,
        survey_id=survey_id, edition=edition, output=output, filters=filters,
    )  # fmt: skip
    return job, True


def get_job(job_id: int) -> ReportJob:
    """Return a report job, or raise NotFound."""
    job = db.session.get(ReportJob, job_id)
    if job is None:
        raise NotFound("We cannot find this report")
    return job


def run_job(job_id: int) -> None:
    """Build one queued report: the entry point for RQ workers and the thread pool."""
    if has_app_context():
        _build(job_id)
        return
    from app import create_app

    with create_app().app_context():
        _build(job_id)


def wait_for_local_jobs() -> None:
    """Wait until every report on the local thread pool is built (for tests and shutdown)."""
    while _local_jobs:
        _local_jobs.pop().result()


def _dispatch(app: Flask, job_id: int) -> None:
    redis_url = app.config.get("REDIS_URL")
    if redis_url and _enqueued(redis_url, job_id):
        return
    _local_jobs.append(_executor.submit(_run_in, app, job_id))


def _enqueued(redis_url: str, job_id: int) -> bool:
    """Put the job on the RQ queue; with Redis down, say so (the thread pool builds it)."""
    from redis import Redis, RedisError
    from rq import Queue

    connection = Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)
    try:
        Queue(QUEUE_NAME, connection=connection).enqueue(run_job, job_id)
    except RedisError:
        log.warning("Redis unreachable: report job %s built in this web process", job_id)
        return False
    finally:
        connection.close()
    return True


def _run_in(app: Flask, job_id: int) -> None:
    with app.app_context():
        try:
            _build(job_id)
        finally:
            db.session.remove()


def _build(job_id: int) -> None:
    job = _claim(job_id)
    if job is None:
        return
    try:
        made = reports.build(
            job.survey_id,
            edition=job.edition,
            output=job.output,
            filters=ResponseFilter.from_json(job.filters),
        )
    except ServiceError as problem:  # a filter refused (too few in or out): say why
        _finish(job_id, None, str(problem))
        return
    except Exception:  # a report that fails must say so, not stay "running" for ever
        log.exception("Report job %s failed", job_id)
        _finish(job_id, None, "The report could not be made")
        return
    _finish(job_id, made.content, None)


@transactional
def _claim(job_id: int) -> ReportJob | None:
    """Mark a waiting job as running (committed, so every instance sees it), or return None."""
    job = db.session.get(ReportJob, job_id)
    if job is None or job.status not in (ReportJobStatus.QUEUED, ReportJobStatus.RUNNING):
        return None
    job.status = ReportJobStatus.RUNNING
    return job


@transactional
def _finish(job_id: int, content: bytes | None, error: str | None) -> None:
    """Keep the report made, or say why there is none."""
    job = db.session.get(ReportJob, job_id)
    job.content, job.error = content, error
    job.status = ReportJobStatus.READY if content is not None else ReportJobStatus.FAILED
    job.finished_at = utc_now()
