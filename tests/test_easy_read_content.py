"""Shipped easy-read words follow docs/accessibility.md: short sentences (E1), no initials or
acronyms (E7), few questions (E8). Checked over the demo survey, the frameworks and resident
pages."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEMO = yaml.safe_load((ROOT / "app" / "demo" / "working-together.yaml").read_text())
FRAMEWORK = yaml.safe_load(
    (ROOT / "app" / "frameworks" / "working-together-for-change.yaml").read_text()
)
RESIDENT_TEMPLATES = sorted((ROOT / "app" / "templates" / "respond").glob("*.html"))
MAX_WORDS = 15
# Words in capitals that are not acronyms a resident would have to decode.
ALLOWED_CAPITALS = {"I", "OK", "ABCD", "ABCD23EFGH"}  # the last: a reference number


def sentences(text: str) -> list[str]:
    """Split text into sentences at full stops, question marks, exclamation marks and lines."""
    parts = re.split(r"(?<=[.?!])\s+|\n+", text)
    return [part.strip() for part in parts if part.strip()]


def words(sentence: str) -> list[str]:
    return re.findall(r"[\w’'-]+", sentence)


def _demo_texts() -> list[str]:
    texts = [DEMO["easy_read_title"], DEMO["easy_read_intro"]]
    for question in DEMO["questions"]:
        texts += [question.get("easy_read_text", question["text"]), question.get("hint", "")]
        texts += [
            option.get("easy_read_label", option["label"]) for option in question.get("options", [])
        ]
    texts += [p["easy_read_title"] for p in FRAMEWORK["principles"]]
    return [text for text in texts if text]


def _template_texts() -> list[str]:
    found = []
    for template in RESIDENT_TEMPLATES:
        found += re.findall(r'_\("((?:[^"\\]|\\.)*)"', template.read_text(encoding="utf-8"))
    return found


SHIPPED = _demo_texts() + _template_texts()


def test_the_checks_see_text_from_the_survey_and_the_pages():
    assert len(_demo_texts()) > 40
    assert "Send my answers" in _template_texts()


@pytest.mark.parametrize("text", SHIPPED)
def test_every_sentence_has_fifteen_words_or_fewer(text):
    for sentence in sentences(text):
        assert len(words(sentence)) <= MAX_WORDS, sentence


@pytest.mark.parametrize("text", SHIPPED)
def test_no_initials_or_acronyms(text):
    capitals = {w for w in words(text) if len(w) > 1 and w.isupper() and not w.isdigit()}
    assert capitals <= ALLOWED_CAPITALS, capitals


def test_the_sentence_counter_catches_a_long_sentence():
    long = (
        "This sentence is far too long for easy read because it has more than fifteen words in it."
    )
    assert any(len(words(s)) > MAX_WORDS for s in sentences(long))


def test_the_demo_survey_asks_few_questions():
    assert 8 <= len(DEMO["questions"]) <= 12
