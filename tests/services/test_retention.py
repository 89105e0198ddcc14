"""Answers are kept for a survey's retention period, then removed as the survey says."""

from datetime import UTC, date, datetime, timedelta

import pytest
from redis import Redis
from rq import Queue, SimpleWorker
from sqlalchemy import func, select

from app.extensions import db
from app.models import Answer, AuditEvent, ReportJob, Response, SurveyStatus, Theme
from app.models.survey import Removal
from app.services import imports, retention, withdrawal
from app.services import reports as report_service
from app.services.errors import ServiceError
from tests.factories import create_survey
from tests.staff.test_responses import add_response

CLOSED_ON = date(2025, 1, 31)
# Twelve months after the closing day, the month's last day when it is shorter.
PURGE_DAY = date(2026, 1, 31)
ON_PURGE_DAY = datetime(2026, 1, 31, 3, tzinfo=UTC)


@pytest.fixture
def survey(app_context):
    survey = create_survey(questions=2, kinds=["single_choice", "free_text"])
    survey.status, survey.closes_on = SurveyStatus.CLOSED, CLOSED_ON
    db.session.commit()
    return survey


def answered(survey, count: int = 12, **fields) -> list[Response]:
    """Responses that chose "Yes" and wrote a few words, all coded with one theme."""
    responses = [
        add_response(survey, answers=[(1, "Yes"), (2, f"My neighbour Ann, {n}")], **fields)
        for n in range(count)
    ]
    words = [a for r in responses for a in r.answers if a.text_value]
    db.session.add(Theme(survey_id=survey.id, name="Neighbours", status="accepted", answers=words))
    db.session.commit()
    return responses


def figures(survey) -> bytes:
    return report_service.build(survey.id, output="csv").content


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    ("closes_on", "months", "expected"),
    [
        (date(2025, 1, 31), None, date(2026, 1, 31)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2023, 12, 31), 2, date(2024, 2, 29)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
    ],
)
def test_answers_are_kept_for_the_survey_months_after_it_closes(
    survey, closes_on, months, expected
):
    survey.closes_on, survey.retention_months = closes_on, months
    assert retention.purge_date(survey) == expected


def test_a_survey_with_no_closing_day_or_still_a_draft_has_no_purge_date(survey):
    survey.closes_on = None
    assert retention.purge_date(survey) is None
    survey.closes_on, survey.status = CLOSED_ON, SurveyStatus.DRAFT
    assert retention.purge_date(survey) is None


@pytest.mark.parametrize("months", [2, 37, 0])
def test_a_retention_outside_the_admins_limits_is_refused(app_context, months):
    with pytest.raises(ServiceError, match="Enter a number of months from 3 to 36"):
        retention.check_months(months)
    assert retention.check_months(None) is None
    assert retention.check_months(36) == 36


def test_purging_personal_data_keeps_every_figure_and_removes_words_and_details(survey):
    responses = answered(survey, facilitator="Sam Helper", organisation="Lunch club")
    for number, response in enumerate(responses):
        response.source_response_id = f"source-{number}"
        response.respondent_key = "a-key-of-ann" if number < 2 else f"key-{number}"
    db.session.commit()
    receipt = responses[0].receipt
    before = figures(survey)
    assert b"Neighbours" in before

    summary = retention.purge(ON_PURGE_DAY)

    db.session.expire_all()
    assert summary.surveys == [survey.title]
    assert summary.responses == 12
    assert retention.kept_figures(survey.id) == before
    # The live report still counts every choice and every theme.
    after = figures(survey).decode()
    assert [line for line in after.splitlines() if "Question 1" in line or "Themes" in line] == [
        line for line in before.decode().splitlines() if "Question 1" in line or "Themes" in line
    ]
    assert count(Response) == 12
    texts = db.session.scalars(select(Answer.text_value).where(Answer.text_value.is_not(None)))
    assert set(texts) == {""}
    kept = db.session.scalars(select(Response).order_by(Response.id)).all()
    assert {(r.facilitator, r.organisation) for r in kept} == {(None, None)}
    assert all(r.receipt.startswith("-") for r in kept)
    assert {r.source_response_id for r in kept} == {None}
    # Two rows of one imported person still count once, under a key nothing leads back to.
    assert kept[0].respondent_key == kept[1].respondent_key != "a-key-of-ann"
    assert len({r.respondent_key for r in kept}) == 11
    # Nobody can take back (or find) a response by its old number any more.
    withdrawal.withdraw(receipt)
    assert count(Response) == 12


def test_purging_whole_responses_keeps_the_report_figures_on_the_survey(survey):
    survey.removal = Removal.WHOLE_RESPONSE
    db.session.commit()
    answered(survey)
    before = figures(survey)

    retention.purge(ON_PURGE_DAY)

    db.session.expire_all()
    assert (count(Response), count(Answer)) == (0, 0)
    assert retention.kept_figures(survey.id) == before


def test_a_survey_is_purged_on_its_day_once_and_not_before(survey):
    answered(survey, count=2)
    assert retention.purge(ON_PURGE_DAY - timedelta(days=1)).surveys == []
    assert count(Response) == 2
    assert db.session.scalar(select(func.count()).where(Answer.text_value != "")) == 2

    retention.purge(ON_PURGE_DAY)
    assert retention.purge(ON_PURGE_DAY + timedelta(days=1)).surveys == []
    db.session.expire_all()
    assert survey.purged_at == ON_PURGE_DAY


def test_the_purge_is_recorded_in_the_audit_log(survey):
    answered(survey, count=3)
    retention.purge(ON_PURGE_DAY)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "survey.purged"))
    assert (event.user_name, event.survey_id) == ("command line", survey.id)
    assert event.details == {"removal": "personal_data", "responses": 3, "retention_months": 12}


def test_surveys_purged_in_the_next_30_days_are_listed_soonest_first(app_context):
    later, sooner, far = (create_survey(title=t) for t in ("Later", "Sooner", "Far"))
    closing_days = (date(2025, 2, 20), date(2025, 2, 2), date(2025, 6, 1))
    for survey, closed in zip((later, sooner, far), closing_days, strict=True):
        survey.status, survey.closes_on = SurveyStatus.CLOSED, closed
    db.session.commit()
    soon = retention.purges_soon(date(2026, 1, 25))
    assert [(p.survey.title, p.on) for p in soon] == [
        ("Sooner", date(2026, 2, 2)),
        ("Later", date(2026, 2, 20)),
    ]


def test_old_report_files_are_dropped_and_recent_ones_kept(survey):
    old, recent = (
        ReportJob(
            survey_id=survey.id, edition="standard", output="csv", status="ready", filters={},
            content=b"figures", finished_at=ON_PURGE_DAY - age,
        )
        for age in (timedelta(days=8), timedelta(days=6))
    )  # fmt: skip
    db.session.add_all([old, recent])
    db.session.commit()
    other = create_survey(title="Still open")
    old.survey_id = recent.survey_id = other.id
    db.session.commit()
    assert retention.purge(ON_PURGE_DAY).report_jobs == 1
    db.session.expire_all()
    assert (old.content, recent.content) == (None, b"figures")
    # Its page says so, and asking again makes a new report instead of reusing this one.
    assert (old.status, old.error) == ("failed", retention.REPORT_FILE_GONE)


def test_a_purged_survey_loses_its_report_files_at_once(survey):
    answered(survey, count=2)
    job = ReportJob(
        survey_id=survey.id, edition="standard", output="pdf", status="ready", filters={},
        content=b"a report with quotes", finished_at=ON_PURGE_DAY - timedelta(hours=1),
    )  # fmt: skip
    db.session.add(job)
    db.session.commit()
    retention.purge(ON_PURGE_DAY)
    db.session.expire_all()
    assert job.content is None


def test_the_purge_calls_the_imports_purge_of_old_uploads_when_there_is_one(
    app_context, monkeypatch
):
    monkeypatch.delattr(imports, "purge_old_uploads", raising=False)
    assert retention.purge(ON_PURGE_DAY).uploads is None
    called = []

    def purge_old_uploads(now):
        called.append(now)
        return 4

    monkeypatch.setattr(imports, "purge_old_uploads", purge_old_uploads, raising=False)
    assert retention.purge(ON_PURGE_DAY).uploads == 4
    assert called == [ON_PURGE_DAY]


def test_flask_purge_says_what_it_removed(survey, runner):
    answered(survey, count=2)
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert f"Purged {survey.title}" in result.output
    assert "Removed 2 responses' data from 1 surveys" in result.output


def test_flask_purge_queue_needs_redis(app, app_context, runner):
    app.config["REDIS_URL"] = None
    result = runner.invoke(args=["purge", "--queue"])
    assert result.exit_code != 0
    assert "Set REDIS_URL" in result.output


def test_with_redis_the_purge_runs_as_an_rq_job(app, survey, runner):
    redis = Redis.from_url("redis://127.0.0.1:6379/13")
    redis.flushdb()
    app.config["REDIS_URL"] = "redis://127.0.0.1:6379/13"
    survey.closes_on = date.today() - timedelta(days=400)  # noqa: DTZ011
    db.session.commit()
    answered(survey, count=2)
    try:
        result = runner.invoke(args=["purge", "--queue"])
        assert result.exit_code == 0, result.output
        queue = Queue(retention.QUEUE_NAME, connection=redis)
        assert queue.count == 1
        SimpleWorker([queue], connection=redis).work(burst=True)
        db.session.expire_all()
        assert survey.purged_at is not None
    finally:
        app.config["REDIS_URL"] = None
        redis.flushdb()
        redis.close()


def test_a_survey_that_cannot_be_purged_leaves_the_others_purged_and_says_so(
    survey, runner, monkeypatch
):
    answered(survey, count=2)
    broken = create_survey(title="Broken")
    broken.status, broken.closes_on = SurveyStatus.CLOSED, CLOSED_ON - timedelta(days=1)
    db.session.commit()
    real_build = report_service.build

    def build(survey_id, **kwargs):
        if survey_id == broken.id:
            raise RuntimeError("the disk is full")
        return real_build(survey_id, **kwargs)

    monkeypatch.setattr(report_service, "build", build)
    result = runner.invoke(args=["purge"])
    assert result.exit_code != 0
    assert "Could not purge Broken" in result.output
    db.session.expire_all()
    assert survey.purged_at is not None
    assert broken.purged_at is None
