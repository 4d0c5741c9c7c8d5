"""Run the real checkov and cfn-lint for the hostile-input tests, output kept whole.

``conftest`` runs the hosts and keeps only our results. These tests need more: the
host's own results (to show ours leave them unchanged), stderr (to look for our
tracebacks), the exit code, and an environment with a test shim on
``PYTHONPATH`` (a ``sitecustomize`` that injects a crash or refuses the network).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from conftest import checks_dir, host_env, is_ours, tool

from checkov_pinpoint.plugins import registered_rules

HERE = Path(__file__).resolve().parent
#: A sitecustomize that makes one checkov-pinpoint function raise.
INJECT_CRASH = HERE / "inject_crash"
#: A sitecustomize that refuses and records every network attempt.
NO_NETWORK = HERE / "no_network"

#: Every checkov check ID of ours, as registered.
OUR_CHECKS = tuple(
    sorted(rule.checkov_id for rule in registered_rules() if rule.checkov_id)
)

# A traceback frame in one of our modules, as Python prints it.
_OUR_FRAME = re.compile(r'File "[^"]*checkov_pinpoint[/\\][^"]*", line \d+')


@dataclass(frozen=True)
class Run:
    """One finished host run."""

    command: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def our_traceback_frames(self) -> list[str]:
        """Traceback lines in stderr that point into checkov_pinpoint."""
        return _OUR_FRAME.findall(self.stderr)


def environment(shim: Path | None = None, **variables: str) -> dict[str, str]:
    """The hosts' usual environment, with ``shim`` first on PYTHONPATH.

    The hash seed is fixed: cfn-lint picks which of two equivalent keys a
    schema match names by set order, so runs compared with each other would
    otherwise differ on their own.
    """
    env = host_env()
    env["PYTHONHASHSEED"] = "0"
    if shim is not None:
        env["PYTHONPATH"] = str(shim)
    env.update(variables)
    return env


def run(command: list[str], env: dict[str, str], timeout: float, cwd: Path) -> Run:
    """Run a host command; a hang fails the test through ``TimeoutExpired``."""
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        errors="backslashreplace",
        env=env,
        timeout=timeout,
        cwd=cwd,
    )
    return Run(tuple(command), done.returncode, done.stdout, done.stderr)


@dataclass(frozen=True)
class Lint:
    """One cfn-lint match: rule, location and message."""

    rule: str
    file: str
    line: int
    path: tuple[object, ...]
    message: str


def cfnlint(
    files: list[Path],
    *,
    ours: bool = True,
    env: dict[str, str] | None = None,
    extra: tuple[str, ...] = (),
    timeout: float = 300,
) -> tuple[Run, list[Lint]]:
    """Run cfn-lint (with our rules unless ``ours`` is False) on ``files``."""
    command = [tool("cfn-lint"), "--format", "json"]
    if ours:
        command += ["--append-rules", "checkov_pinpoint.cfnlint_rules"]
    command += [*extra, "--", *map(str, files)]
    done = run(command, env or environment(), timeout, files[0].parent)
    matches = json.loads(done.stdout) if done.stdout.strip() else []
    return done, sorted(
        (
            Lint(
                rule=match["Rule"]["Id"],
                file=Path(match["Filename"]).name,
                line=match["Location"]["Start"]["LineNumber"],
                path=tuple(match["Location"].get("Path") or ()),
                message=match["Message"],
            )
            for match in matches
        ),
        key=lambda lint: (lint.file, lint.line, lint.rule, lint.message),
    )


def theirs(lints: list[Lint]) -> list[Lint]:
    """cfn-lint's own matches, ours left out."""
    return [lint for lint in lints if not is_ours(lint.rule)]


@dataclass(frozen=True)
class Record:
    """One checkov result record, with what a user reads of it."""

    check_id: str
    resource: str
    result: str
    file: str
    name: str
    details: tuple[str, ...]
    skip_reason: str

    @property
    def says(self) -> str:
        """Everything the record tells a user, in one string."""
        return " | ".join((self.name, *self.details, self.skip_reason))


def checkov(
    target: Path,
    *,
    ours: bool = True,
    checks: tuple[str, ...] | None = OUR_CHECKS,
    frameworks: tuple[str, ...] = ("cloudformation", "terraform"),
    env: dict[str, str] | None = None,
    extra: tuple[str, ...] = (),
    timeout: float = 600,
) -> tuple[Run, list[Record], list[str]]:
    """Run checkov on a file or directory; return the run, records, parse errors.

    ``checks`` None runs every check checkov has (its own and, with ``ours``,
    ours). ``--skip-download`` is always given.
    """
    command = [
        tool("checkov"),
        "--file" if target.is_file() else "--directory",
        str(target),
        "--framework",
        *frameworks,
        "--skip-download",
        "--output",
        "json",
        *extra,
    ]
    if ours:
        command += ["--external-checks-dir", checks_dir()]
    if checks is not None:
        command += ["--check", ",".join(checks)]
    done = run(command, env or environment(), timeout, target.parent)
    records, errors = _parse_checkov(done.stdout)
    return done, records, errors


def _parse_checkov(stdout: str) -> tuple[list[Record], list[str]]:
    start = min((i for i in (stdout.find("{"), stdout.find("[")) if i >= 0), default=-1)
    data = json.loads(stdout[start:]) if start >= 0 else []
    reports = data if isinstance(data, list) else [data]
    records: list[Record] = []
    errors: list[str] = []
    for report in reports:
        results = report.get("results", {}) if isinstance(report, dict) else {}
        errors += [Path(name).name for name in results.get("parsing_errors", [])]
        for kind in ("failed_checks", "passed_checks", "skipped_checks"):
            for record in results.get(kind, []):
                records.append(
                    Record(
                        check_id=record["check_id"],
                        resource=record["resource"],
                        result=record["check_result"]["result"],
                        file=Path(record["file_path"]).name,
                        name=record.get("check_name") or "",
                        details=tuple(record.get("details") or ()),
                        skip_reason=str(
                            record["check_result"].get("suppress_comment", "")
                        ),
                    )
                )
    records.sort(key=lambda r: (r.file, r.resource, r.check_id))
    return records, sorted(errors)
