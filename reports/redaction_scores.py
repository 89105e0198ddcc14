"""Score the redactor on a marked corpus: how many personal details it finds, how much it harms.

Part of the reporting layer; pure Python. The test (`tests/reports/test_redaction_corpus.py`)
and the benchmark (`bench/redaction_bench.py`) both score `tests/data/redaction_corpus.json`
with it, so the figures in the README are the ones the test checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reports.redaction import Redaction, redact


@dataclass(frozen=True)
class Scores:
    """What the redactor found in marked comments and changed in clean ones."""

    details: int
    found: int
    clean: int
    altered: int
    missed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Return the share of marked personal details that were removed whole."""
        return self.found / self.details if self.details else 1.0

    @property
    def altered_share(self) -> float:
        """Return the share of clean comments the redactor changed."""
        return self.altered / self.clean if self.clean else 0.0


def covered(result: Redaction, start: int, end: int) -> bool:
    """Say whether [start, end) of the original text lies inside one removed span."""
    return any(span.start <= start and end <= span.end for span in result.spans)


def score(marked: Iterable[tuple[str, list[str]]], clean: Iterable[str]) -> Scores:
    """Score the redactor: each marked detail, every place it appears, must be removed."""
    details = found = 0
    missed = []
    for text, marks in marked:
        result = redact(text)
        for detail in marks:
            for match in re.finditer(re.escape(detail), text):
                details += 1
                if covered(result, match.start(), match.end()):
                    found += 1
                else:
                    missed.append((detail, text))
    clean = list(clean)
    altered = sum(redact(text).text != text for text in clean)
    return Scores(details, found, len(clean), altered, missed)
