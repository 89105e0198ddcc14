"""Heard's reporting layer: "what we heard" reports from the database, with no Flask.

It takes a SQLAlchemy engine and plain values and returns bytes. It must never import Flask
or `app` (a test checks), so the staff pages and the CLI call it the same way.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from reports.filters import CHANNELS, FilterInvalid, ResponseFilter
from reports.pictures import Pictures
from reports.placeholders import Placeholders

if TYPE_CHECKING:
    from reports.content import Report

# The same editions as `render.EDITIONS` (a test checks), here so that naming them does not
# import the renderer.
EDITIONS = ("standard", "easy-read")

FORMATS = ("pdf", "html", "csv", "xlsx")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def what_we_heard(
    engine: Engine,
    survey_id: int,
    *,
    council_name: str = "",
    threshold: int = 10,
    today: date | None = None,
    edition: str = "standard",
    output: str = "pdf",
    response_filter: ResponseFilter | None = None,
    stylesheet_href: str | None = None,
    pictures: Pictures | None = None,
    no_answer: Placeholders | None = None,
) -> bytes:
    """Return the "what we heard" report of a survey as a PDF, HTML, CSV or XLSX file.

    HTML is standalone unless `stylesheet_href` is given (for pages under a strict CSP).
    `pictures` (picture key to SVG bytes) are shown beside the easy-read edition's words.
    """
    from reports import render, tables

    if output not in FORMATS:
        raise ValueError(f"The format must be one of {', '.join(FORMATS)}, not {output!r}")
    if edition not in EDITIONS:
        raise ValueError(f"The edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
    report = build_report(
        engine,
        survey_id,
        council_name=council_name,
        threshold=threshold,
        response_filter=response_filter,
        no_answer=no_answer,
    )
    if output == "csv":
        return tables.csv_bytes(report)
    if output == "xlsx":
        return tables.xlsx_bytes(report)
    if output == "html":
        page = render.html(
            report,
            edition=edition,
            today=today,
            stylesheet_href=stylesheet_href,
            pictures=pictures,
        )
        return page.encode("utf-8")
    return render.pdf(report, edition=edition, today=today, pictures=pictures)


def build_report(
    engine: Engine,
    survey_id: int,
    *,
    council_name: str = "",
    threshold: int = 10,
    response_filter: ResponseFilter | None = None,
    no_answer: Placeholders | None = None,
) -> Report:
    """Return the analysed report of a survey, ready to render in any format."""
    from reports import analysis, frames

    data = frames.load(engine, survey_id, response_filter, no_answer)
    return analysis.report(data, council_name=council_name, threshold=threshold)


def stylesheet(edition: str, pictures: Pictures | None = None) -> str:
    """Return the stylesheet that HTML reports link to when they are served on the web."""
    from reports import render

    return render.stylesheet(edition, pictures)


def file_name(survey_id: int, *, edition: str = "standard", output: str = "pdf") -> str:
    """Return a download name made from ids only: what-we-heard-survey-3-easy-read.pdf."""
    suffix = "-easy-read" if edition == "easy-read" and output in ("pdf", "html") else ""
    return f"what-we-heard-survey-{int(survey_id)}{suffix}.{output}"


def __getattr__(name: str):
    # pandas, numpy, matplotlib, WeasyPrint and openpyxl load when a report is built, not
    # when a web worker starts: `reports.Report` and the modules that build a report
    # (`reports.frames`, `reports.render`, ...) are imported on first use.
    if name == "Report":
        from reports.content import Report

        return Report
    try:
        return importlib.import_module(f"reports.{name}")
    except ModuleNotFoundError as missing:
        if missing.name != f"reports.{name}":
            raise
        raise AttributeError(f"module 'reports' has no attribute {name!r}") from None


__all__ = [
    "CHANNELS",
    "EDITIONS",
    "FORMATS",
    "MEDIA_TYPES",
    "FilterInvalid",
    "Pictures",
    "Report",
    "ResponseFilter",
    "build_report",
    "file_name",
    "stylesheet",
    "what_we_heard",
]
