"""Fault scripts: Heard under gunicorn while things break, and whether anything was lost.

Each scenario starts Heard in production mode (bench/harness.py) and runs residents through
the demo survey (bench/load.py's Resident), then breaks something:

    burst      200 residents start at the same moment
    kill       `kill -9` a gunicorn worker 20 times while residents send
    restart    restart PostgreSQL 3 times under load (PostgreSQL only; affects every other
               user of the server: run it rarely)
    sqlite     many writers at once on SQLite (`database is locked`)

A resident here behaves as a person would: when a press gets no page (the worker died) or
the "not sent yet, press again" page (503), they press the same button again, up to 20
times. At the end the script compares what residents were shown with what the database
holds and prints: acknowledged = stored, duplicates (two responses for one journey) 0,
5xx other than 503 0, and every reference shown is the one stored for that journey.

    .venv/bin/python bench/faults.py burst [--database postgresql] [--users 200]
"""

import argparse
import base64
import http.client
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from harness import Server, running_heard
from load import SLUG, JourneyFailed, Resident, Tally, _answered, _fields
from sqlalchemy import create_engine, text

PRESSES = 20
PAUSE_BETWEEN_PRESSES = 0.25


class PatientResident(Resident):
    """A resident who presses again after a dropped connection or a 503."""

    def __init__(self, port: int, tally: Tally, seen: dict) -> None:
        super().__init__(port, tally)
        self.port = port
        self.seen = seen

    def press(self, method: str, path: str, form: dict | None = None) -> tuple[str, str]:
        for _ in range(PRESSES):
            try:
                return self.follow(method, path, form)
            except (OSError, http.client.HTTPException):
                self.tally.failed(f"no page after {_button(path)} (pressed again)")
            except JourneyFailed as problem:
                if str(problem) != "HTTP 503":
                    raise
                self.tally.failed(f"HTTP 503 after {_button(path)} (pressed again)")
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            time.sleep(PAUSE_BETWEEN_PRESSES)
        raise JourneyFailed("gave up pressing")

    def journey(self) -> None:
        _, start = self.press("GET", f"/s/{SLUG}")
        first = lxml.html.fromstring(start).cssselect("a.govuk-button--start")[0].get("href")
        _, page = self.press("GET", first)
        for _ in range(40):
            form = lxml.html.fromstring(page).cssselect("main form[method=post]")[0]
            action = form.get("action")
            if "/send" in action:
                fields = _fields(form)
                path, _ = self.press("POST", action, fields)
                if "/thanks/" not in path:
                    raise JourneyFailed("no reference number")
                receipt = urlsplit(path).path.rsplit("/", 1)[-1]
                with self.tally.lock:
                    self.seen[_token_of(fields["token"])] = receipt
                self.tally.sent()
                return
            _, page = self.press("POST", action, _answered(form))
        raise JourneyFailed("never reached check your answers")


def _button(path: str) -> str:
    return "Send" if "/send" in path else "another press"


def _token_of(journey_token: str) -> str:
    """Return the submission token inside a signed journey token (its first part, JSON)."""
    payload = journey_token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["t"]


def _residents(server: Server, tally: Tally, seen: dict, count: int, until: float | None):
    barrier = threading.Barrier(count)

    def run() -> None:
        barrier.wait()
        while True:
            resident = PatientResident(server.port, tally, seen)
            try:
                resident.journey()
            except (JourneyFailed, IndexError, OSError, http.client.HTTPException) as problem:
                tally.failed(f"journey failed: {problem}")
            finally:
                resident.connection.close()
            if until is None or time.monotonic() > until:
                return

    return [threading.Thread(target=run) for _ in range(count)]


def _run(threads: list[threading.Thread], meanwhile=None) -> float:
    started = time.monotonic()
    for thread in threads:
        thread.start()
    if meanwhile:
        meanwhile()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def _stored_receipts(database_url: str) -> list[tuple[str, str]]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT submission_token, receipt FROM response"))
        stored = [(row[0], row[1]) for row in rows]
    engine.dispose()
    return stored


def _report(name: str, server: Server, tally: Tally, seen: dict, elapsed: float) -> bool:
    stored = [row for row in _stored_receipts(server.database_url) if row not in server.before]
    by_token: dict[str, list[str]] = {}
    for token, receipt in stored:
        by_token.setdefault(token, []).append(receipt)
    duplicates = sum(1 for receipts in by_token.values() if len(receipts) > 1)
    wrong = sum(1 for token, receipt in seen.items() if by_token.get(token) != [receipt])
    errors = {
        kind: n for kind, n in tally.failures.items() if "HTTP 5" in kind and "503" not in kind
    }
    print(f"{name}: {elapsed:.0f} s, {len(tally.latencies)} requests")
    for kind, count in sorted(tally.failures.items()):
        print(f"  {kind:40} {count:6d}")
    print(f"  acknowledged / stored                    {tally.acknowledged} / {len(stored)}")
    print(f"  lost (acknowledged, not stored)          {wrong:6d}")
    print(f"  duplicates                               {duplicates:6d}")
    print(f"  5xx other than 503                       {sum(errors.values()):6d}")
    unacknowledged = len(by_token) - len(seen)
    print(f"  stored, never shown (resident gave up)   {unacknowledged:6d}")
    return len(seen) == tally.acknowledged and not (wrong or duplicates or errors)


def burst(server: Server, options) -> tuple[Tally, dict, float]:
    tally, seen = Tally(), {}
    elapsed = _run(_residents(server, tally, seen, options.users, until=None))
    return tally, seen, elapsed


def kill(server: Server, options) -> tuple[Tally, dict, float]:
    tally, seen = Tally(), {}

    def kill_workers() -> None:
        for number in range(options.kills):
            time.sleep(1.0)
            workers = server.workers()
            if workers:
                os.kill(workers[number % len(workers)], signal.SIGKILL)
        print(f"  killed a worker {options.kills} times")

    deadline = time.monotonic() + options.kills * 1.0 + 2
    threads = _residents(server, tally, seen, options.users, until=deadline)
    return tally, seen, _run(threads, kill_workers)


def restart(server: Server, options) -> tuple[Tally, dict, float]:
    tally, seen = Tally(), {}
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    recoveries: list[float] = []

    def restart_postgres() -> None:
        for _ in range(3):
            time.sleep(3.0)
            began = time.monotonic()
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main",
                            "restart"], check=True, capture_output=True)  # fmt: skip
            recoveries.append(_until_ready(server.port) - began)
        print("  seconds from each restart until /readyz answered 200: "
              + ", ".join(f"{seconds:.1f}" for seconds in recoveries))  # fmt: skip

    deadline = time.monotonic() + 3 * 4.0 + 3
    threads = _residents(server, tally, seen, options.users, until=deadline)
    try:
        return tally, seen, _run(threads, restart_postgres)
    finally:
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"],
                       capture_output=True)  # fmt: skip


def _until_ready(port: int) -> float:
    for _ in range(200):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return time.monotonic()
        except OSError:
            pass
        time.sleep(0.05)
    return time.monotonic()


def writers(server: Server, options) -> tuple[Tally, dict, float]:
    tally, seen = Tally(), {}
    until = time.monotonic() + options.seconds
    return tally, seen, _run(_residents(server, tally, seen, options.users, until=until))


SCENARIOS = {"burst": burst, "kill": kill, "restart": restart, "sqlite": writers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--database-url")
    parser.add_argument("--users", type=int)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20, help="sqlite: how long")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--port", type=int, default=8791)
    options = parser.parse_args()
    if options.scenario == "sqlite":
        options.database, options.workers = "sqlite", max(options.workers, 4)
    if options.scenario == "restart" and options.database != "postgresql":
        raise SystemExit("restart is for PostgreSQL")
    if options.database == "postgresql" and not options.database_url:
        # Its own database (dropped and made again), not bench/load.py's.
        options.database_url = "postgresql+psycopg://postgres@127.0.0.1/heard_faults"
    options.users = options.users or {"burst": 200, "sqlite": 64}.get(options.scenario, 16)

    with (
        tempfile.TemporaryDirectory() as folder,
        running_heard(
            options.database, options.database_url, options.workers, options.port, Path(folder)
        ) as server,
    ):
        server.before = set(_stored_receipts(server.database_url))
        print(f"{options.scenario} on {options.database}, {options.workers} workers, "
              f"{options.users} residents")  # fmt: skip
        tally, seen, elapsed = SCENARIOS[options.scenario](server, options)
        nothing_lost = _report(options.scenario, server, tally, seen, elapsed)
    print("  nothing lost, no duplicate, no 5xx" if nothing_lost else "  FAULT: see above")
    raise SystemExit(0 if nothing_lost else 1)


if __name__ == "__main__":
    main()
