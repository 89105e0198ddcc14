"""Check that a definition makes a survey Heard can run: pictures, principles, kinds, branches.

Pure: the frameworks and the picture library are passed in or read from Heard's own files,
never from the database, so a file can be checked before anything is written. Each problem
names the field (and the line, when the definition came from a file) and how to put it right.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cache

import yaml

from app.models.survey import QuestionKind
from app.services.definitions.schema import (
    MAX_OPTIONS,
    MAX_QUESTIONS,
    SECTIONS,
    Path,
    Problem,
    QuestionDefinition,
    SurveyDefinition,
)
from app.services.definitions.slugs import is_slug, slugify
from app.services.frameworks import FRAMEWORKS_FOLDER
from app.services.pictures import picture_keys


@dataclass(frozen=True)
class FrameworkFacts:
    """What a check needs to know of a framework: its name and its principles' keys."""

    key: str
    title: str
    principles: tuple[str, ...]


@cache
def shipped_frameworks() -> Mapping[str, FrameworkFacts]:
    """Return the frameworks shipped in app/frameworks, read from their files."""
    found = {}
    for path in sorted(FRAMEWORKS_FOLDER.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        keys = tuple(item["key"] for item in data["principles"])
        found[data["key"]] = FrameworkFacts(data["key"], data["title"], keys)
    return found


def validate(
    definition: SurveyDefinition,
    *,
    frameworks: Mapping[str, FrameworkFacts] | None = None,
    pictures: frozenset[str] | None = None,
) -> list[Problem]:
    """Return every problem that stops this definition becoming a survey (none: it can)."""
    check = _Checks(definition, frameworks or shipped_frameworks(), pictures or picture_keys())
    check.survey()
    for number, question in enumerate(definition.questions[:MAX_QUESTIONS], start=1):
        check.question(number, question)
    return check.problems


class _Checks:
    def __init__(self, definition, frameworks, pictures) -> None:
        self.definition = definition
        self.frameworks = frameworks
        self.pictures = pictures
        self.problems: list[Problem] = []

    def refuse(self, path: Path, message: str) -> None:
        lines = self.definition.lines
        line = next(
            (lines[path[:end]] for end in range(len(path), -1, -1) if path[:end] in lines), None
        )
        self.problems.append(Problem(message, path, line))

    def survey(self) -> None:
        definition = self.definition
        self.slug()
        if definition.framework not in self.frameworks:
            known = ", ".join(sorted(self.frameworks))
            self.refuse(
                ("framework",),
                f"'{definition.framework}' is not a framework Heard has. Use one of: {known}.",
            )
        self.picture(("picture_key",), definition.picture_key)
        if (
            definition.opens_on
            and definition.closes_on
            and definition.closes_on < definition.opens_on
        ):
            self.refuse(("closes_on",), "The survey closes before it opens. Check the two dates.")
        if len(definition.questions) > MAX_QUESTIONS:
            self.refuse(("questions",), f"A survey can have up to {MAX_QUESTIONS} questions.")

    def slug(self) -> None:
        slug, title = self.definition.slug, self.definition.title
        if slug and not is_slug(slug):
            suggestion = slugify(slug)
            hint = f" Use '{suggestion}'." if suggestion else ""
            message = "A slug is lowercase letters and digits joined by hyphens."
            self.refuse(("slug",), message + hint)
        elif not slug and title and not slugify(title):
            self.refuse(("slug",), "Heard cannot make a web address from the title. Add a slug.")

    def picture(self, path: Path, key: str) -> None:
        if key and key not in self.pictures:
            near = get_close_matches(key, sorted(self.pictures), n=3)
            hint = f" Did you mean: {', '.join(near)}?" if near else ""
            self.refuse(path, f"'{key}' is not a picture in Heard's picture library.{hint}")

    def question(self, number: int, question: QuestionDefinition) -> None:
        path: Path = ("questions", number)
        self.picture((*path, "picture_key"), question.picture_key)
        if question.section not in SECTIONS:
            self.refuse(
                (*path, "section"),
                f"'{question.section}' is not a section. Use one of: {', '.join(SECTIONS)}.",
            )
        for problem_path, message in [
            *_option_problems(path, question),
            *_number_problems(path, question),
        ]:
            self.refuse(problem_path, message)
        self.principles(path, question.principles)
        self.options(path, question)
        self.branch(number, question)

    def principles(self, path: Path, keys: tuple[str, ...]) -> None:
        framework = self.frameworks.get(self.definition.framework)
        if framework is None:
            return
        for index, key in enumerate(keys, start=1):
            where = (*path, "principles", index)
            if key in keys[: index - 1]:
                self.refuse(where, f"'{key}' is listed twice. List each principle once.")
            elif key not in framework.principles:
                self.refuse(where, self._not_a_principle(key, framework))

    def _not_a_principle(self, key: str, framework: FrameworkFacts) -> str:
        allowed = ", ".join(framework.principles)
        other = next((f for f in self.frameworks.values() if key in f.principles), None)
        if other is not None:
            return (
                f"'{key}' is a principle of {other.title}, but this survey uses "
                f"{framework.title}. Its principles are: {allowed}."
            )
        return f"'{key}' is not a principle of {framework.title}. Its principles are: {allowed}."

    def options(self, path: Path, question: QuestionDefinition) -> None:
        seen: set[str] = set()
        for index, option in enumerate(question.options[:MAX_OPTIONS], start=1):
            where = (*path, "options", index)
            self.picture((*where, "picture_key"), option.picture_key)
            if option.label in seen:
                self.refuse(
                    (*where, "label"),
                    f"'{option.label}' is an answer twice. Make each answer different.",
                )
            seen.add(option.label)
            if option.exclusive and question.kind != QuestionKind.MULTIPLE_CHOICE:
                self.refuse(
                    (*where, "exclusive"),
                    "Only a multiple_choice question has a 'none of these' answer.",
                )

    def branch(self, number: int, question: QuestionDefinition) -> None:
        rule = question.show_if
        if rule is None:
            return
        path: Path = ("questions", number, "show_if")
        questions = self.definition.questions
        if rule.question >= number:
            self.refuse(
                (*path, "question"),
                f"Question {number} can only depend on an earlier question, "
                f"not on question {rule.question}.",
            )
        elif rule.question > len(questions):
            self.refuse((*path, "question"), f"There is no question {rule.question}.")
        else:
            self._branch_answers(path, rule.question, questions[rule.question - 1], rule.options)

    def _branch_answers(self, path: Path, number: int, earlier: QuestionDefinition, labels) -> None:
        if not earlier.kind.has_options:
            self.refuse(
                (*path, "question"),
                f"Question {number} has no answers to choose from, so a rule cannot depend on it.",
            )
            return
        if not labels:
            self.refuse((*path, "options"), f"Choose at least one answer of question {number}.")
        known = [option.label for option in earlier.options]
        for index, label in enumerate(labels, start=1):
            if label not in known:
                self.refuse(
                    (*path, "options", index),
                    f"'{label}' is not an answer of question {number}. "
                    f"Its answers are: {', '.join(known)}.",
                )


def _option_problems(path: Path, question: QuestionDefinition) -> Iterator[tuple[Path, str]]:
    kind, count = question.kind, len(question.options)
    if kind.has_options and count < 2:
        yield (
            (*path, "options"),
            f"A {kind.value} question needs at least 2 answers to choose from.",
        )
    if not kind.has_options and count:
        yield (
            (*path, "options"),
            f"A {kind.value} question has no answers to choose. Remove options.",
        )
    if count > MAX_OPTIONS:
        yield (*path, "options"), f"A question can have up to {MAX_OPTIONS} answers."


def _number_problems(path: Path, question: QuestionDefinition) -> Iterator[tuple[Path, str]]:
    kind, count = question.kind, len(question.options)
    if question.max_choices is not None and kind != QuestionKind.MULTIPLE_CHOICE:
        yield (*path, "max_choices"), "Only a multiple_choice question has max_choices."
    elif question.max_choices is not None and question.max_choices > count:
        yield (
            (*path, "max_choices"),
            f"max_choices is {question.max_choices}, but there are only {count} answers.",
        )
    numbers = (question.min_number, question.max_number)
    if kind != QuestionKind.WHOLE_NUMBER and numbers != (None, None):
        yield (*path, "min_number"), "Only a whole_number question has min_number and max_number."
    elif None not in numbers and question.min_number > question.max_number:
        yield (*path, "max_number"), "max_number is smaller than min_number."
