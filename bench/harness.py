"""Heard under gunicorn for the benchmarks: a throwaway database, the demo survey, a server.

Shared by `bench/load.py` and `bench/faults.py`, so both run the same production set-up.
"""

import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from load import BIN, ROOT, _environment, _prepare, _wait_until_ready


@dataclass
class Server:
    """A running gunicorn master, its environment, and the database it writes to."""

    process: subprocess.Popen
    environment: dict
    port: int
    before: set = field(default_factory=set)

    @property
    def database_url(self) -> str:
        return self.environment["DATABASE_URL"]

    def workers(self) -> list[int]:
        """Return the process ids of the master's workers now."""
        done = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        )
        return [int(pid) for pid in done.stdout.split()]


@contextlib.contextmanager
def running_heard(
    database: str, database_url: str | None, workers: int, port: int, folder: Path,
    *, application: str = "wsgi:app", **settings: str,
) -> Iterator[Server]:  # fmt: skip
    """Migrate and seed a fresh database, start gunicorn on `port`, stop it afterwards.

    `application` is the WSGI target gunicorn serves: Heard itself, or a bench module that
    wraps it (bench/faulty_wsgi.py kills its own worker around a send's commit).
    """
    url = _prepare(database, database_url, folder)
    environment = _environment(url, workers, port) | settings
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([BIN / "flask", *command], env=environment, cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
    process = subprocess.Popen(
        [BIN / "gunicorn", "--config", "gunicorn.conf.py", application],
        env=environment, cwd=ROOT, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_until_ready(port, process)
        yield Server(process, environment, port)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
