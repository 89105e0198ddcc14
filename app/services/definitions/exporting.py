"""Give a survey back as a definition file: YAML by default, JSON on request.

Only what differs from the schema's defaults is written, so an exported file reads like
one a person wrote; importing it again makes the same survey. Responses, status and ids
stay behind: a definition is the survey's content, not its history.
"""

import json
from dataclasses import fields
from typing import Literal

import yaml
from sqlalchemy import and_, or_, select

from app.extensions import db
from app.models import QuestionKind, Survey, Translation
from app.services.definitions.schema import (
    SCHEMA_VERSION,
    BranchDefinition,
    OptionDefinition,
    QuestionDefinition,
    SurveyDefinition,
)

Format = Literal["yaml", "json"]


def export(survey: Survey, *, format: Format = "yaml") -> str:
    """Return the survey as the text of a definition file."""
    return dump(definition_of(survey), format=format)


def definition_of(survey: Survey) -> SurveyDefinition:
    """Return the definition of a survey in the database, with its translations."""
    translated = _translations(survey)
    questions = tuple(
        _question(question, survey.questions, translated) for question in survey.questions
    )
    return SurveyDefinition(
        framework=survey.framework.key,
        title=survey.title,
        slug=survey.slug,
        easy_read_title=survey.easy_read_title or "",
        intro=survey.intro or "",
        easy_read_intro=survey.easy_read_intro or "",
        contact=survey.contact or "",
        picture_key=survey.picture_key or "survey",
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        kiosk_allowed=survey.kiosk_allowed,
        save_for_later_allowed=survey.save_for_later_allowed,
        questions=questions,
        translations=translated.get(("survey", survey.id), {}),
    )


def _question(question, questions: list, translated: dict) -> QuestionDefinition:
    options = tuple(
        OptionDefinition(
            label=option.label,
            easy_read_label=option.easy_read_label or "",
            picture_key=option.picture_key or "",
            exclusive=option.exclusive,
            translations=translated.get(("option", option.id), {}),
        )
        for option in question.options
    )
    return QuestionDefinition(
        kind=question.kind,
        text=question.text,
        easy_read_text=question.easy_read_text or "",
        hint=question.hint or "",
        picture_key=question.picture_key or "question",
        required=question.required,
        section=question.section,
        principles=tuple(principle.key for principle in question.principles),
        max_choices=question.max_choices,
        min_number=question.min_number,
        max_number=question.max_number,
        options=options,
        show_if=_branch(question, questions),
        translations=translated.get(("question", question.id), {}),
    )


def _branch(question, questions: list) -> BranchDefinition | None:
    earlier = next((q for q in questions if q.id == question.show_if_question_id), None)
    if earlier is None:
        return None
    chosen = set(question.show_if_option_ids or [])
    labels = tuple(option.label for option in earlier.options if option.id in chosen)
    return BranchDefinition(questions.index(earlier) + 1, labels)


def _translations(survey: Survey) -> dict[tuple[str, int], dict[str, dict[str, str]]]:
    question_ids = [question.id for question in survey.questions]
    option_ids = [option.id for question in survey.questions for option in question.options]
    rows = db.session.scalars(
        select(Translation)
        .where(
            or_(
                and_(Translation.entity == "survey", Translation.entity_id == survey.id),
                and_(Translation.entity == "question", Translation.entity_id.in_(question_ids)),
                and_(Translation.entity == "option", Translation.entity_id.in_(option_ids)),
            )
        )
        .order_by(Translation.language, Translation.id)
    )
    found: dict[tuple[str, int], dict[str, dict[str, str]]] = {}
    for row in rows:
        if row.text:
            by_language = found.setdefault((row.entity, row.entity_id), {})
            by_language.setdefault(row.language, {})[row.field] = row.text
    return found


def to_mapping(definition: SurveyDefinition) -> dict:
    """Return the definition as plain keys and values, leaving out every default."""
    found = _without_defaults(definition)
    slug = {"slug": found.pop("slug")} if "slug" in found else {}
    return {"schema_version": SCHEMA_VERSION, **slug, **found}


def _without_defaults(thing) -> dict:
    found = {}
    for item in fields(thing):
        value = getattr(thing, item.name)
        if item.name == "lines" or value == _default(item):
            continue
        found[item.name] = _plain(value)
    return found


def _default(item):
    return item.default_factory() if callable(item.default_factory) else item.default


def _plain(value):
    if isinstance(value, tuple):
        return [_plain(part) for part in value]
    if isinstance(value, OptionDefinition | QuestionDefinition | BranchDefinition):
        return _without_defaults(value)
    if isinstance(value, dict):
        return {key: _plain(part) for key, part in value.items()}
    if isinstance(value, QuestionKind):
        return value.value
    return value


class _Dumper(yaml.SafeDumper):
    """Writes every value in full (no anchors: Heard refuses them), and long words as blocks."""

    def ignore_aliases(self, data) -> bool:
        return True


def _words(dumper: yaml.SafeDumper, words: str) -> yaml.ScalarNode:
    style = "|" if "\n" in words else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", words, style=style)


def _list(dumper: yaml.SafeDumper, items: list) -> yaml.SequenceNode:
    # Principle keys and branch answers read best on one line: [involve, take-action].
    flow = all(isinstance(item, str) and "\n" not in item for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_Dumper.add_representer(str, _words)
_Dumper.add_representer(list, _list)


def dump(definition: SurveyDefinition, *, format: Format = "yaml") -> str:
    """Return the text of a definition file, in YAML or JSON."""
    data = to_mapping(definition)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
