"""The easy-read A4 poster of a partner link: one page, tagged PDF/UA, the QR code and the link.

The poster is rendered once for the module (WeasyPrint takes a second); every WeasyPrint ERROR
logged while rendering fails a test (docs/accessibility.md R7).
"""

import base64
import io
import re
from datetime import date
from types import SimpleNamespace

import lxml.html
import pikepdf
import pytest
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import TextBox

from app.services import pictures
from app.services.qr_codes import qr_code
from reports.documents import LocalOnlyFetcher
from reports.poster import POSTER_SYMBOLS, Poster, poster_html, poster_pdf
from tests.reports.builders import WeasyPrintErrors

URL = "https://heard.gateshead.example/l/abcd2345"
PX_PER_MM = 96 / 25.4
PX_PER_PT = 96 / 72


def make_poster(**changes) -> Poster:
    values = {
        "title": "Help at home: what works for you",
        "easy_read_title": "help at home",
        "url": URL,
        "qr_svg": qr_code(URL, kind="svg"),
        "picture_svg": pictures.svg("home"),
        "symbols": {key: pictures.svg(key) for key in POSTER_SYMBOLS},
        "closes_on": date(2026, 5, 5),
        "council_name": "Gateshead Council",
        "partner_name": "Age UK Gateshead",
    }
    return Poster(**{**values, **changes})


def page_text(pdf: bytes) -> list[str]:
    """Return each page's text, its runs of white space made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def structure_elements(pdf: bytes) -> list[tuple[str, str]]:
    """Return the (tag, alt text) of each element of the PDF's tag tree, depth first."""
    found: list[tuple[str, str]] = []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append((str(node.get("/S")), str(node.get("/Alt", ""))))
            walk(node.get("/K"))

    with pikepdf.open(io.BytesIO(pdf)) as document:
        walk(document.Root.StructTreeRoot.get("/K"))
    return found


@pytest.fixture(scope="module")
def rendered() -> SimpleNamespace:
    """Render the poster once: its HTML, its PDF, its laid-out boxes and any WeasyPrint error."""
    poster = make_poster()
    with WeasyPrintErrors() as errors:
        pdf = poster_pdf(poster)
        layout = HTML(string=poster_html(poster), url_fetcher=LocalOnlyFetcher()).render()
    return SimpleNamespace(
        poster=poster,
        html=lxml.html.document_fromstring(poster_html(poster)),
        pdf=pdf,
        text=page_text(pdf),
        layout=layout,
        errors=errors.messages,
    )


def _boxes(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def test_weasyprint_logs_no_error_for_the_poster(rendered):
    assert rendered.errors == []


def test_the_error_check_catches_an_image_without_alt_text(rendered):
    page = poster_html(rendered.poster).replace(f' alt="QR code for {URL}"', "")
    with WeasyPrintErrors() as errors:
        HTML(string=page, url_fetcher=LocalOnlyFetcher()).write_pdf(pdf_variant="pdf/ua-1")
    assert any("alt" in message for message in errors.messages)


def test_the_poster_is_one_a4_page_that_says_how_to_answer(rendered):
    assert len(rendered.text) == 1
    with pikepdf.open(io.BytesIO(rendered.pdf)) as document:
        width, height = (float(n) for n in document.pages[0].MediaBox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    text = rendered.text[0]
    for words in (
        "Gateshead Council",
        "Have your say about help at home",
        "Gateshead Council wants to know what you think.",
        "It takes about 5 minutes.",
        "You can answer on your phone.",
        "Or type this address:",
        URL,
        "Open until Tuesday 5 May 2026",
        "Shared by Age UK Gateshead",
    ):
        assert words in text


def test_the_poster_is_tagged_pdf_ua_with_a_language_and_title(rendered):
    with pikepdf.open(io.BytesIO(rendered.pdf)) as document:
        root = document.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang).startswith("en")
        assert root.ViewerPreferences.DisplayDocTitle is True
        with document.open_metadata() as meta:
            assert meta["dc:title"] == "Have your say about help at home"
            assert meta["pdfuaid:part"] == "1"


def test_the_qr_code_is_the_only_figure_and_its_alt_text_is_the_address(rendered):
    elements = structure_elements(rendered.pdf)
    assert [alt for tag, alt in elements if tag == "/Figure"] == [f"QR code for {URL}"]
    headings = [tag for tag, _ in elements if re.fullmatch(r"/H\d", tag)]
    assert headings == ["/H1", "/H2"]


def test_the_qr_image_is_the_qr_code_it_was_given(rendered):
    images = rendered.html.xpath("//img")
    assert len(images) == 1
    prefix = "data:image/svg+xml;base64,"
    assert images[0].get("src").startswith(prefix)
    assert base64.b64decode(images[0].get("src")[len(prefix) :]) == qr_code(URL, kind="svg")
    assert images[0].get("alt") == f"QR code for {URL}"


def test_pictures_beside_the_words_are_css_backgrounds(rendered):
    first = rendered.html.xpath("//p[contains(@class, 'heard-poster__point')]")[0]
    assert "heard-poster__point--survey" in first.get("class")
    assert first.text_content() == "Gateshead Council wants to know what you think."
    css = rendered.html.xpath("//style")[0].text_content()
    survey = base64.b64encode(pictures.svg("home")).decode("ascii")
    rule = '.heard-poster__point--survey { background-image: url("data:image/svg+xml;base64,'
    assert f'{rule}{survey}"); }}' in css


def test_the_qr_code_is_at_least_60_mm_wide(rendered):
    page = rendered.layout.pages[0]._page_box
    images = [box for box in _boxes(page) if getattr(box, "element_tag", "") == "img"]
    assert len(images) == 1
    assert images[0].width / PX_PER_MM >= 60
    assert images[0].height / PX_PER_MM >= 60


def test_every_word_on_the_poster_is_at_least_16pt(rendered):
    page = rendered.layout.pages[0]._page_box
    sizes = {box.style["font_size"] / PX_PER_PT for box in _boxes(page) if isinstance(box, TextBox)}
    assert sizes
    assert min(sizes) >= 16


def test_every_sentence_has_15_words_or_fewer(rendered):
    blocks = rendered.html.xpath("//main//p[not(contains(@class, 'heard-poster__url'))]")
    sentences = [
        sentence
        for block in blocks
        for sentence in re.split(r"(?<=[.:])\s+", " ".join(block.text_content().split()))
    ]
    assert len(sentences) >= 6
    assert all(len(sentence.split()) <= 15 for sentence in sentences), sentences


def test_a_survey_with_no_closing_date_leaves_the_date_out():
    page = lxml.html.document_fromstring(poster_html(make_poster(closes_on=None)))
    assert "Open until" not in page.text_content()
    assert "You can answer on your phone." in page.text_content()


def test_without_a_council_name_the_poster_says_we():
    page = lxml.html.document_fromstring(poster_html(make_poster(council_name="")))
    assert "We want to know what you think." in page.text_content()
    assert not page.xpath("//p[contains(@class, 'heard-poster__council')]")


def test_a_missing_picture_leaves_no_empty_background():
    page = poster_html(make_poster(picture_svg=b"", symbols={}))
    assert "background-image" not in page
    assert "heard-poster__point--" not in page


def test_the_longest_title_still_fits_on_one_page():
    title = ("Support for carers and the people they look after " * 5)[:200]
    with WeasyPrintErrors() as errors:
        pdf = poster_pdf(make_poster(easy_read_title=title))
    assert errors.messages == []
    text = page_text(pdf)
    assert len(text) == 1
    assert URL in text[0]
    assert "Shared by Age UK Gateshead" in text[0]


def test_html_and_script_a_lead_typed_are_printed_as_words():
    """A survey title is typed by a lead in the builder: markup in it is shown, never obeyed."""
    typed = "<script>alert(1)</script><b>Day centres</b> & you"
    pdf = poster_pdf(make_poster(title=typed, easy_read_title=typed))

    text = page_text(pdf)[0]

    assert "<script>alert(1)</script><b>Day centres</b> & you" in text
