"""The staff responses page at 100,000 responses: the first page, a deep page, and OFFSET.

Stores SIZE responses of one survey (each with a choice, a few words and a number) in a
throwaway SQLite database and times `response_review.list_responses`, the call the page
makes, for the newest page, a page 1,000 pages deep (keyset: `id < before`) and the same
page filtered to complete responses. For comparison it times the same deep page read with
OFFSET, which the page never uses. Nothing is asserted here; `tests/staff/test_responses.py`
asserts the statement count and that no page is read by OFFSET.

Run `.venv/bin/python bench/responses_bench.py [SIZE]` (default 100000).
"""

import secrets
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Answer, Response  # noqa: E402
from app.services import response_review  # noqa: E402
from config import Config  # noqa: E402
from tests.factories import create_survey  # noqa: E402


def _store(survey, size: int) -> None:
    choice, words, number = survey.questions
    yes = choice.options[0].id
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for first in range(0, size, 10_000):
        ids = range(first + 1, min(first + 10_000, size) + 1)
        db.session.execute(
            insert(Response),
            [
                {
                    "id": n, "survey_id": survey.id, "submission_token": f"bench-{n}",
                    "receipt": f"B{n:09d}", "submitted_at": start + timedelta(minutes=n),
                }
                for n in ids
            ],
        )  # fmt: skip
        rows = []
        for n in ids:
            rows.append({"response_id": n, "question_id": choice.id, "option_id": yes})
            if n % 3:  # two in three complete
                rows.append({"response_id": n, "question_id": words.id, "text_value": "Buses"})
                rows.append({"response_id": n, "question_id": number.id, "number_value": 3})
        db.session.execute(insert(Answer), rows)
    db.session.commit()


def _timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def _page(survey_id: int, filters, before: int | None):
    return lambda: response_review.list_responses(survey_id, filters, before=before)


def run(size: int) -> None:
    survey = create_survey(questions=3, kinds=["single_choice", "free_text", "whole_number"])
    _store(survey, size)
    deep = size - 50 * 1000
    everyone, complete = response_review.Filters(), response_review.Filters(complete=True)
    response_review.list_responses(survey.id, everyone)  # warm up SQLite's pages
    print(f"{size:,} responses")
    for name, filters, before in (
        ("newest page", everyone, None),
        ("1,000 pages deep (keyset)", everyone, deep),
        ("1,000 pages deep, complete only", complete, deep),
    ):
        took, page = _timed(_page(survey.id, filters, before))
        print(f"  {name}: {took:.1f} ms ({len(page.rows)} rows, {page.matching:,} match)")
    by_offset = text(
        "SELECT id FROM response WHERE survey_id = :survey ORDER BY id DESC LIMIT 50 OFFSET :skip"
    )
    values = {"survey": survey.id, "skip": 50_000}
    took, _ = _timed(lambda: list(db.session.execute(by_offset, values)))
    print(f"  the same deep page by OFFSET (ids only, for comparison): {took:.1f} ms")
    keyset = (
        select(Response.id)
        .where(Response.survey_id == survey.id, Response.id < deep)
        .order_by(Response.id.desc())
        .limit(50)
    )
    sql = str(keyset.compile(compile_kwargs={"literal_binds": True}))
    plan = db.session.execute(text("EXPLAIN QUERY PLAN " + sql)).all()
    print("  keyset plan: " + "; ".join(row[-1] for row in plan))


def main(size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:

        class BenchConfig(Config):
            SECRET_KEY = secrets.token_hex(32)
            SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/bench.db"

        app = create_app(BenchConfig)
        with app.app_context():
            upgrade()
            run(size)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
