"""One way to build a "what we heard" report: for the staff pages, the background job and the CLI.

`build` reads the council's name and the suppression threshold from configuration once, dates
the report today (local time), hands `reports` Heard's pictures, and turns the reporting
layer's errors into service errors. `reports` itself stays Flask-free.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask import current_app

import reports
from app.extensions import db
from app.services import pictures
from app.services.errors import NotFound, ServiceError
from app.services.form_input import whole_number

# What staff pages offer for each survey: (format, edition, link text).
DOWNLOADS = [
    ("pdf", "standard", "PDF"),
    ("pdf", "easy-read", "Easy read PDF"),
    ("html", "standard", "Web page"),
    ("csv", "standard", "CSV"),
    ("xlsx", "standard", "Spreadsheet (XLSX)"),
]
FILTER_HELP = "Enter dates as YYYY-MM-DD and a partner as a whole number"


@dataclass(frozen=True)
class ReportFile:
    """A made report, with what a download needs to know about it."""

    content: bytes
    media_type: str
    download_name: str
    # A web page opens in the browser; every other format downloads.
    attachment: bool


def build(
    survey_id: int,
    *,
    edition: str = "standard",
    output: str = "pdf",
    filters: reports.ResponseFilter | None = None,
    stylesheet_href: str | None = None,
) -> ReportFile:
    """Return a survey's report; raise NotFound, or ServiceError for filters that cannot work."""
    config = current_app.config
    try:
        content = reports.what_we_heard(
            db.engine,
            survey_id,
            council_name=config["COUNCIL_NAME"],
            threshold=config["REPORT_SUPPRESSION_THRESHOLD"],
            today=date.today(),  # noqa: DTZ011 - the report is dated in local time
            edition=edition,
            output=output,
            response_filter=filters,
            stylesheet_href=stylesheet_href,
            pictures=pictures.svgs(),
        )
    except reports.FilterInvalid as problem:
        raise ServiceError(str(problem)) from problem
    except LookupError as problem:
        raise NotFound(str(problem)) from problem
    return report_file(survey_id, edition=edition, output=output, content=content)


def report_file(survey_id: int, *, edition: str, output: str, content: bytes) -> ReportFile:
    """Return a report made earlier (by a background job) ready to download."""
    return ReportFile(
        content=content,
        media_type=reports.MEDIA_TYPES[output],
        download_name=reports.file_name(survey_id, edition=edition, output=output),
        attachment=output != "html",
    )


def stylesheet(edition: str) -> str:
    """Return the stylesheet that web reports link to, with every picture."""
    return reports.stylesheet(edition, pictures.svgs())


def filters_from_query(args: Mapping[str, str]) -> reports.ResponseFilter:
    """Read report filters from a query string: from, to, channel, partner, partner_id."""
    try:
        return reports.ResponseFilter(
            date_from=_day(args.get("from")),
            date_to=_day(args.get("to")),
            channel=args.get("channel") or None,
            partner_code=args.get("partner") or None,
            partner_id=whole_number(args.get("partner_id")),
        )
    except reports.FilterInvalid as problem:
        raise ServiceError(str(problem)) from problem
    except ValueError as problem:  # not a day, or not a whole number
        raise ServiceError(FILTER_HELP) from problem


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
