"""Render a report as HTML (Jinja) and as a tagged PDF (WeasyPrint, PDF/UA-1), in two editions.

The PDF is built with a URL fetcher that refuses the network and every local file except
the report font, so a report can never leak or fetch anything. Templates get plain values.
The HTML for the web links its stylesheet instead of inlining it, so it works under a strict
Content Security Policy (no inline styles, no local font files).
"""

from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from reports import charts, easy_read, pictures, suppression
from reports.content import QuestionResult, Report
from reports.dates import long_date
from reports.findings import capital
from reports.fonts import FONT_FAMILY, FONT_FILES

TEMPLATES = Path(__file__).resolve().parent / "templates"
EDITIONS = ("standard", "easy-read")
_ALLOWED_FILES = {path.as_uri() for path in FONT_FILES.values()}
_TEMPLATE = {"standard": "report.html", "easy-read": "easy_read.html"}
_CSS = {"standard": "report.css", "easy-read": "easy_read.css"}

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters["capitalize_first"] = capital


class FetchRefused(ValueError):
    """A report tried to load something from outside: never allowed."""


class LocalOnlyFetcher(URLFetcher):
    """Load only data: URIs and the report's own font files; refuse everything else."""

    def fetch(self, url: str, headers: dict | None = None) -> Any:
        if url.startswith("data:") or url in _ALLOWED_FILES:
            return super().fetch(url, headers)
        raise FetchRefused(f"Reports may not load {url[:80]}")


def html(
    report: Report,
    *,
    edition: str = "standard",
    today: date | None = None,
    stylesheet_href: str | None = None,
) -> str:
    """Return the report as an HTML document: standalone, or linking `stylesheet_href`."""
    context: dict[str, Any] = {
        "report": report,
        "today": today,
        "long_date": long_date,
        "stylesheet_href": stylesheet_href,
        "inline_css": "" if stylesheet_href else _inline_css(report, edition),
    }
    if edition == "easy-read":
        context["pages"] = easy_read.pages(report)
    else:
        context["charts"] = question_charts(report)
    return _environment.get_template(_TEMPLATE[_check(edition)]).render(**context)


def pdf(report: Report, *, edition: str = "standard", today: date | None = None) -> bytes:
    """Return the report as a tagged, accessible PDF."""
    document = HTML(
        string=html(report, edition=edition, today=today), url_fetcher=LocalOnlyFetcher()
    )
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def stylesheet(edition: str) -> str:
    """Return an edition's stylesheet for the web: no local fonts, every picture."""
    css = (TEMPLATES / _CSS[_check(edition)]).read_text(encoding="utf-8")
    return css + "\n" + pictures.stylesheet() if edition == "easy-read" else css


def question_charts(report: Report) -> dict[int, dict[str, str]]:
    """Return a chart and its alt text for every question that may have one, drawn once."""
    results = {result.question_id: result for result in report.questions}
    for section in report.sections:
        results.update({result.question_id: result for result in section.questions})
    return {qid: _chart(result) for qid, result in results.items() if result.chart_allowed}


def _chart(result: QuestionResult) -> dict[str, str]:
    labels = [row.label for row in result.rows]
    hidden = suppression.hidden_label(result.answered.threshold)
    return {
        "src": charts.bar_chart(
            labels, [row.count.value for row in result.rows], title=result.text, hidden=hidden
        ),
        "alt": charts.describe(
            labels, [row.count.text for row in result.rows], answered=result.answered.text
        ),
    }


def _inline_css(report: Report, edition: str) -> str:
    fonts = "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{path.as_uri()}"); '
        f"font-weight: {weight}; }}"
        for weight, path in (("normal", FONT_FILES["regular"]), ("bold", FONT_FILES["bold"]))
    )
    css = (TEMPLATES / _CSS[_check(edition)]).read_text(encoding="utf-8")
    if edition == "easy-read":
        css += "\n" + pictures.stylesheet(easy_read.picture_keys(report))
    return fonts + "\n" + css


def _check(edition: str) -> str:
    if edition not in EDITIONS:
        raise ValueError(f"The edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
    return edition
