"""The responses export: one CSV row per response, streamed, safe to open in a spreadsheet.

Every text cell goes through `reports.tables.formula_safe`, so nothing a resident typed can
run as a formula (docs/bad-input.md BAD-22, BAD-23). The header, partner links and kiosk
venues are read before the download starts; the rows then stream in batches from one query
on a connection of their own, because the request's session is closed by the time a
streamed body is read.
"""

import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Row, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Answer, Kiosk, PartnerLink, Question, Response
from app.services import audit, surveys
from app.services.transactions import transactional

LONDON = ZoneInfo("Europe/London")
FIXED_COLUMNS = [
    "Reference", "Sent (UK time)", "Channel", "Partner", "Link", "Kiosk venue",
    "People it speaks for", "Facilitator", "Organisation", "Session date",
    "How they answered", "Language", "Imported from", "Imported row",
]  # fmt: skip
_BATCH = 1000
_RESPONSE_COLUMNS = (
    Response.id, Response.receipt, Response.submitted_at, Response.channel,
    Response.partner_link_id, Response.kiosk_id, Response.people_count, Response.facilitator,
    Response.organisation, Response.session_date, Response.support, Response.language,
    Response.source_file, Response.source_row,
)  # fmt: skip
_ANSWER_COLUMNS = (Answer.question_id, Answer.option_id, Answer.number_value, Answer.text_value)


@dataclass(frozen=True)
class _Lookups:
    """Plain values read before streaming: question ids, option labels, links and venues."""

    question_ids: list[int]
    labels: dict[int, str]
    links: dict[int, tuple[str, str]]
    venues: dict[int, str]


@transactional
def responses_csv(survey_id: int) -> Iterator[str]:
    """Return the survey's responses as CSV text, header first; raise NotFound first.

    Every answer of every resident is a read of personal data: it goes in the audit log.
    """
    survey = surveys.get_survey(survey_id)
    audit.record(
        audit.current_actor(), "responses.export", subject="survey", subject_id=survey.id,
        survey_id=survey.id,
    )  # fmt: skip
    questions = list(
        db.session.scalars(
            select(Question)
            .where(Question.survey_id == survey.id)
            .order_by(Question.position)
            .options(selectinload(Question.options))
        )
    )
    header = _line(FIXED_COLUMNS + [f"Q{q.position} {q.text}" for q in questions])
    lookups = _Lookups(
        question_ids=[q.id for q in questions],
        labels={o.id: o.label for q in questions for o in q.options},
        links=_links(survey.id),
        venues=dict(db.session.execute(select(Kiosk.id, Kiosk.venue)).all()),
    )
    return itertools.chain([header], _rows(db.engine, survey.id, lookups))


def _rows(engine: Engine, survey_id: int, lookups: _Lookups) -> Iterator[str]:
    """Yield one CSV line per response, from one streamed query (each answer a row)."""
    query = (
        select(*_RESPONSE_COLUMNS, *_ANSWER_COLUMNS)
        .outerjoin(Answer, Answer.response_id == Response.id)
        .where(Response.survey_id == survey_id)
        .order_by(Response.submitted_at, Response.id, Answer.id)
    )
    with engine.connect() as connection:
        rows = connection.execution_options(stream_results=True, yield_per=_BATCH).execute(query)
        for _, group in itertools.groupby(rows, key=lambda row: row.id):
            answered = list(group)
            answers = _answers_by_question(answered, lookups.labels)
            yield _line(
                _fixed(answered[0], lookups)
                + [answers.get(question_id, "") for question_id in lookups.question_ids]
            )


def _fixed(response: Row, lookups: _Lookups) -> list[str]:
    partner, label = lookups.links.get(response.partner_link_id, ("", ""))
    when = response.submitted_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M")
    return [
        response.receipt, when, response.channel.value, partner, label,
        lookups.venues.get(response.kiosk_id, ""), str(response.people_count),
        response.facilitator or "", response.organisation or "",
        response.session_date.isoformat() if response.session_date else "",
        response.support.value if response.support else "", response.language,
        response.source_file or "", str(response.source_row or ""),
    ]  # fmt: skip


def _links(survey_id: int) -> dict[int, tuple[str, str]]:
    rows = db.session.scalars(
        select(PartnerLink)
        .where(PartnerLink.survey_id == survey_id)
        .options(selectinload(PartnerLink.partner))
    )
    return {link.id: (link.partner.name, link.label) for link in rows}


def _answers_by_question(answers: Iterable[Row], labels: dict[int, str]) -> dict[int, str]:
    found: dict[int, list[str]] = {}
    for answer in answers:
        if answer.question_id is None:  # a response with no answers at all
            continue
        if answer.option_id is not None:
            value = labels.get(answer.option_id, "")
        elif answer.number_value is not None:
            value = str(answer.number_value)
        else:
            value = answer.text_value or ""
        found.setdefault(answer.question_id, []).append(value)
    return {question_id: "; ".join(values) for question_id, values in found.items()}


def _line(cells: list[str]) -> str:
    from reports.tables import formula_safe  # with openpyxl: only for a download

    buffer = io.StringIO()
    csv.writer(buffer).writerow([formula_safe(cell) for cell in cells])
    return buffer.getvalue()
