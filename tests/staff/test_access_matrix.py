"""Every staff route against objects that are not the user's: another partner's, another survey's.

`test_permissions.py` checks each role on each route with ids that exist. This file seeds two
surveys, each with its own partner, links, kiosk, responses, themes, quotes, actions, imports
and report jobs, then asks:
- a partner user, with the other partner's ids, is refused every page and never sees the other
  partner's links, codes or counts;
- a viewer's post to any page it may not use writes nothing;
- a signed-out request to any staff page is sent to sign in (GET) or refused (POST);
- survey B's ids under survey A's address are "not found", and change nothing.
"""

import yaml
from sqlalchemy import String, cast, func, literal, select, update

from app.extensions import db
from app.models import (
    Action,
    Answer,
    CodingBatch,
    ImportBatch,
    Kiosk,
    PartnerLink,
    Question,
    Quote,
    ReportJob,
    Response,
    Role,
    SurveyStatus,
    Theme,
)
from app.services import definitions, demo, partners
from tests.factories import create_user
from tests.pages import get
from tests.staff.test_access import sign_in
from tests.staff.test_every_page import _add_what_the_demo_leaves_out
from tests.staff.test_permissions import NOT_CHECKED, PLACEHOLDERS, WHO_MAY, staff_rules

OTHER_LABEL = "Other partner's poster"
OTHER_PARTNER = "Other partner's day centre"
OTHER_TITLE = "Other survey only"
# Tables a refused request may still write to: who asked for what, and who is signed in.
BOOKKEEPING = {"audit_event", "staff_session"}


def _seed() -> dict:
    """Seed survey A (the demo) and survey B with one of everything; return their ids."""
    spec = yaml.safe_load(demo.DEMO_EXTRAS_FILE.read_text(encoding="utf-8"))
    definition = definitions.parse(demo.DEMO_FILE.read_bytes(), filename=demo.DEMO_FILE.name)
    other = definitions.create_survey(definition, slug="other-survey")
    other.title = other.easy_read_title = OTHER_TITLE
    other.status = SurveyStatus.OPEN
    other_partner = partners.create_partner(name=OTHER_PARTNER, contact="Jo")
    other_link = partners.create_link(partner=other_partner, survey=other, label=OTHER_LABEL)
    demo.add_synthetic_responses(other, 40, seed=7, comments=spec["comments"])
    # Receipts are unique across surveys; the demo's own would collide with these.
    db.session.execute(
        update(Response)
        .where(Response.survey_id == other.id)
        .values(receipt=literal("B") + cast(Response.id, String))
    )
    db.session.execute(
        update(Response)
        .where(Response.survey_id == other.id, Response.partner_link_id.is_(None))
        .values(partner_link_id=other_link.id)
    )
    _add_what_the_demo_leaves_out(other)
    db.session.commit()
    survey = demo.seed_demo(responses=30)
    db.session.add(Kiosk(survey_id=survey.id, venue="Gateshead Library", key="survey-a-kiosk"))
    db.session.commit()
    own_link = db.session.scalar(
        select(PartnerLink).where(PartnerLink.survey_id == survey.id).limit(1)
    )
    return {
        "survey_a": survey.id,
        "survey_b": other.id,
        "partner_a": own_link.partner_id,
        "own_label": own_link.label,
        "other_code": other_link.code,
        "other_ids": _ids_of(other.id, other_link),
    }


def _ids_of(survey_id: int, link: PartnerLink) -> dict[str, int]:
    """One id of each kind of object belonging to this survey."""
    quote = db.session.scalar(
        select(Quote).join(Answer).join(Question).where(Question.survey_id == survey_id)
    )
    queries = {
        "question_id": select(Question.id).where(Question.survey_id == survey_id),
        "action_id": select(Action.id).where(Action.survey_id == survey_id),
        "theme_id": select(Theme.id).where(Theme.survey_id == survey_id),
        "coding_id": select(CodingBatch.id).where(CodingBatch.survey_id == survey_id),
        "batch_id": select(ImportBatch.id).where(ImportBatch.survey_id == survey_id),
        "job_id": select(ReportJob.id).where(ReportJob.survey_id == survey_id),
        "response_id": select(Response.id).where(Response.survey_id == survey_id),
        "kiosk_id": select(Kiosk.id).where(Kiosk.survey_id == survey_id),
    }
    ids = {name: db.session.scalar(query.limit(1)) for name, query in queries.items()}
    ids |= {"quote_id": quote.id, "answer_id": quote.answer_id}
    ids |= {"link_id": link.id, "partner_id": link.partner_id, "survey_id": survey_id}
    assert None not in ids.values(), ids
    return ids


def _row_counts() -> dict[str, int]:
    db.session.expire_all()
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
        if table.name not in BOOKKEEPING
    }


def _requests(app, ids: dict) -> list[tuple[str, str, str, bool]]:
    """(endpoint, method, URL, has ids) of every staff route, its arguments filled from `ids`."""
    found = []
    for rule in staff_rules(app):
        values = {
            arg: ids.get(arg, PLACEHOLDERS.get(arg, ids["survey_id"])) for arg in rule.arguments
        }
        url = rule.build(values)[1]
        has_ids = bool(rule.arguments & set(ids))
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        found += [(rule.endpoint, method, url, has_ids) for method in methods]
    return found


def _token(client, home: str = "/staff/") -> str:
    return get(client, home).form_fields("form.heard-sign-out")["csrf_token"]


def _open(client, method: str, url: str, token: str | None):
    data = {"csrf_token": token} if method == "POST" and token else None
    response = client.open(url, method=method, data=data, buffered=True)
    response.close()
    return response


# Fields a form might read, filled so that a post nobody refused would have something to write.
_FILLED = {
    "name": "Written anyway",
    "title": "Written anyway",
    "label": "Written anyway",
    "venue": "Written anyway",
    "text": "Written anyway",
    "you_said": "Written anyway",
    "we_did": "Written anyway",
    "word": "Written anyway",
    "plain": "Written anyway",
    "people_count": "4",
    "confirm": "yes",
}


def test_a_partner_user_is_refused_every_object_of_another_partner(app, client):
    seeded = _seed()
    partner_user = create_user(role=Role.PARTNER.value, partner_id=seeded["partner_a"])
    sign_in(client, partner_user)
    token = _token(client, "/staff/your-links")
    shown, wrong = [], []
    for _endpoint, method, url, has_ids in _requests(app, seeded["other_ids"]):
        response = client.open(
            url, method=method, data={"csrf_token": token} if method == "POST" else None
        )
        body = response.get_data(as_text=True)
        if any(secret in body for secret in (seeded["other_code"], OTHER_LABEL, OTHER_TITLE)):
            shown.append((method, url))
        # A page with no ids in its address (the partner's own links, their account) may open.
        if has_ids and response.status_code not in {403, 404}:
            wrong.append((method, url, response.status_code))
    assert wrong == []
    assert shown == []
    own = client.get("/staff/your-links").get_data(as_text=True)
    assert seeded["own_label"] in own
    assert OTHER_LABEL not in own and seeded["other_code"] not in own


def test_a_viewers_post_to_a_page_it_may_not_use_writes_nothing(app, client):
    seeded = _seed()
    sign_in(client, create_user(role=Role.VIEWER.value))
    token = _token(client)
    ids = {**seeded["other_ids"], "survey_id": seeded["survey_b"]}
    before = _row_counts()
    written = []
    for endpoint, method, url, _has_ids in _requests(app, ids):
        if method != "POST" or Role.VIEWER in WHO_MAY[endpoint]:
            continue
        response = client.post(url, data={**_FILLED, "csrf_token": token})
        if response.status_code != 403 or _row_counts() != before:
            written.append((url, response.status_code))
    assert written == []


def test_a_signed_out_request_is_sent_to_sign_in_or_refused(app):
    with app.app_context():
        seeded = _seed()
        before = _row_counts()
    client = app.test_client()
    wrong = []
    for endpoint, method, url, _has_ids in _requests(app, seeded["other_ids"]):
        assert endpoint not in NOT_CHECKED
        response = _open(client, method, url, None)
        location = response.headers.get("Location", "")
        sent_to_sign_in = response.status_code == 302 and location.startswith("/staff/sign-in")
        refused = method == "POST" and response.status_code in {400, 401, 403}
        if not (sent_to_sign_in or refused):
            wrong.append((method, url, response.status_code))
    with app.app_context():
        assert _row_counts() == before
    assert wrong == []


def test_another_surveys_ids_under_a_surveys_address_are_not_found(app, client):
    seeded = _seed()
    sign_in(client, create_user(role=Role.ADMIN.value))
    token = _token(client)
    ids = {**seeded["other_ids"], "survey_id": seeded["survey_a"]}
    before = _row_counts()
    wrong = []
    for rule in staff_rules(app):
        owned = rule.arguments & (set(ids) - {"survey_id", "link_id", "partner_id"})
        if "survey_id" not in rule.arguments or not owned:
            continue
        values = {arg: ids.get(arg, PLACEHOLDERS.get(arg)) for arg in rule.arguments}
        url = rule.build(values)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            data = {**_FILLED, "csrf_token": token} if method == "POST" else None
            response = client.open(url, method=method, data=data, buffered=True)
            response.close()
            if response.status_code != 404:
                wrong.append((method, url, response.status_code))
    assert wrong == []
    assert _row_counts() == before


def _own_objects(survey_id: int) -> dict[str, int]:
    """A comment of survey A and a theme holding it, for posts that mix in survey B's ids."""
    comment = db.session.scalar(
        select(Answer)
        .join(Question)
        .where(Question.survey_id == survey_id, Answer.text_value.is_not(None))
        .limit(1)
    )
    theme = Theme(survey_id=survey_id, name="Survey A's own theme", answers=[comment])
    db.session.add(theme)
    db.session.commit()
    return {"answer_id": comment.id, "theme_id": theme.id}


def test_another_surveys_ids_in_a_form_change_nothing(app, client):
    seeded = _seed()
    own, other = _own_objects(seeded["survey_a"]), seeded["other_ids"]
    sign_in(client, create_user(role=Role.ADMIN.value))
    token = _token(client)
    a = f"/staff/surveys/{seeded['survey_a']}"
    code = f"{a}/themes/answers/code"
    posts = [
        (f"{a}/themes/answers/{own['answer_id']}", {"theme_ids": [other["theme_id"]]}),
        (code, {"answer_ids": other["answer_id"], "theme_id": own["theme_id"]}),
        (code, {"answer_ids": own["answer_id"], "theme_id": other["theme_id"]}),
        (f"{a}/themes/merge", {"source_id": other["theme_id"], "target_id": own["theme_id"]}),
        (f"{a}/themes/merge", {"source_id": own["theme_id"], "target_id": other["theme_id"]}),
        (f"{a}/quotes", {"answer_id": other["answer_id"]}),
        (f"{a}/actions/new", {**_FILLED, "theme_id": other["theme_id"], "status": "planned"}),
    ]  # fmt: skip
    before = _row_counts()
    themes_before = sorted(t.name for t in db.session.scalars(select(Theme)))
    taken = []
    for url, fields in posts:
        response = client.post(url, data={**fields, "csrf_token": token})
        if response.status_code < 400 or _row_counts() != before:
            taken.append((url, fields, response.status_code))
    assert taken == []
    db.session.expire_all()
    assert sorted(t.name for t in db.session.scalars(select(Theme))) == themes_before
    # The same posts with survey A's own ids are taken: the refusals above were about the ids.
    controls = [
        (f"{a}/themes/answers/{own['answer_id']}", {"theme_ids": [own["theme_id"]]}),
        (code, {"answer_ids": own["answer_id"], "theme_id": own["theme_id"]}),
        (f"{a}/quotes", {"answer_id": own["answer_id"]}),
    ]
    for url, fields in controls:
        assert client.post(url, data={**fields, "csrf_token": token}).status_code == 303, url
