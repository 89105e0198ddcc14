"""The repository explains itself: every rule id the code cites has an entry in `docs/`.

Code and tests cite entries of `docs/bad-input.md` and `docs/accessibility.md` by id, in the
form "docs/bad-input.md BAD-8, REL-2" (or the older "BAD_INPUTS.md …" / "EASY_READ.md …"),
as a bare BAD-, REL- or SEC- id, or as "(E1)" in a passage that names the easy-read rules.
A citation with no entry behind it fails, and so does a pointer to files outside the
repository. Each scan also runs over a small tree written by the test, to prove it can fail.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BAD_INPUT = "bad-input.md"
ACCESSIBILITY = "accessibility.md"
SCANNED = ("app", "reports", "tests")
SUFFIXES = {".py", ".html", ".scss", ".css", ".mjs", ".js", ".yaml", ".yml", ".md", ".txt"}
# Built or copied at set-up (see .gitignore): not our words.
SKIPPED_FOLDERS = {"__pycache__", "build", "govuk"}
# This file's examples are made-up citations, not the code's.
THIS_FILE = Path(__file__).resolve()

# Which document each way of citing points at.
NAMES = {
    "docs/bad-input.md": BAD_INPUT,
    "BAD_INPUTS.md": BAD_INPUT,
    "docs/accessibility.md": ACCESSIBILITY,
    "EASY_READ.md": ACCESSIBILITY,
}
_ID = r"[A-Z]+-?\d+"
# One id, or a range such as "E3–E6" or "BAD-33–37".
_ITEM = re.compile(r"(?P<prefix>[A-Z]+-?)(?P<start>\d+)(?:\s*[–-]\s*(?:[A-Z]+-?)?(?P<end>\d+))?")
_LIST = rf"{_ID}(?:\s*[–-]\s*(?:[A-Z]+-?)?\d+)?"
_CITATION = re.compile(
    rf"(?P<name>{'|'.join(map(re.escape, NAMES))}):?\s+(?P<ids>{_LIST}(?:\s*,\s*{_LIST})*)"
)
_BARE_BAD_INPUT = re.compile(r"\b(?:BAD|REL|SEC)-\d+(?:\s*[–-]\s*\d+)?\b")
_IN_BRACKETS = re.compile(rf"\((?P<ids>{_LIST}(?:\s*,\s*{_LIST})*)\)")
_ENTRY = re.compile(rf"^(?:\|\s*|[-*]\s+\*\*|#+\s+)(?P<id>{_ID})\b", re.MULTILINE)


def expand(ids: str) -> list[str]:
    """Return every id in a list like "E3–E6, E8" or "REL-1, BAD-33–37", ranges written out."""
    found = []
    for item in _ITEM.finditer(ids):
        start = int(item["start"])
        end = int(item["end"] or start)
        found += [f"{item['prefix']}{number}" for number in range(start, end + 1)]
    return found


def citations(text: str) -> set[tuple[str, str]]:
    """Return the (document, id) pairs that a piece of text cites."""
    cited = {(NAMES[c["name"]], i) for c in _CITATION.finditer(text) for i in expand(c["ids"])}
    cited |= {(BAD_INPUT, i) for bare in _BARE_BAD_INPUT.finditer(text) for i in expand(bare[0])}
    if any(name in text for name, document in NAMES.items() if document == ACCESSIBILITY):
        for group in _IN_BRACKETS.finditer(text):
            cited |= {(ACCESSIBILITY, i) for i in expand(group["ids"]) if "-" not in i}
    return cited


def entries(text: str) -> set[str]:
    """Return the ids that a document has entries for (table rows, list items, headings)."""
    return {entry["id"] for entry in _ENTRY.finditer(text)}


def _files(root: Path) -> list[Path]:
    return [
        path
        for folder in SCANNED
        for path in sorted((root / folder).rglob("*"))
        if path.suffix in SUFFIXES
        and path.is_file()
        and not SKIPPED_FOLDERS & set(path.relative_to(root).parts)
        and path.resolve() != THIS_FILE
    ]


def missing_entries(root: Path) -> list[str]:
    """Return "file: document id" for every citation under `root` with no entry in its docs."""
    known = {
        name: entries((root / "docs" / name).read_text(encoding="utf-8")) for name in NAMES.values()
    }
    missing = []
    for path in _files(root):
        for document, cited in sorted(
            citations(path.read_text(encoding="utf-8", errors="replace"))
        ):
            if cited not in known[document]:
                missing.append(f"{path.relative_to(root)}: docs/{document} {cited}")
    return missing


def pointers_outside(root: Path) -> list[str]:
    """Return the README and docs files that point at "../shared" instead of explaining."""
    paths = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
    return [str(p.relative_to(root)) for p in paths if "../shared" in p.read_text(encoding="utf-8")]


def _tree(tmp_path: Path, code: str, bad_input: str = "", accessibility: str = "") -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / BAD_INPUT).write_text(bad_input, encoding="utf-8")
    (tmp_path / "docs" / ACCESSIBILITY).write_text(accessibility, encoding="utf-8")
    (tmp_path / "README.md").write_text("# A project\n", encoding="utf-8")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text(code, encoding="utf-8")
    return tmp_path


def test_every_id_cited_in_the_code_has_an_entry_in_the_docs():
    assert missing_entries(ROOT) == []


def test_the_scan_finds_citations_in_the_code():
    cited = {c for path in _files(ROOT) for c in citations(path.read_text(encoding="utf-8"))}
    assert {document for document, _ in cited} == {BAD_INPUT, ACCESSIBILITY}


def test_no_document_has_two_entries_with_the_same_id():
    for name in (BAD_INPUT, ACCESSIBILITY):
        ids = [entry["id"] for entry in _ENTRY.finditer((DOCS / name).read_text(encoding="utf-8"))]
        assert len(ids) == len(set(ids)), name


def test_the_readme_and_docs_never_point_outside_the_repository():
    assert pointers_outside(ROOT) == []


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("# docs/bad-input.md REL-2, BAD-8", {(BAD_INPUT, "REL-2"), (BAD_INPUT, "BAD-8")}),
        (
            "(BAD_INPUTS.md REL-1, BAD-33–35)",
            {(BAD_INPUT, "REL-1")} | {(BAD_INPUT, f"BAD-{n}") for n in (33, 34, 35)},
        ),
        ("/* EASY_READ.md E3-E5, K3 */", {(ACCESSIBILITY, i) for i in ("E3", "E4", "E5", "K3")}),
        ("(docs/accessibility.md K8, WCAG 3.2.6)", {(ACCESSIBILITY, "K8")}),
        ("# Control characters (BAD-8, BAD-9).", {(BAD_INPUT, "BAD-8"), (BAD_INPUT, "BAD-9")}),
        (
            "Words follow EASY_READ.md: short sentences (E1), acronyms\n(E7).",
            {(ACCESSIBILITY, "E1"), (ACCESSIBILITY, "E7")},
        ),
        ("A cell like (A1) in a spreadsheet", set()),
    ],
)
def test_citations_are_read_in_every_form_the_code_uses(text, cited):
    assert citations(text) == cited


def test_the_check_fails_for_a_cited_id_with_no_entry(tmp_path):
    code = '"""Refuse it (docs/bad-input.md BAD-8, BAD-9; docs/accessibility.md P7)."""\n'
    root = _tree(
        tmp_path, code, bad_input="- **BAD-8** A NUL byte.\n", accessibility="| P6 | x |\n"
    )
    assert missing_entries(root) == [
        "app/views.py: docs/accessibility.md P7",
        "app/views.py: docs/bad-input.md BAD-9",
    ]


def test_the_check_passes_when_every_cited_id_has_an_entry(tmp_path):
    code = '"""Refuse it (BAD_INPUTS.md BAD-8; EASY_READ.md P7)."""\n'
    root = _tree(
        tmp_path, code, bad_input="- **BAD-8** A NUL byte.\n", accessibility="| P7 | x |\n"
    )
    assert missing_entries(root) == []


def test_the_check_sees_a_pointer_outside_the_repository(tmp_path):
    root = _tree(tmp_path, "")
    (root / "docs" / "architecture.md").write_text("See ../shared/DESIGN.md.\n", encoding="utf-8")
    assert pointers_outside(root) == ["docs/architecture.md"]
