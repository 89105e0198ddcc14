"""`make audit` reports what the vulnerability services said, and says when they could not run.

pip-audit prints "No known vulnerabilities found" even when PyPI answered for none of the
packages (as on a network that reaches only the package index): that must read "could not run".
"""

import json

from tools.audit import npm_result, python_result

SKIPPED = "Dependency not found on PyPI and could not be audited"


def _pip(*items) -> str:
    return json.dumps({"dependencies": list(items), "fixes": []})


def test_pip_audit_answering_for_no_package_could_not_run():
    output = _pip({"name": "flask", "skip_reason": SKIPPED}, {"name": "rq", "skip_reason": SKIPPED})
    failed, lines = python_result(output, "")
    assert not failed
    assert lines == [
        "pip-audit could not run: PyPI's vulnerability service answered for none of the 2 "
        "packages (this network reaches the package index only)."
    ]


def test_pip_audit_that_cannot_connect_could_not_run():
    failed, lines = python_result("", "Traceback ...\nConnectionError: pypi.org unreachable")
    assert not failed
    assert lines[0].startswith("pip-audit could not run")
    assert "pypi.org unreachable" in lines[0]


def test_a_known_python_vulnerability_fails_and_names_the_fix():
    vulnerable = {
        "name": "flask",
        "version": "3.1.3",
        "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["3.1.4"]}],
    }
    failed, lines = python_result(
        _pip(vulnerable, {"name": "rq", "version": "2.0", "vulns": []}), ""
    )
    assert failed
    assert lines == [
        "pip-audit: 2 of 2 packages checked, 1 known vulnerabilities.",
        "  flask 3.1.3: PYSEC-0000-1 (fixed in 3.1.4)",
    ]


def test_npm_audit_refused_by_the_registry_could_not_run():
    refused = {"message": "405 Method Not Allowed - POST https://registry.example/bulk"}
    failed, lines = npm_result(json.dumps(refused))
    assert not failed
    assert lines == [
        "npm audit could not run: the registry's audit endpoint did not answer "
        "(405 Method Not Allowed - POST https://registry.example/bulk)."
    ]


def test_npm_audit_fails_on_high_vulnerabilities_only():
    def counts(**levels):
        return json.dumps({"metadata": {"vulnerabilities": {"info": 0, **levels}}})

    assert npm_result(counts(low=2, moderate=1, high=0, critical=0)) == (
        False,
        ["npm audit: 3 known vulnerabilities (2 low, 1 moderate, 0 high, 0 critical)."],
    )
    assert npm_result(counts(low=0, moderate=0, high=1, critical=0))[0]
