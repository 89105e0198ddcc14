"""Redis down with REDIS_URL and RATELIMIT_STORAGE_URI set: Heard carries on, never a 500.

Both point at a closed port here (nothing listens on 6399), so the real Redis keeps running.
What degrades, as the README says: rate limits are counted in each web process's memory
until Redis answers again (still refusing, but per process), and a background report is
built on the web process's own thread pool instead of an RQ worker; `flask purge --queue`
says that Redis does not answer.
"""

import pytest
from sqlalchemy import select

from app import create_app
from app.extensions import db, limiter
from app.models import ReportJob
from app.services import demo, report_jobs, sign_in_throttle
from tests.factories import create_survey, create_user
from tests.pages import get
from tests.respond.test_send_limit import _check_page
from tests.staff.test_access import sign_in

DOWN = "redis://127.0.0.1:6399/0"


@pytest.fixture
def redis_down(app):
    """A second app like the test one, with Redis settings pointing at a closed port.

    `limiter` is one object bound to the last app made: it is put back afterwards.
    """

    settings = {key: value for key, value in app.config.items() if key.isupper()}
    settings |= {"REDIS_URL": DOWN, "RATELIMIT_STORAGE_URI": DOWN}
    settings["RESPOND_SENDS_PER_MINUTE"] = "2 per minute"
    saved = dict(limiter.__dict__)
    down = create_app(type("RedisDownConfig", (), settings))
    with down.app_context():
        yield down
        db.session.remove()
        db.engine.dispose()
    limiter.__dict__.clear()
    limiter.__dict__.update(saved)


def _send(client, slug) -> int:
    check = _check_page(client, slug)
    action = check.all("form[action*='/send']")[0].get("action")
    return client.post(action, data=check.form_fields("form[action*='/send']")).status_code


def test_sends_still_go_and_the_limit_is_counted_in_memory(redis_down):
    survey = create_survey(questions=1)
    client = redis_down.test_client()
    # 2 a minute: counted in this process while Redis is down, so the third is refused.
    assert [_send(client, survey.slug) for _ in range(3)] == [303, 303, 429]


def test_staff_can_sign_in_and_guessing_is_still_slowed(redis_down, monkeypatch):
    monkeypatch.setattr(sign_in_throttle, "pause", lambda seconds: None)
    user = create_user(role="lead")
    client = redis_down.test_client()
    sign_in(client, user)
    stranger = redis_down.test_client()
    statuses = []
    for _ in range(11):
        page = get(stranger, "/staff/sign-in")
        data = {**page.form_fields(), "email": user.email, "password": "wrong password"}
        statuses.append(stranger.post("/staff/sign-in", data=data).status_code)
    # Counted in this process while Redis is down: ten failures, then refused.
    assert statuses == [400] * 10 + [429]


def test_a_large_report_is_built_on_the_thread_pool_instead(redis_down):
    survey = demo.seed_demo(responses=12)
    redis_down.config["REPORT_BACKGROUND_MIN_RESPONSES"] = 10
    client = redis_down.test_client()
    sign_in(client, create_user(role="lead"))
    asked = client.get(f"/staff/surveys/{survey.id}/report.csv")
    assert asked.status_code == 303
    report_jobs.wait_for_local_jobs()
    page = get(client, asked.headers["Location"])
    assert page.text("[role=status]") == "Your report is ready."
    job = db.session.scalars(select(ReportJob)).one()
    assert job.status == "ready"


def test_queueing_the_purge_says_redis_does_not_answer(app, app_context, runner):
    app.config["REDIS_URL"] = DOWN
    try:
        result = runner.invoke(args=["purge", "--queue"])
    finally:
        app.config["REDIS_URL"] = None
    assert result.exit_code == 1
    assert "Redis does not answer" in result.output
    assert "Run it without --queue" in result.output
    assert isinstance(result.exception, SystemExit)  # a clear message, not Redis's traceback
