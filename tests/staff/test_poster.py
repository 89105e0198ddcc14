"""Staff download a printable easy-read poster of each partner link, its QR code in the PDF."""

import io
from datetime import date

import pikepdf
import pytest
import segno
from pypdf import PdfReader

from app.extensions import db
from app.services import partners
from tests.factories import create_survey, create_user
from tests.pages import get
from tests.reports.builders import WeasyPrintErrors
from tests.staff.test_access import sign_in


@pytest.fixture
def link(app_context):
    survey = create_survey(questions=1, title="Day services in Gateshead")
    survey.easy_read_title = "day services"
    survey.closes_on = date(2026, 5, 5)
    db.session.commit()
    partner = partners.create_partner(name="Age UK Gateshead")
    return partners.create_link(partner=partner, survey=survey, label="Lunch club poster")


def qr_modules_drawn_in(pdf: bytes) -> set[tuple[int, int]]:
    """Read the dark modules of the QR code back out of the PDF's one Figure.

    segno draws each run of dark modules in a row as a line from (x, y + 0.5) to (x + n, y + 0.5),
    in modules; WeasyPrint writes them as `m` and `l` operators inside the Figure's marked
    content.
    """
    dark: set[tuple[int, int]] = set()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        inside, start = False, None
        for operands, operator in pikepdf.parse_content_stream(document.pages[0]):
            name = str(operator)
            if name == "BDC" and str(operands[0]) == "/Figure":
                inside = True
            elif inside and name == "EMC":
                break
            elif inside and name == "m":
                start = (float(operands[0]), float(operands[1]))
            elif inside and name == "l" and start and float(operands[1]) == start[1]:
                row = int(start[1])
                dark.update((row, column) for column in range(int(start[0]), int(operands[0])))
    return dark


def qr_modules_of(url: str, border: int = 4) -> set[tuple[int, int]]:
    matrix = segno.make(url, error="m").matrix
    return {
        (border + y, border + x)
        for y, row in enumerate(matrix)
        for x, dark in enumerate(row)
        if dark
    }


def test_a_lead_downloads_a_one_page_poster_of_a_link(client, link):
    sign_in(client, create_user(role="lead"))
    address = f"http://localhost/l/{link.code}"
    with WeasyPrintErrors() as errors:
        response = client.get(f"/staff/links/{link.id}/poster.pdf")
    assert errors.messages == []
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=heard-poster-link-{link.id}.pdf"
    )
    pages = PdfReader(io.BytesIO(response.data)).pages
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split())
    assert address in text
    assert "Have your say about day services" in text
    assert "Open until Tuesday 5 May 2026" in text
    assert "Shared by Age UK Gateshead" in text
    assert "Gateshead Council wants to know what you think." in text


def test_the_poster_is_tagged_and_its_qr_code_has_the_address_as_alt_text(client, link):
    sign_in(client, create_user(role="admin"))
    pdf = client.get(f"/staff/links/{link.id}/poster.pdf").data
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root
        assert "/StructTreeRoot" in root
        assert str(root.Lang).startswith("en")
        assert root.MarkInfo.Marked is True
        figures = [
            str(element.get("/Alt"))
            for element in _elements(root.StructTreeRoot.get("/K"))
            if str(element.get("/S")) == "/Figure"
        ]
    assert figures == [f"QR code for http://localhost/l/{link.code}"]


def test_the_qr_code_on_the_poster_encodes_the_links_address(client, link):
    sign_in(client, create_user(role="lead"))
    drawn = qr_modules_drawn_in(client.get(f"/staff/links/{link.id}/poster.pdf").data)
    assert drawn == qr_modules_of(f"http://localhost/l/{link.code}")
    assert drawn != qr_modules_of("http://localhost/l/another1")


def test_the_partner_page_offers_a_poster_for_each_link(client, link):
    other = partners.create_link(partner=link.partner, survey=link.survey, label="Web site")
    sign_in(client, create_user(role="lead"))
    page = get(client, f"/staff/partners/{link.partner.id}")
    posters = [a for a in page.all("tbody a") if a.text_content().startswith("Poster (PDF)")]
    assert [a.get("href") for a in posters] == [
        f"/staff/links/{link.id}/poster.pdf",
        f"/staff/links/{other.id}/poster.pdf",
    ]
    assert posters[0].text_content() == "Poster (PDF) for Lunch club poster"


def test_a_viewer_cannot_download_a_poster(client, link):
    sign_in(client, create_user(role="viewer"))
    assert client.get(f"/staff/links/{link.id}/poster.pdf").status_code == 403


def test_a_signed_out_visitor_is_sent_to_sign_in(client, link):
    response = client.get(f"/staff/links/{link.id}/poster.pdf")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in?next=")


def test_a_link_that_does_not_exist_has_no_poster(client, link):
    sign_in(client, create_user(role="lead"))
    assert client.get(f"/staff/links/{link.id + 1000}/poster.pdf").status_code == 404


def _elements(node):
    if isinstance(node, pikepdf.Array):
        for child in node:
            yield from _elements(child)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        yield from _elements(node.get("/K"))
