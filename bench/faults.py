"""Fault scripts: Heard under gunicorn while things break, and whether anything was lost.

Each scenario starts Heard in production mode (bench/harness.py) and runs residents through
the demo survey (bench/load.py's Resident), then breaks something:

    burst      200 residents start at the same moment
    kill       `kill -9` a gunicorn worker 20 times while residents send
    disk       SQLite's disk is full 3 times for 2 seconds under load (SQLite only)
    aimed      a worker kills itself 20 times in a send: half just before its transaction
               commits, half just after, before the page is written (bench/faulty_wsgi.py)
    restart    restart PostgreSQL 3 times under load (PostgreSQL only; affects every other
               user of the server: run it rarely)
    sqlite     many writers at once on SQLite (`database is locked`)
    soak       50 residents for 10 minutes (--users, --seconds)

A resident here behaves as a person would: when a press gets no page (the worker died) or
the "not sent yet, press again" page (503), they press the same button again, up to 20
times. At the end the script compares what residents were shown with what the database
holds and prints: acknowledged = stored, duplicates (two responses for one journey) 0,
5xx other than 503 0, and every reference shown is the one stored for that journey.

    .venv/bin/python bench/faults.py burst [--database postgresql] [--users 200]
"""

import argparse
import http.client
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from harness import Server, running_heard
from itsdangerous import URLSafeSerializer
from load import SLUG, JourneyFailed, Resident, Tally, _answered, _fields, _percentile
from sqlalchemy import create_engine, text

PRESSES = 20
PAUSE_BETWEEN_PRESSES = 0.25
FAULTY = "bench.faulty_wsgi:app"
USERS = {"burst": 200, "sqlite": 64, "soak": 50}


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
    """Return the submission token inside a signed journey token (payload.time.signature).

    The payload is JSON, compressed (then it starts with a dot) whenever that is shorter.
    """
    payload = journey_token.rsplit(".", 2)[0]
    return URLSafeSerializer("not checked here").load_payload(payload.encode())["t"]


def _residents(server: Server, tally: Tally, seen: dict, count: int, until: float | None,
               done: Callable[[], bool] = lambda: False):  # fmt: skip
    """Start `count` residents at once, each journeying again until `until` (or `done()`)."""
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
            if until is None or time.monotonic() > until or done():
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


def _half_written(server: Server) -> int:
    """Count the responses stored with fewer answers than the others (every resident here
    answers the same way, so every whole response has as many answer rows)."""
    engine = create_engine(server.database_url)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT response.submission_token, response.receipt, count(answer.id) FROM response "
            "LEFT JOIN answer ON answer.response_id = response.id "
            "GROUP BY response.id, response.submission_token, response.receipt"
        )).all()  # fmt: skip
    engine.dispose()
    counts = [row[2] for row in rows if (row[0], row[1]) not in server.before]
    return sum(1 for count in counts if count < max(counts))


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
    p50, p99 = (_percentile(tally.latencies, share) for share in (0.5, 0.99))
    print(f"  complete responses/s, p50 / p99 ms       {tally.acknowledged / elapsed:.2f}, "
          f"{p50:.0f} / {p99:.0f}")  # fmt: skip
    for kind, count in sorted(tally.failures.items()):
        print(f"  {kind:40} {count:6d}")
    print(f"  acknowledged / stored                    {tally.acknowledged} / {len(stored)}")
    print(f"  lost (acknowledged, not stored)          {wrong:6d}")
    print(f"  duplicates                               {duplicates:6d}")
    half = _half_written(server) if stored else 0
    print(f"  stored with answers missing              {half:6d}")
    print(f"  5xx other than 503                       {sum(errors.values()):6d}")
    unacknowledged = len(by_token) - len(seen)
    print(f"  stored, never shown (resident gave up)   {unacknowledged:6d}")
    return len(seen) == tally.acknowledged and not (wrong or duplicates or errors or half)


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


def aimed(server: Server, options) -> tuple[Tally, dict, float]:
    """Residents journey until every planned kill is made (or `--seconds` pass)."""
    tally, seen = Tally(), {}
    deadline = time.monotonic() + options.seconds

    def planned_kills_made() -> bool:
        plan = json.loads(options.plan.read_text() or "{}")
        return plan.get("before", 1) == plan.get("after", 1) == 0

    threads = _residents(server, tally, seen, options.users, deadline, planned_kills_made)
    return tally, seen, _run(threads)


def _kill_plan(folder: Path, kills: int) -> Path:
    plan = folder / "kill-plan.json"
    after = kills // 2
    plan.write_text(json.dumps({"before": kills - after, "after": after, "gap": 1.0, "last": 0,
                                "kills": []}))  # fmt: skip
    return plan


def _aimed_report(plan: Path, server: Server, seen: dict, kills: int) -> bool:
    """Compare each aimed kill's journey with what its resident was shown and what is stored."""
    made = json.loads(plan.read_text())["kills"]
    stored: dict[str, list[str]] = {}
    for token, receipt in _stored_receipts(server.database_url):
        stored.setdefault(token, []).append(receipt)
    before = [kill for kill in made if kill["phase"] == "before"]
    after = [kill for kill in made if kill["phase"] == "after"]
    print(f"  kills before / after commit              {len(before)} / {len(after)}"
          f" (planned {kills - kills // 2} / {kills // 2})")  # fmt: skip
    again = [kill for kill in made if kill["token"] in seen]
    print(f"  acknowledged after pressing Send again   {len(again)} of {len(made)}")
    once = sum(1 for kill in made if len(stored.get(kill["token"], [])) == 1)
    print(f"  stored exactly once                      {once} of {len(made)}")
    changed = sum(1 for kill in after if kill["token"] in seen and seen[kill["token"]]
                  != kill["receipt"])  # fmt: skip
    print(f"  references changed (killed after commit) {changed:6d}")
    return (
        (len(before), len(after)) == (kills - kills // 2, kills // 2)
        and not changed
        and (len(again) == once == len(made))
    )


def disk(server: Server, options) -> tuple[Tally, dict, float]:
    tally, seen = Tally(), {}

    def fill_and_free() -> None:
        for _ in range(3):
            time.sleep(3.0)
            options.disk_full.touch()
            time.sleep(2.0)
            options.disk_full.unlink()
        print("  the disk was full 3 times, 2 seconds each")

    deadline = time.monotonic() + 3 * 5.0 + 3
    threads = _residents(server, tally, seen, options.users, until=deadline)
    return tally, seen, _run(threads, fill_and_free)


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


def soak(server: Server, options) -> tuple[Tally, dict, float]:
    """The same residents journey after journey for a long time: nothing builds up."""
    return writers(server, options)


SCENARIOS = {
    "aimed": aimed,
    "burst": burst,
    "disk": disk,
    "kill": kill,
    "restart": restart,
    "sqlite": writers,
    "soak": soak,
}


def _served(options, folder: Path) -> dict:
    """Return what gunicorn serves for this scenario: Heard, or Heard made to fail on cue."""
    if options.scenario == "aimed":
        options.plan = _kill_plan(folder, options.kills)
        return {"application": FAULTY, "HEARD_KILL_PLAN": str(options.plan)}
    if options.scenario == "disk":
        options.disk_full = folder / "disk-full"
        return {"application": FAULTY, "HEARD_DISK_FULL": str(options.disk_full)}
    return {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--database-url")
    parser.add_argument("--users", type=int)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, help="how long: sqlite 20, soak 600, aimed <= 120")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--port", type=int, default=8791)
    options = parser.parse_args()
    if options.scenario == "sqlite":
        options.database, options.workers = "sqlite", max(options.workers, 4)
    if options.scenario == "disk":
        options.database = "sqlite"
    if options.scenario == "restart" and options.database != "postgresql":
        raise SystemExit("restart is for PostgreSQL")
    if options.database == "postgresql" and not options.database_url:
        # Its own database (dropped and made again), not bench/load.py's.
        options.database_url = "postgresql+psycopg://postgres@127.0.0.1/heard_faults"
    options.users = options.users or USERS.get(options.scenario, 16)
    options.seconds = options.seconds or {"soak": 600, "aimed": 120}.get(options.scenario, 20)

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        served = _served(options, folder)
        with running_heard(
            options.database, options.database_url, options.workers, options.port, folder,
            **served,
        ) as server:  # fmt: skip
            server.before = set(_stored_receipts(server.database_url))
            print(f"{options.scenario} on {options.database}, {options.workers} workers, "
                  f"{options.users} residents")  # fmt: skip
            tally, seen, elapsed = SCENARIOS[options.scenario](server, options)
            nothing_lost = _report(options.scenario, server, tally, seen, elapsed)
            if options.scenario == "aimed":
                nothing_lost &= _aimed_report(options.plan, server, seen, options.kills)
    print("  nothing lost, no duplicate, no 5xx" if nothing_lost else "  FAULT: see above")
    raise SystemExit(0 if nothing_lost else 1)


if __name__ == "__main__":
    main()
