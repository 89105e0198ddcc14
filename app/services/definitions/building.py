"""Turn a file's tree of values into a `SurveyDefinition`, checking every key and every type.

Unknown keys are refused at every level, naming the keys allowed there; a value of the
wrong type is refused, saying what it was read as. Lists are read only up to one past their
limit, so a file with a million answers costs no more than one with thirty-one.
"""

from app.models.survey import QuestionKind
from app.services.definitions.fields import FieldReader
from app.services.definitions.reading import Node
from app.services.definitions.schema import (
    LABEL_TEXT,
    LANGUAGES,
    LARGEST_NUMBER,
    LONG_TEXT,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    OPTION_TRANSLATED,
    QUESTION_TRANSLATED,
    SCHEMA_VERSION,
    SHORT_TEXT,
    SLUG_LENGTH,
    SURVEY_TRANSLATED,
    BranchDefinition,
    DefinitionRefused,
    OptionDefinition,
    Path,
    QuestionDefinition,
    SurveyDefinition,
    Translations,
)

SURVEY_KEYS = (
    "schema_version", "slug", "framework", "title", "easy_read_title", "intro", "easy_read_intro",
    "contact", "picture_key", "opens_on", "closes_on", "kiosk_allowed", "save_for_later_allowed",
    "questions", "translations",
)  # fmt: skip
QUESTION_KEYS = (
    "kind", "text", "easy_read_text", "hint", "picture_key", "required", "section", "principles",
    "max_choices", "min_number", "max_number", "options", "show_if", "translations",
)  # fmt: skip
OPTION_KEYS = ("label", "easy_read_label", "picture_key", "exclusive", "translations")
BRANCH_KEYS = ("question", "options")
KEY_TEXT = 80


def build(tree: Node) -> SurveyDefinition:
    """Return the definition a file's tree describes, or refuse it with every problem found."""
    reader = FieldReader()
    definition = _survey(reader, tree)
    if reader.problems or definition is None:
        raise DefinitionRefused(reader.problems)
    return definition


def _survey(reader: FieldReader, tree: Node) -> SurveyDefinition | None:
    fields = reader.mapping(tree, (), SURVEY_KEYS, required=("schema_version",))
    if fields is None or not _version(reader, fields.get("schema_version")):
        return None
    for key in ("framework", "title"):
        if key not in fields:
            reader.refuse((), tree, f"{key} is missing. Add it.")

    def text(key: str, limit: int = LONG_TEXT, required: bool = False) -> str:
        return reader.text(fields.get(key), (key,), limit=limit, required=required)

    questions = reader.items(fields.get("questions"), ("questions",), most=MAX_QUESTIONS + 1)
    return SurveyDefinition(
        framework=text("framework", KEY_TEXT, required="framework" in fields),
        title=text("title", SHORT_TEXT, required="title" in fields),
        slug=text("slug", SLUG_LENGTH * 2),
        easy_read_title=text("easy_read_title", SHORT_TEXT),
        intro=text("intro"),
        easy_read_intro=text("easy_read_intro"),
        contact=text("contact"),
        picture_key=text("picture_key", KEY_TEXT) or "survey",
        opens_on=reader.day(fields.get("opens_on"), ("opens_on",)),
        closes_on=reader.day(fields.get("closes_on"), ("closes_on",)),
        kiosk_allowed=reader.flag(fields.get("kiosk_allowed"), ("kiosk_allowed",), True),
        save_for_later_allowed=reader.flag(
            fields.get("save_for_later_allowed"), ("save_for_later_allowed",), True
        ),
        questions=tuple(q for path, node in questions if (q := _question(reader, node, path))),
        translations=_translations(reader, fields.get("translations"), (), SURVEY_TRANSLATED),
        lines=reader.lines,
    )


def _version(reader: FieldReader, node: Node | None) -> bool:
    if node is None:
        return False  # reported as missing already
    if node.value == SCHEMA_VERSION and type(node.value) is int:
        return True
    reader.refuse(
        ("schema_version",),
        node,
        f"This file says schema_version: {node.value}. This Heard reads schema_version: "
        f"{SCHEMA_VERSION} files only.",
    )
    return False


def _question(reader: FieldReader, node: Node, path: Path) -> QuestionDefinition | None:
    fields = reader.mapping(node, path, QUESTION_KEYS, required=("kind", "text"))
    if fields is None:
        return None

    def text(key: str, limit: int = LONG_TEXT, required: bool = False) -> str:
        return reader.text(fields.get(key), (*path, key), limit=limit, required=required)

    def number(key: str, low: int) -> int | None:
        return reader.whole(fields.get(key), (*path, key), low=low, high=LARGEST_NUMBER)

    options = reader.items(fields.get("options"), (*path, "options"), most=MAX_OPTIONS + 1)
    return QuestionDefinition(
        kind=_kind(reader, fields.get("kind"), (*path, "kind")),
        text=text("text", required="text" in fields),
        easy_read_text=text("easy_read_text"),
        hint=text("hint"),
        picture_key=text("picture_key", KEY_TEXT) or "question",
        required=reader.flag(fields.get("required"), (*path, "required"), True),
        section=text("section", KEY_TEXT) or "main",
        principles=reader.words_list(
            fields.get("principles"), (*path, "principles"), limit=KEY_TEXT
        ),
        max_choices=number("max_choices", 1),
        min_number=number("min_number", -LARGEST_NUMBER),
        max_number=number("max_number", -LARGEST_NUMBER),
        options=tuple(_option(reader, item, item_path) for item_path, item in options),
        show_if=_branch(reader, fields.get("show_if"), (*path, "show_if")),
        translations=_translations(reader, fields.get("translations"), path, QUESTION_TRANSLATED),
    )


def _kind(reader: FieldReader, node: Node | None, path: Path) -> QuestionKind:
    words = reader.text(node, path, limit=KEY_TEXT)
    try:
        return QuestionKind(words)
    except ValueError:
        if node is not None and isinstance(node.value, str) and words:
            kinds = ", ".join(kind.value for kind in QuestionKind)
            reader.refuse(path, node, f"'{words}' is not a kind of question. Use one of: {kinds}.")
        return QuestionKind.FREE_TEXT


def _option(reader: FieldReader, node: Node, path: Path) -> OptionDefinition:
    fields = reader.mapping(node, path, OPTION_KEYS, required=("label",)) or {}

    def text(key: str, required: bool = False) -> str:
        return reader.text(fields.get(key), (*path, key), limit=LABEL_TEXT, required=required)

    return OptionDefinition(
        label=text("label", required="label" in fields),
        easy_read_label=text("easy_read_label"),
        picture_key=reader.text(fields.get("picture_key"), (*path, "picture_key"), limit=KEY_TEXT),
        exclusive=reader.flag(fields.get("exclusive"), (*path, "exclusive"), False),
        translations=_translations(reader, fields.get("translations"), path, OPTION_TRANSLATED),
    )


def _branch(reader: FieldReader, node: Node | None, path: Path) -> BranchDefinition | None:
    if node is None:
        return None
    fields = reader.mapping(node, path, BRANCH_KEYS, required=BRANCH_KEYS)
    if not fields or len(fields) < len(BRANCH_KEYS):
        return None
    number = reader.whole(fields["question"], (*path, "question"), low=1, high=MAX_QUESTIONS + 1)
    labels = reader.words_list(fields["options"], (*path, "options"), limit=LABEL_TEXT)
    return BranchDefinition(number, labels) if number is not None else None


def _translations(
    reader: FieldReader, node: Node | None, path: Path, translated: tuple[str, ...]
) -> Translations:
    if node is None:
        return {}
    languages = reader.mapping(node, (*path, "translations"), LANGUAGES) or {}
    found: dict[str, dict[str, str]] = {}
    for language, words in languages.items():
        where = (*path, "translations", language)
        fields = reader.mapping(words, where, translated) or {}
        texts = {
            key: reader.text(value, (*where, key), limit=LONG_TEXT) for key, value in fields.items()
        }
        # An empty translation is a gap, as if the key were left out.
        found[language] = {key: text for key, text in texts.items() if text}
    return {language: texts for language, texts in found.items() if texts}
