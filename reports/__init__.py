"""Heard's reporting layer: "what we heard" reports from the database, with no Flask.

It takes a SQLAlchemy engine and plain values and returns bytes. It must never import Flask
or `app` (a test checks), so the staff pages and the CLI call it the same way.
"""

from datetime import date

from sqlalchemy.engine import Engine

from reports import analysis, frames, render


def what_we_heard(
    engine: Engine,
    survey_id: int,
    *,
    council_name: str = "",
    threshold: int = 10,
    today: date | None = None,
) -> bytes:
    """Return the "what we heard" PDF of a survey, organised by its framework's principles."""
    report = build_report(engine, survey_id, council_name=council_name, threshold=threshold)
    return render.pdf(report, today=today)


def build_report(
    engine: Engine, survey_id: int, *, council_name: str = "", threshold: int = 10
) -> analysis.Report:
    """Return the analysed report of a survey, ready to render in any format."""
    data = frames.load(engine, survey_id)
    return analysis.report(data, council_name=council_name, threshold=threshold)


__all__ = ["build_report", "what_we_heard"]
