"""Every staff page, visited as every role over the demo data, works and passes the page check.

The routes come from the app's URL map, so a new staff page is visited without anyone
writing a test for it; its URL arguments are filled from `ARGUMENT_IDS` (a new argument name
fails the test until a query for it is added). Each page is read to its last byte, because a
streamed download can fail after its first line. Requests run without an outer app context,
as in production: the database session then ends with the request, before a streamed body is
read, and a generator that still needs it fails here as it would for a user.
"""

import itertools
import sys
import traceback
from pathlib import Path

import pytest
from flask import Flask, redirect
from sqlalchemy import literal, select
from werkzeug.routing import Map, Rule

from app.extensions import db
from app.models import (
    Action,
    Answer,
    CodingBatch,
    ImportBatch,
    ImportBatchChunk,
    Kiosk,
    PartnerLink,
    Question,
    QuestionKind,
    Quote,
    ReportJob,
    Response,
    Survey,
    Theme,
    User,
)
from app.services.demo import DEMO_SLUG
from tests.factories import PASSWORD, create_user
from tests.pages import check_page, get

REPOSITORY = str(Path(__file__).resolve().parents[2])
ROLES = ["admin", "lead", "viewer", "partner"]
# Pages made for partner users alone: everyone else is refused them.
FOR_PARTNERS_ONLY = {"staff.partner_home"}

_DEMO = select(Survey.id).where(Survey.slug == DEMO_SLUG).scalar_subquery()
# Which row each URL argument names: one of its kind, belonging to the demo survey where it can.
ARGUMENT_IDS = {
    "number": select(literal(1)),  # a preview's question number
    "survey_id": select(Survey.id).where(Survey.id == _DEMO),
    "link_id": select(PartnerLink.id).where(PartnerLink.survey_id == _DEMO),
    "partner_id": select(PartnerLink.partner_id).where(PartnerLink.survey_id == _DEMO),
    "batch_id": select(ImportBatch.id).where(ImportBatch.survey_id == _DEMO),
    "job_id": select(ReportJob.id).where(ReportJob.survey_id == _DEMO),
    "response_id": select(Response.id).where(Response.survey_id == _DEMO),
    "action_id": select(Action.id).where(Action.survey_id == _DEMO),
    "theme_id": select(Theme.id).where(Theme.survey_id == _DEMO),
    "coding_id": select(CodingBatch.id).where(CodingBatch.survey_id == _DEMO),
    "quote_id": select(Quote.id),
    "answer_id": select(Quote.answer_id),
    "user_id": select(User.id),
    "kiosk_id": select(Kiosk.id),
    "question_id": select(Question.id).where(Question.survey_id == _DEMO),
    "language": select(literal("cy")),
    "token": select(literal("not-a-real-link")),  # a one-time link that has expired
}


def _seed(app, runner) -> None:
    """Seed the demo survey with responses, and one of everything the demo leaves out."""
    with app.app_context():
        result = runner.invoke(args=["seed-demo", "--responses", "30"])
        assert result.exit_code == 0, result.output
        survey = db.session.scalar(select(Survey).where(Survey.slug == DEMO_SLUG))
        link = db.session.scalar(select(PartnerLink).where(PartnerLink.survey_id == survey.id))
        for role in ROLES:
            create_user(
                role=role,
                email=f"{role}@council.example",
                partner_id=link.partner_id if role == "partner" else None,
            )
        _add_what_the_demo_leaves_out(survey)
        db.session.commit()
        db.session.remove()


def _add_what_the_demo_leaves_out(survey: Survey) -> None:
    comment = db.session.scalar(
        select(Answer)
        .join(Question)
        .where(Question.survey_id == survey.id, Question.kind == QuestionKind.FREE_TEXT)
        .where(Answer.text_value.is_not(None))
    )
    assert comment is not None, "The demo responses have no comment to make a quote of"
    theme = Theme(survey_id=survey.id, name="Transport", answers=[comment])
    # As if its whole responses had been purged once: the report's figures are kept.
    survey.kept_figures = b"table,row,column,value\r\n"
    first = survey.questions[0]
    db.session.add_all(
        [
            theme,
            Quote(answer_id=comment.id, redacted_text=comment.text_value),
            Kiosk(survey_id=survey.id, venue="Birtley Library", key="every-page-kiosk"),
            ReportJob(
                survey_id=survey.id, edition="standard", output="csv", status="ready",
                content=b"table,row,column,value\r\n", filters={},
            ),
            upload := ImportBatch(
                survey_id=survey.id, filename="responses.csv", headers=[first.text], row_count=2,
            ),
        ]
    )  # fmt: skip
    db.session.flush()
    rows = [[2, first.options[0].label], [3, first.options[-1].label]]
    db.session.add(ImportBatchChunk(batch_id=upload.id, position=0, rows=rows))
    db.session.add(CodingBatch(survey_id=survey.id, theme_id=theme.id, answers=1))
    db.session.add(
        Action(
            survey_id=survey.id, theme_id=theme.id, principle_id=first.principles[0].id,
            title="Buses", you_said="The bus is late.", we_did="We moved the start time.",
        )
    )  # fmt: skip


def _ids(app) -> dict[str, int | None]:
    with app.app_context():
        ids = {name: db.session.scalar(query) for name, query in ARGUMENT_IDS.items()}
        db.session.remove()
    return ids


def _staff_urls(url_map: Map, ids: dict) -> tuple[list[tuple[str, str]], list[str]]:
    """Return (endpoint, URL) for every staff GET route, and the arguments nobody can fill."""
    urls, unknown = [], []
    for rule in sorted(url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.endpoint.startswith("staff.") or "GET" not in rule.methods:
            continue
        wanted = sorted(rule.arguments - set(rule.defaults or {}))
        choices = {}
        for name in wanted:
            # `any(pdf, html)` lists its own values; werkzeug keeps converters by argument.
            items = getattr(rule._converters.get(name), "items", None)
            if items:
                choices[name] = sorted(items)
            elif ids.get(name) is not None:
                choices[name] = [ids[name]]
            else:
                unknown.append(f"{rule.rule}: add {name!r} to ARGUMENT_IDS")
        if len(choices) < len(wanted):
            continue
        for values in itertools.product(*choices.values()):
            urls.append((rule.endpoint, rule.build(dict(zip(choices, values, strict=True)))[1]))
    return urls, unknown


def _sign_in(app, role: str):
    client = app.test_client()
    page = get(client, "/staff/sign-in")
    data = {**page.form_fields(), "email": f"{role}@council.example", "password": PASSWORD}
    response = client.post("/staff/sign-in", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return client


def _visit(client, url: str) -> tuple[int | None, str | None]:
    """Fetch a page to its end; return its status and what is wrong with it, if anything."""
    try:
        response = client.get(url, follow_redirects=True)
        response.get_data()
        signed_out = response.history and response.request.path == "/staff/sign-in"
        if signed_out and url != "/staff/sign-in":
            return response.status_code, "it sent a signed-in user back to sign in"
        if response.status_code >= 500:
            return response.status_code, "a server error"
        if response.status_code == 200 and response.mimetype == "text/html":
            check_page(response)
    except AssertionError as problem:
        return 200, f"the page check failed: {problem}"
    except Exception:  # every failure is collected, then reported together
        return None, _where_it_broke()
    return response.status_code, None


def _where_it_broke() -> str:
    """Return the current exception with the frames of this repository, not of libraries."""
    caught = traceback.TracebackException.from_exception(sys.exception())
    ours = [
        frame
        for frame in caught.stack
        if frame.filename.startswith(REPOSITORY) and "site-packages" not in frame.filename
    ]
    caught.stack = traceback.StackSummary.from_list(ours or caught.stack[-1:])
    return "".join(caught.format())


def _problems(role: str, endpoint: str, status: int | None, problem: str | None) -> str | None:
    if problem:
        return problem
    if role == "admin" and endpoint not in FOR_PARTNERS_ONLY and status != 200:
        return f"an admin got {status}"
    if role == "partner" and endpoint in FOR_PARTNERS_ONLY and status != 200:
        return f"a partner user got {status}"
    if status not in {200, 403, 404}:
        return f"an unexpected {status}"
    return None


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_page_works_for_each_role(app, runner, role):
    _seed(app, runner)
    urls, unknown = _staff_urls(app.url_map, _ids(app))
    assert not unknown, "\n".join(unknown)
    assert urls, "The URL map has no staff page"
    client = _sign_in(app, role)
    failures = []
    for endpoint, url in urls:
        problem = _problems(role, endpoint, *_visit(client, url))
        if problem:
            failures.append(f"GET {url} as {role} ({endpoint}): {problem}")
    assert not failures, "\n\n".join(failures)


def test_the_visit_reports_a_failure_after_the_first_byte():
    def streamed():
        yield "first line\n"
        raise RuntimeError("the session has gone")

    tiny = Flask(__name__)
    tiny.add_url_rule("/export.csv", "export", lambda: tiny.response_class(streamed()))
    status, problem = _visit(tiny.test_client(), "/export.csv")
    assert status is None
    assert "the session has gone" in problem


def test_the_visit_reports_a_page_that_fails_the_page_check():
    tiny = Flask(__name__)
    tiny.add_url_rule("/", "home", lambda: "<html><title>Home</title><h1>A</h1><h1>B</h1>")
    assert _visit(tiny.test_client(), "/") == (
        200, "the page check failed: A page has exactly one h1"
    )  # fmt: skip


def test_the_visit_reports_a_page_that_signs_the_user_out():
    tiny = Flask(__name__)
    tiny.add_url_rule("/staff/sign-in", "sign_in", lambda: "<title>Sign in</title><h1>Sign in</h1>")
    tiny.add_url_rule("/staff/users", "users", lambda: redirect("/staff/sign-in?next=/staff/users"))
    assert _visit(tiny.test_client(), "/staff/users") == (
        200, "it sent a signed-in user back to sign in"
    )  # fmt: skip
    assert _visit(tiny.test_client(), "/staff/sign-in") == (200, None)


def test_a_route_with_an_argument_nobody_fills_is_reported():
    url_map = Map(
        [Rule("/staff/widgets/<int:widget_id>", endpoint="staff.show_widget", methods=["GET"])]
    )
    assert _staff_urls(url_map, {"survey_id": 1}) == (
        [], ["/staff/widgets/<int:widget_id>: add 'widget_id' to ARGUMENT_IDS"]
    )  # fmt: skip


def test_the_admin_must_reach_every_page_but_may_be_refused_the_partners_own():
    assert _problems("admin", "staff.show_survey", 403, None) == "an admin got 403"
    assert _problems("admin", "staff.partner_home", 403, None) is None
    assert _problems("partner", "staff.partner_home", 404, None) == "a partner user got 404"
    assert _problems("viewer", "staff.list_users", 403, None) is None
