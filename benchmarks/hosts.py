"""Timing checkov and cfn-lint with and without checkov-pinpoint, side by side.

Variants of one command are run in rounds: a warm-up round first (discarded; it
fills the file cache and writes bytecode), then ``repeats`` rounds, each running
every variant once in a rotated order so that a slow spell on the shared machine
falls on all of them alike. Medians are taken per variant, and ratios between
medians.

What is compared, and why it is fair:

* checkov ``ours`` runs our checks (``--external-checks-dir`` of the installed
  package, ``--check`` our IDs). ``noop`` runs the same number of do-nothing
  checks on the same resource types (``benchmarks/noop_checks``): checkov's own
  bookkeeping for a check, which no check can avoid, is the floor. ``bare`` runs
  no check at all (``--check`` of an ID nobody registers): parsing, graph
  building and reporting only. ``ours / noop`` is what our analysis costs.
* ``default`` and ``default+ours`` are what a user sees: checkov's full built-in
  scan, without and with our checks directory.
* cfn-lint ``bare`` and ``ours`` differ only by ``--append-rules``.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.procs import ProcessCost, run_measured, tool_env, tool_path
from benchmarks.stats import median, ratio, spread

__all__ = [
    "NOOP_DIR",
    "Variant",
    "checkov_variants",
    "cfnlint_variants",
    "measure_side_by_side",
    "ours_checks_dir",
    "summarise",
]

NOOP_DIR = Path(__file__).parent / "noop_checks"
_NO_SUCH_CHECK = "CKV_PPNONE_0"


@dataclass(frozen=True)
class Variant:
    """One way of running a tool on a corpus.

    Attributes:
        name: ``bare``, ``noop``, ``ours``, ``default`` or ``default+ours``.
        argv: The command.
        env: Extra environment variables for this variant.
    """

    name: str
    argv: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)


def ours_checks_dir() -> str:
    """The installed checks directory, as the README tells users to find it."""
    completed = subprocess.run(
        [tool_path("checkov-pinpoint"), "checks-dir"],
        capture_output=True,
        text=True,
        timeout=60,
        env=tool_env(),
        check=True,
    )
    return completed.stdout.strip()


def _checkov_base(root: Path) -> tuple[str, ...]:
    """checkov on both frameworks of ``root``, offline, JSON output."""
    checkov = tool_path("checkov")
    frameworks = ("--framework", "cloudformation", "terraform")
    return (checkov, "-d", str(root), *frameworks, "--skip-download", "-o", "json")


def checkov_variants(
    root: Path, ours_ids: Sequence[str], *, default_pair: bool
) -> list[Variant]:
    """The checkov commands to compare on the corpus folder ``root``."""
    base = _checkov_base(root)
    ours_dir = ours_checks_dir()
    noop_ids = ",".join(f"CKV_PPNOOP_{n}" for n in range(1, len(ours_ids) + 1))
    noop_dir = ("--external-checks-dir", str(NOOP_DIR))
    variants = [
        Variant("bare", (*base, "--check", _NO_SUCH_CHECK)),
        Variant(
            "noop",
            (*base, *noop_dir, "--check", noop_ids),
            {"PPNOOP_COUNT": str(len(ours_ids))},
        ),
        Variant(
            "ours",
            (*base, "--external-checks-dir", ours_dir, "--check", ",".join(ours_ids)),
        ),
    ]
    if default_pair:
        variants.append(Variant("default", base))
        variants.append(
            Variant("default+ours", (*base, "--external-checks-dir", ours_dir))
        )
    return variants


def cfnlint_variants(templates: Sequence[Path]) -> list[Variant]:
    """cfn-lint on ``templates`` without and with our rules."""
    files = tuple(str(path) for path in templates)
    base = (tool_path("cfn-lint"), "--format", "json")
    return [
        Variant("bare", (*base, "--", *files)),
        Variant(
            "ours",
            (*base, "--append-rules", "checkov_pinpoint.cfnlint_rules", "--", *files),
        ),
    ]


def measure_side_by_side(
    variants: Sequence[Variant],
    repeats: int,
    timeout: float,
    logs: Path,
    label: str,
) -> dict[str, list[ProcessCost]]:
    """Run a warm-up round and ``repeats`` rotated rounds; return each variant's costs.

    The standard output of each variant's last run is kept in
    ``logs/<label>-<variant>.out`` for the verdict cross-check.
    """
    logs.mkdir(parents=True, exist_ok=True)
    costs: dict[str, list[ProcessCost]] = {variant.name: [] for variant in variants}
    for round_number in range(repeats + 1):
        shift = round_number % len(variants)
        for variant in [*variants[shift:], *variants[:shift]]:
            out = logs / f"{label}-{_file_safe(variant.name)}.out"
            cost = run_measured(
                variant.argv, timeout=timeout, stdout=out, env=tool_env(variant.env)
            )
            if round_number:  # round 0 is the warm-up
                costs[variant.name].append(cost)
    return costs


def _file_safe(name: str) -> str:
    return name.replace("+", "-plus-")


def log_path(logs: Path, label: str, variant: str) -> Path:
    """Where :func:`measure_side_by_side` kept a variant's last output."""
    return logs / f"{label}-{_file_safe(variant)}.out"


def _variant_figures(runs: list[ProcessCost]) -> dict[str, Any]:
    """Medians, spreads, peak memory and every sample of one variant's runs."""
    return {
        "cpu_s": median([c.cpu for c in runs]),
        "wall_s": median([c.wall for c in runs]),
        "cpu_spread": spread([c.cpu for c in runs]),
        "wall_spread": spread([c.wall for c in runs]),
        "max_rss_mb": max(c.max_rss_kb for c in runs) / 1024,
        "cpu_samples": [round(c.cpu, 4) for c in runs],
        "wall_samples": [round(c.wall, 4) for c in runs],
        "returncodes": sorted({c.returncode for c in runs}),
    }


def summarise(
    costs: dict[str, list[ProcessCost]],
    statements: int,
    pairs: Sequence[tuple[str, str]],
) -> dict[str, Any]:
    """Medians per variant, ratios for ``pairs`` and the added cost per statement.

    Args:
        costs: What :func:`measure_side_by_side` returned.
        statements: How many statements the tool saw in one run.
        pairs: (numerator, denominator) variant names; the first pair also gives
            the CPU time added per statement.
    """
    variants = {name: _variant_figures(runs) for name, runs in costs.items()}
    present = [(top, bottom) for top, bottom in pairs if {top, bottom} <= set(variants)]
    ratios = {
        f"{top}/{bottom}": {
            metric: ratio(variants[top][metric], variants[bottom][metric])
            for metric in ("cpu_s", "wall_s")
        }
        for top, bottom in present
    }
    summary: dict[str, Any] = {
        "statements": statements,
        "variants": variants,
        "ratios": ratios,
    }
    if present and present[0] == tuple(pairs[0]):
        top, bottom = present[0]
        added = float(variants[top]["cpu_s"]) - float(variants[bottom]["cpu_s"])
        summary["added_cpu_s"] = added
        summary["added_cpu_us_per_statement"] = added / statements * 1e6
    return summary


def is_json(path: Path) -> bool:
    """True when a run's output parses as JSON (a crashed tool's does not)."""
    try:
        json.loads(path.read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return False
    return True
