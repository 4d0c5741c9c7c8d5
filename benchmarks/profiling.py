"""Profiling a run whose target was missed, and summarising where the time went.

The command runs under ``python -m cProfile`` in a fresh, bounded, network-less
process (checkov with ``CHECKOV_PARALLELIZATION_TYPE=none`` so that the checks run
in the profiled process rather than in forked workers). The summary names the
product's entry points with their inclusive share of the run, the product's
functions with the most inclusive time, and the functions (the product's or
called directly from it) with the most time of their own.
"""

from __future__ import annotations

import pstats
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.procs import run_measured, tool_env

__all__ = ["profile_command", "summarise_profile"]

_PACKAGE = "checkov_pinpoint"

#: pstats' key for a function: (file name, line number, function name).
FunctionKey = tuple[str, int, str]


def profile_command(
    argv: Sequence[str],
    out: Path,
    timeout: float,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> dict[str, Any]:
    """Run a Python script or ``-m module`` command under cProfile and summarise it.

    Args:
        argv: The script path (or ``-m`` and a module) and its arguments.
        out: Where to keep the raw profile.
        timeout: Seconds allowed to the profiled run.
        env: Extra environment variables.
        cwd: The working directory.
    """
    command = [sys.executable, "-m", "cProfile", "-o", str(out), *argv]
    run_measured(command, timeout=timeout, env=tool_env(env), cwd=cwd)
    return summarise_profile(pstats.Stats(str(out)))


def _is_ours(key: FunctionKey) -> bool:
    return f"/{_PACKAGE}/" in key[0].replace("\\", "/")


def _name(key: FunctionKey) -> str:
    path = key[0].replace("\\", "/")
    short = (
        path.split(f"/{_PACKAGE}/", 1)[1] if _is_ours(key) else path.rsplit("/", 2)[-1]
    )
    prefix = f"{_PACKAGE}/" if _is_ours(key) else ""
    return f"{prefix}{short}:{key[1]}({key[2]})"


def summarise_profile(stats: pstats.Stats, limit: int = 20) -> dict[str, Any]:
    """Where the time of a profiled run went, with the product's share of it."""
    table: dict[FunctionKey, Any] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    entries = _entry_points(table)
    ours_total = sum(table[key][3] for key in entries)

    def row(key: FunctionKey, column: int) -> dict[str, Any]:
        seconds = table[key][column]
        return {"function": _name(key), "seconds": seconds, "share": seconds / total}

    inclusive = sorted((k for k in table if _is_ours(k)), key=lambda k: -table[k][3])
    own = sorted(
        (k for k, v in table.items() if _is_ours(k) or any(_is_ours(c) for c in v[4])),
        key=lambda k: -table[k][2],
    )
    return {
        "total_s": total,
        "ours_s": ours_total,
        # cProfile's inclusive times of generators can overlap; never claim > 100%.
        "ours_share": min(1.0, ours_total / total) if total else 0.0,
        "entry_points": [
            row(k, 3) for k in sorted(entries, key=lambda k: -table[k][3])[:6]
        ],
        "inclusive": [row(k, 3) for k in inclusive[:limit]],
        "own_time": [row(k, 2) for k in own[:limit]],
    }


def _entry_points(table: dict[FunctionKey, Any], depth: int = 3) -> list[FunctionKey]:
    """The product's functions that the host calls, not reached from the product.

    A function of ours called by a host function is an entry point unless that
    host function is itself reached from our code within ``depth`` calls (a base
    class's ``run`` that our ``run`` calls through ``super()``): counting it would
    count the same time twice. Import machinery is not followed: through it
    everything reaches everything. Module bodies imported by one another are
    each listed, so the sum slightly over-counts import time.
    """
    callees: dict[FunctionKey, set[FunctionKey]] = {}
    for key, (_, _, _, _, callers) in table.items():
        for caller in callers:
            callees.setdefault(caller, set()).add(key)
    reached: set[FunctionKey] = set()
    frontier = {key for key in table if _is_ours(key)}
    for _ in range(depth):
        frontier = {
            callee
            for key in frontier
            for callee in callees.get(key, ())
            if not _is_ours(callee) and not callee[0].startswith("<frozen")
        } - reached
        reached |= frontier
    return [
        key
        for key, (_, _, _, _, callers) in table.items()
        if _is_ours(key) and not any(c in reached or _is_ours(c) for c in callers)
    ]
