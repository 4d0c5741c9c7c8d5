"""The stages of a benchmark run, each returning a JSON-ready part of the results."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus import INVALID_ACTION, UNSCOPED_WILDCARD, WRONG_ARN
from benchmarks.hostile import CASES
from benchmarks.hosts import (
    Variant,
    cfnlint_variants,
    checkov_variants,
    is_json,
    log_path,
    measure_side_by_side,
    summarise,
)
from benchmarks.procs import ToolTimeoutError, run_measured
from benchmarks.profiling import profile_command
from benchmarks.render import CorpusFiles
from benchmarks.startup import measure_startup
from benchmarks.stats import fit_exponent, median, ratio
from benchmarks.verify import (
    Verdicts,
    compare,
    expected_from_manifest,
    reported_by_cfnlint,
    reported_by_checkov,
)

__all__ = [
    "Context",
    "check_verdicts",
    "describe_corpus",
    "profile_misses",
    "run_engine",
    "run_hosts",
    "run_hostile",
    "run_startup",
]

_CORPUS_CODES = frozenset({INVALID_ACTION, WRONG_ARN, UNSCOPED_WILDCARD})
_NOT_EVALUATED = "PINPOINT_NOT_EVALUATED"


class StageError(RuntimeError):
    """A measurement could not be taken (a worker failed)."""


@dataclass(frozen=True)
class Context:
    """What every stage needs.

    Attributes:
        repo: The repository root (the workers run there).
        logs: Scratch folder for outputs, profiles and worker results.
        repeats: Timed runs per figure.
        product: :func:`benchmarks.environment.product_facts`.
        log: Progress reporting.
    """

    repo: Path
    logs: Path
    repeats: int
    product: dict[str, Any]
    log: Callable[[str], None]


def describe_corpus(corpus: CorpusFiles) -> dict[str, Any]:
    """How big a written corpus is, per format."""
    return {
        "statements_per_format": corpus.size,
        "cfn_templates": len(corpus.cfn_files),
        "tf_modules": len(corpus.tf_dirs),
        "json_documents": len(corpus.json_files),
        "bytes": sum(
            path.stat().st_size for path in corpus.root.rglob("*") if path.is_file()
        ),
    }


def _worker(context: Context, args: Sequence[str], timeout: float) -> dict[str, Any]:
    """Run ``python -m benchmarks.worker`` in a fresh interpreter; return its JSON."""
    context.logs.mkdir(parents=True, exist_ok=True)
    out, err = context.logs / "worker.json", context.logs / "worker.err"
    command = [sys.executable, "-m", "benchmarks.worker", *args]
    cost = run_measured(
        command, timeout=timeout, stdout=out, stderr=err, cwd=context.repo
    )
    if cost.returncode != 0:
        tail = err.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise StageError(f"worker {list(args)!r} exited {cost.returncode}:\n{tail}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def run_startup(context: Context) -> dict[str, Any]:
    """Import and catalog load, cold and warm, and the memory they add."""
    context.log("startup: import and catalog load in fresh interpreters")
    context.logs.mkdir(parents=True, exist_ok=True)
    # Each run takes a fraction of a second, and a busy neighbour skews a few of
    # them badly, so the medians here are of three times as many runs.
    return measure_startup(context.repeats * 3, context.logs)


def _engine_summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    first = median([run["first_pass_s"] for run in runs])
    statements = runs[0]["statements"]
    return {
        "statements": statements,
        "documents": runs[0].get("documents"),
        "findings": runs[0]["findings"],
        "first_pass_s": first,
        "second_pass_s": median([run.get("second_pass_s", math.nan) for run in runs]),
        "statements_per_s": statements / first if first else math.nan,
        "first_pass_samples": [round(run["first_pass_s"], 5) for run in runs],
    }


def _engine_runs(context: Context, docs: Path) -> dict[str, list[dict[str, Any]]]:
    """Ours and parliament alternately, a warm-up round first."""
    runs: dict[str, list[dict[str, Any]]] = {"ours": [], "parliament": []}
    for round_number in range(context.repeats + 1):
        order = ["ours", "parliament"] if round_number % 2 else ["parliament", "ours"]
        for implementation in order:
            args = ["engine", "--docs", str(docs), "--impl", implementation]
            result = _worker(context, args, timeout=600)
            if round_number:
                runs[implementation].append(result)
    return runs


def run_engine(
    context: Context, corpora: Mapping[int, CorpusFiles], sizes: Sequence[int]
) -> dict[str, Any]:
    """Engine throughput against parliament on 1,000 statements, and its growth."""
    context.log("engine: ours vs parliament on the 1,000-statement JSON documents")
    runs = _engine_runs(context, corpora[1000].root / "json")
    engine: dict[str, Any] = {
        name: _engine_summary(samples) for name, samples in runs.items()
    }
    engine["speedup"] = ratio(
        engine["ours"]["statements_per_s"], engine["parliament"]["statements_per_s"]
    )

    context.log(f"engine: growth over {list(sizes)} statements")
    seconds = []
    for size in sizes:
        docs = str(corpora[size].root / "json")
        samples = (
            runs["ours"]
            if size == 1000
            else [
                _worker(
                    context, ["engine", "--docs", docs, "--impl", "ours"], timeout=900
                )
                for _ in range(context.repeats)
            ]
        )
        seconds.append(median([sample["first_pass_s"] for sample in samples]))
    growth = _growth(list(sizes), seconds)
    return {"engine": engine, "growth": {"engine": growth}}


def _growth(sizes: list[int], seconds: list[float]) -> dict[str, Any]:
    return _fitted(sizes, sizes, seconds, "seconds")


def _fitted(
    sizes: list[int], counts: list[int], values: list[float], key: str
) -> dict[str, Any]:
    """``values`` (stored under ``key``) per statement, and their growth exponent.

    ``counts`` are the statements each value was measured over; an exponent is
    fitted only when there are two sizes or more and every value is positive.
    """
    usable = len(sizes) > 1 and all(value > 0 for value in values)
    return {
        "sizes": sizes,
        key: values,
        "us_per_statement": [
            value / count * 1e6 for value, count in zip(values, counts, strict=True)
        ],
        "exponent": fit_exponent(counts, values) if usable else None,
    }


def _hostile_case(
    context: Context, case: str, lengths: Sequence[int]
) -> dict[str, Any]:
    seconds: list[float] = []
    verdict = ""
    for length in lengths:
        args = ["hostile", "--case", case, "--length", str(length)]
        try:
            runs = [_worker(context, args, timeout=120) for _ in range(context.repeats)]
        except ToolTimeoutError as error:
            seconds.append(math.inf)
            verdict = str(error)
            break
        seconds.append(median([run["seconds"] for run in runs]))
        verdict = runs[-1]["verdict"]
    finite = [s for s in seconds if math.isfinite(s) and s > 0]
    exponent = fit_exponent(lengths[: len(finite)], finite) if len(finite) > 1 else None
    return {
        "lengths": list(lengths),
        "seconds": seconds,
        "exponent": exponent,
        "verdict": verdict,
    }


def run_hostile(context: Context) -> dict[str, Any]:
    """Every hostile case at every length, and the slowest and steepest of them."""
    context.log(f"hostile: {len(CASES)} cases, fresh interpreter per run")
    hostile = {}
    for case, (what, lengths) in CASES.items():
        hostile[case] = {"what": what, **_hostile_case(context, case, lengths)}

    patterns = {k: v for k, v in hostile.items() if k != "template_statements"}
    slowest = max(patterns, key=lambda k: patterns[k]["seconds"][-1])
    measurable = {
        k: v
        for k, v in hostile.items()
        if v["exponent"] is not None and v["seconds"][-1] >= 1e-3
    }
    steepest = max(measurable, key=lambda k: measurable[k]["exponent"], default=None)
    summary = {
        "slowest_pattern": slowest,
        "slowest_pattern_ms": patterns[slowest]["seconds"][-1] * 1000,
        "steepest": steepest,
        "steepest_exponent": measurable[steepest]["exponent"] if steepest else None,
    }
    return {"hostile": hostile, "hostile_summary": summary}


def _host_timeout(statements: int) -> float:
    """Seconds allowed to one host run: generous, but bounded."""
    return 120 + 0.06 * statements


def _time_checkov(
    context: Context, corpus: CorpusFiles, default_pair: bool
) -> dict[str, Any]:
    ids = context.product["checkov_ids"]
    variants = checkov_variants(corpus.root, ids, default_pair=False)
    if corpus.size != 1000:  # the floor is what growth needs; bare only where judged
        variants = [v for v in variants if v.name != "bare"]
    seen = 2 * corpus.size  # every statement once as CloudFormation, once as Terraform
    label = f"checkov-{corpus.size}"
    costs = measure_side_by_side(
        variants, context.repeats, _host_timeout(seen), context.logs, label
    )
    pairs = [("ours", "noop"), ("ours", "bare"), ("noop", "bare")]
    result = {str(corpus.size): summarise(costs, seen, pairs)}
    if default_pair:
        pair = [
            v
            for v in checkov_variants(corpus.root, ids, default_pair=True)
            if v.name.startswith("default")
        ]
        costs = measure_side_by_side(
            pair, context.repeats, _host_timeout(seen) * 2, context.logs, label
        )
        result["default"] = summarise(costs, seen, [("default+ours", "default")])
    return result


def _time_cfnlint(context: Context, corpus: CorpusFiles) -> dict[str, Any]:
    variants: list[Variant] = cfnlint_variants(corpus.cfn_files)
    label = f"cfnlint-{corpus.size}"
    costs = measure_side_by_side(
        variants, context.repeats, _host_timeout(corpus.size), context.logs, label
    )
    return summarise(costs, corpus.size, [("ours", "bare")])


def _added_growth(summaries: Mapping[str, Any]) -> dict[str, Any]:
    sizes = sorted(int(size) for size in summaries if size.isdigit())
    added = [summaries[str(size)]["added_cpu_s"] for size in sizes]
    seen = [summaries[str(size)]["statements"] for size in sizes]
    return _fitted(sizes, seen, added, "added_cpu_s")


def run_hosts(
    context: Context,
    corpora: Mapping[int, CorpusFiles],
    sizes: Sequence[int],
    default_pair: bool,
) -> dict[str, Any]:
    """checkov (ours, floor, bare) and cfn-lint (with, without) at every size."""
    checkov: dict[str, Any] = {}
    checkov_default: dict[str, Any] = {}
    cfnlint: dict[str, Any] = {}
    for size in sizes:
        context.log(f"checkov: {size} statements per format, {context.repeats} rounds")
        timed = _time_checkov(context, corpora[size], default_pair and size == 1000)
        if "default" in timed:
            checkov_default[str(size)] = timed.pop("default")
        checkov.update(timed)
        context.log(f"cfn-lint: {size} statements, {context.repeats} rounds")
        cfnlint[str(size)] = _time_cfnlint(context, corpora[size])
    growth = {
        "checkov_added": _added_growth(checkov),
        "cfnlint_added": _added_growth(cfnlint),
    }
    return {
        "checkov": checkov,
        "checkov_default": checkov_default,
        "cfnlint": cfnlint,
        "growth": growth,
    }


def _checkov_verdicts(context: Context, corpus: CorpusFiles) -> list[Verdicts]:
    output = log_path(context.logs, f"checkov-{corpus.size}", "ours")
    found = (
        reported_by_checkov(output, context.product["codes_by_checkov_id"])
        if is_json(output)
        else {}
    )
    checked = []
    for framework in ("cloudformation", "terraform"):
        failed, skipped = found.get(
            framework, (set(), ["no report: the output is missing or not JSON"])
        )
        failed = {key for key in failed if key[2] in _CORPUS_CODES}
        expected = expected_from_manifest(corpus.manifest, framework)
        checked.append(
            compare(f"checkov {framework} {corpus.size}", expected, failed, skipped)
        )
    return checked


def _cfnlint_verdicts(context: Context, corpus: CorpusFiles) -> Verdicts:
    output = log_path(context.logs, f"cfnlint-{corpus.size}", "ours")
    by_id = context.product["codes_by_cfnlint_id"]
    unread_id = next(
        (rule for rule, code in by_id.items() if code == _NOT_EVALUATED), ""
    )
    reported_ids = {rule: code for rule, code in by_id.items() if code in _CORPUS_CODES}
    if is_json(output):
        reported, unread = reported_by_cfnlint(output, reported_ids, unread_id)
    else:
        reported, unread = set(), ["no report: the output is missing or not JSON"]
    expected = expected_from_manifest(corpus.manifest, "cloudformation")
    return compare(f"cfn-lint {corpus.size}", expected, reported, unread)


def check_verdicts(
    context: Context, corpora: Mapping[int, CorpusFiles], sizes: Sequence[int]
) -> list[dict[str, Any]]:
    """Compare the last timed run of each host with the corpus manifest."""
    summaries = []
    for size in sizes:
        for verdicts in [
            *_checkov_verdicts(context, corpora[size]),
            _cfnlint_verdicts(context, corpora[size]),
        ]:
            summaries.append(verdicts.summary())
    return summaries


def _profile_checkov(context: Context, corpus: CorpusFiles) -> dict[str, Any]:
    ids = context.product["checkov_ids"]
    variants = checkov_variants(corpus.root, ids, default_pair=False)
    ours = next(variant for variant in variants if variant.name == "ours")
    sequential = {"CHECKOV_PARALLELIZATION_TYPE": "none"}
    return profile_command(
        ours.argv, context.logs / "checkov.prof", 1200, env=sequential
    )


def profile_misses(
    context: Context, corpus: CorpusFiles, targets: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Profile the runs behind each missed target on the 1,000-statement corpus."""
    missed = {target["key"] for target in targets if target["met"] is False}
    profiles: dict[str, Any] = {}
    if "checkov_floor" in missed:
        context.log("profiling checkov with our checks (sequential)")
        profiles["checkov, our checks, 1,000 (sequential)"] = _profile_checkov(
            context, corpus
        )
    if "cfnlint" in missed:
        context.log("profiling cfn-lint with our rules")
        ours = cfnlint_variants(corpus.cfn_files)[1]
        profiles["cfn-lint, our rules, 1,000"] = profile_command(
            ours.argv, context.logs / "cfnlint.prof", 1200
        )
    if missed & {"engine_vs_parliament", "growth"}:
        context.log("profiling the engine on the JSON documents")
        argv = [
            "-m",
            "benchmarks.worker",
            "engine",
            "--docs",
            str(corpus.root / "json"),
        ]
        profiles["engine, 1,000 JSON documents"] = profile_command(
            argv, context.logs / "engine.prof", 600, cwd=context.repo
        )
    return profiles
