#!/usr/bin/env python3
"""Measure what checkov-pinpoint costs its hosts: ``python benchmarks/run.py [--quick]``.

One command generates the seeded corpus, times every measurement side by side,
cross-checks the verdicts, profiles any missed target, prints the tables, and
writes ``benchmarks/results/latest.json`` and the generated block of
``docs/benchmarks.md``. ``--quick`` runs fewer repetitions on the 1,000-statement
corpus only (a smoke run, not a record). The default times the hosts on 100 and
1,000 statements and the engine on 10 to 10,000; ``--full`` also times the hosts
on 10 and 10,000 statements (about an hour on two cores).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make the benchmarks package importable
    sys.path.insert(0, str(REPO))

from benchmarks import environment, stages  # noqa: E402
from benchmarks.render import write_corpus  # noqa: E402
from benchmarks.report import (  # noqa: E402
    judge_targets,
    render_markdown,
    render_table,
    update_doc,
    write_json,
)

OUT = REPO / "benchmarks" / "out"
RESULTS = REPO / "benchmarks" / "results" / "latest.json"
DOC = REPO / "docs" / "benchmarks.md"
SEED = 20240501


@dataclass(frozen=True)
class Plan:
    """How much to run.

    Attributes:
        mode: ``quick``, ``default`` or ``full``.
        repeats: Timed runs per figure, after one warm-up.
        host_sizes: Corpus sizes the hosts are timed on.
        engine_sizes: Corpus sizes the engine's growth is timed on.
        default_pair: Also time checkov's full built-in scan with and without us.
    """

    mode: str
    repeats: int
    host_sizes: tuple[int, ...]
    engine_sizes: tuple[int, ...]
    default_pair: bool


PLANS = {
    "quick": Plan("quick", 3, (1000,), (10, 100, 1000), False),
    "default": Plan("default", 5, (100, 1000), (10, 100, 1000, 10000), True),
    "full": Plan("full", 5, (10, 100, 1000, 10000), (10, 100, 1000, 10000), True),
}


def _log(message: str) -> None:
    print(
        f"[benchmarks {time.strftime('%H:%M:%S')}] {message}",
        file=sys.stderr,
        flush=True,
    )


def _header(plan: Plan, product: dict[str, Any]) -> dict[str, Any]:
    """What the results say about the run itself."""
    option = {"default": ""}.get(plan.mode, f" --{plan.mode}")
    return {
        "command": f"python benchmarks/run.py{option}",
        "mode": plan.mode,
        "repeats": plan.repeats,
        "seed": SEED,
        "machine": environment.machine_facts(),
        "versions": environment.versions(),
        "product": product,
    }


def _watch(results: dict[str, Any], stage: str) -> None:
    """Record the first stage after which the product's sources had changed.

    Figures taken while the product's code changed mix two versions of it; the
    report says so rather than averaging them silently.
    """
    product = results["product"]
    if product.get("changed_after") is None:
        if environment.source_fingerprint(REPO) != product["fingerprint"]:
            product["changed_after"] = stage


def measure(plan: Plan) -> dict[str, Any]:
    """Run every stage of ``plan`` and return the results document."""
    started = time.perf_counter()
    product = environment.product_facts(REPO)
    results = _header(plan, product)
    sizes = sorted({*plan.host_sizes, *plan.engine_sizes, 1000})
    _log(f"writing the corpus at sizes {sizes} under {OUT}")
    corpora = {size: write_corpus(size, OUT, SEED) for size in sizes}
    results["corpus"] = {str(n): stages.describe_corpus(c) for n, c in corpora.items()}

    context = stages.Context(REPO, OUT / "logs", plan.repeats, product, _log)
    results["startup"] = stages.run_startup(context)
    engine = stages.run_engine(context, corpora, plan.engine_sizes)
    _watch(results, "engine")
    results.update(stages.run_hostile(context))
    _watch(results, "hostile")
    hosts = stages.run_hosts(context, corpora, plan.host_sizes, plan.default_pair)
    _watch(results, "hosts")
    results["growth"] = {**engine.pop("growth"), **hosts.pop("growth")}
    results.update(engine)
    results.update(hosts)
    results["verdicts"] = stages.check_verdicts(context, corpora, plan.host_sizes)

    results["machine"]["load_end"] = environment.load_average()
    results["machine"]["harness_rss_mb"] = environment.own_peak_rss_mb()
    results["targets"] = judge_targets(results)
    results["profiles"] = stages.profile_misses(
        context, corpora[1000], results["targets"]
    )
    _watch(results, "profiles")
    results["elapsed_s"] = time.perf_counter() - started
    results["generated"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return results


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the plan, write and print the results."""
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py", description=__doc__
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--quick", action="store_true", help="fewer runs, 1,000 statements only"
    )
    group.add_argument(
        "--full", action="store_true", help="also time the hosts on 10,000"
    )
    parser.add_argument(
        "--no-write",
        action="store_true",
        help="print only; leave latest.json and docs/benchmarks.md alone",
    )
    args = parser.parse_args(argv)
    plan = PLANS["quick" if args.quick else "full" if args.full else "default"]

    environment.preflight(REPO)
    results = measure(plan)
    print(render_table(results))
    if not args.no_write:
        write_json(RESULTS, results)
        update_doc(DOC, render_markdown(results))
        _log(f"wrote {RESULTS.relative_to(REPO)} and {DOC.relative_to(REPO)}")
    missed = [t["key"] for t in results["targets"] if t["met"] is False]
    _log("targets missed: " + (", ".join(missed) if missed else "none"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
