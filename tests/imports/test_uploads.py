"""The same file refused twice, rows refused by the other tool's response id, a whole import
undone (and logged), and uploads kept no longer than they are needed."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Answer, AuditEvent, ImportBatch, Response
from app.models.base import utc_now
from app.services.audit import Actor
from app.services.errors import ServiceError
from app.services.imports import (
    SOURCE_ID_FIELD,
    FileAlreadyImported,
    ImportProblems,
    auto_mapping,
    import_responses,
    purge_old_uploads,
    start_import,
    stored,
    undo_import,
)
from tests.factories import create_survey
from tests.imports import samples

KINDS = ["single_choice", "multiple_choice", "free_text"]
LEAD = Actor(None, "Sam Lead")


@pytest.fixture
def survey(app_context):
    return samples.opened_before_the_exports(create_survey(questions=3, kinds=KINDS))


def questions(survey) -> list[str]:
    return [q.text for q in survey.questions]


def upload(survey, data: bytes, filename: str = "export.csv") -> ImportBatch:
    return start_import(survey, filename=filename, data=data, created_by_id=None)


def imported(survey, data: bytes, filename: str = "export.csv") -> ImportBatch:
    batch = upload(survey, data, filename)
    import_responses(survey, batch, auto_mapping(survey, batch), actor=LEAD)
    return batch


def count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def test_the_same_file_again_is_refused_saying_when_it_was_imported(survey):
    data = samples.microsoft_forms(questions(survey))
    first = imported(survey, data)
    with pytest.raises(FileAlreadyImported) as refused:
        upload(survey, data, "renamed.csv")
    message = refused.value.message
    assert message.startswith("This file was already imported on ")
    assert "(3 responses from “export.csv”)" in message
    assert str(first.imported_at.year) in message
    assert refused.value.status_code == 409
    assert count(Response) == 3


def test_the_same_file_is_refused_even_when_both_uploads_wait_to_be_confirmed(survey):
    data = samples.microsoft_forms(questions(survey))
    waiting = upload(survey, data)
    imported(survey, data, "again.csv")
    with pytest.raises(FileAlreadyImported):
        import_responses(survey, waiting, auto_mapping(survey, waiting))
    assert count(Response) == 3


def test_the_same_file_may_go_into_another_survey(survey):
    data = samples.microsoft_forms(questions(survey))
    imported(survey, data)
    other = samples.opened_before_the_exports(create_survey(questions=3, kinds=KINDS))
    other_data = samples.microsoft_forms(questions(other))
    assert other_data == data
    imported(other, other_data)
    assert count(Response) == 6


def test_rows_imported_before_are_refused_by_their_response_id(survey):
    imported(survey, samples.microsoft_forms(questions(survey)), "march.csv")
    # A later export of the same form: the three rows again, and one new one.
    later = [*samples.RESPONSES, ("Yes", ["No"], "A new answer")]
    batch = upload(survey, samples.microsoft_forms(questions(survey), later), "april.csv")
    with pytest.raises(ImportProblems) as found:
        import_responses(survey, batch, auto_mapping(survey, batch))
    [problem] = found.value.problems
    assert problem.field == SOURCE_ID_FIELD
    assert problem.text.startswith("Already imported from “march.csv” on ")
    assert problem.text.endswith(": 3 rows — 2, 3, 4")
    assert count(Response) == 3


def test_a_response_id_twice_in_one_file_is_refused(survey):
    rows = [["ID", "Start time", "Completion time", *questions(survey)]]
    rows += [["7", "", "", "Yes", "No", "a"], ["7", "", "", "No", "No", "b"]]
    batch = upload(survey, samples.csv_bytes(rows))
    with pytest.raises(ImportProblems) as found:
        import_responses(survey, batch, auto_mapping(survey, batch))
    assert [p.text for p in found.value.problems] == [
        "The response id “7” is in the file more than once: 1 row — 3"
    ]


def test_imported_responses_remember_their_batch_and_response_id(survey):
    batch = imported(survey, samples.microsoft_forms(questions(survey)))
    responses = db.session.scalars(select(Response).order_by(Response.source_row)).all()
    assert [(r.import_batch_id, r.source_response_id) for r in responses] == [
        (batch.id, "1"),
        (batch.id, "2"),
        (batch.id, "3"),
    ]


def test_an_import_keeps_no_rows_of_the_file_once_done(survey):
    batch = imported(survey, samples.microsoft_forms(questions(survey)))
    db.session.expire_all()
    kept = db.session.get(ImportBatch, batch.id)
    assert list(stored.rows(kept)) == []
    assert stored.chunk_count(kept) == 0
    assert (kept.row_count, kept.response_count) == (3, 3)
    assert kept.content_hash


def test_undoing_an_import_deletes_its_responses_and_logs_who_did_it(survey):
    batch = imported(survey, samples.microsoft_forms(questions(survey)))
    other = imported(survey, samples.google_forms(questions(survey)), "google.csv")
    assert undo_import(LEAD, batch) == 3
    assert count(Response) == 3
    assert db.session.scalar(select(func.count(Answer.id)).join(Response)) > 0
    assert {r.import_batch_id for r in db.session.scalars(select(Response))} == {other.id}
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "import.undone")).one()
    assert (event.user_name, event.subject_id, event.survey_id) == ("Sam Lead", batch.id, survey.id)
    assert event.details["responses"] == 3
    assert db.session.get(ImportBatch, batch.id).undone_at is not None


def test_an_import_is_recorded_in_the_audit_log(survey):
    batch = imported(survey, samples.microsoft_forms(questions(survey)))
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "import.responses")
    ).one()
    assert (event.user_name, event.subject_id) == ("Sam Lead", batch.id)
    assert event.details["responses"] == 3
    assert event.details["columns"] == {"G": "question 1", "H": "question 2", "I": "question 3"}


def test_an_import_cannot_be_undone_twice_and_its_file_may_then_come_again(survey):
    data = samples.microsoft_forms(questions(survey))
    batch = imported(survey, data)
    undo_import(LEAD, batch)
    with pytest.raises(ServiceError, match="already undone"):
        undo_import(LEAD, batch)
    imported(survey, data, "again.csv")
    assert count(Response) == 3


def test_an_upload_not_imported_cannot_be_undone(survey):
    batch = upload(survey, samples.microsoft_forms(questions(survey)))
    with pytest.raises(ServiceError, match="has not been imported"):
        undo_import(LEAD, batch)


def test_uploads_never_imported_are_deleted_after_7_days(survey):
    old = upload(survey, samples.microsoft_forms(questions(survey)), "old.csv")
    recent = upload(survey, samples.google_forms(questions(survey)), "recent.csv")
    done = imported(survey, samples.csv_bytes([questions(survey), ["Yes", "No", "x"]]))
    now = utc_now()
    old.created_at = now - timedelta(days=7, minutes=1)
    recent.created_at = now - timedelta(days=6, hours=23)
    done.created_at = now - timedelta(days=30)
    db.session.commit()
    assert purge_old_uploads(now) == 1
    assert sorted(b.filename for b in db.session.scalars(select(ImportBatch))) == [
        "export.csv",
        "recent.csv",
    ]
    assert purge_old_uploads(now) == 0
    assert count(Response) == 1
