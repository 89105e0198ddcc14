"""Large reports are built in the background (a thread pool, or RQ on Redis) and handed over."""

import io

import pytest
from pypdf import PdfReader
from redis import Redis
from rq import Queue, SimpleWorker
from sqlalchemy import func, select, update

import reports
from app.extensions import db
from app.models import ReportJob, Response
from app.services import demo, report_jobs
from tests.factories import create_user
from tests.pages import get
from tests.staff.test_access import sign_in


@pytest.fixture
def large_survey(app, client):
    survey = demo.seed_demo(responses=12)
    app.config["REPORT_BACKGROUND_MIN_RESPONSES"] = 10
    sign_in(client, create_user(role="lead"))
    yield survey
    app.config["REPORT_BACKGROUND_MIN_RESPONSES"] = 20000
    app.config["REDIS_URL"] = None


def test_a_large_report_is_built_in_the_background_and_handed_over(client, large_survey):
    asked = client.get(f"/staff/surveys/{large_survey.id}/report.pdf")
    assert asked.status_code == 303
    report_jobs.wait_for_local_jobs()
    page = get(client, asked.headers["Location"])
    assert page.text("[role=status]") == "Your report is ready."
    download = client.get(page.all("a.govuk-button")[0].get("href"))
    assert download.mimetype == "application/pdf"
    assert download.data.startswith(b"%PDF-")


def test_asking_again_reuses_the_report_being_made(client, large_survey):
    first = client.get(f"/staff/surveys/{large_survey.id}/report.csv")
    second = client.get(f"/staff/surveys/{large_survey.id}/report.csv")
    report_jobs.wait_for_local_jobs()
    assert first.headers["Location"] == second.headers["Location"]


def test_with_redis_the_report_is_queued_for_an_rq_worker(app, client, large_survey):
    redis = Redis.from_url("redis://127.0.0.1:6379/15")
    redis.flushdb()
    app.config["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    asked = client.get(f"/staff/surveys/{large_survey.id}/report.csv")
    waiting = get(client, asked.headers["Location"])
    assert waiting.text("[role=status]").startswith("We are making your report")
    queue = Queue(report_jobs.QUEUE_NAME, connection=redis)
    assert queue.count == 1
    SimpleWorker([queue], connection=redis).work(burst=True)
    ready = get(client, asked.headers["Location"])
    assert ready.text("[role=status]") == "Your report is ready."
    redis.flushdb()
    redis.close()


def test_small_reports_are_built_at_once(client, app_context):
    survey = demo.seed_demo(responses=3)
    sign_in(client, create_user(role="lead"))
    response = client.get(f"/staff/surveys/{survey.id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert survey.title in " ".join(text.split())
    assert db.session.scalar(select(func.count()).select_from(ReportJob)) == 0


def test_a_report_that_cannot_be_made_says_so(app, client, large_survey, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(reports, "what_we_heard", fail)
    asked = client.get(f"/staff/surveys/{large_survey.id}/report.pdf")
    report_jobs.wait_for_local_jobs()
    page = get(client, asked.headers["Location"])
    assert page.text("[role=status]").startswith("We could not make this report")
    assert client.get(asked.headers["Location"] + "/download").status_code == 303


def test_a_background_report_with_a_refused_filter_says_why(client, large_survey):
    # 9 of the 12 responses through kiosks: the kiosk report would count fewer than 10.
    query = select(Response.id).where(Response.survey_id == large_survey.id)
    ids = list(db.session.scalars(query.order_by(Response.id)))
    # Exactly 9 through kiosks: the demo's own channels are random.
    db.session.execute(update(Response).where(Response.id.in_(ids)).values(channel="online"))
    db.session.execute(update(Response).where(Response.id.in_(ids[:9])).values(channel="kiosk"))
    db.session.commit()
    asked = client.get(f"/staff/surveys/{large_survey.id}/report.csv?channel=kiosk")
    report_jobs.wait_for_local_jobs()
    job = db.session.scalars(select(ReportJob).order_by(ReportJob.id.desc())).first()
    db.session.refresh(job)
    assert asked.status_code == 303
    assert job.status == "failed"
    assert "fewer than 10 responses" in job.error.lower()
