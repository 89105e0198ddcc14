"""The "what we heard" PDF: organised by principle, numbers that match the database, tagged."""

import io
import logging

import pikepdf
import pytest
from pypdf import PdfReader
from sqlalchemy import text

import reports
from app.extensions import db
from app.services import demo


@pytest.fixture
def seeded_survey(app_context):
    return demo.seed_demo(responses=120, seed=11)


@pytest.fixture
def weasyprint_errors():
    """Collect every ERROR that WeasyPrint logs: any one fails the test (EASY_READ.md R7)."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Collect(level=logging.ERROR)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


@pytest.fixture
def pdf_bytes(seeded_survey, weasyprint_errors):
    data = reports.what_we_heard(db.engine, seeded_survey.id, council_name="Gateshead Council")
    assert [r.getMessage() for r in weasyprint_errors] == []
    return data


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_report_has_every_principle_in_the_framework_order(pdf_bytes, seeded_survey):
    body = " ".join(_text(pdf_bytes).split())
    titles = [
        f"{p.position}. {' '.join(p.title.split())}" for p in seeded_survey.framework.principles
    ]
    positions = [body.find(title) for title in titles]
    assert all(position >= 0 for position in positions), titles
    assert positions == sorted(positions)


def test_report_cover_counts_the_people_who_took_part(pdf_bytes, seeded_survey):
    people = db.session.execute(
        text("SELECT SUM(people_count), COUNT(*) FROM response WHERE survey_id = :s"),
        {"s": seeded_survey.id},
    ).one()
    assert f"{people[0]:,} people took part, in {people[1]:,} responses" in " ".join(
        _text(pdf_bytes).split()
    )


def test_report_counts_equal_an_independent_sql_count(pdf_bytes, seeded_survey):
    question = next(q for q in seeded_survey.questions if q.kind.value == "single_choice")
    rows = db.session.execute(
        text(
            "SELECT o.label, COUNT(a.id) FROM option o LEFT JOIN answer a ON a.option_id = o.id "
            "WHERE o.question_id = :q GROUP BY o.label, o.position ORDER BY o.position"
        ),
        {"q": question.id},
    ).all()
    lines = _text(pdf_bytes).splitlines()
    for label, count in rows:
        assert any(line.startswith(f"{label} {count} ") for line in lines), (label, count)


def test_report_pdf_is_tagged_with_a_language_and_title(pdf_bytes):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang).startswith("en")
        assert root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as meta:
            assert meta["dc:title"].startswith("What we heard: How well are we working together?")
            assert meta["pdfuaid:part"] == "1"


def test_every_chart_has_alt_text(pdf_bytes):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        figures = [
            obj for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure"
        ]  # fmt: skip
        assert figures
        assert all(str(figure.get("/Alt", "")).startswith("Bar chart of") for figure in figures)


def test_report_never_loads_anything_from_outside():
    from reports.render import FetchRefused, LocalOnlyFetcher

    fetcher = LocalOnlyFetcher()
    for url in ("https://example.com/x.png", "file:///etc/passwd", "http://127.0.0.1/"):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
