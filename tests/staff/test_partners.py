"""Staff register partners, give them tracked links, and download QR codes of the links."""

import io

import segno
from PIL import Image
from sqlalchemy import func, select

from app.extensions import db
from app.models import Partner, PartnerLink
from app.services import partners
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in


def _add_partner(client, **fields):
    page = get(client, "/staff/partners")
    data = {**page.form_fields("form[action='/staff/partners']"), **fields}
    return client.post("/staff/partners", data=data)


def test_a_lead_registers_a_partner_with_allowed_sites(client, lead):
    response = _add_partner(
        client, name="Carers Federation", allowed_origins="https://carers.example\n"
    )
    assert response.status_code == 303
    partner = db.session.scalars(select(Partner)).one()
    assert partner.allowed_origins == "https://carers.example"
    page = get(client, response.headers["Location"])
    assert page.text("h1") == "Carers Federation"


def test_an_allowed_site_that_is_not_a_plain_https_address_is_refused(client, lead):
    response = _add_partner(
        client, name="Food bank", allowed_origins="https://x.example; script-src *"
    )
    page = check_page(response)
    assert page.status == 400
    assert page.text(".govuk-error-summary__list").startswith(
        "Enter a web address like https://www.example.gov.uk"
    )
    assert db.session.scalar(select(func.count()).select_from(Partner)) == 0


def test_a_partner_link_gets_a_qr_code_that_decodes_to_its_address(client, lead):
    survey = create_survey(questions=1)
    partner_page = get(client, _add_partner(client, name="Age UK").headers["Location"])
    action = partner_page.all("form[action^='/staff/partners/']")[0].get("action")
    data = {
        **partner_page.form_fields(f"form[action='{action}']"),
        "survey_id": str(survey.id),
        "label": "Lunch club poster",
    }
    assert client.post(action, data=data).status_code == 303
    link = db.session.scalars(select(PartnerLink)).one()
    page = get(client, action)
    assert page.texts("tbody td")[:2] == ["Lunch club poster", "Test survey"]
    assert page.texts("tbody td")[2] == f"http://localhost/l/{link.code}"

    svg = client.get(f"/staff/links/{link.id}/qr.svg")
    assert svg.mimetype == "image/svg+xml"
    assert f"http://localhost/l/{link.code}" in svg.get_data(as_text=True)
    png = client.get(f"/staff/links/{link.id}/qr.png?download=1")
    assert png.headers["Content-Disposition"] == f"attachment; filename=heard-link-{link.id}.png"
    assert _modules(png.data) == _modules_of(f"http://localhost/l/{link.code}")
    assert _modules(png.data) != _modules_of("http://localhost/l/another")


def test_a_link_to_a_survey_id_too_large_for_the_database_is_refused(client, lead):
    create_survey(questions=1)
    partner_page = get(client, _add_partner(client, name="Age UK").headers["Location"])
    action = partner_page.all("form[action^='/staff/partners/']")[0].get("action")
    data = {
        **partner_page.form_fields(f"form[action='{action}']"),
        "survey_id": "99999999999999999999",
        "label": "Lunch club poster",
    }
    page = check_page(client.post(action, data=data))
    assert page.status == 400
    assert page.text(".govuk-error-summary__list") == "We cannot find this survey"
    assert db.session.scalar(select(func.count()).select_from(PartnerLink)) == 0


def _modules(png: bytes, scale: int = 10, border: int = 4) -> list[list[bool]]:
    """Read the dark and light modules back out of a QR code picture."""
    image = Image.open(io.BytesIO(png)).convert("L")
    size = image.width // scale - 2 * border
    return [
        [
            image.getpixel(((border + x) * scale + 5, (border + y) * scale + 5)) < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


def _modules_of(url: str) -> list[list[bool]]:
    return [[bool(cell) for cell in row] for row in segno.make(url, error="m").matrix]


def test_viewers_cannot_manage_partners(client):
    sign_in(client, create_user(role="viewer"))
    assert client.get("/staff/partners").status_code == 403


def test_partners_with_allowed_sites_get_an_embed_snippet(client, lead):
    survey = create_survey(questions=1)
    partner = partners.create_partner(name="Age UK", allowed_origins="https://www.ageuk.example")
    link = partners.create_link(partner=partner, survey=survey, label="Web site")
    page = get(client, f"/staff/partners/{partner.id}")
    snippet = page.text("pre.heard-snippet")
    assert f'src="http://localhost/e/{link.code}"' in snippet
    assert "/static/js/embed-host.js" in snippet
    assert "data-heard-embed" in snippet
