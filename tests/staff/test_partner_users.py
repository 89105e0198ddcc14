"""Partner users see only their own links' counts, small numbers hidden, and get each link's
address, poster and QR code to share; nothing else exists."""

from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models import Channel, PartnerLink, Response
from app.services import partners
from tests import journey
from tests.factories import create_survey, create_user
from tests.pages import get
from tests.staff.test_access import sign_in
from tests.staff.test_partners import _modules, _modules_of

MONDAY = datetime(2026, 11, 2, 10, tzinfo=UTC)


def _responses(link, count: int, *, channel=Channel.ONLINE, when=MONDAY, start=0):
    for number in range(start, start + count):
        db.session.add(
            Response(
                survey_id=link.survey_id,
                submission_token=f"t{link.id}-{channel}-{number}",
                receipt=f"R{link.id}{channel.value[:2]}{number:05d}",
                channel=channel,
                partner_link_id=link.id,
                submitted_at=when,
            )
        )
    db.session.commit()


@pytest.fixture
def partner_user(client):
    survey = create_survey(questions=1, title="Meals survey")
    ours = partners.create_partner(name="Age UK")
    theirs = partners.create_partner(name="Food bank")
    link = partners.create_link(partner=ours, survey=survey, label="Lunch club poster")
    other = partners.create_link(partner=theirs, survey=survey, label="Food parcel leaflet")
    _responses(link, 25)
    _responses(link, 3, channel=Channel.PAPER, start=100)
    _responses(link, 12, when=MONDAY + timedelta(days=7), start=200)
    _responses(other, 33, start=300)
    user = create_user(role="partner", partner_id=ours.id)
    sign_in(client, user)
    return user


def test_a_partner_user_sees_their_links_counts_by_week_and_channel(client, partner_user):
    home = client.get("/staff/")
    assert home.status_code == 302
    page = get(client, home.headers["Location"])
    assert page.text("h1") == "Responses through your links"
    assert page.texts("h2") == ["Lunch club poster"]
    assert page.texts("thead th") == ["Week", "Online", "Paper", "Total"]
    rows = [
        page.texts(f"tbody tr:nth-child({n}) th, tbody tr:nth-child({n}) td") for n in (1, 2, 3)
    ]
    assert rows[0][0] == "Week of 2 November 2026"
    assert rows[1][0] == "Week of 9 November 2026"
    assert rows[2][0] == "Total"
    cells = [cell for row in rows for cell in row[1:]]
    assert "fewer than 10" in cells
    assert not {str(small) for small in range(1, 10)} & set(cells)
    assert rows[2][-1] == "40"
    assert "Food parcel leaflet" not in page.text("main")
    assert "33" not in cells


@pytest.mark.parametrize(
    "url", ["/staff/users", "/staff/partners", "/staff/surveys/1/report.pdf", "/staff/nowhere"]
)
def test_every_other_staff_page_is_not_found_for_a_partner_user(client, partner_user, url):
    assert client.get(url).status_code == 404


def test_a_partner_user_must_belong_to_a_partner(app_context):
    from app.services.errors import ServiceError

    with pytest.raises(ServiceError, match="Choose the partner this user works for"):
        create_user(role="partner")


def test_a_partner_facilitator_types_in_paper_forms_counted_under_their_link(client, partner_user):
    from sqlalchemy import select

    home = get(client, "/staff/your-links")
    intro = get(client, home.all("a[href$='/paper']")[0].get("href"))
    form = intro.all("form[action$='/paper/next']")[0]
    started = client.post(form.get("action"), data=intro.form_fields("form[action$='/paper/next']"))
    page = get(client, started.headers["Location"])
    answered = journey.answer(client, page, page.all("input[type=radio]")[0].get("value"))
    check = journey.past_support_question(client, get(client, answered.headers["Location"]))
    client.post(
        check.all("form[action$='/send']")[0].get("action"),
        data=check.form_fields("form[action$='/send']"),
    )
    paper = db.session.scalars(select(Response).order_by(Response.id.desc())).first()
    assert paper.channel == Channel.PAPER
    ours = db.session.scalars(select(PartnerLink).where(PartnerLink.label == "Lunch club poster"))
    assert paper.partner_link_id == ours.one().id


def test_a_partner_facilitator_cannot_type_in_forms_for_other_surveys(client, partner_user):
    other = create_survey(questions=1, title="Another survey")
    assert client.get(f"/staff/surveys/{other.id}/paper").status_code == 404


def test_a_partner_user_gets_their_links_address_poster_and_qr_code_to_share(client, partner_user):
    page = get(client, "/staff/your-links")
    link = db.session.query(PartnerLink).filter_by(label="Lunch club poster").one()
    address = page.all("a.heard-partner-link")[0].get("href")
    assert address == f"http://localhost/l/{link.code}"
    downloads = [a.get("href") for a in page.all("main ul.govuk-list a")]
    assert downloads == [
        f"/staff/links/{link.id}/poster.pdf",
        f"/staff/links/{link.id}/qr.png?download=1",
    ]

    png = client.get(downloads[1])
    assert png.status_code == 200
    assert png.mimetype == "image/png"
    assert _modules(png.data) == _modules_of(address)
    poster = client.get(downloads[0])
    assert poster.status_code == 200
    assert poster.data.startswith(b"%PDF")


def test_a_partner_user_cannot_have_another_partners_poster_or_qr_code(client, partner_user):
    other = db.session.query(PartnerLink).filter_by(label="Food parcel leaflet").one()

    for end in ("poster.pdf", "qr.png", "qr.svg"):
        assert client.get(f"/staff/links/{other.id}/{end}").status_code == 404


def test_a_partner_user_whose_site_may_embed_gets_the_code_to_copy(client):
    survey = create_survey(questions=1, title="Meals survey")
    ours = partners.create_partner(name="Age UK", allowed_origins="https://www.ageuk.example")
    link = partners.create_link(partner=ours, survey=survey, label="Lunch club page")
    sign_in(client, create_user(role="partner", partner_id=ours.id))

    page = get(client, "/staff/your-links")

    assert "Copy this code into a page on https://www.ageuk.example." in page.text("main")
    snippet = page.text("pre.heard-snippet code")
    assert f'src="http://localhost/e/{link.code}"' in snippet
    assert 'title="Meals survey"' in snippet
    assert "/static/js/embed-host.js" in snippet


def test_a_partner_user_whose_site_may_not_embed_gets_no_code(client, partner_user):
    assert get(client, "/staff/your-links").all("pre.heard-snippet") == []
