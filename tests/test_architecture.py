"""The layers point one way, and each rule has a scan that a test proves can fail.

The rules: models import no services and no blueprint; services import no blueprint and
nothing that belongs to a request; `respond` and `staff` never import each other; `reports`
imports nothing of Flask or the app and reads no file outside `reports/` by path; views
never touch `db.session` or `db.engine`. Each rule is a function from a source tree to the
list of places that break it, so the same function runs over the repository and over a
small bad tree written by the test that proves it can see a break.
"""

import ast
import os
import posixpath
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

BLUEPRINTS = ("app.respond", "app.staff")
# What only makes sense while a request is being handled: a service or a model that needs one
# could not run from the CLI, a background job or a test without a fake request.
REQUEST_OBJECTS = frozenset(
    f"flask.{name}"
    for name in (
        "request", "session", "g", "flash", "abort", "redirect", "render_template",
        "make_response", "send_file", "Blueprint",
    )
) | {"flask_login.current_user", "flask_login.login_user", "flask_login.logout_user"}  # fmt: skip


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """Return the module an import names, with relative imports made absolute."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _names(tree: ast.Module, module: str, is_package: bool) -> set[str]:
    """Return every dotted name the module imports, `from a import b` giving `a` and `a.b`."""
    names: set[str] = set()
    modules: dict[str, str] = {}  # the name an `import` binds → the module it is
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                modules[bound] = alias.name if alias.asname else bound
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, module, is_package)
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    # `import flask` then `flask.request`: the attribute is as good as an import.
    for node in ast.walk(tree):
        owner = getattr(node, "value", None)
        if isinstance(node, ast.Attribute) and isinstance(owner, ast.Name) and owner.id in modules:
            names.add(f"{modules[owner.id]}.{node.attr}")
    return names


def _imports(root: Path, folder: str) -> dict[str, set[str]]:
    """Map each module under `root/folder` to the dotted names it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((root / folder).rglob("*.py")):
        module = _module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found[str(path.relative_to(root))] = _names(tree, module, path.name == "__init__.py")
    return found


def _within(name: str, packages) -> bool:
    return any(name == p or name.startswith(f"{p}.") for p in packages)


def _breaks(root: Path, folder: str, forbidden) -> list[str]:
    """List `module imports name` for every forbidden name imported under `root/folder`."""
    return [
        f"{module} imports {name}"
        for module, names in _imports(root, folder).items()
        for name in sorted(names)
        if forbidden(name)
    ]


def models_importing_upwards(root: Path) -> list[str]:
    """Models know no services, no blueprint and no request."""
    above = ("app.services", "app.cli", *BLUEPRINTS)
    return _breaks(root, "app/models", lambda n: _within(n, above) or n in REQUEST_OBJECTS)


def services_importing_upwards(root: Path) -> list[str]:
    """Services know no blueprint and nothing of the request they may be called from."""
    return _breaks(
        root, "app/services", lambda n: _within(n, (*BLUEPRINTS, "app.cli")) or n in REQUEST_OBJECTS
    )


def blueprints_importing_each_other(root: Path) -> list[str]:
    """The resident journey and the staff pages share services, never each other."""
    return _breaks(root, "app/respond", lambda n: _within(n, ["app.staff"])) + _breaks(
        root, "app/staff", lambda n: _within(n, ["app.respond"])
    )


def reports_importing_flask_or_the_app(root: Path) -> list[str]:
    """`reports` takes an engine and plain values; Flask and the app are not its business."""
    flask_or_app = ("app", "flask", "flask_sqlalchemy", "flask_babel", "flask_login", "werkzeug")
    return _breaks(root, "reports", lambda n: n.split(".")[0] in flask_or_app)


def views_touching_the_database(root: Path) -> list[str]:
    """Find `db.session`, `db.engine` or an import of `db` in a blueprint module."""
    found = []
    for folder in ("app/respond", "app/staff"):
        for path in sorted((root / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            where = path.relative_to(root)
            for node in ast.walk(tree):
                if _is_db_handle(node):
                    found.append(f"{where}:{node.lineno} uses db.{node.attr}")
                elif _imports_db(node):
                    found.append(f"{where}:{node.lineno} imports db")
    return found


def _imports_db(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.ImportFrom)
        and node.module == "app.extensions"
        and any(alias.name == "db" for alias in node.names)
    )


def _is_db_handle(node: ast.AST) -> bool:
    if not isinstance(node, ast.Attribute) or node.attr not in {"session", "engine"}:
        return False
    owner = node.value
    return (isinstance(owner, ast.Name) and owner.id == "db") or (
        isinstance(owner, ast.Attribute) and owner.attr == "db"
    )


class _PathEvaluator:
    """Work out, without running it, where each path built from `__file__` in a module points.

    Understood: `Path(...)`/`PurePath(...)`, `.parent`, `.parents[n]`, `.resolve()`,
    `.absolute()`, `.joinpath(...)`, `/ "text"`, `os.path.dirname/join/abspath/realpath`,
    and names assigned earlier in the module. Anything else is "not known" and skipped: a
    path that starts from an installed package (a font) is that package's own file.
    """

    def __init__(self, file: str) -> None:
        self.names: dict[str, str | None] = {"__file__": file}

    def value(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            inner = self.value(node.value)
            return posixpath.dirname(inner) if inner else None
        if isinstance(node, ast.Subscript):
            return self._parents(node)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return self._join(self.value(node.left), [node.right])
        if isinstance(node, ast.Call):
            return self._call(node)
        return None

    def _parents(self, node: ast.Subscript) -> str | None:
        owner, index = node.value, node.slice
        if not (isinstance(owner, ast.Attribute) and owner.attr == "parents"):
            return None
        inner = self.value(owner.value)
        if inner is None or not isinstance(index, ast.Constant) or not isinstance(index.value, int):
            return None
        for _ in range(index.value + 1):
            inner = posixpath.dirname(inner)
        return inner

    def _call(self, node: ast.Call) -> str | None:
        name = ast.unparse(node.func)
        if name in {"Path", "PurePath", "pathlib.Path", "os.path.join"} and node.args:
            return self._join(self.value(node.args[0]), node.args[1:])
        if name in {"os.path.dirname"} and node.args:
            inner = self.value(node.args[0])
            return posixpath.dirname(inner) if inner else None
        if name in {"os.path.abspath", "os.path.realpath", "os.path.normpath"} and node.args:
            return self.value(node.args[0])
        if isinstance(node.func, ast.Attribute):
            if node.func.attr in {"resolve", "absolute"}:
                return self.value(node.func.value)
            if node.func.attr == "joinpath":
                return self._join(self.value(node.func.value), node.args)
        return None

    @staticmethod
    def _join(start: str | None, parts: list[ast.AST]) -> str | None:
        if start is None:
            return None
        for part in parts:
            if ast.unparse(part) == "os.pardir":
                start = posixpath.join(start, "..")
                continue
            if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
                return None
            start = posixpath.join(start, part.value)
        return posixpath.normpath(start)


def reports_reading_outside_reports(root: Path) -> list[str]:
    """Find paths in `reports/` that leave it: built from `__file__`, or written as text.

    Every expression that builds a path from the module's own `__file__` must land inside
    `reports/`; and no string may climb with `..` or start with another top-level folder of
    the repository (`app/static/symbols`), which catches a path put together some other way.
    """
    reports = (root / "reports").resolve().as_posix()
    folders = {p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")}
    elsewhere = folders - {"reports"}
    found = []
    for path in sorted((root / "reports").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(root)
        evaluator = _PathEvaluator(path.resolve().as_posix())
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                evaluator.names[node.targets[0].id] = evaluator.value(node.value)
        lines = {}  # the first (outermost) finding on each line is enough to go and look
        for node in ast.walk(tree):
            problem = _leaving(evaluator, node, reports, elsewhere)
            if problem and node.lineno not in lines:
                lines[node.lineno] = f"{where}:{node.lineno} {problem}"
        found.extend(lines[line] for line in sorted(lines))
    return found


def _leaving(evaluator: _PathEvaluator, node: ast.AST, reports: str, elsewhere: set[str]):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts = node.value.replace("\\", "/").split("/")
        if ".." in parts or (len(parts) > 1 and parts[0] in elsewhere):
            return f"names the path {node.value!r}"
    if isinstance(node, ast.expr):
        pointed = evaluator.value(node)
        if pointed and os.path.commonpath([pointed, reports]) != reports:
            return f"points at {pointed}"
    return None


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_models_import_no_services_and_no_blueprints():
    assert models_importing_upwards(ROOT) == []


@pytest.mark.parametrize(
    "source",
    [
        "from app.services import surveys\n",
        "from app import staff\n",
        "from flask import request\n",
    ],
)
def test_the_models_scan_sees_an_upward_import(tmp_path, source):
    _write(tmp_path, {"app/models/survey.py": source})
    assert models_importing_upwards(tmp_path)


def test_services_import_no_blueprints_and_nothing_of_the_request():
    assert services_importing_upwards(ROOT) == []


@pytest.mark.parametrize(
    "source",
    [
        "from app.staff.forms import SurveyForm\n",
        "from ..respond import views\n",
        "import flask\nflask.request.args\n",
        "import flask as web\nweb.session.clear()\n",
        "from flask_login import current_user\n",
    ],
)
def test_the_services_scan_sees_a_blueprint_or_a_request(tmp_path, source):
    _write(tmp_path, {"app/services/surveys.py": source})
    assert services_importing_upwards(tmp_path)


def test_respond_and_staff_never_import_each_other():
    assert blueprints_importing_each_other(ROOT) == []


def test_the_blueprint_scan_sees_one_importing_the_other(tmp_path):
    _write(tmp_path, {"app/staff/entry.py": "from app.respond.views import question\n"})
    assert blueprints_importing_each_other(tmp_path) == [
        "app/staff/entry.py imports app.respond.views",
        "app/staff/entry.py imports app.respond.views.question",
    ]


def test_reports_import_nothing_from_flask_or_the_app():
    assert reports_importing_flask_or_the_app(ROOT) == []


def test_the_import_scan_sees_a_flask_import(tmp_path):
    _write(tmp_path, {"reports/bad.py": "from flask import request\nimport app.services\n"})
    assert reports_importing_flask_or_the_app(tmp_path) == [
        "reports/bad.py imports app.services",
        "reports/bad.py imports flask",
        "reports/bad.py imports flask.request",
    ]


def test_views_never_touch_db_session_or_db_engine():
    assert views_touching_the_database(ROOT) == []


def test_the_view_scan_sees_the_session_the_engine_and_the_import(tmp_path):
    _write(
        tmp_path,
        {
            "app/staff/users.py": "from app.extensions import db\ndb.session.commit()\n",
            "app/respond/views.py": "import app.extensions\napp.extensions.db.engine.connect()\n",
        },
    )
    assert views_touching_the_database(tmp_path) == [
        "app/respond/views.py:2 uses db.engine",
        "app/staff/users.py:1 imports db",
        "app/staff/users.py:2 uses db.session",
    ]


def test_reports_read_no_file_outside_reports():
    assert reports_reading_outside_reports(ROOT) == []


@pytest.mark.parametrize(
    "source",
    [
        "from pathlib import Path\nSYMBOLS = Path(__file__).resolve().parent.parent / 'app'\n",
        "from pathlib import Path\nHERE = Path(__file__).parent\nUP = HERE / '..' / 'app'\n",
        "from pathlib import Path\nROOT = Path(__file__).resolve().parents[1]\n",
        "import os\nUP = os.path.join(os.path.dirname(__file__), os.pardir)\n",
        "SYMBOLS = 'app/static/symbols'\n",
    ],
)
def test_the_reports_path_scan_sees_a_path_that_leaves(tmp_path, source):
    _write(tmp_path, {"reports/pictures.py": source, "app/static/symbols/yes.svg": "<svg/>"})
    assert reports_reading_outside_reports(tmp_path)


def test_the_reports_path_scan_lets_reports_read_its_own_templates(tmp_path):
    source = (
        "from pathlib import Path\nimport fontpkg\n"
        "TEMPLATES = Path(__file__).resolve().parent / 'templates'\n"
        "CSS = (TEMPLATES / 'report.css').read_text()\n"
        "FONTS = Path(fontpkg.__file__).parent / 'files'\n"
    )
    _write(tmp_path, {"reports/render.py": source, "app/static/x.css": ""})
    assert reports_reading_outside_reports(tmp_path) == []
