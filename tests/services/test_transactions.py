"""`@transactional`: one commit per use case, a rollback on any error, nesting joins the outer."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Partner
from app.services.errors import ServiceError
from app.services.transactions import (
    commit_now,
    in_transaction,
    one_statement_read,
    transactional,
)


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Partner))


@transactional
def _add(name: str) -> Partner:
    partner = Partner(name=name)
    db.session.add(partner)
    db.session.flush()
    return partner


@transactional
def _add_then_fail(name: str) -> None:
    _add(name)
    raise ServiceError("refused")


@transactional
def _add_two(first: str, second: str) -> None:
    _add(first)
    assert in_transaction()
    _add(second)


@transactional
def _count_then_refuse(name: str) -> None:
    _add(name)
    commit_now()
    raise ServiceError("refused, but the count sticks")


def test_a_use_case_commits_on_success(app_context):
    _add("Age UK Gateshead")
    db.session.rollback()  # nothing left to roll back: it was committed
    assert _count() == 1


def test_a_use_case_that_fails_writes_nothing(app_context):
    with pytest.raises(ServiceError):
        _add_then_fail("Carers Centre")
    assert _count() == 0
    assert not in_transaction()


def test_an_inner_use_case_joins_the_outer_transaction(app_context, monkeypatch):
    commits = []
    real_commit = db.session.commit
    monkeypatch.setattr(db.session, "commit", lambda: (commits.append(1), real_commit()))
    _add_two("Food bank", "Refugee project")
    assert commits == [1]
    assert _count() == 2


def test_an_inner_failure_rolls_back_the_outer_writes_too(app_context):
    @transactional
    def outer() -> None:
        _add("Kept only if all succeed")
        _add_then_fail("Fails")

    with pytest.raises(ServiceError):
        outer()
    assert _count() == 0


def test_a_write_that_must_stick_survives_the_refusal(app_context):
    with pytest.raises(ServiceError):
        _count_then_refuse("Counted")
    assert _count() == 1


def _partners_read_alone() -> int:
    with one_statement_read() as connection:
        return connection.scalar(select(func.count()).select_from(Partner))


def test_a_one_statement_read_inside_a_transaction_sees_what_it_wrote(app_context):
    @transactional
    def add_and_count() -> int:
        _add("Gateshead Carers")
        return _partners_read_alone()

    assert add_and_count() == 1


def test_a_one_statement_read_outside_a_transaction_begins_none(app_context):
    _add("Age UK Gateshead")

    assert _partners_read_alone() == 1
    assert not db.session().in_transaction()
