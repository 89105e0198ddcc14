"""Build large reports in the background, so no web worker is held for long.

Above `REPORT_BACKGROUND_MIN_RESPONSES` responses, a report becomes a job: on RQ when
`REDIS_URL` is set (run `rq worker reports --url $REDIS_URL` beside the app), otherwise on a
small thread pool in the web process. The result is kept in the database, so any instance
can hand it over.
"""

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta

from flask import Flask, current_app, has_app_context
from sqlalchemy import func, select

import reports
from app.extensions import db
from app.models import ReportJob, Response
from app.models.base import utc_now
from app.services.errors import NotFound

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
    *, survey_id: int, edition: str, output: str, filters: dict, user_id: int | None
) -> ReportJob:
    """Queue a report (or reuse the same one asked for in the last minutes), and commit."""
    recent = db.session.scalar(
        select(ReportJob)
        .where(
            ReportJob.survey_id == survey_id,
            ReportJob.edition == edition,
            ReportJob.output == output,
            ReportJob.status != "failed",
            ReportJob.created_at > utc_now() - REUSE_FOR,
        )
        .order_by(ReportJob.id.desc())
    )
    if recent is not None and recent.filters == filters:
        return recent
    job = ReportJob(
        survey_id=survey_id, edition=edition, output=output, filters=filters,
        created_by_id=user_id,
    )  # fmt: skip
    db.session.add(job)
    db.session.commit()
    _dispatch(current_app._get_current_object(), job.id)
    return job


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
    if redis_url:
        from redis import Redis
        from rq import Queue

        Queue(QUEUE_NAME, connection=Redis.from_url(redis_url)).enqueue(run_job, job_id)
        return
    _local_jobs.append(_executor.submit(_run_in, app, job_id))


def _run_in(app: Flask, job_id: int) -> None:
    with app.app_context():
        try:
            _build(job_id)
        finally:
            db.session.remove()


def _build(job_id: int) -> None:
    job = db.session.get(ReportJob, job_id)
    if job is None or job.status not in ("queued", "running"):
        return
    job.status = "running"
    db.session.commit()
    try:
        job.content = reports.what_we_heard(
            db.engine,
            job.survey_id,
            council_name=current_app.config["COUNCIL_NAME"],
            threshold=current_app.config["REPORT_SUPPRESSION_THRESHOLD"],
            today=date.today(),  # noqa: DTZ011 - the report is dated in local time
            edition=job.edition,
            output=job.output,
            response_filter=reports.ResponseFilter(**_filter_values(job.filters)),
        )
        job.status = "ready"
    except Exception:  # a report that fails must say so, not stay "running" for ever
        log.exception("Report job %s failed", job_id)
        db.session.rollback()
        job = db.session.get(ReportJob, job_id)
        job.status, job.error = "failed", "The report could not be made"
    job.finished_at = utc_now()
    db.session.commit()


def _filter_values(filters: dict) -> dict:
    values = dict(filters)
    for key in ("date_from", "date_to"):
        if values.get(key):
            values[key] = date.fromisoformat(values[key])
    return values
