"""A full disk on SQLite: "not sent yet, press again" (503), nothing half-written (issue 13).

The disk is made full for real, inside SQLite: the database is compacted (VACUUM, so no free
page is left to reuse) and every connection is capped at the size it has now (`PRAGMA
max_page_count`). A long comment does not fit in a table page, so writing it needs a new
page and SQLite answers "database or disk is full". Then the cap is lifted, as when space
is freed on the disk, and pressing again must work. The error is logged; the comment that
would not fit is not (the engine hides a failed statement's parameters).
"""

import os

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import Answer, Response
from tests import journey
from tests.factories import create_survey
from tests.pages import get

pytestmark = pytest.mark.skipif(
    os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="max_page_count is SQLite's; a full disk on PostgreSQL is the server's to report",
)

NOT_SENT = "have not been sent yet"
FULL = "database or disk is full"
# About 6,600 characters, fewer than the 1,000 words a comment may have: more than a page.
LONG_COMMENT = " ".join(["Transport"] * 660)


class Disk:
    """Fill the database's disk (and free it again) for every connection of the app."""

    def __init__(self, app) -> None:
        with app.app_context():
            self.engine = db.engine
        self.pages = 0

    def fill(self) -> None:
        self.engine.dispose()
        with self.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.exec_driver_sql("VACUUM")
            self.pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        self.engine.dispose()
        event.listen(self.engine, "connect", self._cap)

    def free(self) -> None:
        if event.contains(self.engine, "connect", self._cap):
            event.remove(self.engine, "connect", self._cap)
        self.engine.dispose()

    def _cap(self, dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {self.pages}")


@pytest.fixture
def disk(app):
    disk = Disk(app)
    yield disk
    disk.free()


def _started(app, client):
    with app.app_context():
        slug = create_survey(questions=2, kinds=["single_choice", "free_text"]).slug
    first = journey.start(client, slug)
    saved = journey.answer(client, first, first.all("input[type=radio]")[0].get("value"))
    assert saved.status_code == 303
    return slug, get(client, saved.headers["Location"])


def _draft(client, slug: str, token: str) -> dict:
    """Return the answers the draft holds, as the check page shows them."""
    check = get(client, f"/s/{slug}/check?token={token}")
    return dict(zip(check.texts(".govuk-summary-list__key"),
                    check.texts(".govuk-summary-list__value"), strict=True))  # fmt: skip


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_an_answer_on_a_full_disk_says_press_again_and_keeps_the_earlier_answers(app, disk, caplog):
    client = app.test_client()
    slug, second = _started(app, client)
    token = second.form_fields()["token"]
    before = _draft(client, slug, token)
    disk.fill()

    refused = journey.answer(client, second, LONG_COMMENT)

    assert FULL in caplog.text
    assert "Transport Transport" not in caplog.text  # the error is logged, never the comment
    assert refused.status_code == 503
    assert NOT_SENT in refused.get_data(as_text=True)
    assert LONG_COMMENT in refused.get_data(as_text=True)  # what they typed is still there
    disk.free()
    assert _draft(client, slug, token) == before
    again = journey.answer(client, second, LONG_COMMENT)
    assert again.status_code == 303
    assert LONG_COMMENT in _draft(client, slug, token).values()


def test_a_send_on_a_full_disk_says_press_again_and_writes_nothing(app, disk, caplog):
    client = app.test_client()
    slug, second = _started(app, client)
    check = get(client, journey.answer(client, second, LONG_COMMENT).headers["Location"])
    check = journey.past_support_question(client, check)
    action = check.all("form[action*='/send']")[0].get("action")
    form = check.form_fields("form[action*='/send']")
    disk.fill()

    refused = client.post(action, data=form)

    assert FULL in caplog.text
    assert "Transport Transport" not in caplog.text
    assert refused.status_code == 503
    assert NOT_SENT in refused.get_data(as_text=True)
    assert LONG_COMMENT in refused.get_data(as_text=True)  # the answers, shown again to send
    disk.free()
    assert (_count(app, Response), _count(app, Answer)) == (0, 0)
    assert LONG_COMMENT in _draft(client, slug, form["token"]).values()
    sent = client.post(action, data=form)
    assert sent.status_code == 303 and "/thanks/" in sent.headers["Location"]
    assert (_count(app, Response), _count(app, Answer)) == (1, 2)


def test_the_disk_is_really_full(app, disk):
    """The cap holds: without it the tests above would pass by never failing."""
    with app.app_context():
        create_survey(questions=1)
    disk.fill()
    with disk.engine.connect() as connection, pytest.raises(OperationalError, match=FULL):
        connection.exec_driver_sql("UPDATE survey SET easy_read_intro = ?", (LONG_COMMENT * 2,))
