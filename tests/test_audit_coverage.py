"""Every staff write is audited: each public `@transactional` use case in `app/services`
calls `audit.record`, itself or through another function it calls, unless it is listed below
with the reason it is not a staff write.

The scan follows calls by name through the services' own imports, so a use case that hands
its audit row to a helper (`editing.change`, `_record`) counts. A new use case that forgets
the audit log fails here. The scan is run over a small broken tree too, to show it can fail.
"""

import ast
import textwrap
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[1] / "app" / "services"
RECORD = ("app.services.audit", "record")
# Writes that are not made by staff, or that only join a use case that records them.
NOT_STAFF_WRITES = {
    "app.services.responses._save": "a resident's draft",
    "app.services.responses._send": "a resident's answers",
    "app.services.responses.discard_draft": "a resident's draft, when a survey has closed",
    "app.services.resume.save_for_later": "a resident's come-back code",
    "app.services.resume.resume_by_code": "a resident's come-back code",
    "app.services.resume.purge_expired_drafts": "the scheduler's clean-up of residents' drafts",
    "app.services.kiosks.start_again": "a kiosk's own reset between residents",
    "app.services.report_jobs._claim": "a background worker taking a queued report",
    "app.services.report_jobs._finish": "a background worker storing a finished report",
    "app.services.frameworks.load_framework_file": "shipped framework data, loaded at set-up",
    "app.services.frameworks.load_all_frameworks": "shipped framework data, loaded at set-up",
    "app.services.demo.seed_demo": "`flask seed-demo` on a developer's machine",
    "app.services.demo.add_synthetic_responses": "`flask seed-demo` on a developer's machine",
    "app.services.definitions.writing.create_survey": "joins builder.starting, which records",
    "app.services.wording.add_translation": "a test helper; staff pages save through translations",
    "app.services.staff_sessions.start": "joins users.sign_in, which records the sign-in",
    "app.services.staff_sessions.resume": "touches the session's last-seen time on each page",
    "app.services.staff_sessions.end": "joins users.sign_out, which records it",
    "app.services.staff_sessions.end_all": "joins sign-out everywhere, deactivation, new password",
}


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.Module) -> dict[str, tuple[str, str | None]]:
    """Map each imported name to (module, attribute or None for a module)."""
    names: dict[str, tuple[str, str | None]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app."):
            for alias in node.names:
                # `from app.services import audit` names a module; `from x import f` a function.
                names[alias.asname or alias.name] = (node.module, alias.name)
    return names


def _calls(function: ast.AST, module: str, imports: dict) -> set[tuple[str, str]]:
    called = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        target = node.func
        if isinstance(target, ast.Name):
            source = imports.get(target.id)
            called.add(source if source else (module, target.id))
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            source = imports.get(target.value.id)
            if source:
                called.add((f"{source[0]}.{source[1]}", target.attr))
    return called


def _is_transactional(function: ast.FunctionDef) -> bool:
    return any(
        isinstance(decorator, ast.Name) and decorator.id == "transactional"
        for decorator in function.decorator_list
    )


def unaudited_writes(root: Path) -> set[str]:
    """Return the dotted names of transactional use cases that never reach `audit.record`."""
    calls: dict[tuple[str, str], set[tuple[str, str]]] = {}
    writes: set[tuple[str, str]] = set()
    for path in sorted(root.rglob("*.py")):
        module = _module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = _imports(tree)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                calls[(module, node.name)] = _calls(node, module, imports)
                if _is_transactional(node):
                    writes.add((module, node.name))
    records = {RECORD}
    changed = True
    while changed:
        found = {name for name, called in calls.items() if called & records} - records
        changed = bool(found)
        records |= found
    return {f"{module}.{name}" for module, name in writes - records}


def test_every_staff_write_in_the_services_is_audited():
    missing = unaudited_writes(SERVICES) - set(NOT_STAFF_WRITES)
    assert not missing, "These use cases write without an audit row:\n" + "\n".join(sorted(missing))


def test_the_exceptions_are_all_still_use_cases():
    every = unaudited_writes(SERVICES)
    assert set(NOT_STAFF_WRITES) <= every


def test_the_scan_sees_a_write_without_an_audit_row(tmp_path):
    services = tmp_path / "app" / "services"
    services.mkdir(parents=True)
    (services / "audit.py").write_text("def record(actor, action, **kw):\n    pass\n")
    (services / "gadgets.py").write_text(
        textwrap.dedent(
            """
            from app.services import audit
            from app.services.transactions import transactional

            def _note(actor):
                audit.record(actor, "gadget.made")

            @transactional
            def make_gadget(actor):
                _note(actor)

            @transactional
            def break_gadget(actor):
                return None
            """
        )
    )
    assert unaudited_writes(services) == {"app.services.gadgets.break_gadget"}
