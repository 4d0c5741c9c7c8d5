"""In-process measurements, each run by the harness in a fresh interpreter.

``python -m benchmarks.worker TASK [options]`` prints one JSON object. A fresh
interpreter per run means every figure is a first run: imports, catalog loading
and the engine's caches start cold, as they do when a host starts a scan. File
reading and template parsing happen before the clock starts; only the product's
(or parliament's) own work is timed.

Tasks:
    engine    JSON policy documents: ours (json.loads, read_policy_document,
              analyze) or parliament (analyze_policy_string).
    cfn       CloudFormation templates: iter_cfn_policies and analyze per resource.
    hostile   one hostile input (see :mod:`benchmarks.hostile`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["main"]

# A small policy whose action appears nowhere in the corpus: it warms imports,
# the catalog and plugin discovery without filling the engine's caches for it.
_WARM_UP = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "mobiletargeting:GetApps", "Resource": "*"}
        ],
    }
)


def _ours() -> Callable[[str], int]:
    """Our pipeline from policy text to findings; returns the finding count."""
    from checkov_pinpoint.engine import analyze
    from checkov_pinpoint.extract.cloudformation import read_policy_document

    def run(text: str) -> int:
        policy = read_policy_document(json.loads(text), ())
        return len(analyze([policy]).findings)

    return run


def _parliament() -> Callable[[str], int]:
    """parliament's pipeline from policy text to findings."""
    from parliament import analyze_policy_string

    def run(text: str) -> int:
        return len(analyze_policy_string(text).findings)

    return run


def _timed_pass(run: Callable[[str], int], texts: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    findings = sum(run(text) for text in texts)
    return time.perf_counter() - start, findings


def engine_task(docs: Path, implementation: str) -> dict[str, Any]:
    """Time two passes over every JSON document in ``docs`` (file reading excluded)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(docs.glob("*.json"))]
    statements = sum(len(json.loads(text)["Statement"]) for text in texts)
    run = _ours() if implementation == "ours" else _parliament()
    run(_WARM_UP)

    first, findings = _timed_pass(run, texts)
    second, _ = _timed_pass(run, texts)
    return {
        "statements": statements,
        "documents": len(texts),
        "first_pass_s": first,
        "second_pass_s": second,
        "findings": findings,
    }


def cfn_task(templates: Path) -> dict[str, Any]:
    """Time extraction and analysis of every policy resource in ``templates``."""
    from checkov_pinpoint.engine import analyze
    from checkov_pinpoint.extract.cloudformation import CFN_POLICY_RESOURCE_TYPES
    from checkov_pinpoint.extract.template_loader import parse_template

    parsed = [
        parse_template(path.read_text(encoding="utf-8"))
        for path in sorted(templates.glob("*.yaml"))
    ]
    analyze([])  # warm-up: plugin discovery and lazy imports
    start = time.perf_counter()
    statements = findings = 0
    for template in parsed:
        for policies in _template_policies(template or {}, CFN_POLICY_RESOURCE_TYPES):
            statements += sum(len(policy.statements) for policy in policies)
            findings += len(analyze(policies).findings)
    elapsed = time.perf_counter() - start
    return {"statements": statements, "first_pass_s": elapsed, "findings": findings}


def _template_policies(template: Any, types: frozenset[str]) -> Any:
    """Yield the policies of each policy-bearing resource, as the cfn-lint adapter reads them."""
    from checkov_pinpoint.extract.cloudformation import iter_cfn_policies
    from checkov_pinpoint.extract.intrinsics import Resolver

    resolver = Resolver(template)
    for name, node in template.get("Resources", {}).items():
        if isinstance(node, dict) and node.get("Type") in types:
            path = ("Resources", name, "Properties")
            yield list(
                iter_cfn_policies(node["Type"], node.get("Properties"), path, resolver)
            )


def main(argv: list[str] | None = None) -> int:
    """Run one task and print its result as JSON on stdout."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    parser.add_argument("task", choices=("engine", "cfn", "hostile"))
    parser.add_argument("--docs", type=Path)
    parser.add_argument("--impl", choices=("ours", "parliament"), default="ours")
    parser.add_argument("--case")
    parser.add_argument("--length", type=int, default=10_000)
    args = parser.parse_args(argv)

    if args.task == "engine":
        result = engine_task(args.docs, args.impl)
    elif args.task == "cfn":
        result = cfn_task(args.docs)
    else:
        from benchmarks.hostile import run_case

        result = run_case(args.case, args.length)
    json.dump(result, sys.stdout, sort_keys=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
