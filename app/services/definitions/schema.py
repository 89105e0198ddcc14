"""What a survey definition holds: plain frozen dataclasses, the schema's limits and its problems.

A definition is a survey as data, before or after it is in the database: the file a lead
uploads, the starter survey shipped beside a framework, or what `export` gives back. Nothing
here touches the database. `lines` maps a field's path, such as `("questions", 2, "kind")`,
to the line of the file it came from, so later checks can still name the line.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from app.languages import DEFAULT_LANGUAGE
from app.languages import LANGUAGES as PAGE_LANGUAGES
from app.models.survey import QuestionKind
from app.services.errors import ServiceError

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 1024 * 1024
MAX_QUESTIONS = 100
MAX_OPTIONS = 30
MAX_PROBLEMS = 50
# Longest words each column holds; Text columns get a limit a person would never reach.
SHORT_TEXT = 200
LABEL_TEXT = 300
LONG_TEXT = 5000
SLUG_LENGTH = 80
# Whole numbers must fit the database's integer column.
LARGEST_NUMBER = 2_000_000_000
SECTIONS = ("main", "about_you")
# The languages survey words are translated into: every page language but English.
LANGUAGES = tuple(code for code in PAGE_LANGUAGES if code != DEFAULT_LANGUAGE)

SURVEY_TRANSLATED = ("title", "easy_read_title", "intro", "easy_read_intro", "contact")
QUESTION_TRANSLATED = ("text", "easy_read_text", "hint")
OPTION_TRANSLATED = ("label", "easy_read_label")

Path = tuple[str | int, ...]
# Language code → field name → translated words.
Translations = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class OptionDefinition:
    """One answer a person can choose."""

    label: str
    easy_read_label: str = ""
    picture_key: str = ""
    exclusive: bool = False
    translations: Translations = field(default_factory=dict)


@dataclass(frozen=True)
class BranchDefinition:
    """Ask a question only when an earlier question (numbered from 1) has one of these answers."""

    question: int
    options: tuple[str, ...]


@dataclass(frozen=True)
class QuestionDefinition:
    """One question, asked on its own page."""

    kind: QuestionKind
    text: str
    easy_read_text: str = ""
    hint: str = ""
    picture_key: str = "question"
    required: bool = True
    section: str = "main"
    principles: tuple[str, ...] = ()
    max_choices: int | None = None
    min_number: int | None = None
    max_number: int | None = None
    options: tuple[OptionDefinition, ...] = ()
    show_if: BranchDefinition | None = None
    translations: Translations = field(default_factory=dict)


@dataclass(frozen=True)
class SurveyDefinition:
    """A whole survey: its words, settings, questions and translations."""

    framework: str
    title: str
    slug: str = ""
    easy_read_title: str = ""
    intro: str = ""
    easy_read_intro: str = ""
    contact: str = ""
    picture_key: str = "survey"
    opens_on: date | None = None
    closes_on: date | None = None
    kiosk_allowed: bool = True
    save_for_later_allowed: bool = True
    questions: tuple[QuestionDefinition, ...] = ()
    translations: Translations = field(default_factory=dict)
    lines: Mapping[Path, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition: where it is, and what to do about it."""

    message: str
    path: Path = ()
    line: int | None = None

    def __str__(self) -> str:
        where = " → ".join(str(part) for part in self.path)
        if self.line is not None and where:
            return f"Line {self.line}, {where}: {self.message}"
        if self.line is not None:
            return f"Line {self.line}: {self.message}"
        return f"{where}: {self.message}" if where else self.message


class DefinitionRefused(ServiceError):
    """A survey file or definition that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems[:MAX_PROBLEMS])
        if len(self.problems) == 1:
            message = str(self.problems[0])
        else:
            message = (
                f"This survey file has {len(problems)} problems. The first: {self.problems[0]}"
            )
        super().__init__(message, field="definition")
