"""The report's contents list: on the cover page with it, and never split over two pages.

A split list left page 2 holding its last two lines and nothing else, because the summary
starts a page of its own.
"""

from datetime import date

import pytest

import reports
from app.extensions import db
from app.services import demo
from reports.filters import ResponseFilter
from tests.reports.builders import page_texts

FIRST_ENTRY = "What we heard ."
LAST_ENTRY = "Appendix: every question's results"


def _report_pages(survey_id: int, **options) -> list[str]:
    pdf = reports.what_we_heard(
        db.engine, survey_id, council_name="Gateshead Council", today=date(2026, 12, 2),
        **options,
    )  # fmt: skip
    return page_texts(pdf)


def _pages_holding(pages: list[str], words: str) -> list[int]:
    return [number for number, page in enumerate(pages, start=1) if words in page]


@pytest.fixture
def demo_survey(app_context):
    return demo.seed_demo(responses=40, seed=3, today=date(2026, 11, 1))


def test_the_whole_contents_list_is_on_the_cover_page(demo_survey):
    pages = _report_pages(demo_survey.id, response_filter=ResponseFilter(channel="online"))

    assert _pages_holding(pages, FIRST_ENTRY)[0] == 1
    assert 1 in _pages_holding(pages, LAST_ENTRY)


def test_a_cover_too_full_for_the_list_moves_the_whole_list_to_the_next_page(demo_survey):
    demo_survey.title = "How well are we working together, and what should we change? " * 3
    db.session.commit()

    pages = _report_pages(demo_survey.id, response_filter=ResponseFilter(channel="online"))

    contents_page = _pages_holding(pages, "Contents")[0]
    assert contents_page == 2
    assert contents_page in _pages_holding(pages, LAST_ENTRY)
    assert FIRST_ENTRY not in pages[0]
