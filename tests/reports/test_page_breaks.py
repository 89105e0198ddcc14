"""No page of a report ends with a heading or a table's caption: each stays with what it
heads. Seen on the demo report: "Answers to question 7" at the foot of a page, its table on
the next (WeasyPrint keeps a table whole, but not its caption with it)."""

from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from app.extensions import db
from app.services import demo
from reports import build_report, render
from reports.documents import LocalOnlyFetcher

HEADS = {"caption", "h1", "h2", "h3", "h4"}


def _last_element_on(page) -> str:
    """Return the tag of the element that holds the last line of a page's body."""
    last = ""

    def walk(box, tag: str) -> None:
        nonlocal last
        if isinstance(box, boxes.MarginBox):
            return  # the running head and the page number
        if isinstance(box, boxes.BlockLevelBox):
            tag = box.element_tag  # the block the text is in: a caption, a heading, a cell
        if isinstance(box, boxes.TextBox) and box.text.strip():
            last = tag
        for child in getattr(box, "children", []):
            walk(child, tag)

    walk(page._page_box, "")
    return last


def test_no_page_ends_with_a_heading_or_a_caption(app_context):
    survey = demo.seed_demo(responses=300, seed=11)
    page = render.html(build_report(db.engine, survey.id))

    document = HTML(string=page, url_fetcher=LocalOnlyFetcher()).render()

    endings = [_last_element_on(p) for p in document.pages[:-1]]
    stranded = [(number, tag) for number, tag in enumerate(endings, 1) if tag in HEADS]
    assert len(document.pages) > 10
    assert stranded == []
