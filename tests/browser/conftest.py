"""Browser fixtures: a live server on 127.0.0.1, one Debian Chromium for this folder, axe-core.

The live server runs the session `app` (so the same migrated test database) in a thread
while the tests in this folder run. Tables are emptied after every test, so each test seeds
the demo survey it needs. Chromium is Debian's `/usr/bin/chromium`, never a Playwright
download: if it is missing the tests fail, because `.ci/run` installs it.
"""

import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from werkzeug.serving import make_server

from app.extensions import db
from app.services.demo import DEMO_SLUG, seed_demo

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Block third-party cookies, as browsers do for embedded pages: the journey needs none.
    "--test-third-party-cookie-phaseout",
]
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE, DESKTOP = 320, 1280
WIDTHS = [PHONE, DESKTOP]


@pytest.fixture(scope="package")
def live_server(app) -> Iterator[str]:
    """Serve the test app on a free port of 127.0.0.1 and yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Launch Debian's Chromium once for every test in this folder.

    Package scope, not session: only one Playwright (sync API) can run in a thread at a time,
    so it must stop before other browser tests (tests/reports) start their own.
    """
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does this). "
            "Do not run `playwright install`.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def demo(app) -> str:
    """Seed the demo survey (it has every question kind) and return its slug."""
    with app.app_context():
        seed_demo()
        db.session.remove()
    return DEMO_SLUG


def open_context(browser: Browser, *, width: int = DESKTOP, **options) -> BrowserContext:
    """Open a browser context (no cookies, an empty cache) that is `width` CSS px wide."""
    options.setdefault("bypass_csp", True)  # axe is injected; our CSP would refuse it
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Return a function that opens a browser context, closed again after the test."""
    opened: list[BrowserContext] = []

    def open_for_test(**options) -> BrowserContext:
        opened.append(open_context(browser, **options))
        return opened[-1]

    yield open_for_test
    for context in opened:
        context.close()


@pytest.fixture
def page(new_context) -> Page:
    """A desktop-width page with JavaScript on."""
    return new_context().new_page()


class RequestLog:
    """Every address a browser context asked for, to prove nothing leaves 127.0.0.1."""

    def __init__(self, context: BrowserContext) -> None:
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def foreign(self) -> list[str]:
        """Return requests to any host other than 127.0.0.1."""
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in ("data", "blob")
            and urlsplit(url).hostname != "127.0.0.1"
        ]


AXE_RUN_JS = """(tags) => {
    window.heardAxeResult = null;
    axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(
        results => { window.heardAxeResult = results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')),
            summary: v.nodes.map(n => n.failureSummary),
        })); },
        error => { window.heardAxeResult = {error: String(error)}; });
}"""
# axe waits on setTimeout between rules: under a paused fake clock, time is pushed on by hand.
AXE_CLOCK_STEPS = 5000


def axe_violations(page: Page, *, paused_clock: bool = False) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations.

    `paused_clock`: the page's context has Playwright's fake clock, paused; it is moved on a
    millisecond at a time until axe is done.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    page.evaluate(AXE_RUN_JS, AXE_TAGS)
    for _ in range(AXE_CLOCK_STEPS):
        result = page.evaluate("() => window.heardAxeResult")
        if result is not None:
            assert not isinstance(result, dict), f"axe failed: {result}"
            return result
        if paused_clock:
            page.clock.run_for(1)
        else:
            page.wait_for_timeout(20)
    raise AssertionError(f"axe did not finish on {page.url}")


def assert_no_axe_violations(page: Page, *, paused_clock: bool = False) -> None:
    """Fail with each rule, its help text and the elements that break it."""
    violations = axe_violations(page, paused_clock=paused_clock)
    report = [
        f"{v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(
            f"    {target}\n      {summary}"
            for target, summary in zip(v["targets"], v["summary"], strict=True)
        )
        for v in violations
    ]
    if violations:
        raise AssertionError(f"axe found problems on {page.url}:\n" + "\n".join(report))


def describe(value: object) -> str:
    """Pretty-print measurements in assertion messages."""
    return json.dumps(value, indent=2)
