"""The HTML editions of the report pass axe-core in Debian's Chromium (docs/accessibility.md R8).

Marked `browser`: run with `make test-browser`. The report HTML is standalone, so it is loaded
with `set_content` and checked at a phone width and a desktop width.
"""

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

import reports
from app.extensions import db
from app.services import demo, pictures

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BROKEN = "<!DOCTYPE html><html><head><title>x</title></head><body><img src='data:,'></body></html>"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report_pages(app) -> dict[str, str]:
    with app.app_context():
        survey = demo.seed_demo(responses=40, seed=9, today=date(2026, 11, 1))
        pages = {
            edition: reports.what_we_heard(
                db.engine, survey.id, edition=edition, output="html", pictures=pictures.svgs()
            ).decode("utf-8")
            for edition in reports.EDITIONS
        }
        db.session.remove()
    return pages


def _violations(page: Page) -> list[str]:
    page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        AXE_TAGS,
    )
    return list(found)


def _open(chromium: Browser, html: str, width: int) -> Page:
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.set_content(html)
    return page


@pytest.mark.parametrize("edition", reports.EDITIONS)
@pytest.mark.parametrize("width", [320, 1280])
def test_report_html_passes_axe(chromium, report_pages, edition, width):
    page = _open(chromium, report_pages[edition], width)
    try:
        assert _violations(page) == [], json.dumps(edition)
    finally:
        page.close()


def test_the_axe_check_fails_on_a_broken_page(chromium):
    page = _open(chromium, BROKEN, 1280)
    try:
        assert any(violation.startswith("image-alt") for violation in _violations(page))
    finally:
        page.close()
