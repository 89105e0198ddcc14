"""Create a blank survey and change its details: words, picture, framework, dates, settings.

After the first response the title and introduction may still be corrected, with a reason
that the report's method section lists; the framework cannot change then. Before it, the
framework can change only while no question is linked to the old framework's principles.
"""

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import Survey, SurveyStatus, WordingChange
from app.services import audit, frameworks, pictures
from app.services.builder import editing
from app.services.definitions import slugs
from app.services.errors import ServiceError
from app.services.transactions import transactional

TITLE_MAX = 200
TEXT_MAX = 5000
WORDING_FIELDS = ("title", "easy_read_title", "intro", "easy_read_intro", "contact")


@dataclass(frozen=True)
class SurveyDetails:
    """Everything about a survey that is not its questions, as the lead typed it."""

    title: str
    easy_read_title: str = ""
    intro: str = ""
    easy_read_intro: str = ""
    contact: str = ""
    picture_key: str = "survey"
    framework_key: str = frameworks.DEFAULT_FRAMEWORK_KEY
    opens_on: date | None = None
    closes_on: date | None = None
    kiosk_allowed: bool = True
    save_for_later_allowed: bool = True


def slug_for(title: str) -> str:
    """Return a lowercase-hyphenated web address part for a title, accents folded to ASCII."""
    return slugs.slugify(title) or "survey"


def free_slug(wanted: str) -> str:
    """Return `wanted`, or `wanted-2`, `wanted-3` … whichever no survey uses yet."""
    taken = set(db.session.scalars(select(Survey.slug).where(Survey.slug.startswith(wanted))))
    number = 1
    slug = wanted
    while slug in taken:
        number += 1
        slug = slugs.numbered(wanted, number)
    return slug


@transactional
def create_blank(actor: audit.Actor, details: SurveyDetails) -> Survey:
    """Create a draft survey with no questions yet."""
    clean = checked(details)
    survey = Survey(slug=free_slug(slug_for(clean.title)), status=SurveyStatus.DRAFT)
    _apply(survey, clean)
    db.session.add(survey)
    db.session.flush()
    audit.record(
        actor,
        "survey.created",
        subject="survey",
        subject_id=survey.id,
        survey_id=survey.id,
        version=survey.version,
    )
    return survey


@transactional
def update_details(
    actor: audit.Actor, survey_id: int, seen_version: int, details: SurveyDetails, reason: str = ""
) -> Survey:
    """Save a survey's details; after the first response, only with a reason for word changes."""
    clean = checked(details)
    with editing.change(survey_id, seen_version, actor, "survey.details_changed") as current:
        survey = current.survey
        changed = [name for name, value in asdict(clean).items() if _value(survey, name) != value]
        if current.has_responses():
            _refuse_meaning_change(changed)
            _record_wording(survey, clean, changed, reason, actor)
        if "framework_key" in changed:
            _refuse_if_principles_used(survey)
        _apply(survey, clean)
        current.details["fields"] = changed
    return survey


def checked(details: SurveyDetails) -> SurveyDetails:
    """Return the details with spaces trimmed, or raise the first problem in plain words."""
    clean = SurveyDetails(
        **{k: v.strip() if isinstance(v, str) else v for k, v in asdict(details).items()}
    )
    if not clean.title:
        raise ServiceError("Enter a title for the survey", field="title")
    _check_lengths(clean)
    if clean.picture_key not in pictures.picture_keys():
        raise ServiceError("Choose a picture from the library", field="picture_key")
    if frameworks.get_framework(clean.framework_key) is None:
        raise ServiceError("Choose one of the frameworks", field="framework_key")
    if clean.opens_on and clean.closes_on and clean.closes_on < clean.opens_on:
        raise ServiceError("The closing date must be after the opening date", field="closes_on")
    return clean


def _check_lengths(details: SurveyDetails) -> None:
    limits = {"title": TITLE_MAX, "easy_read_title": TITLE_MAX} | dict.fromkeys(
        ("intro", "easy_read_intro", "contact"), TEXT_MAX
    )
    for name, most in limits.items():
        if len(getattr(details, name)) > most:
            raise ServiceError(f"This must be {most:,} characters or fewer", field=name)


def _value(survey: Survey, name: str) -> object:
    if name == "framework_key":
        return survey.framework.key if survey.framework else None
    return getattr(survey, name)


def _apply(survey: Survey, details: SurveyDetails) -> None:
    for name, value in asdict(details).items():
        if name == "framework_key":
            survey.framework = frameworks.get_framework(value)
        else:
            setattr(survey, name, value)


def _refuse_meaning_change(changed: list[str]) -> None:
    if "framework_key" in changed:
        raise ServiceError(
            "People have already answered this survey, so its framework cannot change. "
            "Make a copy of the survey to use another framework.",
            field="framework_key",
        )


def _refuse_if_principles_used(survey: Survey) -> None:
    """Refuse a new framework while questions are linked to the old framework's principles."""
    tagged = [str(question.position) for question in survey.questions if question.principles]
    if not tagged:
        return
    which = (
        f"Question {tagged[0]} is"
        if len(tagged) == 1
        else f"Questions {', '.join(tagged[:-1])} and {tagged[-1]} are"
    )
    raise ServiceError(
        f"{which} linked to principles of the framework the survey uses now. "
        "Remove the principles from the questions first, then change the framework.",
        field="framework_key",
    )


def _record_wording(
    survey: Survey, details: SurveyDetails, changed: list[str], reason: str, actor: audit.Actor
) -> None:
    words = [name for name in changed if name in WORDING_FIELDS]
    if words and not reason.strip():
        raise ServiceError(
            "People have already answered this survey. Say why you are changing its words: "
            "the report lists every change.",
            field="reason",
        )
    for name in words:
        db.session.add(
            WordingChange(
                survey_id=survey.id,
                entity="survey",
                entity_id=survey.id,
                field=name,
                old_text=getattr(survey, name),
                new_text=getattr(details, name),
                reason=reason.strip(),
                changed_by_id=actor.user_id,
            )
        )
