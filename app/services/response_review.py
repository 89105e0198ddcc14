"""Staff look through a survey's responses 50 at a time, read one, and delete one.

Services layer, Flask-free. Pages are found by keyset (`id < before`, newest first), never
by OFFSET, so the hundredth page of 100,000 responses costs what the first does, and each
page is a fixed handful of statements whatever its size. Reading one response is a read of
personal data and deleting one is a change: both are recorded in the audit log.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, func, not_, select
from sqlalchemy.sql import Select

from app.extensions import db
from app.models import (
    Answer,
    Channel,
    Kiosk,
    Partner,
    PartnerLink,
    Question,
    ReportJob,
    Response,
)
from app.services import audit, retention, surveys
from app.services.errors import NotFound, ServiceError
from app.services.form_input import an_id, iso_date, whole_number
from app.services.transactions import transactional

PAGE_SIZE = 50
LONDON = ZoneInfo("Europe/London")
REASON_MAX_CHARACTERS = 500
DATE_HELP = "Enter dates as YYYY-MM-DD, like 2026-03-27"


@dataclass(frozen=True)
class Filters:
    """Which responses to list; None means any."""

    date_from: date | None = None
    date_to: date | None = None
    channel: str | None = None
    partner_id: int | None = None
    kiosk_id: int | None = None
    complete: bool | None = None

    def as_query(self) -> dict[str, str]:
        """Return the filters as query-string values, for links to other pages."""
        values = {
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "channel": self.channel,
            "partner": str(self.partner_id) if self.partner_id else None,
            "kiosk": str(self.kiosk_id) if self.kiosk_id else None,
            "complete": {True: "yes", False: "no", None: None}[self.complete],
        }
        return {name: value for name, value in values.items() if value}


@dataclass(frozen=True)
class ResponseRow:
    """One line of the responses page."""

    id: int
    receipt: str
    submitted_at: datetime
    channel: str
    partner: str | None
    kiosk: str | None
    people_count: int
    language: str
    complete: bool
    personal_data_removed: bool


@dataclass(frozen=True)
class ResponsePage:
    """Up to 50 responses, and the keys of the pages either side (None: no such page)."""

    rows: list[ResponseRow]
    matching: int
    newer_than: int | None = None  # ?after= for the newer page
    older_than: int | None = None  # ?before= for the older page


@dataclass(frozen=True)
class AnswerShown:
    """One question of a response, with every answer given to it."""

    position: int
    question: str
    answers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ResponseShown:
    """One response with all its answers, question by question."""

    row: ResponseRow
    facilitator: str | None
    organisation: str | None
    session_date: date | None
    source: str | None
    answers: list[AnswerShown]


def filters_from_query(args) -> Filters:
    """Read the filters from a query string; raise ServiceError naming the box to put right."""
    date_from, date_to = _day(args, "from"), _day(args, "to")
    channel = args.get("channel") or None
    if channel is not None and channel not in {c.value for c in Channel}:
        raise ServiceError("Choose a channel from the list", field="channel")
    complete = {"yes": True, "no": False}.get(args.get("complete", ""))
    return Filters(
        date_from=date_from,
        date_to=date_to,
        channel=channel,
        partner_id=an_id(args.get("partner")) or None,
        kiosk_id=an_id(args.get("kiosk")) or None,
        complete=complete,
    )


def list_responses(
    survey_id: int, filters: Filters, *, before: int | None = None, after: int | None = None
) -> ResponsePage:
    """Return one page of a survey's responses, newest first: older than `before`, or newer
    than `after`, or the newest."""
    surveys.get_survey(survey_id)
    matching = _filtered(select(Response.id), survey_id, filters)
    query = _filtered(_row_columns(survey_id), survey_id, filters)
    if after is not None:
        found = list(
            db.session.execute(
                query.where(Response.id > after).order_by(Response.id).limit(PAGE_SIZE + 1)
            )
        )
        more_newer, found = len(found) > PAGE_SIZE, found[:PAGE_SIZE][::-1]
        more_older = bool(found)
    else:
        if before is not None:
            query = query.where(Response.id < before)
        found = list(db.session.execute(query.order_by(Response.id.desc()).limit(PAGE_SIZE + 1)))
        more_older, found = len(found) > PAGE_SIZE, found[:PAGE_SIZE]
        more_newer = before is not None and bool(found)
    rows = [_row(found_row) for found_row in found]
    count = db.session.scalar(select(func.count()).select_from(matching.subquery()))
    return ResponsePage(
        rows=rows,
        matching=count,
        newer_than=rows[0].id if rows and more_newer else None,
        older_than=rows[-1].id if rows and more_older else None,
    )


def filter_choices(survey_id: int) -> dict[str, list[tuple[int, str]]]:
    """Return the partners and kiosks of a survey, for the filter's lists."""
    partners = db.session.execute(
        select(Partner.id, Partner.name)
        .join(PartnerLink, PartnerLink.partner_id == Partner.id)
        .where(PartnerLink.survey_id == survey_id)
        .distinct()
        .order_by(Partner.name)
    )
    kiosks = db.session.execute(
        select(Kiosk.id, Kiosk.venue).where(Kiosk.survey_id == survey_id).order_by(Kiosk.venue)
    )
    return {"partners": [tuple(row) for row in partners], "kiosks": [tuple(row) for row in kiosks]}


def find_response(survey_id: int, response_id: int) -> ResponseRow:
    """Return one response's line of the list (no answers), or raise NotFound."""
    found = db.session.execute(
        _row_columns(survey_id).where(Response.survey_id == survey_id, Response.id == response_id)
    ).first()
    if found is None:
        raise NotFound("We cannot find this response")
    return _row(found)


@transactional
def read_response(actor: audit.Actor, survey_id: int, response_id: int) -> ResponseShown:
    """Return one response with every answer, and record that this person read it."""
    row = find_response(survey_id, response_id)
    response = db.session.get(Response, response_id)
    audit.record(
        actor, "response.viewed", subject="response", subject_id=response_id, survey_id=survey_id
    )
    return ResponseShown(
        row=row,
        facilitator=response.facilitator,
        organisation=response.organisation,
        session_date=response.session_date,
        source=_source(response),
        answers=_answers(survey_id, response_id),
    )


@transactional
def delete_response(actor: audit.Actor, survey_id: int, response_id: int, reason: str) -> None:
    """Delete one response with its answers, themes and quotes; the reason goes in the log."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ServiceError("Enter why you are deleting this response", field="reason")
    if len(reason) > REASON_MAX_CHARACTERS:
        raise ServiceError(
            f"The reason must be {REASON_MAX_CHARACTERS} characters or fewer", field="reason"
        )
    ids = select(Response.id).where(Response.survey_id == survey_id, Response.id == response_id)
    if not retention.delete_responses(ids):
        raise NotFound("We cannot find this response")
    retention.drop_report_files(ReportJob.survey_id == survey_id)
    audit.record(
        actor,
        "response.deleted",
        subject="response",
        subject_id=response_id,
        survey_id=survey_id,
        reason=reason,
    )


def page_key(text: str | None) -> int | None:
    """Return a page's key from the query string (None: the first page)."""
    try:
        return whole_number(text)
    except ValueError:
        return None


def _day(args, name: str) -> date | None:
    return iso_date(args.get(name), field=name, message=DATE_HELP)


def _complete(survey_id: int):
    """Every required question asked of everyone (no branch rule) has an answer."""
    unanswered = (
        select(Question.id)
        .where(
            Question.survey_id == survey_id,
            Question.required.is_(True),
            Question.show_if_question_id.is_(None),
            not_(
                select(Answer.id)
                .where(Answer.response_id == Response.id, Answer.question_id == Question.id)
                .correlate(Response, Question)
                .exists()
            ),
        )
        .correlate(Response)
    )
    return not_(exists(unanswered))


def _row_columns(survey_id: int) -> Select:
    return (
        select(
            Response.id,
            Response.receipt,
            Response.submitted_at,
            Response.channel,
            Partner.name.label("partner"),
            Kiosk.venue.label("kiosk"),
            Response.people_count,
            Response.language,
            _complete(survey_id).label("complete"),
        )
        .outerjoin(PartnerLink, PartnerLink.id == Response.partner_link_id)
        .outerjoin(Partner, Partner.id == PartnerLink.partner_id)
        .outerjoin(Kiosk, Kiosk.id == Response.kiosk_id)
    )


def _filtered(query: Select, survey_id: int, filters: Filters) -> Select:
    conditions = [Response.survey_id == survey_id]
    if filters.date_from:
        conditions.append(Response.submitted_at >= _london_midnight(filters.date_from))
    if filters.date_to:
        conditions.append(Response.submitted_at < _london_midnight(filters.date_to, next_day=True))
    if filters.channel:
        conditions.append(Response.channel == Channel(filters.channel))
    if filters.partner_id:
        links = select(PartnerLink.id).where(PartnerLink.partner_id == filters.partner_id)
        conditions.append(Response.partner_link_id.in_(links))
    if filters.kiosk_id:
        conditions.append(Response.kiosk_id == filters.kiosk_id)
    if filters.complete is not None:
        complete = _complete(survey_id)
        conditions.append(complete if filters.complete else not_(complete))
    return query.where(and_(*conditions))


def _london_midnight(day: date, *, next_day: bool = False) -> datetime:
    day = day + timedelta(days=1) if next_day else day
    return datetime.combine(day, time(), tzinfo=LONDON)


def _row(found) -> ResponseRow:
    return ResponseRow(
        id=found.id,
        receipt=found.receipt,
        submitted_at=found.submitted_at,
        channel=Channel(found.channel).value,
        partner=found.partner,
        kiosk=found.kiosk,
        people_count=found.people_count,
        language=found.language,
        complete=bool(found.complete),
        personal_data_removed=found.receipt.startswith(retention.REMOVED_RECEIPT_PREFIX),
    )


def _source(response: Response) -> str | None:
    if not response.source_file:
        return None
    return f"{response.source_file}, row {response.source_row}"


def _answers(survey_id: int, response_id: int) -> list[AnswerShown]:
    survey = surveys.get_survey(survey_id)
    labels = {option.id: option.label for q in survey.questions for option in q.options}
    given: dict[int, list[str]] = {}
    for answer in db.session.scalars(select(Answer).where(Answer.response_id == response_id)):
        given.setdefault(answer.question_id, []).append(_answer_words(answer, labels))
    return [
        AnswerShown(question.position, question.text, given.get(question.id, []))
        for question in survey.questions
    ]


def _answer_words(answer: Answer, labels: dict[int, str]) -> str:
    if answer.option_id is not None:
        return labels.get(answer.option_id, "An answer that has since been removed")
    if answer.number_value is not None:
        return str(answer.number_value)
    return answer.text_value if answer.text_value else "(words removed)"
