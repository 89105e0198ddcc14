"""Migration 0015 moves uploads waiting to be imported into chunks, and keeps every import.

Written against the schema of 0014 with plain SQL (that history never changes), on SQLite,
where dropping `import_batch.rows` by copying the table would, through the foreign keys,
delete the new chunks and empty the imported responses' `import_batch_id`.
"""

import json
import sqlite3

from flask_migrate import downgrade, upgrade

from app import create_app
from config import TestConfig

ROWS = [[number, f"Answer {number}"] for number in range(2, 2_502)]


def fill(connection: sqlite3.Connection, table: str, values: dict) -> int:
    """Insert a row, giving every other required column without a default a plain value."""
    for _cid, name, kind, not_null, default, primary in connection.execute(
        f"PRAGMA table_info({table})"
    ):
        if not_null and default is None and not primary and name not in values:
            values[name] = 0 if "INT" in kind or "BOOL" in kind else "2026-12-01 10:00:00"
    names = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join("?" for _ in values)
    cursor = connection.execute(
        f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 - our own names
        list(values.values()),
    )
    return cursor.lastrowid


def test_uploads_keep_their_rows_and_imports_their_responses(tmp_path):
    path = tmp_path / "0014.db"

    class Database(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{path}"

    application = create_app(Database)
    with application.app_context():
        upgrade(revision="0014")
    with sqlite3.connect(path) as connection:
        survey = fill(connection, "survey", {"slug": "s", "title": "Survey"})
        waiting = fill(connection, "import_batch", {"survey_id": survey, "filename": "a.csv",
            "headers": '["Q"]', "rows": json.dumps(ROWS), "row_count": len(ROWS)})  # fmt: skip
        done = fill(connection, "import_batch", {"survey_id": survey, "filename": "b.csv",
            "headers": '["Q"]', "rows": "[]", "imported_at": "2026-12-01 10:00:00"})  # fmt: skip
        fill(connection, "response", {"survey_id": survey, "import_batch_id": done})
    with application.app_context():
        upgrade(revision="0015")
    with sqlite3.connect(path) as connection:
        chunks = connection.execute(
            "SELECT batch_id, position, rows FROM import_batch_chunk ORDER BY position"
        ).fetchall()
        kept = connection.execute("SELECT import_batch_id FROM response").fetchall()
    assert [(batch, position) for batch, position, _rows in chunks] == [
        (waiting, p) for p in range(3)
    ]
    assert [row for *_, rows in chunks for row in json.loads(rows)] == ROWS
    assert kept == [(done,)]
    with application.app_context():
        downgrade(revision="0014")
    with sqlite3.connect(path) as connection:
        back = dict(connection.execute("SELECT id, rows FROM import_batch").fetchall())
    assert json.loads(back[waiting]) == ROWS
