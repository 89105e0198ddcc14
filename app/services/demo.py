"""Create the demo survey, partners and synthetic responses, idempotently and deterministically.

Running it twice leaves one demo survey; `responses=N` tops the demo survey up to N
synthetic responses, written in bulk so that benchmarks can seed 100,000 quickly. Seeding is
one transaction (`@transactional`): it is all there afterwards, or none of it.
"""

import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import yaml
from sqlalchemy import func, insert, select

from app.extensions import db
from app.models import (
    Answer,
    Channel,
    Option,
    Partner,
    PartnerLink,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
)
from app.services import definitions
from app.services.frameworks import load_all_frameworks
from app.services.transactions import transactional

DEMO_FOLDER = Path(__file__).resolve().parent.parent / "demo"
# The survey itself is a survey definition file, loaded like a lead's upload; the extras file
# holds what only the demo has (partners, comments for synthetic answers, weeks open).
DEMO_FILE = DEMO_FOLDER / "working-together.yaml"
DEMO_EXTRAS_FILE = DEMO_FOLDER / "working-together-extras.yaml"
DEMO_SLUG = "working-together"
_BATCH = 2000
_CHANNEL_WEIGHTS = {
    Channel.ONLINE: 50,
    Channel.KIOSK: 15,
    Channel.EMBED: 10,
    Channel.PAPER: 15,
    Channel.GROUP: 5,
    Channel.IMPORT: 5,
}


@transactional
def seed_demo(*, responses: int = 0, seed: int = 2025, today: date | None = None) -> Survey:
    """Create the demo content if missing and top it up to `responses` synthetic responses."""
    load_all_frameworks()
    spec = yaml.safe_load(DEMO_EXTRAS_FILE.read_text(encoding="utf-8"))
    survey = db.session.scalar(select(Survey).where(Survey.slug == DEMO_SLUG))
    if survey is None:
        survey = _create_survey(spec, today or datetime.now(UTC).date())
        _create_partners(spec, survey)
        db.session.flush()
    if responses:
        add_synthetic_responses(survey, responses, seed=seed, comments=spec["comments"])
    return survey


def _create_survey(spec: dict, today: date) -> Survey:
    definition = definitions.parse(DEMO_FILE.read_bytes(), filename=DEMO_FILE.name)
    survey = definitions.create_survey(definition, slug=DEMO_SLUG)
    survey.status = SurveyStatus.OPEN
    survey.opens_on = today - timedelta(weeks=spec["weeks_open"])
    survey.closes_on = today + timedelta(weeks=spec["weeks_open"])
    return survey


def _create_partners(spec: dict, survey: Survey) -> None:
    for number, item in enumerate(spec["partners"], start=1):
        partner = db.session.scalar(select(Partner).where(Partner.name == item["name"]))
        if partner is None:
            partner = Partner(
                name=item["name"],
                contact=item["contact"],
                allowed_origins="\n".join(item["allowed_origins"]),
            )
            db.session.add(partner)
        for link_number, label in enumerate(item["links"], start=1):
            code = f"demo-{number}{link_number}"
            if db.session.scalar(select(PartnerLink).where(PartnerLink.code == code)) is None:
                partner.links.append(PartnerLink(survey=survey, code=code, label=label))


@transactional
def add_synthetic_responses(survey: Survey, total: int, *, seed: int, comments: list[str]) -> int:
    """Add synthetic responses until the survey has `total` of them; return how many were added."""
    existing = db.session.scalar(
        select(func.count()).where(
            Response.survey_id == survey.id, Response.submission_token.like("demo-%")
        )
    )
    link_ids = list(
        db.session.scalars(select(PartnerLink.id).where(PartnerLink.survey_id == survey.id))
    )
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not security
    start = datetime.combine(survey.opens_on or date.today(), time(9), tzinfo=UTC)  # noqa: DTZ011
    days = max(((survey.closes_on or start.date()) - start.date()).days // 2, 1)
    made = 0
    for batch_start in range(existing, total, _BATCH):
        numbers = range(batch_start, min(batch_start + _BATCH, total))
        rows = [_response_row(survey, n, rng, start, days, link_ids) for n in numbers]
        ids = db.session.scalars(
            insert(Response).returning(Response.id, sort_by_parameter_order=True), rows
        ).all()
        answers = [a for rid in ids for a in _answer_rows(survey, rid, rng, comments)]
        db.session.execute(insert(Answer), answers)
        made += len(rows)
    return made


def _response_row(survey, number, rng, start, days, link_ids) -> dict:
    channel = rng.choices(list(_CHANNEL_WEIGHTS), weights=list(_CHANNEL_WEIGHTS.values()))[0]
    with_link = link_ids and channel in (Channel.ONLINE, Channel.EMBED) and rng.random() < 0.5
    return {
        "survey_id": survey.id,
        "submission_token": f"demo-{number:07d}",
        "receipt": f"D{number:09d}",
        "channel": channel,
        "partner_link_id": rng.choice(link_ids) if with_link else None,
        "language": rng.choices(["en", "cy", "ar"], weights=[90, 5, 5])[0],
        "status": "submitted",
        "people_count": rng.randint(3, 12) if channel == Channel.GROUP else 1,
        "submitted_at": start + timedelta(minutes=rng.randrange(days * 24 * 60)),
    }


def _answer_rows(survey: Survey, response_id: int, rng: random.Random, comments: list[str]):
    chosen: dict[int, int] = {}
    for question in survey.questions:
        rule = question.show_if_question_id
        if rule is not None and chosen.get(rule) not in (question.show_if_option_ids or []):
            continue
        if not question.required and rng.random() < 0.3:
            continue
        row = {
            "response_id": response_id,
            "question_id": question.id,
            "option_id": None,
            "text_value": None,
            "number_value": None,
        }
        yield from _answers_to(question, row, rng, comments, chosen)


def _answers_to(question: Question, row: dict, rng: random.Random, comments, chosen: dict):
    """Yield one question's synthetic answer rows; remember single choices for branching."""
    if question.kind == QuestionKind.FREE_TEXT:
        yield {**row, "text_value": rng.choice(comments)}
    elif question.kind == QuestionKind.WHOLE_NUMBER:
        yield {**row, "number_value": min(int(rng.expovariate(1 / 4)), 365)}
    elif question.kind == QuestionKind.MULTIPLE_CHOICE:
        for option in _several(question.options, rng):
            yield {**row, "option_id": option.id}
    else:
        weights = [len(question.options) - i + 1 for i in range(len(question.options))]
        chosen[question.id] = rng.choices(question.options, weights=weights)[0].id
        yield {**row, "option_id": chosen[question.id]}


def _several(options: list[Option], rng: random.Random) -> list[Option]:
    ordinary = [option for option in options if not option.exclusive]
    chosen = [option for option in ordinary if rng.random() < 0.35]
    return chosen or [next((o for o in options if o.exclusive), options[0])]
