"""Report time and memory at 1,000, 10,000 and 100,000 responses: a benchmark that prints.

Seeds the demo survey (12 questions' worth of answers, about 10 per response) in bulk into a
throwaway SQLite database, topping it up from one size to the next, and times building the
standard PDF, the easy-read PDF and the CSV with `app.services.reports.build`, the one entry
point the staff pages, the background job and the CLI call. Each build is timed once after a
warm-up, then run again under tracemalloc for its peak Python memory; the process's peak
resident memory so far is printed too (it includes WeasyPrint's and Pango's C memory, and never
goes down). Targets (issue 5, 2-core machine): 10,000 responses → standard PDF under 3 s;
100,000 → under 5 s and under 500 MB; the time at 100,000 at most twice the time at 1,000.
Nothing is asserted.

Run `.venv/bin/python bench/report_bench.py [SIZE ...]` (default 1000 10000 100000).
"""

import resource
import secrets
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.services import reports as report_service  # noqa: E402
from app.services.demo import seed_demo  # noqa: E402
from config import Config  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
BUILDS = {
    "standard PDF": {"edition": "standard", "output": "pdf"},
    "easy-read PDF": {"edition": "easy-read", "output": "pdf"},
    "CSV": {"edition": "standard", "output": "csv"},
}
MB = 1024 * 1024


def bench_app(database: Path) -> Flask:
    """Create Heard on a fresh, migrated SQLite file."""

    class BenchConfig(Config):
        SECRET_KEY = secrets.token_hex(32)
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{database}"

    app = create_app(BenchConfig)
    with app.app_context():
        upgrade()
    return app


def measure(build: Callable[[], bytes]) -> tuple[float, float, float, int]:
    """Return one build's wall and CPU seconds, its peak Python memory in MB, and its size."""
    started, cpu = time.perf_counter(), time.process_time()
    data = build()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()
    build()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, cpu, peak / MB, len(data)


def peak_rss_mb() -> float:
    """Return the process's peak resident memory so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(sizes: list[int]) -> None:
    """Seed each size in turn and print a line per build."""
    with tempfile.TemporaryDirectory() as folder:
        app = bench_app(Path(folder) / "bench.db")
        with app.app_context():
            print(f"{'responses':>10}  {'build':<14} {'seconds':>8} {'CPU s':>6} "
                  f"{'Python MB':>10} {'peak RSS MB':>12} {'bytes':>10}")  # fmt: skip
            for size in sizes:
                started = time.perf_counter()
                survey = seed_demo(responses=size, seed=2025)
                seeded = time.perf_counter() - started
                print(f"{size:>10,}  seeded in {seeded:.1f} s")
                for name, options in BUILDS.items():
                    build = _builder(survey.id, options)
                    if size == sizes[0]:
                        build()  # warm up: fonts, templates, matplotlib
                    seconds, cpu, python_mb, length = measure(build)
                    print(f"{size:>10,}  {name:<14} {seconds:>8.2f} {cpu:>6.2f} "
                          f"{python_mb:>10.1f} {peak_rss_mb():>12.0f} {length:>10,}")  # fmt: skip


def _builder(survey_id: int, options: dict) -> Callable[[], bytes]:
    def build() -> bytes:
        return report_service.build(survey_id, **options).content

    return build


if __name__ == "__main__":
    run([int(size) for size in sys.argv[1:]] or list(SIZES))
