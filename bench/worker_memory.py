"""Memory per web worker: Heard under gunicorn, a few residents' journeys, then each worker's
proportional set size (PSS, from /proc/<pid>/smaps_rollup), printed.

PSS shares each page among the processes that map it, so the figures of the master and its
workers add up to what they hold together. The workers are measured after serving the
demo survey's pages (start, every question, check, send), as a worker holds them under load.
Nothing is asserted: compare runs.

    .venv/bin/python bench/worker_memory.py [--database sqlite|postgresql] [--workers 2]
        [--journeys 4] [--port 8791]
"""

import argparse
import tempfile
import threading
import time
from pathlib import Path

from harness import running_heard
from load import Tally, run_resident


def pss_kib(pid: int) -> int:
    """Return the process's proportional set size in KiB."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    raise ValueError(f"No Pss line for process {pid}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--database-url")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--journeys", type=int, default=4)
    parser.add_argument("--port", type=int, default=8791)
    options = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        running_heard(
            options.database, options.database_url, options.workers, options.port, Path(folder)
        ) as server,
    ):
        tally = Tally()
        residents = [
            threading.Thread(target=run_resident, args=(options.port, tally, time.monotonic() + 5))
            for _ in range(options.journeys)
        ]
        for resident in residents:
            resident.start()
        for resident in residents:
            resident.join()
        master = pss_kib(server.process.pid)
        workers = {pid: pss_kib(pid) for pid in server.workers()}
    failed = sum(tally.failures.values())
    print(f"Heard on {options.database}, {options.workers} gunicorn workers, "
          f"{tally.acknowledged} responses sent, {failed} failed")  # fmt: skip
    print(f"  master PSS             {master / 1024:8.1f} MiB")
    for pid, kib in sorted(workers.items()):
        print(f"  worker {pid:<8d} PSS   {kib / 1024:8.1f} MiB")
    if workers:
        print(f"  mean per worker        {sum(workers.values()) / len(workers) / 1024:8.1f} MiB")


if __name__ == "__main__":
    main()
