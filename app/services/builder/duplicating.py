"""Copy a survey: its words, questions, answers, pictures, principles, branch rules and
translations — never its responses. The copy is a draft with a fresh address.
"""

from sqlalchemy import select

from app.extensions import db
from app.models import Option, Question, Survey, SurveyStatus, Translation
from app.services import audit
from app.services.builder import details, editing
from app.services.transactions import transactional

SURVEY_FIELDS = (
    "title", "easy_read_title", "intro", "easy_read_intro", "contact", "picture_key",
    "framework_id", "opens_on", "closes_on", "kiosk_allowed", "save_for_later_allowed",
)  # fmt: skip
QUESTION_FIELDS = (
    "position", "kind", "text", "easy_read_text", "hint", "picture_key", "required",
    "max_choices", "min_number", "max_number", "section",
)  # fmt: skip
OPTION_FIELDS = ("position", "label", "easy_read_label", "picture_key", "exclusive")


@transactional
def duplicate(actor: audit.Actor, survey_id: int) -> Survey:
    """Create a draft copy of a survey, without its responses."""
    original = editing.get_survey(survey_id)
    copy = Survey(status=SurveyStatus.DRAFT, **{f: getattr(original, f) for f in SURVEY_FIELDS})
    copy.title = f"Copy of {original.title}"[: details.TITLE_MAX]
    copy.slug = details.free_slug(original.slug)
    db.session.add(copy)
    ids = {("survey", original.id): copy}
    for question in original.questions:
        new_question = Question(**{f: getattr(question, f) for f in QUESTION_FIELDS})
        new_question.principles = list(question.principles)
        copy.questions.append(new_question)
        ids[("question", question.id)] = new_question
        for option in question.options:
            new_option = Option(**{f: getattr(option, f) for f in OPTION_FIELDS})
            new_question.options.append(new_option)
            ids[("option", option.id)] = new_option
    db.session.flush()
    _copy_rules(original, ids)
    _copy_translations(ids)
    audit.record(
        actor, "survey.duplicated", subject="survey", subject_id=copy.id, survey_id=copy.id,
        version=copy.version, copied_from=original.id,
    )  # fmt: skip
    return copy


def _copy_rules(original: Survey, ids: dict) -> None:
    for question in original.questions:
        if question.show_if_question_id is None:
            continue
        new_question = ids[("question", question.id)]
        new_question.show_if_question_id = ids[("question", question.show_if_question_id)].id
        new_question.show_if_option_ids = [
            ids[("option", option_id)].id for option_id in question.show_if_option_ids or []
        ]


def _copy_translations(ids: dict) -> None:
    for entity in ("survey", "question", "option"):
        old_ids = [old_id for kind, old_id in ids if kind == entity]
        rows = db.session.scalars(
            select(Translation).where(
                Translation.entity == entity, Translation.entity_id.in_(old_ids)
            )
        )
        for row in list(rows):
            db.session.add(
                Translation(
                    entity=entity,
                    entity_id=ids[(entity, row.entity_id)].id,
                    language=row.language,
                    field=row.field,
                    text=row.text,
                )
            )
