"""Import time and memory at 10,000 and 100,000 rows: a benchmark that prints.

Writes a realistic 40-column export of the demo survey (`tests/imports/exports.py`: an ID,
US dates, a channel column, a client number, the 12 questions and mostly empty columns of
postcodes and notes, as real exports are; 40 rather than 60 so that 100,000 rows fit
under the 20 MB limit) to a throwaway folder, then, in a fresh Python process for each
size, runs the import as the staff pages do: `start_import` reads the file as a stream and
keeps the upload in chunks, `auto_mapping` and `preview` match it, `import_responses`
checks every row and writes the responses into SQLite. Then it undoes the import (timed
too) so the next size starts from an empty survey. Target (issue 12, 2-core machine):
100,000 rows in under 30 s and under 300 MB. Nothing is asserted.

Printed per size: the seconds of each step (wall clock, and the CPU seconds of the whole
import, which a busy shared machine inflates far less), and memory as the operating system
sees it (C memory included), from the child's own `/proc/self/status`:
- "loaded MB": what the child holds with Heard loaded, before the import: what a web
  worker holds anyway. The child imports only what a worker does; the benchmark's own
  helpers (migrations, demo data, the export writer) run in the parent.
- "upload MB" and "import MB": how far each step took the child above that (its peak,
  `VmHWM`, reset before each step by writing 5 to `/proc/self/clear_refs`).
- "peak MB": the child's highest resident memory.
`getrusage`'s `ru_maxrss` is not used: on Linux it carries the parent's peak over into a
child started with fork or vfork, so it showed the parent's 258 MB of export writing as
if the import child held it before it started.

Run `.venv/bin/python bench/import_bench.py [ROWS ...]` (default 10000 100000).
"""

import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402

from app import create_app  # noqa: E402
from app.services import imports  # noqa: E402
from app.services.audit import COMMAND_LINE  # noqa: E402
from app.services.surveys import get_survey  # noqa: E402
from config import Config  # noqa: E402

SIZES = (10_000, 100_000)
MB = 1024 * 1024


def bench_app(database: Path) -> Flask:
    """Create Heard on a SQLite file (migrated by the parent process)."""

    class BenchConfig(Config):
        SECRET_KEY = secrets.token_hex(32)
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{database}"

    return create_app(BenchConfig)


def status_mb(field: str) -> float:
    """Return a memory figure of this process from /proc/self/status ("VmRSS", "VmHWM"), in MB."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(f"{field}:"))
    return int(line.split()[1]) / 1024


def reset_peak() -> None:
    """Make the peak resident memory (VmHWM) start again from what the process holds now."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def prepare(folder: Path, sizes: list[int]) -> tuple[int, dict[int, Path]]:
    """Migrate a database, seed the demo survey, and write one export per size."""
    from flask_migrate import upgrade

    from app.services.demo import seed_demo
    from tests.imports.exports import Options, council_export

    app = bench_app(folder / "bench.db")
    files = {}
    with app.app_context():
        upgrade()
        survey = seed_demo(responses=0)
        for rows in sizes:
            files[rows] = folder / f"export-{rows}.csv"
            files[rows].write_bytes(
                council_export(survey, Options(rows=rows, columns=40, dates="us"))
            )
        return survey.id, files


def child(database: str, survey_id: int, path: str) -> None:
    """Import one file, as the staff pages would, and print the figures."""
    app = bench_app(Path(database))
    with app.app_context():
        survey = get_survey(survey_id)
        loaded = status_mb("VmRSS")
        reset_peak()
        started, cpu = time.perf_counter(), time.process_time()
        with open(path, "rb") as stream:
            batch = imports.start_import(
                survey, filename=Path(path).name, data=stream, created_by_id=None
            )
        uploaded, upload_peak = time.perf_counter(), status_mb("VmHWM")
        reset_peak()
        mapping = imports.auto_mapping(survey, batch)
        imports.preview(survey, batch, mapping)
        mapping = imports.Mapping(
            mapping.time_column,
            mapping.columns,
            {},
            source_id_column=mapping.source_id_column,
            respondent_column=batch.headers.index("Client number"),
            channel_column=mapping.channel_column,
        )
        count = imports.import_responses(survey, batch, mapping)
        done, cpu = time.perf_counter(), time.process_time() - cpu
        import_peak = status_mb("VmHWM")
        # Undone, so the next size's rows (the same response ids) are not refused as repeats.
        imports.undo_import(COMMAND_LINE, batch)
        undone = time.perf_counter()
        size = Path(path).stat().st_size / MB
        print(
            f"{count:>10,}  {size:>6.1f} MB  {uploaded - started:>8.1f} {done - uploaded:>8.1f} "
            f"{done - started:>8.1f} {cpu:>6.1f}  {loaded:>9.0f} {upload_peak - loaded:>9.0f} "
            f"{import_peak - loaded:>9.0f} {max(upload_peak, import_peak):>7.0f}  "
            f"{undone - done:>6.1f}"
        )


def run(sizes: list[int]) -> None:
    """Prepare the files, then import each in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        survey_id, files = prepare(Path(folder), sizes)
        print(
            f"{'rows':>10}  {'file':>9}  {'upload s':>8} {'import s':>8} {'total s':>8} "
            f"{'CPU s':>6}  {'loaded MB':>9} {'upload MB':>9} {'import MB':>9} {'peak MB':>7}  "
            f"{'undo s':>6}"
        )
        for rows in sizes:
            database = str(Path(folder) / "bench.db")
            command = [sys.executable, __file__, "--child", database, str(survey_id)]
            subprocess.run([*command, str(files[rows])], check=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        run([int(size) for size in sys.argv[1:]] or list(SIZES))
