"""Shared helpers: run the real checkov and cfn-lint commands on real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "test_fixtures"
SAMPLES = FIXTURES / "samples"
PINPOINT_CHECKS = "CKV_PINPOINT_1,CKV_PINPOINT_2,CKV_PINPOINT_3"


def tool(name: str) -> str:
    """The console script installed beside this interpreter (the project's venv)."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; install the project with its test extra")
    return found


def host_env() -> dict[str, str]:
    """The environment for host runs: no colours, no update checks, no network."""
    env = dict(os.environ)
    env.update(
        {
            "ANSI_COLORS_DISABLED": "1",
            "BC_SKIP_MAPPING": "TRUE",
            # checkov asks PyPI for a newer version at start-up unless told not to.
            "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true",
            "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false",
            "PYTHONWARNINGS": "ignore",
        }
    )
    return env


@dataclass(frozen=True)
class LintMatch:
    """One cfn-lint match, as the JSON formatter reports it."""

    rule: str
    line: int
    column: int
    message: str
    path: tuple[object, ...]


def is_ours(rule_id: str) -> bool:
    """True for checkov-pinpoint's cfn-lint rule IDs (E95xx, W95xx, I95xx)."""
    return rule_id[1:3] == "95"


def run_cfnlint(
    *files: Path,
    extra: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    keep: Callable[[str], bool] = is_ours,
) -> list[LintMatch]:
    """Run cfn-lint with our rules on ``files``; return the matches ``keep`` picks.

    By default only our rules' matches are returned: cfn-lint's own rules have
    opinions of their own on IAM and on Pinpoint. Any rule-crash report (E0002)
    fails the run: that is how cfn-lint reports an exception inside a rule.
    """
    command = [
        tool("cfn-lint"),
        "--format",
        "json",
        "--append-rules",
        "checkov_pinpoint.cfnlint_rules",
        *extra,
        "--",
        *map(str, files),
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env or host_env(),
        cwd=cwd,
        timeout=300,
    )
    assert done.returncode in (0, 2, 4, 6, 8, 10, 12, 14), done.stderr[-3000:]
    matches = json.loads(done.stdout or "[]")
    crashes = [m["Message"] for m in matches if m["Rule"]["Id"] == "E0002"]
    assert not crashes, crashes
    return [
        LintMatch(
            rule=match["Rule"]["Id"],
            line=match["Location"]["Start"]["LineNumber"],
            column=match["Location"]["Start"]["ColumnNumber"],
            message=match["Message"],
            path=tuple(match["Location"].get("Path") or ()),
        )
        for match in matches
        if keep(match["Rule"]["Id"])
    ]


@dataclass(frozen=True)
class CheckovResult:
    """One checkov result record."""

    check_id: str
    resource: str
    result: str
    file: str
    details: tuple[str, ...]
    skip_reason: str
    lines: tuple[int, int] = (0, 0)
    check_name: str = ""


def checks_dir() -> str:
    """The external checks directory, as ``checkov-pinpoint checks-dir`` prints it."""
    done = subprocess.run(
        [tool("checkov-pinpoint"), "checks-dir"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def run_checkov(
    target: Path, frameworks: tuple[str, ...] = ("cloudformation", "terraform")
) -> list[CheckovResult]:
    """Run checkov with only our checks on a file or directory; return every record."""
    flag = "--file" if target.is_file() else "--directory"
    command = [
        tool("checkov"),
        flag,
        str(target),
        "--framework",
        *frameworks,
        "--external-checks-dir",
        checks_dir(),
        "--check",
        PINPOINT_CHECKS,
        "--skip-download",
        "--output",
        "json",
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, env=host_env(), timeout=600
    )
    assert done.returncode in (0, 1), done.stderr[-3000:]
    return parse_checkov_json(done.stdout)


def parse_checkov_json(stdout: str) -> list[CheckovResult]:
    """Flatten checkov's JSON report (one report or a list of them) into records."""
    start = stdout.find("{") if stdout.lstrip().startswith("{") else stdout.find("[")
    data = json.loads(stdout[start:]) if start >= 0 else []
    reports = data if isinstance(data, list) else [data]
    records: list[CheckovResult] = []
    for report in reports:
        results = report.get("results", {}) if isinstance(report, dict) else {}
        for kind in ("failed_checks", "passed_checks", "skipped_checks"):
            for record in results.get(kind, []):
                records.append(
                    CheckovResult(
                        check_id=record["check_id"],
                        resource=record["resource"],
                        result=record["check_result"]["result"],
                        file=Path(record["file_path"]).name,
                        details=tuple(record.get("details") or ()),
                        skip_reason=str(
                            record["check_result"].get("suppress_comment", "")
                        ),
                        lines=tuple(record.get("file_line_range") or (0, 0)),
                        check_name=str(record.get("check_name", "")),
                    )
                )
    return sorted(records, key=lambda r: (r.file, r.resource, r.check_id))


def expected_markers(path: Path) -> list[tuple[str, int]]:
    """The ``# expect: RULE`` markers of a YAML fixture, as (rule, line) pairs."""
    found: list[tuple[str, int]] = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        _, marker, rules = line.partition("# expect:")
        if marker:
            found.extend(
                (rule.strip(), number) for rule in rules.split(",") if rule.strip()
            )
    return found


def line_of(path: Path, needle: str) -> int:
    """The line number of the only line of ``path`` that contains ``needle``."""
    lines = [
        n
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if needle in line
    ]
    assert len(lines) == 1, (
        f"{needle!r} is on lines {lines} of {path.name}, expected exactly one"
    )
    return lines[0]
