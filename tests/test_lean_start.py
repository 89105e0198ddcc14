"""A web worker starts without the reporting stack (issue 13): pandas, numpy, matplotlib,
WeasyPrint and openpyxl load only where a report, a poster, a spreadsheet or a partner's
counts are built, so each worker holds what serving pages needs."""

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


def _loaded_after(code: str) -> list[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(  # noqa: S603 - our own fixed scripts
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"HEARD_ENV": "development", "PATH": ""},
    )
    modules = json.loads(result.stdout.splitlines()[-1])
    return [name for name in REPORTING_STACK if name in modules]


def test_starting_the_web_app_loads_none_of_the_reporting_stack():
    assert _loaded_after("import wsgi") == []


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
