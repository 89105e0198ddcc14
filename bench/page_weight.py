"""Page weight and server time of the resident journey: a benchmark that prints figures.

Starts Heard on 127.0.0.1 with the demo survey in a throwaway SQLite database, loads each
resident page in Debian's Chromium and prints the bytes on the wire (compressed, headers
included) and the number of requests: cold (empty cache), in a journey (one context, pages
in order, as a resident walks through) and warm (the same page again). Then the median
server time per page through the Flask test client. Budgets are printed beside the figures;
nothing is asserted. Run it with `make bench` or `.venv/bin/python bench/page_weight.py`.
"""

import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from app import create_app  # noqa: E402
from app.services.demo import DEMO_SLUG, seed_demo  # noqa: E402
from config import Config  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIRST_PAGE_BUDGET_KB = 60
LATER_PAGE_BUDGET_KB = 15
SERVER_TIME_TARGET_MS = 10
SERVER_TIME_REQUESTS = 50
FIRST_PAGES = ("home", "start")
TEXT_ANSWER = "More buses to the day centre"


def bench_app(database: Path) -> tuple[Flask, int]:
    """Create Heard on a fresh SQLite file, migrated and seeded with the demo survey.

    Return the app and how many questions the demo survey has.
    """

    class BenchConfig(Config):
        SECRET_KEY = secrets.token_hex(32)
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{database}"

    app = create_app(BenchConfig)
    with app.app_context():
        upgrade()
        questions = len(seed_demo().questions)
    return app, questions


def _location(response) -> str:
    parts = urlsplit(response.headers["Location"])
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _form(html: str) -> tuple[str, dict[str, str], list[str]]:
    """Return a page's form action, hidden fields, and its choices' values."""
    action = re.search(r'<form[^>]* action="([^"]+)"', html).group(1).replace("&amp;", "&")
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    choices = re.findall(r'type="(?:radio|checkbox)" value="([^"]+)"', html)
    return action, hidden, choices


def resident_paths(app: Flask, questions: int) -> dict[str, str]:
    """Walk the demo survey with the test client; return each resident page's address.

    Every question page is listed, including one that branching skips on this walk.
    """
    client = app.test_client()
    start = client.get(f"/s/{DEMO_SLUG}").get_data(as_text=True)
    first = re.search(r'href="([^"]+/questions/1\?[^"]+)"', start).group(1).replace("&amp;", "&")
    paths = {"home": "/", "start": f"/s/{DEMO_SLUG}"}
    for number in range(1, questions + 1):
        paths[f"question-{number}"] = first.replace("/questions/1?", f"/questions/{number}?")
    path = first
    while "/questions/" in path:
        html = client.get(path).get_data(as_text=True)
        action, fields, choices = _form(html)
        name = re.search(r'name="(q\d+)"', html).group(1)
        fields[name] = choices[0] if choices else ("3" if "numeric" in html else TEXT_ANSWER)
        path = _location(client.post(action, data=fields))
    paths["check"] = path
    action, fields, _ = _form(client.get(path).get_data(as_text=True))
    paths["thanks"] = _location(client.post(action, data=fields))
    return paths


def median_server_ms(app: Flask, path: str, requests: int = SERVER_TIME_REQUESTS) -> float:
    """Return the median time, in milliseconds, the app takes to answer GET `path`."""
    client = app.test_client()
    client.get(path)  # the first request warms caches; leave it out
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path, headers={"Accept-Encoding": "br, gzip"})
        response.get_data()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


@contextmanager
def live_server(app: Flask) -> Iterator[str]:
    """Serve the app on a free port of 127.0.0.1 in a thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def load(page: Page, url: str) -> dict:
    """Load `url` and return the bytes on the wire, the requests and any other hosts asked."""
    requests = []

    def finished(request) -> None:
        requests.append(request)

    page.on("requestfinished", finished)
    page.goto(url, wait_until="networkidle")  # JavaScript may import modules after "load"
    page.remove_listener("requestfinished", finished)
    details = []
    for request in requests:
        sizes = request.sizes()
        response = request.response()
        details.append(
            {
                "path": urlsplit(request.url).path,
                "status": response.status if response else 0,
                "encoding": (response.headers.get("content-encoding", "-") if response else "-"),
                "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
                # From the browser's cache, Playwright reports a body of minus the headers.
                "network": sizes["responseBodySize"] + sizes["responseHeadersSize"] > 0,
            }
        )
    return {
        "bytes": sum(detail["bytes"] for detail in details),
        "requests": sum(detail["network"] for detail in details),
        "cached": sum(not detail["network"] for detail in details),
        "details": details,
        "foreign": [r.url for r in requests if urlsplit(r.url).hostname != "127.0.0.1"],
    }


def measure(browser: Browser, base_url: str, paths: dict[str, str]) -> dict[str, dict]:
    """Measure each page cold, in a journey, and warm."""
    figures: dict[str, dict] = {name: {} for name in paths}
    journey = browser.new_context()
    journey_page = journey.new_page()
    for name, path in paths.items():
        figures[name]["journey"] = load(journey_page, base_url + path)
    journey.close()
    for name, path in paths.items():
        context = browser.new_context()
        page = context.new_page()
        figures[name]["cold"] = load(page, base_url + path)
        figures[name]["warm"] = load(page, base_url + path)
        context.close()
    return figures


def _kb(value: int) -> str:
    return f"{value / 1024:6.1f}"


def _verdict(name: str, figure: dict, server_ms: float) -> str:
    if name in FIRST_PAGES:
        weight, budget = figure["cold"]["bytes"], FIRST_PAGE_BUDGET_KB
        words = f"cold <= {budget} KB"
    else:
        weight, budget = figure["journey"]["bytes"], LATER_PAGE_BUDGET_KB
        words = f"journey <= {budget} KB"
    weight_ok = "ok" if weight <= budget * 1024 else "OVER"
    time_ok = "ok" if server_ms < SERVER_TIME_TARGET_MS else "SLOW"
    return f"{words}: {weight_ok}; < {SERVER_TIME_TARGET_MS} ms: {time_ok}"


def print_report(figures: dict[str, dict], server_ms: dict[str, float]) -> None:
    """Print one line per page, then any request to another host."""
    print("Heard resident pages: KB on the wire (compressed, with headers), requests that")
    print("went to the server, and requests the browser answered from its cache")
    print(
        f"{'page':<12} {'cold KB':>8} {'req':>4} {'journey KB':>11} {'req':>4} {'cache':>5} "
        f"{'warm KB':>8} {'req':>4} {'cache':>5} {'server ms':>10}  budget"
    )
    for name, figure in figures.items():
        cold, journey, warm = figure["cold"], figure["journey"], figure["warm"]
        print(
            f"{name:<12} {_kb(cold['bytes']):>8} {cold['requests']:>4} "
            f"{_kb(journey['bytes']):>11} {journey['requests']:>4} {journey['cached']:>5} "
            f"{_kb(warm['bytes']):>8} {warm['requests']:>4} {warm['cached']:>5} "
            f"{server_ms[name]:>10.2f}  {_verdict(name, figure, server_ms[name])}"
        )
    for visit in ("cold", "warm"):
        print(f"The start page {visit}, request by request:")
        for detail in figures["start"][visit]["details"]:
            where = "server" if detail["network"] else "cache"
            print(
                f"  {detail['status']} {detail['encoding']:>5} {_kb(detail['bytes'])} KB  "
                f"{where:<6} {detail['path']}"
            )
    foreign = sorted(
        {url for f in figures.values() for visit in f.values() for url in visit["foreign"]}
    )
    print(f"Requests to other hosts (budget: none): {len(foreign)}")
    for url in foreign:
        print(f"  {url}")
    print(
        f"Budgets: first page (home or start, cold) <= {FIRST_PAGE_BUDGET_KB} KB; later pages "
        f"(in a journey) <= {LATER_PAGE_BUDGET_KB} KB; no third-party requests; median server "
        f"time over {SERVER_TIME_REQUESTS} test-client requests < {SERVER_TIME_TARGET_MS} ms."
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="heard-bench-") as folder:
        app, questions = bench_app(Path(folder) / "bench.db")
        paths = resident_paths(app, questions)
        server_ms = {name: median_server_ms(app, path) for name, path in paths.items()}
        with live_server(app) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            figures = measure(browser, base_url, paths)
            browser.close()
    print_report(figures, server_ms)


if __name__ == "__main__":
    main()
