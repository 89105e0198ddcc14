"""One way to build a "what we heard" report: for the staff pages, the background job and the CLI.

`build` reads the council's name and the suppression threshold from configuration once, dates
the report today (local time), hands `reports` Heard's pictures, and turns the reporting
layer's errors into service errors. `reports` itself stays Flask-free.
"""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask import current_app

import reports
from app.extensions import db
from app.services import audit, pictures
from app.services.errors import NotFound, ServiceError
from app.services.form_input import whole_number
from app.services.transactions import transactional
from reports import placeholders

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
            no_answer=placeholders.parse(config["FREE_TEXT_PLACEHOLDERS"]),
        )
    except reports.FilterInvalid as problem:
        raise ServiceError(str(problem)) from problem
    except LookupError as problem:
        raise NotFound(str(problem)) from problem
    return report_file(survey_id, edition=edition, output=output, content=content)


@transactional
def download(
    survey_id: int,
    *,
    edition: str = "standard",
    output: str = "pdf",
    filters: reports.ResponseFilter | None = None,
    stylesheet_href: str | None = None,
) -> ReportFile:
    """Build a report for a member of staff, and record that they read it.

    A report can quote residents' words, so each download is a read of personal data.
    """
    made = build(
        survey_id, edition=edition, output=output, filters=filters, stylesheet_href=stylesheet_href
    )
    _record_download(survey_id, edition, output, filters=filters)
    return made


@transactional
def download_made(survey_id: int, *, edition: str, output: str, content: bytes) -> ReportFile:
    """Hand over a report a background job made, and record that it was read."""
    _record_download(survey_id, edition, output, filters=None)
    return report_file(survey_id, edition=edition, output=output, content=content)


def _record_download(
    survey_id: int, edition: str, output: str, *, filters: reports.ResponseFilter | None
) -> None:
    given = dataclasses.asdict(filters) if filters else {}
    shown = {key: str(value) for key, value in given.items() if value is not None}
    audit.record(
        audit.current_actor(), "report.download", subject="survey", subject_id=survey_id,
        survey_id=survey_id, edition=edition, output=output, filters=shown,
    )  # fmt: skip


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
