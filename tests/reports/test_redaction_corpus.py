"""The redactor against the synthetic corpus in tests/data (made by bench/make_redaction_corpus.py).

Issue 11's bar: at least 95% of marked personal details removed, at most 5% of clean comments
changed, on at least 300 of each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reports.redaction_scores import score

CORPUS = json.loads(
    (Path(__file__).parent.parent / "data" / "redaction_corpus.json").read_text(encoding="utf-8")
)
MARKED = [(item["text"], item["details"]) for item in CORPUS["with_details"]]
CLEAN = CORPUS["clean"]


def test_corpus_has_three_hundred_distinct_comments_of_each_kind() -> None:
    assert len({text for text, _ in MARKED}) >= 300
    assert len(set(CLEAN)) >= 300
    for text, details in MARKED:
        assert details, text
        assert all(detail in text for detail in details), text


def test_corpus_covers_every_kind_of_detail_and_lower_case() -> None:
    texts = " ".join(text for text, _ in MARKED)
    for example in ["Crew no", "Incident no", "EH10 6th", "@example", "DOB", "Street", "nhs"]:
        assert example.lower() in texts.lower(), example
    assert sum(text == text.lower() for text, _ in MARKED) >= 30


def test_redactor_removes_at_least_95_percent_of_personal_details() -> None:
    scores = score(MARKED, [])
    assert scores.details >= 300
    assert scores.recall >= 0.95, scores.missed


def test_redactor_changes_at_most_5_percent_of_clean_comments() -> None:
    scores = score([], CLEAN)
    assert scores.altered_share <= 0.05, scores.altered


@pytest.mark.parametrize(
    ("marked", "clean", "recall", "altered"),
    [
        ([("Lynn was so kind", ["Lynn"])], ["Nothing to say"], 1.0, 0.0),
        ([("the bus was late", ["bus"])], ["Ring 07700 900123"], 0.0, 1.0),
    ],
)
def test_scores_count_misses_and_changes(marked, clean, recall, altered) -> None:
    scores = score(marked, clean)
    assert (scores.recall, scores.altered_share) == (recall, altered)
