"""Survey definition files: a good file gives its survey, and every refusal names the line
and field and writes nothing. Export → import is in test_definition_round_trip.py."""

import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from app.extensions import db
from app.models import Option, Question, Survey, Translation
from app.services import definitions
from app.services.definitions import (
    BranchDefinition,
    DefinitionRefused,
    SurveyDefinition,
)

ROOT = Path(__file__).resolve().parents[2]

TEA = """\
schema_version: 1
slug: tea-and-talk
framework: working-together-for-change
title: Tea and talk
easy_read_title: Tea and talk
picture_key: survey
translations:
  cy: {title: Te a sgwrs}
questions:
  - kind: yes_no
    text: Did you like the tea?
    picture_key: question
    principles: [involve]
    options:
      - {label: "Yes", picture_key: "yes", translations: {cy: {label: Do}}}
      - {label: "No", picture_key: "no"}
  - kind: single_choice
    text: How often do you come?
    picture_key: question
    options:
      - {label: Every week}
      - {label: Sometimes}
  - kind: free_text
    text: Why not?
    show_if: {question: 1, options: ["No"]}
"""


def line_of(text: str, words: str) -> int:
    """Return the number of the first line holding these words."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if words in line)


def refusal(text: str, filename: str = "survey.yaml") -> str:
    """Return every problem parsing this file gives, one a line."""
    with pytest.raises(DefinitionRefused) as refused:
        definitions.parse(text, filename=filename)
    return "\n".join(str(problem) for problem in refused.value.problems)


def rows() -> dict[str, int]:
    """Count the rows a survey is written to."""
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Survey, Question, Option, Translation)
    }


# A file that can be used


def test_a_good_file_gives_its_survey_with_translations_and_branch():
    definition = definitions.parse(TEA, filename="tea.yaml")
    assert definition.slug == "tea-and-talk"
    assert definition.translations == {"cy": {"title": "Te a sgwrs"}}
    assert definition.questions[0].options[0].translations == {"cy": {"label": "Do"}}
    assert definition.questions[2].show_if == BranchDefinition(1, ("No",))
    assert definition.questions[1].principles == ()


def test_the_example_in_the_documentation_is_a_good_file():
    page = (ROOT / "docs" / "survey-definition.md").read_text(encoding="utf-8")
    example = page.split("## Example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    definition = definitions.parse(example, filename="example.yaml")
    assert definition.questions[1].show_if == BranchDefinition(1, ("No", "Not sure"))


def test_the_same_survey_as_json_reads_the_same(app_context):
    as_json = json.dumps(yaml.safe_load(TEA), indent=2)
    assert definitions.parse(as_json, filename="tea.json") == definitions.parse(
        TEA, filename="t.yaml"
    )


def test_a_file_creates_a_draft_survey_with_every_part(app_context):
    survey = definitions.create_survey(definitions.parse(TEA, filename="tea.yaml"))
    assert survey.status == "draft"
    assert [q.kind for q in survey.questions] == ["yes_no", "single_choice", "free_text"]
    assert survey.questions[2].show_if_question_id == survey.questions[0].id
    assert survey.questions[2].show_if_option_ids == [survey.questions[0].options[1].id]
    assert [p.key for p in survey.questions[0].principles] == ["involve"]
    assert rows()["Translation"] == 2


def test_a_missing_slug_is_made_from_the_title_without_accents(app_context):
    text = TEA.replace("slug: tea-and-talk\n", "").replace(
        "title: Tea and talk", "title: Café survey"
    )
    survey = definitions.create_survey(definitions.parse(text, filename="tea.yaml"))
    assert survey.slug == "cafe-survey"


# Refused files: each with a plain message, the line and the field


def test_the_message_names_the_line_and_the_field_and_lists_the_kinds():
    bad = TEA.replace("kind: single_choice", "kind: smiley")
    assert (
        f"Line {line_of(bad, 'kind: smiley')}, questions → 2 → kind: 'smiley' is not a kind of "
        "question. Use one of: single_choice, multiple_choice, smiley_scale"
    ) in refusal(bad)


def test_json_messages_name_the_line_too():
    as_json = json.dumps(yaml.safe_load(TEA), indent=2).replace('"free_text"', '"freetext"')
    expected = f"Line {line_of(as_json, 'freetext')}, questions → 3 → kind: 'freetext'"
    assert expected in refusal(as_json, "tea.json")


def test_a_file_over_one_megabyte_is_refused():
    big = TEA + "# " + "x" * (1024 * 1024) + "\n"
    assert "Survey files can be up to 1 MB" in refusal(big)
    assert "up to 1 MB" in refusal(big.encode("utf-8"))


@pytest.mark.parametrize(
    "bad",
    [
        "title: &name Tea and talk",  # an anchor alone
        "title: &name Tea and talk\neasy_read_title: *name",  # an anchor and its alias
    ],
)
def test_yaml_anchors_and_aliases_are_refused(bad):
    text = TEA.replace("title: Tea and talk\neasy_read_title: Tea and talk", bad)
    message = refusal(text)
    assert f"Line {line_of(text, '&name')}: YAML anchors and aliases" in message


def test_a_billion_laughs_file_is_refused_before_it_is_built():
    laughs = "a: &a [lol, lol]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n"
    assert "anchors and aliases" in refusal("schema_version: 1\n" + laughs)


def test_explicit_tags_are_refused():
    text = TEA.replace("title: Tea and talk", "title: !!python/object:os.system ls")
    assert "Tags such as 'tag:yaml.org,2002:python/object:os.system'" in refusal(text)


def test_two_documents_in_one_file_are_refused():
    assert "more than one document" in refusal(TEA + "---\n" + TEA)


def test_unknown_keys_are_refused_at_every_level_naming_the_allowed_keys():
    text = (
        TEA.replace("picture_key: survey", "picture_key: survey\ncolour: blue")
        .replace("text: Why not?", "text: Why not?\n    colour: red")
        .replace("{label: Sometimes}", "{label: Sometimes, score: 2}")
        .replace("  cy: {title: Te a sgwrs}", "  cy: {title: Te a sgwrs}\n  fr: {title: Thé}")
    )
    message = refusal(text)
    assert (
        f"Line {line_of(text, 'colour: blue')}: 'colour' is not a key Heard knows here." in message
    )
    assert "The keys allowed are: schema_version, slug, framework, title" in message
    assert f"Line {line_of(text, 'colour: red')}, questions → 3: 'colour' is not a key" in message
    assert "questions → 2 → options → 2: 'score' is not a key" in message
    assert (
        "translations: 'fr' is not a key Heard knows here. The keys allowed are: cy, ar." in message
    )


def test_an_unknown_picture_is_refused_with_near_names():
    text = TEA.replace('picture_key: "no"', "picture_key: nope")
    message = refusal(text)
    assert f"Line {line_of(text, 'nope')}, questions → 1 → options → 2 → picture_key" in message
    assert "'nope' is not a picture in Heard's picture library." in message


def test_a_principle_of_another_framework_is_refused_naming_this_frameworks_principles():
    text = TEA.replace("principles: [involve]", "principles: [involve, information-and-advice]")
    message = refusal(text)
    assert (
        "questions → 1 → principles → 2: 'information-and-advice' is a principle of Making It Real"
        in message
    )
    assert (
        "this survey uses Working Together for Change. Its principles are: work-together, involve"
        in message
    )


def test_a_principle_of_no_framework_is_refused():
    message = refusal(TEA.replace("principles: [involve]", "principles: [kindness]"))
    assert "'kindness' is not a principle of Working Together for Change." in message


def test_a_branch_to_a_later_question_is_refused():
    text = TEA.replace("{question: 1, options", "{question: 3, options")
    assert (
        "questions → 3 → show_if → question: Question 3 can only depend on an earlier"
        in refusal(text)
    )


def test_a_branch_to_a_missing_question_is_refused():
    text = TEA.replace(
        "text: Why not?\n", "text: Why not?\n    show_if: {question: 9, options: [x]}\n"
    )
    text = text.replace('    show_if: {question: 1, options: ["No"]}\n', "")
    assert "Question 3 can only depend on an earlier question, not on question 9" in refusal(text)
    moved = TEA.replace('{question: 1, options: ["No"]}', "{question: 2, options: [Never]}")
    assert (
        "'Never' is not an answer of question 2. Its answers are: Every week, Sometimes."
        in refusal(moved)
    )


def test_a_branch_on_a_question_without_answers_is_refused():
    text = TEA + "  - kind: free_text\n    text: And?\n    show_if: {question: 3, options: [x]}\n"
    assert "Question 3 has no answers to choose from" in refusal(text)


def test_a_slug_that_is_not_lowercase_and_hyphenated_is_refused_with_a_suggestion():
    message = refusal(TEA.replace("slug: tea-and-talk", "slug: Café survey"))
    assert (
        "slug: A slug is lowercase letters and digits joined by hyphens. Use 'cafe-survey'."
        in message
    )


def test_a_slug_in_use_is_refused_with_a_free_one_and_nothing_is_written(app_context):
    definition = definitions.parse(TEA, filename="tea.yaml")
    definitions.create_survey(definition)
    definitions.create_survey(definition, slug="tea-and-talk-2")
    before = rows()
    with pytest.raises(DefinitionRefused) as refused:
        definitions.create_survey(definition)
    assert str(refused.value.problems[0]) == (
        "Line 2, slug: Another survey already has the web address 'tea-and-talk'. "
        "Use another slug, such as 'tea-and-talk-3'."
    )
    assert rows() == before


def test_a_refused_definition_writes_nothing(app_context):
    definition = definitions.parse(TEA, filename="tea.yaml")
    bad = SurveyDefinition(**{**vars(definition), "picture_key": "no-such-picture"})
    with pytest.raises(DefinitionRefused):
        definitions.create_survey(bad)
    assert rows() == {"Survey": 0, "Question": 0, "Option": 0, "Translation": 0}


def test_a_failure_half_way_through_writing_leaves_nothing(app_context, monkeypatch):
    def fail(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr("app.services.definitions.writing._add_translations", fail)
    with pytest.raises(RuntimeError):
        definitions.create_survey(definitions.parse(TEA, filename="tea.yaml"))
    assert rows() == {"Survey": 0, "Question": 0, "Option": 0, "Translation": 0}


def test_a_number_where_words_are_wanted_is_refused():
    message = refusal(TEA.replace("text: Why not?", "text: 42"))
    assert "questions → 3 → text: 42 is read as a number, not as words. Put it in quotes" in message


def test_an_unquoted_no_is_refused_with_the_advice_to_quote_it():
    text = TEA.replace('{label: "No", picture_key: "no"}', '{label: No, picture_key: "no"}')
    assert (
        "options → 2 → label: No is read as a yes-or-no value, not as words. "
        'Put it in quotes: "No".' in refusal(text)
    )


def test_words_where_a_number_or_flag_is_wanted_are_refused():
    text = TEA.replace("text: Why not?", "text: Why not?\n    required: perhaps")
    assert "questions → 3 → required: This should be true or false, not words." in refusal(text)


def test_empty_required_words_are_refused():
    text = TEA.replace("text: How often do you come?", 'text: "   "')
    line = line_of(text, 'text: "   "')
    assert f"Line {line}, questions → 2 → text: This is empty." in refusal(text)


def test_a_missing_required_key_is_named():
    assert "title is missing. Add it." in refusal(TEA.replace("title: Tea and talk\n", "", 1))


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("", "schema_version is missing"),
        (
            "schema_version: 2\n",
            "This file says schema_version: 2. This Heard reads schema_version: 1",
        ),
        ("schema_version: '1'\n", "This file says schema_version: 1."),
    ],
)
def test_the_schema_version_must_be_one(version, expected):
    assert expected in refusal(TEA.replace("schema_version: 1\n", version))


def test_more_than_a_hundred_questions_are_refused():
    question = "  - {kind: free_text, text: Tell us more}\n"
    assert "A survey can have up to 100 questions." in refusal(TEA + question * 98)
    definitions.parse(TEA + question * 97, filename="ok.yaml")


def test_more_than_thirty_answers_are_refused():
    many = "".join(f"      - {{label: Answer {n}}}\n" for n in range(29))
    text = TEA.replace("      - {label: Sometimes}\n", "      - {label: Sometimes}\n" + many)
    assert "questions → 2 → options: A question can have up to 30 answers." in refusal(text)


def test_kind_rules_are_checked():
    text = TEA.replace("text: Why not?", "text: Why not?\n    max_choices: 2\n    min_number: 1")
    message = refusal(text)
    assert (
        "questions → 3 → max_choices: Only a multiple_choice question has max_choices." in message
    )
    assert "questions → 3 → min_number: Only a whole_number question has min_number" in message


def test_duplicate_keys_and_answers_are_refused():
    assert "The key 'title' appears twice here." in refusal(TEA + "title: Again\n")
    twice = TEA.replace("{label: Sometimes}", "{label: Every week}")
    assert "'Every week' is an answer twice." in refusal(twice)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"schema_version: 1\ntitle: caf\xe9\n", "not written in UTF-8"),
        ('schema_version: 1\ntitle: "nul \\0 here"\n', "a character that cannot be shown"),
        ("schema_version: 1\ntitle: [unclosed\n", "This is not valid YAML"),
        ("   \n", "The file is empty."),
        ("# only a comment\n", "only comments"),
        ("- a list\n", "This should be a set of keys, not a list."),
        ("schema_version: 1\n" + "a: " + "[" * 40 + "]" * 40 + "\n", "nested too deeply"),
    ],
)
def test_unreadable_files_are_refused_plainly(text, expected):
    assert expected in refusal(text)


def test_broken_json_is_refused_with_its_line():
    assert "Line 3: This is not valid JSON: Expecting" in refusal('{\n  "a": 1,\n  }\n', "x.json")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"schema_version": ' + "1" * 5000 + "}", "a number is far too long"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
        ('{"schema_version": 1}\n{}', "Line 1: This is not valid JSON: Extra data."),
        ('{"schema_version": NaN}', "This file says schema_version: nan."),
    ],
)
def test_odd_json_is_refused_plainly(text, expected):
    assert expected in refusal(text, "survey.json")


def test_other_kinds_of_file_are_refused():
    assert "ending .yaml, .yml or .json" in refusal(TEA, "survey.docx")


# Round trips
