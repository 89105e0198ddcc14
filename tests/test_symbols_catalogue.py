"""Checks for the easy-read picture symbols in app/static/symbols.

Every picture must be listed in catalogue.yaml (and the other way round),
and every SVG must be safe to inline or serve: no scripts, no event
handlers, no external references, no text, and hidden from screen readers
(the pictures are decorative; the words next to them carry the meaning).
"""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[1]
SYMBOLS_DIR = ROOT / "app" / "static" / "symbols"
# The surveys Heard ships: the demo and each framework's starter.
SHIPPED_SURVEYS = [
    ROOT / "app" / "demo" / "working-together.yaml",
    *sorted((ROOT / "app" / "frameworks" / "starters").glob("*.yaml")),
]
CATALOGUE = SYMBOLS_DIR / "catalogue.yaml"
SVG_NS = "http://www.w3.org/2000/svg"
KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

REQUIRED_KEYS = {
    "face-very-happy",
    "face-happy",
    "face-neutral",
    "face-sad",
    "face-very-sad",
    "yes",
    "no",
    "not-sure",
    "home",
    "help",
    "carer",
    "family",
    "friends",
    "doctor",
    "medicine",
    "food",
    "money",
    "transport",
    "bus",
    "phone",
    "computer",
    "talk",
    "listen",
    "meeting",
    "together",
    "change",
    "idea",
    "question",
    "safe",
    "happy",
    "worried",
    "time",
    "calendar",
    "place",
    "community",
    "diversity",
    "work-together",
    "involve",
    "take-action",
    "improve",
    "celebrate-diversity",
    "survey",
    "pencil",
    "people",
    "none",
    "dont-know",
    "wheelchair",
    "letter",
    "star",
    "prefer-not-to-say",
    "always",
    "sometimes",
    "never",
    "ask-you",
}
FORBIDDEN_TAGS = {"script", "image", "text", "foreignObject", "use", "style", "a"}


def load_catalogue():
    with CATALOGUE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def svg_files():
    return sorted(SYMBOLS_DIR.glob("*.svg"))


def local(name):
    """Strip an XML namespace: '{ns}tag' -> 'tag'."""
    return name.rsplit("}", 1)[-1]


def word_count(text):
    return len(text.split())


# ---------------------------------------------------------------- catalogue


def test_catalogue_is_a_list_of_at_least_40_entries():
    entries = load_catalogue()
    assert isinstance(entries, list)
    assert len(entries) >= 40


def test_catalogue_entries_have_key_name_and_description():
    for entry in load_catalogue():
        assert isinstance(entry, dict), entry
        for field in ("key", "name", "description"):
            # YAML 1.1 turns bare yes/no into booleans: keys must stay strings.
            assert isinstance(entry.get(field), str), (entry, field)
            assert entry[field].strip(), (entry, field)
        assert KEY_RE.match(entry["key"]), entry["key"]


def test_catalogue_keys_are_unique():
    keys = [entry["key"] for entry in load_catalogue()]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates, duplicates


def test_required_keys_are_present():
    keys = {entry["key"] for entry in load_catalogue()}
    missing = sorted(REQUIRED_KEYS - keys)
    assert not missing, missing


def test_every_catalogue_key_has_a_file():
    missing = [
        entry["key"]
        for entry in load_catalogue()
        if not (SYMBOLS_DIR / f"{entry['key']}.svg").is_file()
    ]
    assert not missing, missing


def test_every_svg_file_is_in_the_catalogue():
    keys = {entry["key"] for entry in load_catalogue()}
    orphans = [p.name for p in svg_files() if p.stem not in keys]
    assert not orphans, orphans
    assert len(svg_files()) == len(keys)


def test_answer_pictures_list_the_answers_they_stand_for():
    for entry in load_catalogue():
        answers = entry.get("answers", [])
        assert isinstance(answers, list), entry
        assert all(isinstance(answer, str) and answer.strip() for answer in answers), entry


def _answers_and_pictures():
    """Return (survey file, question, its answers) for every shipped question with answers."""
    for path in SHIPPED_SURVEYS:
        survey = yaml.safe_load(path.read_text(encoding="utf-8"))
        for question in survey["questions"]:
            if question.get("options"):
                yield path.name, question


@pytest.mark.parametrize(
    ("survey", "question"),
    list(_answers_and_pictures()),
    ids=lambda value: value if isinstance(value, str) else value["easy_read_text"],
)
def test_every_answer_in_a_shipped_survey_has_a_picture_of_its_own(survey, question):
    """No answer borrows another answer's picture ("I do not want to say" is not "I do not
    know", "Always" is not a happy face). A smiley scale's answers are faces, one each."""
    answers_of = {entry["key"]: entry.get("answers", []) for entry in load_catalogue()}
    options = question["options"]
    pictures = [option.get("picture_key", "") for option in options]

    assert len(set(pictures)) == len(pictures), f"{survey}: answers share a picture: {pictures}"
    if question["kind"] == "smiley_scale":
        assert all(key.startswith("face-") for key in pictures), pictures
        return
    wrong = [
        (option["label"], option.get("picture_key"))
        for option in options
        if option["label"] not in answers_of.get(option.get("picture_key"), [])
    ]
    assert not wrong, f"{survey}: answers whose picture stands for something else: {wrong}"


def test_did_we_ask_you_shows_someone_being_asked_not_steps():
    asked = [
        (path.name, question["picture_key"])
        for path in SHIPPED_SURVEYS
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
        if question["easy_read_text"].startswith("Did we ask you")
    ]
    assert len(asked) == 2
    assert {key for _, key in asked} == {"ask-you"}, asked


def test_descriptions_are_short_plain_sentences():
    for entry in load_catalogue():
        assert word_count(entry["description"]) <= 15, entry
        assert word_count(entry["name"]) <= 5, entry


# ---------------------------------------------------------------- svg files


def test_there_are_svg_files():
    assert len(svg_files()) >= 40


@pytest.mark.parametrize("path", svg_files(), ids=lambda p: p.stem)
def test_svg_is_safe_and_decorative(path):
    raw = path.read_text(encoding="utf-8")
    assert len(raw.encode("utf-8")) < 1536, "keep each symbol under 1.5 KB"
    assert "<!DOCTYPE" not in raw and "<!ENTITY" not in raw

    root = ET.fromstring(raw)
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("viewBox") == "0 0 64 64"
    assert root.get("aria-hidden") == "true"
    assert root.get("focusable") == "false"
    for dim in ("width", "height"):
        assert root.get(dim) in (None, "64"), (dim, root.get(dim))

    for element in root.iter():
        tag = local(element.tag)
        assert tag not in FORBIDDEN_TAGS, f"<{tag}> is not allowed"
        for name, value in element.attrib.items():
            attr = local(name)
            assert not attr.lower().startswith("on"), f"event attribute {attr}"
            assert attr != "href", f"link attribute on <{tag}>"
            assert "http" not in value.lower(), f"{attr}={value!r}"
            assert "url(" not in value.lower(), f"{attr}={value!r}"
            assert "javascript:" not in value.lower(), f"{attr}={value!r}"


def test_face_mouths_differ_by_shape():
    """The five answer faces must not differ only by colour."""
    shapes = {}
    for key in ("face-very-happy", "face-happy", "face-neutral", "face-sad", "face-very-sad"):
        root = ET.parse(SYMBOLS_DIR / f"{key}.svg").getroot()
        paths = tuple(el.get("d") for el in root.iter() if local(el.tag) == "path")
        shapes[key] = paths
    assert len(set(shapes.values())) == 5, shapes
