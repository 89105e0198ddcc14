"""Render a report as HTML (Jinja) and as a tagged PDF (WeasyPrint, PDF/UA-1).

The PDF is built with a URL fetcher that refuses the network and every local file except
the report font, so a report can never leak or fetch anything. Templates get plain values.
"""

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from reports import charts
from reports.analysis import Report
from reports.fonts import FONT_FILES

TEMPLATES = Path(__file__).resolve().parent / "templates"
_ALLOWED_FILES = {path.as_uri() for path in FONT_FILES.values()}

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


class FetchRefused(ValueError):
    """A report tried to load something from outside: never allowed."""


class LocalOnlyFetcher(URLFetcher):
    """Load only data: URIs and the report's own font files; refuse everything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:") or url in _ALLOWED_FILES:
            return super().fetch(url, headers)
        raise FetchRefused(f"Reports may not load {url[:80]}")


def html(report: Report, *, today: date | None = None) -> str:
    """Return the report as a standalone HTML document."""
    charts_by_question = {
        result.question_id: _chart(result)
        for section in report.sections
        for result in section.questions
        if result.has_options
    }
    return _environment.get_template("report.html").render(
        report=report,
        charts=charts_by_question,
        today=today,
        fonts={name: path.as_uri() for name, path in FONT_FILES.items()},
        long_date=long_date,
    )


def pdf(report: Report, *, today: date | None = None) -> bytes:
    """Return the report as a tagged, accessible PDF."""
    document = HTML(string=html(report, today=today), url_fetcher=LocalOnlyFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def long_date(value: date | None) -> str:
    """Show a date in full: "Tuesday 5 May 2026"."""
    return f"{value:%A} {value.day} {value:%B %Y}" if value else ""


def _chart(result) -> dict:
    labels = [row.label for row in result.rows]
    counts = [row.count for row in result.rows]
    return {
        "src": charts.bar_chart(labels, counts, title=result.text),
        "alt": charts.describe(labels, counts, answered=result.answered),
    }
