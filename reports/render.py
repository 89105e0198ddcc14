"""Render a report as HTML (Jinja) and as a tagged PDF (WeasyPrint, PDF/UA-1), in two editions.

Documents are made as `reports.documents` makes them: the PDF's fetcher refuses the network
and every local file except the report font. Templates get plain values, pictures included.
The HTML for the web links its stylesheet instead of inlining it, so it works under a strict
Content Security Policy (no inline styles, no local font files).
"""

from datetime import date
from typing import Any

from reports import charts, documents, easy_read, suppression
from reports.content import QuestionResult, Report
from reports.fonts import font_faces
from reports.pictures import Pictures, css_classes, picture_stylesheet

EDITIONS = ("standard", "easy-read")
_TEMPLATE = {"standard": "report.html", "easy-read": "easy_read.html"}
_CSS = {"standard": "report.css", "easy-read": "easy_read.css"}


def html(
    report: Report,
    *,
    edition: str = "standard",
    today: date | None = None,
    stylesheet_href: str | None = None,
    pictures: Pictures | None = None,
) -> str:
    """Return the report as an HTML document: standalone, or linking `stylesheet_href`.

    `pictures` maps picture keys to SVG bytes; without them the easy-read edition is words only.
    """
    shown = pictures or {}
    context: dict[str, Any] = {
        "report": report,
        "today": today,
        "stylesheet_href": stylesheet_href,
        "inline_css": "" if stylesheet_href else _inline_css(report, edition, shown),
        "picture_class": css_classes(shown),
    }
    if edition == "easy-read":
        context["pages"] = easy_read.pages(report)
    else:
        context["charts"] = question_charts(report)
        context["weeks_chart"] = weeks_chart(report)
    return documents.render(_TEMPLATE[_check(edition)], **context)


def pdf(
    report: Report,
    *,
    edition: str = "standard",
    today: date | None = None,
    pictures: Pictures | None = None,
) -> bytes:
    """Return the report as a tagged, accessible PDF."""
    return documents.pdf(html(report, edition=edition, today=today, pictures=pictures))


def stylesheet(edition: str, pictures: Pictures | None = None) -> str:
    """Return an edition's stylesheet for the web: no local fonts, every picture given."""
    css = documents.stylesheet(_CSS[_check(edition)])
    if edition == "easy-read":
        return css + "\n" + picture_stylesheet(pictures or {})
    return css


def question_charts(report: Report) -> dict[int, dict[str, str]]:
    """Return a chart and its alt text for every question that may have one, drawn once."""
    results = {result.question_id: result for result in report.questions}
    others = [report.other_questions] if report.other_questions else []
    for section in [*report.sections, *others]:
        results.update({result.question_id: result for result in section.questions})
    return {qid: _chart(result) for qid, result in results.items() if result.chart_allowed}


def weeks_chart(report: Report) -> dict[str, str] | None:
    """Return the chart of responses week by week, when there are two weeks or more to show."""
    shown = [count for _, count in report.weeks if not count.hidden]
    if len(report.weeks) < 2 or not any(count.value for count in shown):
        return None
    labels = [label.removeprefix("Week of ") for label, _ in report.weeks]
    hidden = suppression.hidden_label(report.threshold)
    counts = [count.value for _, count in report.weeks]
    return {
        "src": charts.bar_chart(labels, counts, title="Responses week by week", hidden=hidden),
        "alt": "Bar chart of responses week by week. "
        + "; ".join(f"{label}: {count.text}" for label, count in report.weeks)
        + ".",
    }


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


def _inline_css(report: Report, edition: str, pictures: Pictures) -> str:
    css = documents.stylesheet(_CSS[_check(edition)])
    if edition == "easy-read":
        css += "\n" + picture_stylesheet(pictures, easy_read.picture_keys(report))
    return font_faces() + "\n" + css


def _check(edition: str) -> str:
    if edition not in EDITIONS:
        raise ValueError(f"The edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
    return edition
