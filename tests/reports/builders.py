"""Build report test data through the real models, and read PDFs the way a checker would.

Keyword-only helpers: responses with chosen answers, partners with links, actions, themes and
quotes; and PDF readers for text, pages and the tag tree.
"""

import io
import itertools
import logging
from datetime import UTC, datetime

import pikepdf
from pypdf import PdfReader

from app.extensions import db
from app.models import Action, Answer, Partner, PartnerLink, Quote, Response, Theme

_numbers = itertools.count(1)
SUBMITTED = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


def add_response(
    survey,
    *,
    options: dict[int, str | list[str]] | None = None,
    texts: dict[int, str] | None = None,
    numbers: dict[int, int] | None = None,
    channel: str = "online",
    people: int = 1,
    link: PartnerLink | None = None,
    submitted_at: datetime = SUBMITTED,
    support: str | None = None,
) -> Response:
    """Add one submitted response; options map question positions to option labels."""
    number = next(_numbers)
    response = Response(
        survey_id=survey.id,
        submission_token=f"test-{number:08d}",
        receipt=f"T{number:09d}",
        channel=channel,
        people_count=people,
        partner_link_id=link.id if link else None,
        submitted_at=submitted_at,
        support=support,
    )
    questions = {question.position: question for question in survey.questions}
    for position, labels in (options or {}).items():
        for label in [labels] if isinstance(labels, str) else labels:
            option = next(o for o in questions[position].options if o.label == label)
            response.answers.append(Answer(question_id=questions[position].id, option_id=option.id))
    for position, text in (texts or {}).items():
        response.answers.append(Answer(question_id=questions[position].id, text_value=text))
    for position, value in (numbers or {}).items():
        response.answers.append(Answer(question_id=questions[position].id, number_value=value))
    db.session.add(response)
    db.session.commit()
    return response


def add_answers(survey, counts: dict[str, int], **fields) -> None:
    """Add, for each label of question 1, that many responses choosing it."""
    for label, count in counts.items():
        for _ in range(count):
            add_response(survey, options={1: label}, **fields)


def add_partner_link(survey, *, name: str, code: str, label: str = "Poster") -> PartnerLink:
    """Add a partner (or reuse one by name) with a tracked link for the survey."""
    partner = db.session.query(Partner).filter_by(name=name).one_or_none() or Partner(name=name)
    link = PartnerLink(partner=partner, survey_id=survey.id, code=code, label=label)
    db.session.add(link)
    db.session.commit()
    return link


def add_action(survey, *, principle=None, theme=None, **fields) -> Action:
    """Add a "you said, we did" action."""
    action = Action(
        survey_id=survey.id,
        principle_id=principle.id if principle else None,
        theme_id=theme.id if theme else None,
        **fields,
    )
    db.session.add(action)
    db.session.commit()
    return action


def add_theme(survey, *, name: str, answers: list[Answer], status: str = "accepted") -> Theme:
    """Add a theme and give it to some free-text answers."""
    theme = Theme(survey_id=survey.id, name=name, status=status)
    theme.answers.extend(answers)
    db.session.add(theme)
    db.session.commit()
    return theme


def add_quote(answer: Answer, *, text: str, approved: bool) -> Quote:
    """Mark a free-text answer as a quote, approved for publication or not."""
    quote = Quote(
        answer_id=answer.id,
        redacted_text=text,
        approved=approved,
        approved_at=SUBMITTED if approved else None,
    )
    db.session.add(quote)
    db.session.commit()
    return quote


class WeasyPrintErrors(logging.Handler):
    """Collect every ERROR that WeasyPrint logs while it is attached (docs/accessibility.md R7)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> "WeasyPrintErrors":
        logging.getLogger("weasyprint").addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        logging.getLogger("weasyprint").removeHandler(self)


def page_texts(pdf: bytes) -> list[str]:
    """Return the text of each page, with runs of white space made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_lines(pdf: bytes) -> list[str]:
    """Return every line of text in the PDF."""
    return [
        " ".join(line.split())
        for page in PdfReader(io.BytesIO(pdf)).pages
        for line in page.extract_text().splitlines()
    ]


def structure_elements(pdf: bytes) -> list[tuple[str, str]]:
    """Return the (tag, alt text) of each element of the PDF's tag tree, depth first."""
    found: list = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        _walk(document.Root.StructTreeRoot.get("/K"), found)
        return [(str(element.get("/S")), str(element.get("/Alt", ""))) for element in found]


def _walk(node, found: list) -> None:
    if isinstance(node, pikepdf.Array):
        for child in node:
            _walk(child, found)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        found.append(node)
        _walk(node.get("/K"), found)


def heading_levels(pdf: bytes) -> list[int]:
    """Return the level of every heading tag (/H1 … /H6) in reading order."""
    return [int(tag[2]) for tag, _ in structure_elements(pdf) if tag[:2] == "/H" and len(tag) == 3]


def headings_skip_a_level(levels: list[int]) -> bool:
    """Say whether the headings start below level 1 or ever go down more than one level."""
    previous = 0
    for level in levels:
        if level > previous + 1:
            return True
        previous = level
    return False
