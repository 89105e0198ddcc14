"""A question page against a trivial route of the same app, under the same server.

Starts Heard as bench/load.py does (gunicorn, `HEARD_ENV=production`, the demo survey on a
throwaway SQLite file or PostgreSQL database), opens one resident's first question, then in
interleaved rounds keeps CLIENTS connections busy asking for that question page, and then for
`/healthz` (a route that does nothing but answer). Prints requests per second for each, the
median over the rounds, and the ratio: the goal is a question page served at least half as
fast as the trivial route (ratio 0.5 or more). Nothing is asserted: compare runs.

    .venv/bin/python bench/page_speed.py [--database sqlite|postgresql] [--clients 4]
        [--seconds 5] [--rounds 5] [--workers 2]
"""

import argparse
import http.client
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import lxml.html
from harness import running_heard
from load import SLUG, Resident, Tally


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _first_question(port: int) -> str:
    resident = Resident(port, Tally())
    _, start = resident.follow("GET", f"/s/{SLUG}")
    first = lxml.html.fromstring(start).cssselect("a.govuk-button--start")[0].get("href")
    path, page = resident.follow("GET", first)
    if "<form" not in page:
        raise SystemExit("the first question page has no form")
    return path


def _requests_per_second(port: int, path: str, clients: int, seconds: float) -> float:
    counts = [0] * clients
    deadline = time.monotonic() + seconds

    def ask(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")
            counts[number] += 1
            if response.getheader("Connection", "").lower() == "close":
                connection.close()

    threads = [threading.Thread(target=ask, args=(number,)) for number in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--database-url")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=0, help="default: a free one")
    options = parser.parse_args()
    options.port = options.port or _free_port()

    figures: dict[str, list[float]] = {"question": [], "trivial": []}
    with (
        tempfile.TemporaryDirectory() as folder,
        running_heard(
            options.database, options.database_url, options.workers, options.port, Path(folder)
        ) as server,
    ):
        question = _first_question(server.port)
        for _ in range(options.rounds):
            for name, path in (("question", question), ("trivial", "/healthz")):
                rate = _requests_per_second(server.port, path, options.clients, options.seconds)
                figures[name].append(rate)

    page, trivial = (statistics.median(figures[name]) for name in ("question", "trivial"))
    rounds = f"{options.rounds} rounds of {options.seconds:.0f} s"
    print(f"Heard on {options.database}, {options.workers} gunicorn workers, "
          f"{options.clients} clients, {rounds}")  # fmt: skip
    print(f"  question page  {page:8.1f} requests/s  ({1000 / page:.2f} ms each)")
    print(f"  /healthz       {trivial:8.1f} requests/s  ({1000 / trivial:.2f} ms each)")
    print(f"  ratio          {page / trivial:8.2f}  (goal: 0.5 or more)")


if __name__ == "__main__":
    main()
