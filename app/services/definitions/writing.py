"""Create a draft survey from a definition, in one transaction: all of it is written, or nothing.

The definition is checked again against the frameworks in the database (the rows the survey
will point at), and its slug against the surveys already there; a slug in use is refused
with a free one suggested. Branch rules and translations need the new rows' ids, so they
are written after a flush, inside the same transaction.
"""

from dataclasses import replace

from sqlalchemy import select

from app.extensions import db
from app.models import Framework, Option, Question, Survey, SurveyStatus, Translation
from app.services.definitions.checks import FrameworkFacts, validate
from app.services.definitions.schema import (
    DefinitionRefused,
    OptionDefinition,
    Problem,
    QuestionDefinition,
    SurveyDefinition,
    Translations,
)
from app.services.definitions.slugs import numbered, slugify
from app.services.frameworks import load_all_frameworks
from app.services.transactions import transactional


@transactional
def create_survey(definition: SurveyDefinition, *, slug: str | None = None) -> Survey:
    """Create a draft survey from the definition, under `slug` when given, or refuse it."""
    if slug is not None:
        # The slug asked for replaces the file's, so no problem points at the file's line.
        lines = {path: line for path, line in definition.lines.items() if path != ("slug",)}
        definition = replace(definition, slug=slug, lines=lines)
    frameworks = _frameworks()
    problems = validate(definition, frameworks={key: _facts(f) for key, f in frameworks.items()})
    chosen = definition.slug or slugify(definition.title)
    if not problems:
        problems = _slug_taken(chosen, definition)
    if problems:
        raise DefinitionRefused(problems)
    framework = frameworks[definition.framework]
    survey = _survey(definition, chosen, framework)
    db.session.add(survey)
    db.session.flush()
    _write_branches(survey, definition)
    _write_translations(survey, definition)
    db.session.flush()
    return survey


def _frameworks() -> dict[str, Framework]:
    frameworks = {f.key: f for f in db.session.scalars(select(Framework))}
    # A fresh database has none until the shipped files are loaded (in this same transaction).
    return frameworks or {f.key: f for f in load_all_frameworks()}


def _facts(framework: Framework) -> FrameworkFacts:
    keys = tuple(principle.key for principle in framework.principles)
    return FrameworkFacts(framework.key, framework.title, keys)


def _slug_taken(chosen: str, definition: SurveyDefinition) -> list[Problem]:
    taken = set(
        db.session.scalars(
            select(Survey.slug).where((Survey.slug == chosen) | Survey.slug.like(f"{chosen}-%"))
        )
    )
    if chosen not in taken:
        return []
    free = next(
        numbered(chosen, n) for n in range(2, len(taken) + 3) if numbered(chosen, n) not in taken
    )
    message = (
        f"Another survey already has the web address '{chosen}'. "
        f"Use another slug, such as '{free}'."
    )
    line = definition.lines.get(("slug",)) or definition.lines.get(("title",))
    return [Problem(message, ("slug",), line)]


def _survey(definition: SurveyDefinition, slug: str, framework: Framework) -> Survey:
    survey = Survey(
        slug=slug,
        framework=framework,
        status=SurveyStatus.DRAFT,
        title=definition.title,
        easy_read_title=definition.easy_read_title,
        intro=definition.intro,
        easy_read_intro=definition.easy_read_intro,
        contact=definition.contact,
        picture_key=definition.picture_key,
        opens_on=definition.opens_on,
        closes_on=definition.closes_on,
        kiosk_allowed=definition.kiosk_allowed,
        save_for_later_allowed=definition.save_for_later_allowed,
    )
    principles = {principle.key: principle for principle in framework.principles}
    for position, question in enumerate(definition.questions, start=1):
        survey.questions.append(_question(position, question, principles))
    return survey


def _question(position: int, item: QuestionDefinition, principles: dict) -> Question:
    question = Question(
        position=position,
        kind=item.kind,
        text=item.text,
        easy_read_text=item.easy_read_text,
        hint=item.hint,
        picture_key=item.picture_key,
        required=item.required,
        section=item.section,
        max_choices=item.max_choices,
        min_number=item.min_number,
        max_number=item.max_number,
        principles=[principles[key] for key in item.principles],
    )
    for option_position, option in enumerate(item.options, start=1):
        question.options.append(_option(option_position, option))
    return question


def _option(position: int, item: OptionDefinition) -> Option:
    return Option(
        position=position,
        label=item.label,
        easy_read_label=item.easy_read_label,
        picture_key=item.picture_key,
        exclusive=item.exclusive,
    )


def _write_branches(survey: Survey, definition: SurveyDefinition) -> None:
    for question, item in zip(survey.questions, definition.questions, strict=True):
        if item.show_if is None:
            continue
        earlier = survey.questions[item.show_if.question - 1]
        labels = set(item.show_if.options)
        question.show_if_question_id = earlier.id
        question.show_if_option_ids = [o.id for o in earlier.options if o.label in labels]


def _write_translations(survey: Survey, definition: SurveyDefinition) -> None:
    _add_translations("survey", survey.id, definition.translations)
    for question, item in zip(survey.questions, definition.questions, strict=True):
        _add_translations("question", question.id, item.translations)
        for option, option_item in zip(question.options, item.options, strict=True):
            _add_translations("option", option.id, option_item.translations)


def _add_translations(entity: str, entity_id: int, translations: Translations) -> None:
    for language, fields in translations.items():
        for name, text in fields.items():
            db.session.add(
                Translation(
                    entity=entity, entity_id=entity_id, language=language, field=name, text=text
                )
            )
