"""What reports and posters are made with: one Jinja environment and one safe PDF writer.

Templates live in `reports/templates`. PDFs are tagged PDF/UA-1, written with a URL fetcher
that refuses the network and every local file except the report font, so a document can
never leak or fetch anything. No Flask, no `app` imports.
"""

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from reports.dates import long_date
from reports.findings import capital
from reports.fonts import FONT_FILES

TEMPLATES = Path(__file__).resolve().parent / "templates"
_ALLOWED_FILES = {path.as_uri() for path in FONT_FILES.values()}

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters["capitalize_first"] = capital
environment.globals["long_date"] = long_date


class FetchRefused(ValueError):
    """A document tried to load something from outside: never allowed."""


class LocalOnlyFetcher(URLFetcher):
    """Load only data: URIs and the report's own font files; refuse everything else."""

    def fetch(self, url: str, headers: dict | None = None) -> Any:
        if url.startswith("data:") or url in _ALLOWED_FILES:
            return super().fetch(url, headers)
        raise FetchRefused(f"Reports may not load {url[:80]}")


def render(template: str, **context: Any) -> str:
    """Return a template of `reports/templates` rendered with plain values."""
    return environment.get_template(template).render(**context)


def stylesheet(name: str) -> str:
    """Return one of the stylesheets in `reports/templates`."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def pdf(page: str) -> bytes:
    """Return an HTML document as a tagged, accessible PDF (PDF/UA-1)."""
    document = HTML(string=page, url_fetcher=LocalOnlyFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
