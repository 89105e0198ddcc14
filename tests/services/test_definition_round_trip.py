"""Survey definition files, export → import: the demo survey and generated ones come back
the same, and seeding the demo goes through the same path."""

import itertools
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.extensions import db
from app.models import QuestionKind, Survey, Translation
from app.services import definitions
from app.services.definitions import (
    BranchDefinition,
    OptionDefinition,
    QuestionDefinition,
    SurveyDefinition,
)
from app.services.definitions.checks import shipped_frameworks
from app.services.definitions.schema import LANGUAGES, SECTIONS
from app.services.pictures import picture_keys

ROOT = Path(__file__).resolve().parents[2]
DEMO_FILE = ROOT / "app" / "demo" / "working-together.yaml"


def snapshot(survey: Survey) -> dict:
    """Return everything a survey is, with ids replaced by places, to compare two surveys."""
    survey = db.session.get(Survey, survey.id)
    place: dict[tuple[str, int], object] = {("survey", survey.id): 0}
    questions = []
    for number, question in enumerate(survey.questions, 1):
        place["question", question.id] = number
        options = [_columns(o, {"id", "question_id"}) for o in question.options]
        place.update({("option", o.id): (number, m) for m, o in enumerate(question.options, 1)})
        row = _columns(question, {"id", "survey_id", "show_if_option_ids", "show_if_question_id"})
        row["show_if"] = (
            place.get(("question", question.show_if_question_id)),
            sorted(place.get(("option", i)) for i in question.show_if_option_ids or []),
        )
        questions.append(
            {**row, "options": options, "principles": [p.key for p in question.principles]}
        )
    translations = sorted(
        (row.entity, str(place[row.entity, row.entity_id]), row.language, row.field, row.text)
        for row in db.session.scalars(select(Translation))
        if (row.entity, row.entity_id) in place
    )
    survey_row = _columns(survey, {"id", "slug", "created_at"})
    return {**survey_row, "questions": questions, "translations": translations}


def _columns(thing, skip: set[str]) -> dict:
    return {c.key: getattr(thing, c.key) for c in thing.__table__.columns if c.key not in skip}


def demo_text() -> str:
    """Return the demo survey's definition file, exactly as `flask seed-demo` loads it."""
    return DEMO_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("format", ["yaml", "json"])
def test_the_demo_survey_comes_back_the_same_through_export_and_import(app_context, format):
    original = definitions.create_survey(definitions.parse(demo_text(), filename="demo.yaml"))
    assert len(original.questions) == 10
    exported = definitions.export(original, format=format)
    again = definitions.create_survey(
        definitions.parse(exported, filename=f"demo.{format}"), slug="working-together-again"
    )
    assert snapshot(again) == snapshot(original)
    assert snapshot(again)["questions"][5]["show_if"] == (5, [(5, 2), (5, 3)])


def test_an_export_has_no_anchors_and_starts_with_the_version(app_context):
    survey = definitions.create_survey(definitions.parse(demo_text(), filename="demo.yaml"))
    exported = definitions.export(survey)
    assert exported.startswith("schema_version: 1\nslug: working-together\n")
    assert "&id" not in exported
    assert "*id" not in exported


def _tidy(words: str) -> str:
    return unicodedata.normalize("NFC", words).strip()


WORDS = (
    st.text(
        st.characters(exclude_categories=("Cc", "Cs"), include_characters="\n"),
        min_size=1,
        max_size=30,
    )
    | st.sampled_from(
        ["No", "yes", "~", "null", "- x", "a: b", "#x", "&a", "*a", "!x", "'", "1e5", "3"]
    )
).filter(lambda w: w == _tidy(w) and bool(w))
MAYBE_WORDS = st.one_of(st.just(""), WORDS)
PICTURES = st.sampled_from(sorted(picture_keys()))
_slugs = itertools.count(1)


def _translations(fields: tuple[str, ...]):
    per_language = st.dictionaries(st.sampled_from(fields), WORDS, min_size=1, max_size=2)
    return st.dictionaries(st.sampled_from(LANGUAGES), per_language, max_size=2)


@st.composite
def options(draw, kind: QuestionKind):
    labels = draw(
        st.lists(WORDS.filter(lambda w: len(w) <= 300), min_size=2, max_size=5, unique=True)
    )
    return tuple(
        OptionDefinition(
            label=label,
            easy_read_label=draw(MAYBE_WORDS),
            picture_key=draw(st.one_of(st.just(""), PICTURES)),
            exclusive=kind == QuestionKind.MULTIPLE_CHOICE and draw(st.booleans()),
            translations=draw(_translations(("label", "easy_read_label"))),
        )
        for label in labels
    )


@st.composite
def questions(draw, principles: tuple[str, ...], earlier: list[QuestionDefinition]):
    kind = draw(st.sampled_from(list(QuestionKind)))
    answers = draw(options(kind)) if kind.has_options else ()
    low = draw(st.integers(-50, 50)) if kind == QuestionKind.WHOLE_NUMBER else None
    choosable = [(n, q) for n, q in enumerate(earlier, 1) if q.options]
    show_if = None
    if choosable and draw(st.booleans()):
        number, source = draw(st.sampled_from(choosable))
        labels = [o.label for o in source.options if draw(st.booleans())] or [
            source.options[0].label
        ]
        show_if = BranchDefinition(number, tuple(labels))
    return QuestionDefinition(
        kind=kind,
        text=draw(WORDS),
        easy_read_text=draw(MAYBE_WORDS),
        hint=draw(MAYBE_WORDS),
        picture_key=draw(PICTURES),
        required=draw(st.booleans()),
        section=draw(st.sampled_from(SECTIONS)),
        principles=tuple(p for p in principles if draw(st.booleans())),
        max_choices=draw(st.integers(1, len(answers)))
        if kind == QuestionKind.MULTIPLE_CHOICE
        else None,
        min_number=low,
        max_number=low + draw(st.integers(0, 100)) if low is not None else None,
        options=answers,
        show_if=show_if,
        translations=draw(_translations(("text", "easy_read_text", "hint"))),
    )


@st.composite
def surveys(draw):
    framework = draw(st.sampled_from(sorted(shipped_frameworks().values(), key=lambda f: f.key)))
    made: list[QuestionDefinition] = []
    for _ in range(draw(st.integers(0, 5))):
        made.append(draw(questions(framework.principles, made)))
    opens_on = draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1))))
    return SurveyDefinition(
        framework=framework.key,
        title=draw(WORDS.filter(lambda w: len(w) <= 200)),
        slug=f"generated-{next(_slugs)}",
        easy_read_title=draw(MAYBE_WORDS),
        intro=draw(MAYBE_WORDS),
        easy_read_intro=draw(MAYBE_WORDS),
        contact=draw(MAYBE_WORDS),
        picture_key=draw(PICTURES),
        opens_on=opens_on,
        closes_on=opens_on + timedelta(days=draw(st.integers(0, 90))) if opens_on else None,
        kiosk_allowed=draw(st.booleans()),
        save_for_later_allowed=draw(st.booleans()),
        questions=tuple(made),
        translations=draw(_translations(("title", "easy_read_title", "intro", "contact"))),
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(definition=surveys(), format=st.sampled_from(["yaml", "json"]))
def test_any_survey_comes_back_the_same_through_export_and_import(app_context, definition, format):
    assert definitions.validate(definition) == []
    original = definitions.create_survey(definition)
    exported = definitions.export(original, format=format)
    parsed = definitions.parse(exported, filename=f"survey.{format}")
    assert parsed == definition
    again = definitions.create_survey(parsed, slug=f"{definition.slug}-again")
    assert snapshot(again) == snapshot(original)


def test_seed_demo_loads_the_demo_survey_through_the_definition_path(app_context):
    from app.services import demo

    seeded = demo.seed_demo(today=date(2026, 12, 1))
    uploaded = definitions.create_survey(
        definitions.parse(demo_text(), filename="demo.yaml"), slug="uploaded-copy"
    )
    differs = {"id", "slug", "status", "opens_on", "closes_on", "created_at", "version"}
    assert {k: v for k, v in snapshot(seeded).items() if k not in differs} == {
        k: v for k, v in snapshot(uploaded).items() if k not in differs
    }
