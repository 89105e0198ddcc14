"""The audit log: staff writes and reads of residents' answers are recorded with who, when
and from where; admins browse, filter and download it; nothing in Heard changes a row."""

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, select, update

from app.extensions import db
from app.models import AuditEvent
from app.services import audit, demo, partners
from app.services.transactions import transactional
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in
from tests.staff.test_permissions import PLACEHOLDERS, staff_rules
from tests.staff.test_themes import add_free_text_answers

ADDRESS = {"REMOTE_ADDR": "198.51.100.23"}


@transactional
def _add(action: str, *, who: audit.Actor, at: datetime | None = None, **details) -> None:
    event = audit.record(who, action, subject="survey", subject_id=1, **details)
    if at:
        event.at = at


def _rows(**where) -> list[tuple]:
    query = select(AuditEvent.action, AuditEvent.user_name, AuditEvent.address)
    for name, value in where.items():
        query = query.where(getattr(AuditEvent, name) == value)
    return [tuple(row) for row in db.session.execute(query.order_by(AuditEvent.id))]


def _post_form(client, page_url: str, action: str, **fields):
    page = get(client, page_url)
    data = {**page.form_fields(f"form[action='{action}']"), **fields}
    return client.post(action, data=data, environ_base=ADDRESS)


def test_staff_writes_are_recorded_with_who_and_from_where(client):
    survey = create_survey(questions=1, kinds=["free_text"])
    lead = create_user(role="lead")
    sign_in(client, lead)
    assert (
        _post_form(client, "/staff/partners", "/staff/partners", name="Age UK").status_code == 303
    )
    themes = f"/staff/surveys/{survey.id}/themes"
    assert _post_form(client, themes, themes, name="Transport").status_code == 303
    kiosk = {"survey_id": str(survey.id), "venue": "Birtley Library", "idle_seconds": ""}
    assert _post_form(client, "/staff/kiosks", "/staff/kiosks", **kiosk).status_code == 303
    recorded = _rows(user_id=lead.id)
    assert ("partner.create", lead.name, ADDRESS["REMOTE_ADDR"]) in recorded
    assert ("theme.create", lead.name, ADDRESS["REMOTE_ADDR"]) in recorded
    assert ("kiosk.create", lead.name, ADDRESS["REMOTE_ADDR"]) in recorded


def test_reading_residents_words_on_the_coding_page_is_recorded_with_the_answers_shown(client):
    survey = create_survey(questions=1, kinds=["free_text"])
    add_free_text_answers(survey, ["The bus is late", "Lunch is nice"])
    viewer = create_user(role="viewer")
    sign_in(client, viewer)
    page = client.get(f"/staff/surveys/{survey.id}/themes/answers", environ_base=ADDRESS)
    assert page.status_code == 200
    read = db.session.execute(
        select(AuditEvent.survey_id, AuditEvent.address, AuditEvent.details).where(
            AuditEvent.user_id == viewer.id, AuditEvent.action == "answers.read"
        )
    ).one()
    assert read.survey_id == survey.id
    assert read.address == ADDRESS["REMOTE_ADDR"]
    assert len(read.details["answers"]) == 2


def test_reading_every_response_and_downloading_a_report_are_recorded(client):
    survey = demo.seed_demo(responses=12)
    lead = create_user(role="lead")
    sign_in(client, lead)
    export = client.get(f"/staff/surveys/{survey.id}/responses.csv", environ_base=ADDRESS)
    export.get_data()
    report = client.get(f"/staff/surveys/{survey.id}/report.csv", environ_base=ADDRESS)
    assert (export.status_code, report.status_code) == (200, 200)
    reads = db.session.execute(
        select(AuditEvent.action, AuditEvent.survey_id, AuditEvent.address)
        .where(AuditEvent.user_id == lead.id, AuditEvent.action != "sign-in")
        .order_by(AuditEvent.id)
    ).all()
    assert [tuple(row) for row in reads] == [
        ("responses.export", survey.id, ADDRESS["REMOTE_ADDR"]),
        ("report.download", survey.id, ADDRESS["REMOTE_ADDR"]),
    ]


def test_an_admin_browses_the_log_newest_first_and_filters_it(client):
    admin = create_user(role="admin")
    lead = create_user(role="lead")
    march = datetime(2026, 3, 27, 10, 0, tzinfo=UTC)
    _add("survey.open", who=audit.Actor(lead.id, lead.name, "192.0.2.1"), at=march)
    _add("theme.create", who=audit.Actor(lead.id, lead.name, "192.0.2.1"), name="<b>Buses</b>")
    _add("survey.open", who=audit.Actor(admin.id, admin.name, "192.0.2.2"))
    sign_in(client, admin)
    page = get(client, "/staff/audit-log")
    # Newest first: the admin's own sign-in, then the rows above from the newest.
    assert page.texts(".heard-audit-log tbody td:nth-child(4)")[0] == f"sign-in · user {admin.id}"
    addresses = page.texts(".heard-audit-log tbody td:nth-child(3)")
    assert addresses[1:] == ["192.0.2.2", "192.0.2.1", "192.0.2.1", "", ""]
    assert page.text(".heard-audit-log tbody tr:nth-child(4) td").startswith("27 Mar 2026, 10:00")
    assert "name: <b>Buses</b>" in page.text(".heard-audit-log tbody tr:nth-child(3)")
    by_lead = get(client, f"/staff/audit-log?who={lead.id}&action=survey.open")
    assert by_lead.texts(".heard-audit-log tbody td:nth-child(2)") == [lead.name]
    in_march = get(client, "/staff/audit-log?since=2026-03-27&until=2026-03-27")
    assert in_march.texts(".heard-audit-log tbody td:nth-child(4)") == ["survey.open · survey 1"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("since=27/03/2026", "Enter a date like 2026-03-27"),
        ("until=2026-02-30", "Enter a date like 2026-03-27"),
        # date.max: there is no next day to count up to.
        ("until=9999-12-31", "Enter a date like 2026-03-27"),
        ("since=9999-12-31", "Enter a date like 2026-03-27"),
        ("since=2026-03-28&until=2026-03-27", "The first date must be on or before the second"),
    ],
)
def test_a_date_that_cannot_be_read_is_explained(client, query, message):
    sign_in(client, create_user(role="admin"))
    page = check_page(client.get(f"/staff/audit-log?{query}"))
    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == message


def test_the_csv_of_a_date_that_cannot_be_read_is_the_page_explaining_it(client):
    sign_in(client, create_user(role="admin"))
    page = check_page(client.get("/staff/audit-log.csv?until=9999-12-31"))
    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == "Enter a date like 2026-03-27"
    assert _rows(action="audit-log.export") == []


def test_the_log_pages_by_the_oldest_row_shown(client):
    admin = create_user(role="admin")
    for number in range(audit.PAGE_SIZE + 5):
        _add("survey.open", who=audit.Actor(admin.id, admin.name), number=number)
    sign_in(client, admin)
    first = get(client, "/staff/audit-log?action=survey.open")
    assert len(first.all(".heard-audit-log tbody tr")) == audit.PAGE_SIZE
    older = first.all("a[rel=next]")[0].get("href")
    second = get(client, older)
    assert second.texts(".heard-audit-log tbody td:nth-child(5)") == [
        f"number: {n}" for n in range(4, -1, -1)
    ]
    assert second.all("a[rel=next]") == []


def test_the_csv_export_is_formula_safe_and_is_itself_recorded(client):
    admin = create_user(role="admin")
    _add("partner.create", who=audit.Actor(admin.id, "=HYPERLINK(1)"), name="@SUM(A1)")
    sign_in(client, admin)
    response = client.get("/staff/audit-log.csv?action=partner.create")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == audit.CSV_COLUMNS
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert rows[1][4:6] == ["partner.create", "survey"]
    assert rows[1][8] == "name: @SUM(A1)"
    assert len(rows) == 2
    assert _rows(action="audit-log.export")[0][:2] == ("audit-log.export", admin.name)


def test_an_audit_row_cannot_be_changed_or_deleted_through_the_application(app_context):
    admin = create_user(role="admin")
    _add("survey.open", who=audit.Actor(admin.id, admin.name))
    event = db.session.scalars(select(AuditEvent)).first()
    event.action = "nothing happened"
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalars(select(AuditEvent)).first())
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()
    for statement in (delete(AuditEvent), update(AuditEvent).values(action="x")):
        with pytest.raises(PermissionError):
            db.session.execute(statement)
        db.session.rollback()
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.id == event.id))


def test_no_staff_page_changes_or_deletes_a_row_of_the_log(app, client):
    survey = create_survey()
    partner = partners.create_partner(name="Lunch club", contact="Sam", allowed_origins="")
    partners.create_link(partner=partner, survey=survey, label="Poster")
    admin = create_user(role="admin")
    sign_in(client, admin)
    before = db.session.execute(select(AuditEvent.__table__)).all()
    assert before
    token = get(client, "/staff/").form_fields("form.heard-sign-out")["csrf_token"]
    for rule in staff_rules(app):
        values = {arg: PLACEHOLDERS.get(arg, survey.id) for arg in rule.arguments}
        url = rule.build(values)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS", "GET"}):
            client.open(url, method=method, data={"csrf_token": token}, buffered=True).close()
    db.session.expire_all()
    after = {row.id: row for row in db.session.execute(select(AuditEvent.__table__))}
    assert [after.get(row.id) for row in before] == before
