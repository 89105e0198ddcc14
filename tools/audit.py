"""`make audit`: known vulnerabilities in the pinned Python packages and the front-end packages.

Runs `pip-audit` over requirements.txt (PyPI's vulnerability data) and `npm audit` (the npm
registry's audit endpoint), and prints what each found. A service that cannot be reached, or
that answers for none of the packages, is said in one line ("could not run") and is not a
failure: some networks reach the package registries but not their audit services. Known
vulnerabilities are a failure (exit status 1).

    .venv/bin/python tools/audit.py
"""

import json
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
PIP_AUDIT = [
    str(Path(sys.executable).with_name("pip-audit")),
    "--requirement", "requirements.txt", "--no-deps", "--disable-pip",
    "--format", "json", "--progress-spinner", "off",
]  # fmt: skip
NPM_AUDIT = ["npm", "audit", "--json"]
TIMEOUT_SECONDS = 180
FAILING_NPM_LEVELS = ("high", "critical")


def python_result(output: str, errors: str) -> tuple[bool, list[str]]:
    """Read pip-audit's JSON: (vulnerabilities found, lines to print)."""
    try:
        dependencies = json.loads(output)["dependencies"]
    except (ValueError, KeyError, TypeError):
        reason = (errors.strip().splitlines() or ["no answer"])[-1]
        return False, [
            f"pip-audit could not run: the vulnerability service did not answer ({reason})."
        ]
    audited = [item for item in dependencies if "skip_reason" not in item]
    skipped = [item["name"] for item in dependencies if "skip_reason" in item]
    if not audited:
        return False, [
            f"pip-audit could not run: PyPI's vulnerability service answered for none of the "
            f"{len(dependencies)} packages (this network reaches the package index only)."
        ]
    found = [
        f"  {item['name']} {item['version']}: {vuln['id']} "
        f"(fixed in {', '.join(vuln['fix_versions']) or 'no release yet'})"
        for item in audited
        for vuln in item.get("vulns", [])
    ]
    lines = [
        f"pip-audit: {len(audited)} of {len(dependencies)} packages checked, "
        f"{len(found)} known vulnerabilities."
    ]
    if skipped:
        lines.append(f"  Not checked (the service did not know them): {', '.join(skipped)}")
    return bool(found), lines + found


def npm_result(output: str) -> tuple[bool, list[str]]:
    """Read `npm audit --json`: (high or critical vulnerabilities found, lines to print)."""
    try:
        answer = json.loads(output)
    except ValueError:
        answer = {}
    counts = answer.get("metadata", {}).get("vulnerabilities") if isinstance(answer, dict) else None
    if not counts:
        reason = answer.get("message") or answer.get("error", {}).get("summary") or "no answer"
        return False, [
            f"npm audit could not run: the registry's audit endpoint did not answer ({reason})."
        ]
    total = sum(counts.get(level, 0) for level in ("info", "low", "moderate", "high", "critical"))
    levels = ", ".join(
        f"{counts.get(level, 0)} {level}" for level in ("low", "moderate", "high", "critical")
    )
    failing = any(counts.get(level, 0) for level in FAILING_NPM_LEVELS)
    return failing, [f"npm audit: {total} known vulnerabilities ({levels})."]


def _run(command: list[str]) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(  # noqa: S603 - fixed commands
            command, cwd=REPOSITORY, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
            check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as problem:
        return subprocess.CompletedProcess(command, 1, "", str(problem))


def main() -> int:
    python = _run(PIP_AUDIT)
    python_failed, python_lines = python_result(python.stdout, python.stderr)
    npm_failed, npm_lines = npm_result(_run(NPM_AUDIT).stdout)
    sys.stdout.write("\n".join(python_lines + npm_lines) + "\n")
    return 1 if python_failed or npm_failed else 0


if __name__ == "__main__":
    sys.exit(main())
