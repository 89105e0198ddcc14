"""Theme suggestions on a coded corpus: how many of its 10 largest themes the first 10 find.

Builds the synthetic coded corpus of `tests/coding_corpus.py` (comments composed per theme,
with praise that goes with any theme, misspellings and placeholder answers), stores it as one
survey's free-text answers in a throwaway SQLite database, and times `themes.suggest`, the
call the suggestions page makes (placeholders left out in SQL, then the offline suggester).
It then times the first and the last page of answers, and accepting the first suggestion,
which codes every answer that uses it.
Targets (issue 11): at least 7 of the 10 largest themes found; under 2 s for 10,000 answers.
Nothing is asserted here; `tests/test_theme_suggestions.py` asserts the 7 of 10.

Run `.venv/bin/python bench/coding_bench.py [SIZE ...]` (default 1000 10000).
"""

import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Answer, Question, Response  # noqa: E402
from app.services import audit, coding, free_text, themes  # noqa: E402
from config import Config  # noqa: E402
from tests.coding_corpus import comments, largest_themes, themes_found  # noqa: E402
from tests.factories import create_survey  # noqa: E402


def _store(survey_id: int, question_id: int, texts: list[str]) -> None:
    """Insert one submitted response and one answer per text, in bulk."""
    start = (db.session.scalar(select(db.func.max(Response.id))) or 0) + 1
    db.session.execute(
        insert(Response),
        [
            {
                "id": start + n, "survey_id": survey_id, "submission_token": f"bench-{start + n}",
                "receipt": f"B{start + n:09d}",
            }
            for n in range(len(texts))
        ],
    )  # fmt: skip
    db.session.execute(
        insert(Answer),
        [
            {"response_id": start + n, "question_id": question_id, "text_value": text}
            for n, text in enumerate(texts)
        ],
    )
    db.session.commit()


def run(size: int) -> None:
    corpus = comments(size)
    survey = create_survey(questions=1, kinds=["free_text"])
    question_id = db.session.scalar(select(Question.id).where(Question.survey_id == survey.id))
    _store(survey.id, question_id, [comment.text for comment in corpus])
    themes.suggest(survey.id)  # warm up: the stemmer's cache and SQLite's pages
    started = time.perf_counter()
    suggestions = themes.suggest(survey.id)
    took = time.perf_counter() - started
    found = themes_found([suggestion.phrase for suggestion in suggestions])
    print(f"{size:,} answers: the first 10 suggestions find {len(found)} of the 10 largest themes")
    print(f"  suggesting took {took:.2f} s")
    for suggestion in suggestions:
        print(f"  {suggestion.phrase!r}: {suggestion.answers:,} answers")
    missed = [theme.name for theme in largest_themes() if theme.name not in found]
    print(f"  not found: {', '.join(missed) or 'none'}")
    _time_pages(survey.id)
    started = time.perf_counter()
    batch = coding.accept_suggestion(survey.id, suggestions[0].phrase, by=audit.COMMAND_LINE)
    print(
        f"  accepting {suggestions[0].phrase!r} coded {batch.answers:,} answers in "
        f"{time.perf_counter() - started:.2f} s"
    )


def _time_pages(survey_id: int) -> None:
    """Print how long the first and the last page of answers take (paged by id)."""
    last_ids = db.session.scalars(
        free_text.answered_query(survey_id, columns=(Answer.id,))
        .order_by(Answer.id.desc())
        .limit(free_text.PAGE_SIZE + 1)
    ).all()
    timings = []
    for after in (None, last_ids[-1]):
        started = time.perf_counter()
        page = free_text.free_text_answers(survey_id, after=after)
        timings.append((time.perf_counter() - started, page.before))
    (first, _), (last, before) = timings
    print(
        f"  first page of answers {first * 1000:.0f} ms; "
        f"last (after {before:,}) {last * 1000:.0f} ms"
    )


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:

        class BenchConfig(Config):
            SECRET_KEY = secrets.token_hex(32)
            SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/bench.db"

        app = create_app(BenchConfig)
        with app.app_context():
            upgrade()
            for size in sizes:
                run(size)


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [1000, 10000])
