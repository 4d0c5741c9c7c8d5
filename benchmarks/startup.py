"""What importing the package and loading the catalog cost, cold and warm.

Each figure comes from a fresh interpreter running a tiny script that imports
nothing but ``time`` before the clock starts, so the product pays for every module
it pulls in (``json``, ``logging``, ``importlib.resources`` ...). *Cold* is that
first import and first :func:`~checkov_pinpoint.catalog.load_catalog` call.
*Warm* is a second load in the same interpreter with the cache cleared: the
catalog parse alone, modules already imported. Bytecode files and the operating
system's file cache are warm in both (the harness runs a warm-up first); dropping
the file cache would need privileges and would disturb a shared machine.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.procs import isolation_prefix, run_measured, tool_env
from benchmarks.stats import median

__all__ = ["measure_startup"]

_TIME_SCRIPT = """
import time
start = time.perf_counter()
import checkov_pinpoint.engine
from checkov_pinpoint.catalog import load_catalog
imported = time.perf_counter()
load_catalog()
loaded = time.perf_counter()
from checkov_pinpoint.model import Policy, Statement, Value
statement = Statement(0, actions=(Value.literal("mobiletargeting:GetApps"),),
                      resources=(Value.literal("*"),))
checkov_pinpoint.engine.analyze([Policy(statements=(statement,))])
analysed = time.perf_counter()
load_catalog.cache_clear()
again = time.perf_counter()
load_catalog()
reloaded = time.perf_counter()
import json, sys
json.dump({"import_ms": (imported - start) * 1e3, "catalog_ms": (loaded - imported) * 1e3,
           "first_analyze_ms": (analysed - loaded) * 1e3,
           "warm_catalog_ms": (reloaded - again) * 1e3}, sys.stdout)
"""

# ru_maxrss cannot be used here: Linux carries the high-water mark of the forking
# process across exec, so a child's peak starts at the harness's. The resident
# set is read from /proc/self/statm instead (pages; Linux only).
_MEMORY_SCRIPT = """
import os, tracemalloc
def resident_kb():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024
before = resident_kb()
tracemalloc.start()
import checkov_pinpoint.engine
from checkov_pinpoint.catalog import load_catalog
load_catalog()
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
after = resident_kb()
import json, sys
json.dump({"traced_current_kb": current / 1024, "traced_peak_kb": peak / 1024,
           "resident_delta_kb": after - before}, sys.stdout)
"""

_LOAD_ONLY = (
    "import checkov_pinpoint.engine\n"
    "from checkov_pinpoint.catalog import load_catalog\n"
    "load_catalog()\n"
)


def _script_result(script: str, out: Path, timeout: float) -> dict[str, float]:
    run_measured([sys.executable, "-c", script], timeout=timeout, stdout=out)
    result: dict[str, float] = json.loads(out.read_text(encoding="utf-8"))
    return result


def _medians(samples: list[dict[str, float]]) -> dict[str, float]:
    return {key: median([sample[key] for sample in samples]) for key in samples[0]}


def measure_startup(repeats: int, work: Path, timeout: float = 60) -> dict[str, Any]:
    """Measure import, catalog load and memory, each the median of ``repeats`` runs.

    Args:
        repeats: Fresh interpreters per figure (after one warm-up).
        work: A scratch folder for the runs' output.
        timeout: Seconds allowed to each interpreter.
    """
    out = work / "startup.json"
    _script_result(_TIME_SCRIPT, out, timeout)  # warm-up: bytecode, file cache
    timings = [_script_result(_TIME_SCRIPT, out, timeout) for _ in range(repeats)]
    memory = [_script_result(_MEMORY_SCRIPT, out, timeout) for _ in range(repeats)]

    bare, loading = [], []
    for _ in range(repeats):
        bare.append(run_measured([sys.executable, "-c", "pass"], timeout=timeout).wall)
        loading.append(
            run_measured([sys.executable, "-c", _LOAD_ONLY], timeout=timeout).wall
        )
    result: dict[str, Any] = {**_medians(timings), **_medians(memory)}
    cold = [sample["import_ms"] + sample["catalog_ms"] for sample in timings]
    result["cold_ms"] = median(cold)
    result["cold_min_ms"] = min(cold)
    result["samples_cold_ms"] = cold
    result["process_delta_ms"] = (median(loading) - median(bare)) * 1000
    result["import_top"] = slowest_imports(timeout)
    return result


def slowest_imports(timeout: float, limit: int = 8) -> list[dict[str, Any]]:
    """The modules whose own import time is largest (``python -X importtime``)."""
    completed = subprocess.run(
        [*isolation_prefix(), sys.executable, "-X", "importtime", "-c", _LOAD_ONLY],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=tool_env(),
        check=False,
    )
    return parse_importtime(completed.stderr)[:limit]


_IMPORTTIME_LINE = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s+(\S.*)$")


def parse_importtime(text: str) -> list[dict[str, Any]]:
    """Parse ``-X importtime`` output into rows sorted by self time, largest first."""
    rows = []
    for line in text.splitlines():
        match = _IMPORTTIME_LINE.match(line.strip())
        if match:
            self_us, cumulative_us, name = match.groups()
            rows.append(
                {
                    "module": name.strip(),
                    "self_ms": int(self_us) / 1000,
                    "cumulative_ms": int(cumulative_us) / 1000,
                }
            )
    return sorted(rows, key=lambda row: row["self_ms"], reverse=True)
