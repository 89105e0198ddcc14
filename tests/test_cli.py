"""Flask commands: seed-demo, create-user, frameworks load, report."""

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from app.extensions import db
from app.models import Framework, Principle, QuestionKind, Response, Survey, User
from reports.suppression import published


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_seed_demo_twice_leaves_one_demo_survey(runner, app_context):
    first = runner.invoke(args=["seed-demo"], env={"HEARD_DEMO_PASSWORD": "a demo password 123"})
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert _count(Survey, Survey.slug == "working-together") == 1
    assert _count(User) == 1
    assert "a demo password 123" not in first.output


def test_seed_demo_prints_a_generated_password_once(runner, app_context):
    first = runner.invoke(args=["seed-demo"], env={"HEARD_DEMO_PASSWORD": ""})
    assert "password" in first.output and "shown only once" in first.output
    second = runner.invoke(args=["seed-demo"])
    assert "shown only once" not in second.output


def test_demo_survey_uses_every_kind_and_every_principle(runner, app_context):
    runner.invoke(args=["seed-demo"])
    survey = db.session.scalar(select(Survey).where(Survey.slug == "working-together"))
    assert 8 <= len(survey.questions) <= 12
    assert {q.kind for q in survey.questions} == set(QuestionKind)
    covered = {p.key for q in survey.questions for p in q.principles}
    assert covered == {p.key for p in survey.framework.principles}
    assert len(covered) == 5
    assert all(q.picture_key for q in survey.questions)
    assert all(o.picture_key for q in survey.questions for o in q.options)
    labels = {o.label for q in survey.questions for o in q.options}
    assert {"Yes, a lot", "No"} <= labels
    assert not {"True", "False"} & labels


def test_seed_demo_with_responses_gives_that_many_and_is_deterministic(runner, app_context):
    result = runner.invoke(args=["seed-demo", "--responses", "200", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert _count(Response, Response.status == "submitted") == 200
    channels = set(db.session.scalars(select(Response.channel).distinct()))
    assert len(channels) >= 4
    again = runner.invoke(args=["seed-demo", "--responses", "200", "--seed", "7"])
    assert again.exit_code == 0
    assert _count(Response) == 200


def test_frameworks_load_is_idempotent(runner, app_context):
    runner.invoke(args=["frameworks", "load"])
    runner.invoke(args=["frameworks", "load"])
    assert _count(Framework) == 2
    gateshead = db.session.scalar(
        select(Framework).where(Framework.key == "working-together-for-change")
    )
    assert [p.key for p in gateshead.principles] == [
        "work-together", "involve", "take-action", "improve", "celebrate-diversity",
    ]  # fmt: skip
    assert _count(Principle) == 11


def test_create_user_reads_the_password_from_standard_input(runner, app_context):
    result = runner.invoke(
        args=["create-user", "--email", "lead@council.example", "--role", "lead"],
        input="a strong password here\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User))
    assert user.email == "lead@council.example"
    assert user.role.value == "lead"
    assert "a strong password here" not in user.password_hash


def test_create_user_refuses_a_weak_password(runner, app_context):
    result = runner.invoke(
        args=["create-user", "--email", "a@council.example"], input="Password123!\n"
    )
    assert result.exit_code != 0
    assert "too easy to guess" in result.output
    assert _count(User) == 0


def test_report_command_writes_a_pdf(runner, app_context, tmp_path):
    runner.invoke(args=["seed-demo", "--responses", "20"])
    out = tmp_path / "report.pdf"
    result = runner.invoke(args=["report", "working-together", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "How well are we working together?" in text


def test_report_command_explains_an_unknown_slug(runner, app_context, tmp_path):
    result = runner.invoke(args=["report", "nope", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0
    assert "no survey with the slug 'nope'" in result.output


def test_report_command_writes_csv_with_filters(runner, app_context, tmp_path):
    runner.invoke(args=["seed-demo", "--responses", "40"])
    kiosk = _count(Response, Response.channel == "kiosk")
    out = tmp_path / "kiosk.csv"
    result = runner.invoke(
        args=["report", "working-together", "--out", str(out), "--channel", "kiosk",
              "--from", "2000-01-01", "--to", "2100-12-31"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = out.read_text(encoding="utf-8-sig")
    assert data.startswith("table,row,column,value")
    # Every shown count is rounded to 5 (docs/reporting-method.md); a small one is hidden.
    expected = str(published(kiosk)) if kiosk >= 10 else "*"
    assert f"How people answered,Total,Responses,{expected}" in data
    assert "Only responses sent this way: on a kiosk in a public place." in data


def test_report_command_takes_the_format_from_the_file_name(runner, app_context, tmp_path):
    runner.invoke(args=["seed-demo"])
    out = tmp_path / "report.xlsx"
    result = runner.invoke(args=["report", "working-together", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")


def test_report_command_writes_the_easy_read_edition(runner, app_context, tmp_path):
    runner.invoke(args=["seed-demo", "--responses", "12"])
    out = tmp_path / "easy.pdf"
    result = runner.invoke(
        args=["report", "working-together", "--out", str(out), "--edition", "easy-read"]
    )
    assert result.exit_code == 0, result.output
    text = " ".join("".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "This is the easy read report." in text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--partner", "no-such-link"], "no partner link with the code 'no-such-link'"),
        (["--from", "2026-07-03", "--to", "2026-07-01"], "start date must be the same as"),
        (["--from", "3 July"], "'3 July' does not match the format"),
        (["--format", "docx"], "'docx' is not one of"),
    ],
)
def test_report_command_explains_bad_options(runner, app_context, tmp_path, options, message):
    runner.invoke(args=["seed-demo"])
    out = tmp_path / "x.pdf"
    result = runner.invoke(args=["report", "working-together", "--out", str(out), *options])
    assert result.exit_code != 0
    assert message in " ".join(result.output.split())
    assert not out.exists()


def test_create_user_makes_a_partner_user_for_a_named_partner(runner, app_context):
    from app.services import partners

    partner = partners.create_partner(name="Age UK Gateshead")
    result = runner.invoke(
        args=["create-user", "--email", "p@ageuk.example", "--role", "partner",
              "--partner", "Age UK Gateshead"],
        input="a strong password here\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User)).partner_id == partner.id


def test_purge_drafts_deletes_old_drafts(runner, app_context):
    from datetime import timedelta

    from app.models import Draft
    from app.models.base import utc_now
    from tests.factories import create_survey

    survey = create_survey(questions=1)
    old = utc_now() - timedelta(days=31)
    db.session.add_all(
        [
            Draft(survey_id=survey.id, token="old", answers={}, updated_at=old),
            Draft(survey_id=survey.id, token="new", answers={}),
        ]
    )
    db.session.commit()
    result = runner.invoke(args=["purge-drafts"])
    assert "Deleted 1 unsent drafts" in result.output
    assert [d.token for d in db.session.scalars(select(Draft))] == ["new"]
