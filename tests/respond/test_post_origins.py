"""Who may post answers: Heard's own pages, and a partner's listed site for that partner's
embedded journeys only (issue 13, security review).

- `Origin: null` (sandboxed frames, data: and file: pages) is refused: Heard's own pages
  never send it.
- An embed code added to a POST's address no longer makes that partner's site an allowed
  origin for somebody's ordinary online journey.
"""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Draft
from app.services import partners
from tests import journey
from tests.factories import create_survey

PARTNER_SITE = "https://www.ageuk.example"


@pytest.fixture
def survey(app_context):
    return create_survey(questions=2)


def _answer_form(client, slug):
    page = journey.start(client, slug)
    form = page.all("form")[0]
    radio = form.cssselect("input[type=radio]")[0]
    return form.get("action"), {**page.form_fields(), radio.get("name"): radio.get("value")}


def _drafts() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Draft))


def test_a_post_with_origin_null_is_refused_and_nothing_written(client, survey):
    action, data = _answer_form(client, survey.slug)

    refused = client.post(action, data=data, headers={"Origin": "null"})

    assert refused.status_code == 403
    assert _drafts() == 0


def test_an_embed_code_in_the_address_does_not_let_its_partner_post_an_online_journey(
    client, survey
):
    partner = partners.create_partner(name="Age UK Gateshead", allowed_origins=PARTNER_SITE)
    link = partners.create_link(partner=partner, survey=survey, label="Web site")
    action, data = _answer_form(client, survey.slug)
    headers = {"Origin": PARTNER_SITE, "Sec-Fetch-Site": "cross-site"}

    joiner = "&" if "?" in action else "?"
    refused = client.post(f"{action}{joiner}embed={link.code}", data=data, headers=headers)

    assert refused.status_code == 403
    assert _drafts() == 0


def test_our_own_pages_still_post(client, survey):
    action, data = _answer_form(client, survey.slug)

    sent = client.post(action, data=data, headers={"Origin": "http://localhost"})

    assert sent.status_code == 303
    assert _drafts() == 1
