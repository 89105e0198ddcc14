"""The builder's easy-read checks of whole questions and surveys (docs/accessibility.md E5,
E7, E10): easy-read words, pictures, how many answers, each field named by its place; the
demo survey has no error; and the checks import nothing from outside their package but the
model adapter. Sentence and word checks are in test_easy_read_checks.py."""

import ast
from pathlib import Path

import yaml

from app.models import Option, Question, QuestionKind, Survey
from app.services.easy_read_checks import (
    ERROR,
    WARNING,
    OptionText,
    QuestionText,
    SurveyText,
    check_question,
    check_survey,
    place,
    question_reading_ease,
    survey_reading_ease,
)
from app.services.easy_read_checks.from_models import survey_text

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "app" / "services" / "easy_read_checks"
DEMO = yaml.safe_load((ROOT / "app" / "demo" / "working-together.yaml").read_text())


def _question(**changes) -> QuestionText:
    fields = {
        "text": "How do you feel about your meals?",
        "easy_read_text": "Do you like your meals?",
        "kind": "yes_no",
        "picture_key": "food",
        "options": (OptionText("Yes", "", "yes"), OptionText("No", "", "no")),
    } | changes
    return QuestionText(**fields)


def test_a_good_question_gives_no_finding():
    assert check_question(_question()) == []
    scores = question_reading_ease(_question())
    assert set(scores) == {"text", "easy_read_text"}


def test_a_question_without_easy_read_words_is_an_error():
    (finding,) = check_question(_question(easy_read_text=""))
    assert (finding.level, finding.rule, finding.field) == (ERROR, "E13", "easy_read_text")


def test_more_than_8_answers_is_an_error_and_8_is_not():
    eight = tuple(OptionText(f"Answer {n}", "", "star") for n in range(1, 9))
    assert check_question(_question(kind="single_choice", options=eight)) == []
    nine = (*eight, OptionText("Answer 9", "", "star"))
    (finding,) = check_question(_question(kind="single_choice", options=nine))
    assert (finding.level, finding.rule, finding.field) == (ERROR, "E12", "options")


def test_a_question_or_answer_without_a_picture_is_a_warning():
    found = check_question(_question(picture_key="", options=(OptionText("Yes"),)))
    assert [(f.level, f.rule, f.field) for f in found] == [
        (WARNING, "E5", "picture_key"),
        (WARNING, "E5", "options[0].picture_key"),
    ]


def test_a_typed_answer_needs_no_answer_pictures():
    assert check_question(_question(kind="free_text", options=())) == []


def test_both_wordings_and_the_hint_are_checked():
    found = check_question(
        _question(text="Do you get respite?", easy_read_text="Do you get a break?", hint="TBC")
    )
    assert {(f.field, f.rule) for f in found} == {("text", "E7"), ("hint", "E7")}


def _survey(**changes) -> SurveyText:
    fields = {
        "title": "Your meals",
        "easy_read_title": "Your meals",
        "intro": "We want to know about your meals.",
        "easy_read_intro": "Tell us about your food.",
        "picture_key": "food",
        "questions": (_question(),),
    } | changes
    return SurveyText(**fields)


def test_a_good_survey_gives_no_finding():
    assert check_survey(_survey()) == []
    assert "questions[0].easy_read_text" in survey_reading_ease(_survey())


def test_a_survey_without_easy_read_words_is_an_error():
    found = check_survey(_survey(easy_read_title="", easy_read_intro=""))
    assert {(f.level, f.field) for f in found} == {
        (ERROR, "easy_read_title"),
        (ERROR, "easy_read_intro"),
    }


def test_a_survey_without_an_introduction_needs_no_easy_read_one():
    assert check_survey(_survey(intro="", easy_read_intro="")) == []


def test_question_fields_are_named_by_their_place():
    found = check_survey(_survey(questions=(_question(), _question(easy_read_text=""))))
    assert [f.field for f in found] == ["questions[1].easy_read_text"]
    assert place("questions[1].easy_read_text") == "Question 2: question in easy-read words"
    assert place("questions[2].options[0].label") == "Question 3, answer 1: answer"
    assert place("easy_read_intro") == "Introduction in easy-read words"


def _demo_survey() -> SurveyText:
    return SurveyText(
        title=DEMO["title"],
        easy_read_title=DEMO.get("easy_read_title", ""),
        intro=DEMO.get("intro", ""),
        easy_read_intro=DEMO.get("easy_read_intro", ""),
        contact=DEMO.get("contact", ""),
        picture_key=DEMO.get("picture_key", ""),
        questions=tuple(
            QuestionText(
                text=q["text"],
                easy_read_text=q.get("easy_read_text", ""),
                hint=q.get("hint", ""),
                kind=q["kind"],
                picture_key=q.get("picture_key", ""),
                options=tuple(
                    OptionText(o["label"], o.get("easy_read_label", ""), o.get("picture_key", ""))
                    for o in q.get("options", [])
                ),
            )
            for q in DEMO["questions"]
        ),
    )


def test_the_demo_survey_has_no_error():
    found = check_survey(_demo_survey())
    assert [f for f in found if f.level == ERROR] == []


def test_the_demo_survey_check_sees_every_question():
    scores = survey_reading_ease(_demo_survey())
    assert {f"questions[{n}].easy_read_text" for n in range(len(DEMO["questions"]))} <= set(scores)


def test_saved_models_become_the_same_plain_inputs():
    survey = Survey(
        title="Your meals",
        easy_read_title="Your meals",
        intro="We want to know about your meals.",
        easy_read_intro="Tell us about your food.",
        picture_key="food",
        questions=[
            Question(
                position=1,
                kind=QuestionKind.YES_NO,
                text="How do you feel about your meals?",
                easy_read_text="Do you like your meals?",
                picture_key="food",
                options=[
                    Option(position=1, label="Yes", picture_key="yes"),
                    Option(position=2, label="No", picture_key="no"),
                ],
            )
        ],
    )
    assert survey_text(survey) == _survey()


def _imported(path: Path) -> set[str]:
    nodes = list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
    names = {n.module or "" for n in nodes if isinstance(n, ast.ImportFrom)}
    return names | {a.name for n in nodes if isinstance(n, ast.Import) for a in n.names}


def _imports_outside_the_package(path: Path) -> set[str]:
    foreign = {n for n in _imported(path) if n.startswith(("flask", "sqlalchemy", "app."))}
    return {n for n in foreign if not n.startswith("app.services.easy_read_checks")}


def test_only_the_model_adapter_imports_anything_outside_the_package():
    outside = {path.name: _imports_outside_the_package(path) for path in PACKAGE.glob("*.py")}
    assert {name: found for name, found in outside.items() if found} == {
        "from_models.py": {"app.models"}
    }
