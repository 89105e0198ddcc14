"""Redaction on the synthetic corpus: recall, clean comments changed, and time per comment.

Scores `reports.redaction` on `tests/data/redaction_corpus.json` (made by
`bench/make_redaction_corpus.py`: comments in the style of health and social care feedback with
their personal details marked, and clean comments) with `reports.redaction_scores`, the same
scoring the test uses. Targets (issue 11): recall at least 95%, at most 5% of clean comments
changed. Then times loading the name lists once and redacting 10,000 comments. Nothing is
asserted.

Run `.venv/bin/python bench/redaction_bench.py`.
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reports.redaction import redact  # noqa: E402
from reports.redaction_names import name_lists  # noqa: E402
from reports.redaction_scores import score  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "redaction_corpus.json"
COMMENTS = 10_000


def main() -> None:
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    marked = [(item["text"], item["details"]) for item in corpus["with_details"]]
    started = time.perf_counter()
    name_lists()
    loaded = time.perf_counter() - started
    scores = score(marked, corpus["clean"])
    print(f"comments with personal details: {len(marked)}, clean comments: {scores.clean}")
    print(
        f"recall: {scores.found} of {scores.details} personal details removed "
        f"({scores.recall:.1%}; target at least 95%)"
    )
    print(
        f"clean comments changed: {scores.altered} of {scores.clean} "
        f"({scores.altered_share:.1%}; target at most 5%)"
    )
    for detail, text in scores.missed:
        print(f"  missed {detail!r} in {text!r}")
    texts = [text for text, _ in marked] + corpus["clean"]
    batch = (texts * (COMMENTS // len(texts) + 1))[:COMMENTS]
    started = time.perf_counter()
    for text in batch:
        redact(text)
    elapsed = time.perf_counter() - started
    print(f"name lists loaded in {loaded:.2f} s")
    each = elapsed / COMMENTS * 1e3
    print(f"{COMMENTS:,} comments redacted in {elapsed:.2f} s ({each:.2f} ms each)")


if __name__ == "__main__":
    main()
