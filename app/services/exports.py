"""The responses export: one CSV row per response, streamed, safe to open in a spreadsheet.

Every text cell goes through `reports.tables.formula_safe`, so nothing a resident typed can
run as a formula (BAD-22, BAD-23). Rows are read in batches, never all at once.
"""

import csv
import io
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Answer, Kiosk, PartnerLink, Response, Survey
from reports.tables import formula_safe

LONDON = ZoneInfo("Europe/London")
FIXED_COLUMNS = [
    "Reference", "Sent (UK time)", "Channel", "Partner", "Link", "Kiosk venue",
    "People it speaks for", "Facilitator", "Organisation", "Session date",
    "How they answered", "Language", "Imported from", "Imported row",
]  # fmt: skip
_BATCH = 1000


def responses_csv(survey: Survey) -> Iterator[str]:
    """Yield the survey's responses as CSV text, header first."""
    questions = list(survey.questions)
    labels = {o.id: o.label for q in questions for o in q.options}
    yield _line(FIXED_COLUMNS + [f"Q{q.position} {q.text}" for q in questions])
    query = (
        select(Response)
        .where(Response.survey_id == survey.id)
        .order_by(Response.submitted_at, Response.id)
        .options(selectinload(Response.answers))
        .execution_options(yield_per=_BATCH)
    )
    links = _links(survey.id)
    venues = dict(db.session.execute(select(Kiosk.id, Kiosk.venue)).all())
    for response in db.session.scalars(query):
        answers = _answers_by_question(response.answers, labels)
        yield _line(_fixed(response, links, venues) + [answers.get(q.id, "") for q in questions])


def _fixed(response: Response, links: dict, venues: dict) -> list[str]:
    partner, label = links.get(response.partner_link_id, ("", ""))
    when = response.submitted_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M")
    return [
        response.receipt, when, response.channel.value, partner, label,
        venues.get(response.kiosk_id, ""), str(response.people_count),
        response.facilitator or "", response.organisation or "",
        response.session_date.isoformat() if response.session_date else "",
        response.support.value if response.support else "", response.language,
        response.source_file or "", str(response.source_row or ""),
    ]  # fmt: skip


def _links(survey_id: int) -> dict[int, tuple[str, str]]:
    rows = db.session.scalars(select(PartnerLink).where(PartnerLink.survey_id == survey_id))
    return {link.id: (link.partner.name, link.label) for link in rows}


def _answers_by_question(answers: list[Answer], labels: dict[int, str]) -> dict[int, str]:
    found: dict[int, list[str]] = {}
    for answer in answers:
        if answer.option_id is not None:
            value = labels.get(answer.option_id, "")
        elif answer.number_value is not None:
            value = str(answer.number_value)
        else:
            value = answer.text_value or ""
        found.setdefault(answer.question_id, []).append(value)
    return {question_id: "; ".join(values) for question_id, values in found.items()}


def _line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([formula_safe(cell) for cell in cells])
    return buffer.getvalue()
