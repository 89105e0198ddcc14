"""Load test: Heard under gunicorn, residents answering the demo survey, figures printed.

Starts Heard in production mode (`gunicorn.conf.py`, `HEARD_ENV=production`) on a throwaway
SQLite file or PostgreSQL database, seeded with the demo survey, then runs USERS threads for
SECONDS. Each thread is a fresh resident per journey, as a browser would be: it opens the
start page, follows "Start now", reads each question page's form, posts its hidden fields
with an answer (the first choice, a short comment, a small number), follows every redirect,
skips "How did you answer?", sends from check your answers, and counts a response only when
the confirmation page shows its reference number. At the end it counts the responses stored
in the database: acknowledged and stored must be equal (lost must be 0).

Prints complete responses per second, requests per second, per-request p50/p95/p99 in ms,
failures by kind, acknowledged versus stored, and the CPU a response cost Heard and its
database (the machine's CPU time less this generator's: run it on a quiet machine).
Nothing is asserted: compare runs.

    .venv/bin/python bench/load.py [--database sqlite|postgresql] [--users 16]
        [--seconds 60] [--workers 2] [--questions 7]

`--questions` keeps the demo survey's first questions only: 7 by default, of which a branch
skips one for these answers, so each resident answers 6 in 18 requests, as in the LimeSurvey
comparison of issue #13. 0 keeps them all.

PostgreSQL: `--database-url` (default postgresql+psycopg://postgres@127.0.0.1/heard_load,
dropped and made again). The send limit is raised for the run (`RESPOND_SENDS_PER_MINUTE`):
every resident here comes from 127.0.0.1.
"""

import argparse
import http.client
import os
import re
import resource
import secrets
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import lxml.html
from lxml.cssselect import CSSSelector

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
SLUG = "working-together"
REFERENCE = re.compile(r"heard-reference|govuk-panel__body")


@dataclass
class Tally:
    """What every resident thread saw, added up under a lock."""

    latencies: list[float] = field(default_factory=list)
    acknowledged: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def request(self, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)

    def failed(self, kind: str) -> None:
        with self.lock:
            self.failures[kind] = self.failures.get(kind, 0) + 1

    def sent(self) -> None:
        with self.lock:
            self.acknowledged += 1


# Compiled once: translating CSS to XPath on every page took about half the generator's own
# CPU, which competes with the server for the same cores.
START_BUTTON = CSSSelector("a.govuk-button--start", translator="html")
FORM = CSSSelector("main form[method=post]", translator="html")
HIDDEN = CSSSelector("input[type=hidden]", translator="html")
CHOICES = CSSSelector("input[type=radio], input[type=checkbox]", translator="html")
TEXT_BOXES = CSSSelector("textarea", translator="html")
NUMBERS = CSSSelector("input[inputmode=numeric]", translator="html")


class Resident:
    """One person's journey over one keep-alive connection."""

    def __init__(self, port: int, tally: Tally) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.origin = f"http://127.0.0.1:{port}"
        self.tally = tally

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        body = urlencode(form, doseq=True) if form is not None else None
        headers = {"Origin": self.origin, "Content-Type": "application/x-www-form-urlencoded"}
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers if body else {})
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            raise
        self.tally.request(time.perf_counter() - started)
        return response.status, response.getheader("Location") or "", text

    def follow(self, method: str, path: str, form: dict | None = None) -> tuple[str, str]:
        """Make the request and follow redirects; return the final path and page."""
        status, location, text = self.request(method, path, form)
        while status in (301, 302, 303):
            parts = urlsplit(location)
            path = f"{parts.path}?{parts.query}" if parts.query else parts.path
            status, location, text = self.request("GET", path)
        if status != 200:
            raise JourneyFailed(f"HTTP {status}")
        return path, text

    def journey(self) -> None:
        _, start = self.follow("GET", f"/s/{SLUG}")
        first = START_BUTTON(lxml.html.fromstring(start))[0].get("href")
        _, page = self.follow("GET", first)
        for _ in range(40):
            document = lxml.html.fromstring(page)
            form = FORM(document)[0]
            action = form.get("action")
            if "/send" in action:
                _, thanks = self.follow("POST", action, _fields(form))
                if not REFERENCE.search(thanks):
                    raise JourneyFailed("no reference number")
                self.tally.sent()
                return
            _, page = self.follow("POST", action, _answered(form))
        raise JourneyFailed("never reached check your answers")


class JourneyFailed(Exception):
    """A page that a resident would have seen as wrong."""


def _fields(form) -> dict:
    return {
        field.get("name"): field.get("value") or "" for field in HIDDEN(form) if field.get("name")
    }


def _answered(form) -> dict:
    """Return the form's hidden fields and one answer to its question."""
    data = _fields(form)
    choices = CHOICES(form)
    if choices and choices[0].get("name") != "support":
        data[choices[0].get("name")] = choices[0].get("value")
    for box in TEXT_BOXES(form):
        data[box.get("name")] = "More buses to the day centre, please"
    for number in NUMBERS(form):
        data[number.get("name")] = "2"
    return data


def run_resident(port: int, tally: Tally, deadline: float) -> None:
    while time.monotonic() < deadline:
        resident = Resident(port, tally)
        try:
            resident.journey()
        except JourneyFailed as problem:
            tally.failed(str(problem))
        except (OSError, http.client.HTTPException) as problem:
            tally.failed(type(problem).__name__)
        except IndexError:
            tally.failed("a page without its form")
        finally:
            resident.connection.close()


def _environment(database_url: str, workers: int, port: int) -> dict:
    return {
        **os.environ,
        "HEARD_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
        "FLASK_APP": "wsgi.py",
        "HEARD_BIND": f"127.0.0.1:{port}",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "RESPOND_SENDS_PER_MINUTE": "100000 per minute",
        "LOG_FORMAT": "text",
        "LOG_LEVEL": "WARNING",
    }


def _prepare(database: str, database_url: str | None, folder: Path) -> str:
    if database == "sqlite":
        return f"sqlite:///{folder / 'load.db'}"
    url = database_url or "postgresql+psycopg://postgres@127.0.0.1/heard_load"
    name = url.rsplit("/", 1)[-1]
    admin = url.rsplit("/", 1)[0].replace("+psycopg", "") + "/postgres"
    subprocess.run(["psql", admin, "-qc", f'drop database if exists "{name}"'], check=True)
    subprocess.run(["psql", admin, "-qc", f'create database "{name}"'], check=True)
    return url


def _stored(environment: dict) -> int:
    return _number_from_the_app(
        environment,
        "from app.models import Response; from sqlalchemy import func, select",
        "print(db.session.scalar(select(func.count()).select_from(Response)))",
    )


def _keep_questions(environment: dict, count: int) -> int:
    """Keep the demo survey's first `count` questions (before any resident arrives)."""
    return _number_from_the_app(
        environment,
        "from app.models import Survey; from sqlalchemy import select",
        f"survey = db.session.scalar(select(Survey).where(Survey.slug == {SLUG!r}))\n"
        f"for question in list(survey.questions)[{count}:] if {count} else []:\n"
        "    survey.questions.remove(question)\n"
        "survey.version += 1\ndb.session.commit()\nprint(len(survey.questions))",
    )


def _number_from_the_app(environment: dict, imports: str, body: str) -> int:
    """Run `body` in Heard's app context, in a process of its own; return what it printed."""
    indented = "".join(f"    {line}\n" for line in body.splitlines())
    script = (
        f"from app import create_app; from app.extensions import db; {imports}\n"
        f"app = create_app()\nwith app.app_context():\n{indented}"
    )
    done = subprocess.run(
        [BIN / "python", "-c", script], env=environment, cwd=ROOT, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    return int(done.stdout.strip().splitlines()[-1])


def _wait_until_ready(port: int, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it was ready")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("Heard did not become ready in 60 seconds")


def _machine_cpu_seconds() -> float:
    """Return the CPU time every process on the machine has used (Linux /proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    busy = sum(int(value) for index, value in enumerate(fields) if index not in (3, 4))
    return busy / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--database-url")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--questions", type=int, default=7)
    options = parser.parse_args()

    from harness import running_heard

    with tempfile.TemporaryDirectory() as folder:
        with running_heard(
            options.database, options.database_url, options.workers, options.port, Path(folder)
        ) as server:
            options.questions = _keep_questions(server.environment, options.questions)
            before = _stored(server.environment)
            tally = Tally()
            cpu_before = _machine_cpu_seconds(), _own_cpu_seconds()
            started = time.monotonic()
            deadline = started + options.seconds
            threads = [
                threading.Thread(target=run_resident, args=(options.port, tally, deadline))
                for _ in range(options.users)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            machine = _machine_cpu_seconds() - cpu_before[0]
            generator = _own_cpu_seconds() - cpu_before[1]
        stored = _stored(server.environment) - before
    _print(options, tally, elapsed, stored)
    if tally.acknowledged:
        each = 1000 / tally.acknowledged
        print(
            f"  CPU per response       {(machine - generator) * each:8.0f} ms Heard and its "
            f"database (the whole machine's, less this generator's {generator * each:.0f} ms)"
        )


def _print(options, tally: Tally, elapsed: float, stored: int) -> None:
    requests = len(tally.latencies)
    print(f"Heard on {options.database}, {options.workers} gunicorn workers, "
          f"{options.users} users, {options.questions} questions, {elapsed:.0f} s")  # fmt: skip
    print(f"  complete responses/s   {tally.acknowledged / elapsed:8.2f}")
    print(f"  requests/s             {requests / elapsed:8.1f}")
    if tally.acknowledged:
        print(f"  requests per response  {requests / tally.acknowledged:8.1f}")
    p50, p95, p99 = (_percentile(tally.latencies, share) for share in (0.5, 0.95, 0.99))
    print(f"  p50 / p95 / p99 ms     {p50:6.0f} / {p95:.0f} / {p99:.0f}")
    if tally.latencies:
        print(f"  mean ms                {statistics.mean(tally.latencies) * 1000:8.1f}")
    print(f"  failures               {sum(tally.failures.values()):8d}  {tally.failures or ''}")
    print(f"  acknowledged / stored  {tally.acknowledged} / {stored}")
    print(f"  lost                   {max(0, tally.acknowledged - stored):8d}")


if __name__ == "__main__":
    main()
