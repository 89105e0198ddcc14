"""Staff use cases are all or nothing: one that fails half-way leaves nothing written."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Action, Answer, AuditEvent, ImportBatch, Response, Theme, answer_theme
from app.services import actions, free_text, themes, users
from app.services.errors import ServiceError
from app.services.imports import auto_mapping, import_responses, importing, start_import
from tests.factories import create_survey, create_user
from tests.imports import samples
from tests.staff.test_themes import add_free_text_answers


class HalfWay(RuntimeError):
    """Stands for anything that goes wrong after the first writes (a lost connection, a bug)."""


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _fail(*_args, **_kwargs):
    raise HalfWay


def test_an_import_that_fails_after_writing_responses_leaves_none(app_context, monkeypatch):
    survey = create_survey(questions=1, kinds=["free_text"])
    rows = [[survey.questions[0].text], ["Fine"], ["Good"]]
    batch = start_import(survey, filename="a.csv", data=samples.csv_bytes(rows), created_by_id=None)
    # The responses are inserted first; their answers are built after, and that fails.
    monkeypatch.setattr(importing, "_answer_values", _fail)
    with pytest.raises(HalfWay):
        import_responses(survey, batch, auto_mapping(survey, batch))
    assert (_count(Response), _count(Answer)) == (0, 0)
    assert db.session.get(ImportBatch, batch.id).imported_at is None
    monkeypatch.undo()
    assert import_responses(survey, batch, auto_mapping(survey, batch)) == 2


def test_a_theme_merge_that_fails_half_way_moves_nothing(app_context, monkeypatch):
    survey = create_survey(questions=1, kinds=["free_text"])
    first, second = add_free_text_answers(survey, ["The bus is late", "The bus is full"])
    source, target = themes.create_theme(survey.id, "Buses"), themes.create_theme(survey.id, "Bus")
    free_text.set_answer_themes(survey.id, first.id, [source.id])
    free_text.set_answer_themes(survey.id, second.id, [source.id, target.id])
    details = actions.ActionDetails(
        principle_id=survey.framework.principles[0].id,
        theme_id=source.id,
        you_said="The bus is late",
        we_did="We asked for a new timetable",
        status="planned",
    )
    action = actions.create_action(survey.id, details)
    before = set(db.session.execute(select(answer_theme)).all())
    # The answers and the action are moved first; deleting the old theme fails.
    monkeypatch.setattr(db.session, "delete", _fail)
    with pytest.raises(HalfWay):
        themes.merge_themes(survey.id, source_id=source.id, target_id=target.id)
    monkeypatch.undo()
    assert set(db.session.execute(select(answer_theme)).all()) == before
    assert db.session.get(Action, action.id).theme_id == source.id
    assert _count(Theme) == 2


def test_a_theme_name_taken_at_the_same_moment_is_refused_and_nothing_is_kept(
    app_context, monkeypatch
):
    survey = create_survey(questions=1, kinds=["free_text"])
    themes.create_theme(survey.id, "Transport")
    # Someone else's "Transport" is not seen by the check, only by the database's unique name.
    monkeypatch.setattr(themes, "_find_by_name", lambda *_args: None)
    with pytest.raises(ServiceError, match="There is already a theme with this name"):
        themes.accept_suggestion(survey.id, "buses", name="Transport")
    monkeypatch.undo()
    assert db.session.scalars(select(Theme.name)).all() == ["Transport"]


def test_a_failed_sign_in_stays_in_the_audit_log_although_the_sign_in_is_refused(app_context):
    user = create_user()
    with pytest.raises(ServiceError):
        users.authenticate(user.email, "not the password")
    db.session.rollback()  # whatever was not committed is gone now
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["user.create", "sign-in.failed"]
