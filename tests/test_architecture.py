"""The layers point one way: `reports` knows nothing of Flask or the app; blueprints stay apart."""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def test_reports_import_nothing_from_flask_or_the_app():
    for module, names in _imports(ROOT / "reports").items():
        bad = {n for n in names if n.split(".")[0] in {"flask", "flask_sqlalchemy", "app"}}
        assert not bad, f"{module} imports {bad}"


def test_respond_and_staff_never_import_each_other():
    for module, names in _imports(ROOT / "app" / "respond").items():
        assert not {n for n in names if n.startswith("app.staff")}, module
    for module, names in _imports(ROOT / "app" / "staff").items():
        assert not {n for n in names if n.startswith("app.respond")}, module


def test_the_import_scan_sees_a_flask_import(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    (tmp_path / "bad.py").write_text("from flask import request\n")
    assert _imports(tmp_path) == {"bad.py": {"flask"}}
