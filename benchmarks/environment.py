"""Facts about the machine, the tools and the product, and checks before a run."""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import os
import platform
import resource
import subprocess
from pathlib import Path
from typing import Any

from benchmarks.hosts import NOOP_DIR
from benchmarks.procs import isolation_prefix, tool_path

__all__ = [
    "load_average",
    "machine_facts",
    "own_peak_rss_mb",
    "preflight",
    "product_facts",
    "source_fingerprint",
    "versions",
]

_DISTRIBUTIONS = (
    "checkov-pinpoint",
    "checkov",
    "cfn-lint",
    "parliament",
    "PyYAML",
    "pluggy",
)


class PreflightError(RuntimeError):
    """The environment cannot run the benchmarks as they are meant to run."""


def preflight(repo: Path) -> None:
    """Check the tools are installed and the do-nothing checks still mirror ours.

    Raises:
        PreflightError: A tool is missing, or the do-nothing checks' resource
            types differ from the product's.
    """
    for name in ("checkov", "cfn-lint", "checkov-pinpoint"):
        try:
            tool_path(name)
        except FileNotFoundError as error:
            raise PreflightError(str(error)) from error
    try:
        importlib.metadata.version("parliament")
    except importlib.metadata.PackageNotFoundError as error:
        raise PreflightError(
            "parliament is not installed: pip install parliament"
        ) from error

    from checkov_pinpoint.extract.cloudformation import CFN_POLICY_RESOURCE_TYPES
    from checkov_pinpoint.extract.terraform import (
        TERRAFORM_POLICY_DATA,
        TERRAFORM_POLICY_RESOURCES,
    )

    mirrored = _noop_types(NOOP_DIR / "pinpoint_noop_checks.py")
    product = {
        "CFN_TYPES": set(CFN_POLICY_RESOURCE_TYPES),
        "TF_RESOURCE_TYPES": set(TERRAFORM_POLICY_RESOURCES),
        "TF_DATA_TYPES": set(TERRAFORM_POLICY_DATA),
    }
    for name, types in product.items():
        if mirrored.get(name) != types:
            raise PreflightError(
                f"benchmarks/noop_checks {name} is {sorted(mirrored.get(name, ()))!r} but "
                f"the product supports {sorted(types)!r}; update the do-nothing checks so "
                "the floor mirrors the real checks"
            )


def _noop_types(path: Path) -> dict[str, set[str]]:
    """Read the type tuples of the do-nothing checks without importing checkov."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id.endswith("_TYPES"):
                found[target.id] = set(ast.literal_eval(node.value))
    return found


def product_facts(repo: Path) -> dict[str, Any]:
    """The product's commit and its registered rule IDs per host."""
    from checkov_pinpoint.plugins import registered_rules

    rules = registered_rules()
    by_checkov = {r.checkov_id: r.code for r in rules if getattr(r, "checkov_id", None)}
    by_cfnlint = {r.cfnlint_id: r.code for r in rules if getattr(r, "cfnlint_id", None)}
    status = _git(repo, "status", "--porcelain", "--", "checkov_pinpoint", "rules")
    return {
        "commit": _git(repo, "rev-parse", "--short=12", "HEAD") or "unknown",
        "dirty": bool(status),
        "fingerprint": source_fingerprint(repo),
        "checkov_ids": sorted(by_checkov),
        "cfnlint_ids": sorted(by_cfnlint),
        "codes_by_checkov_id": by_checkov,
        "codes_by_cfnlint_id": by_cfnlint,
    }


def source_fingerprint(repo: Path) -> str:
    """A hash of the product's sources and catalog, to notice edits during a run."""
    digest = hashlib.sha256()
    for path in sorted(
        [*repo.glob("checkov_pinpoint/**/*.py"), *repo.glob("rules/*.json")]
    ):
        digest.update(str(path.relative_to(repo)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _git(repo: Path, *args: str) -> str:
    try:
        completed = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return completed.stdout.strip()


def versions() -> dict[str, str]:
    """Installed versions of the product, the hosts and parliament."""
    found = {}
    for name in _DISTRIBUTIONS:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def own_peak_rss_mb() -> float:
    """The harness's own peak resident set, in MiB.

    Linux carries a process's high-water mark across ``exec``, so no measured
    tool can report a peak below what the harness held when it started it.
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as text."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def machine_facts() -> dict[str, Any]:
    """CPU count and model, memory, Python and platform, load, network isolation."""
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": _proc_field("/proc/cpuinfo", "model name")
        or platform.processor()
        or "unknown",
        "memory": _proc_field("/proc/meminfo", "MemTotal") or "unknown",
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_start": load_average(),
        "network_isolated": bool(isolation_prefix()),
    }


def _proc_field(path: str, name: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                if key.strip() == name:
                    return value.strip()
    except OSError:
        return None
    return None
