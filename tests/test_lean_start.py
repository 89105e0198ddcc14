"""A web worker starts without the reporting stack (issue 13): pandas, numpy, matplotlib,
WeasyPrint and openpyxl load only where a report, a poster, a spreadsheet or a partner's
counts are built, so each worker holds what serving pages needs.

Importing `wsgi` loads only what a worker loads at start; importing every module of `app`
also covers the modules a request reaches later (a view's lazy import of a service), so a
top-level `import pandas` anywhere in `app/` fails here, naming the module."""

import gc
import json
import runpy
import subprocess
import sys
from pathlib import Path

import reports
from reports import render

ROOT = Path(__file__).resolve().parent.parent
REPORTING_STACK = ("pandas", "numpy", "matplotlib", "weasyprint", "openpyxl")
# Imports each module of a package in turn, and names the first that brought in each part
# of the reporting stack.
EVERY_MODULE = """
import importlib, json, pkgutil, sys
package = importlib.import_module({package!r})
blamed = {{name: {package!r} for name in {stack!r} if name in sys.modules}}
for module in pkgutil.walk_packages(package.__path__, {package!r} + "."):
    importlib.import_module(module.name)
    for name in {stack!r}:
        if name in sys.modules and name not in blamed:
            blamed[name] = module.name
print(json.dumps(blamed))
"""


def _run(script: str):
    result = subprocess.run(  # noqa: S603 - our own fixed scripts
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"HEARD_ENV": "development", "PATH": ""},
    )
    return json.loads(result.stdout.splitlines()[-1])


def _loaded_after(code: str) -> list[str]:
    modules = _run(f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))")
    return [name for name in REPORTING_STACK if name in modules]


def _brought_in_by(package: str) -> dict[str, str]:
    """Return each part of the stack that importing the package's modules loads, and by whom."""
    return _run(EVERY_MODULE.format(package=package, stack=REPORTING_STACK))


def test_starting_the_web_app_loads_none_of_the_reporting_stack():
    assert _loaded_after("import wsgi") == []


def test_no_module_of_the_web_app_loads_the_reporting_stack_when_imported():
    assert _brought_in_by("app") == {}


def test_the_module_scan_names_the_module_that_loads_the_stack():
    # The scan above can fail: the reporting layer's own modules load the stack at the top.
    blamed = _brought_in_by("reports")
    assert {"pandas", "matplotlib", "weasyprint", "openpyxl"} <= set(blamed)
    assert all(module.startswith("reports.") for module in blamed.values())


def test_building_a_report_still_loads_it():
    # The scan above can fail: it sees the stack as soon as the renderer is used.
    assert {"pandas", "matplotlib", "weasyprint"} <= set(_loaded_after("import reports.render"))


def test_the_package_names_the_editions_the_renderer_has():
    assert reports.EDITIONS == render.EDITIONS


def test_gunicorn_freezes_what_the_master_loaded_before_each_fork():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["preload_app"] is True
    try:
        settings["pre_fork"](None, None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
