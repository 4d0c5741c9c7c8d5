"""Hostile inputs: huge wildcard patterns and huge templates, timed cold.

Each case builds one input of a given length and times the product's public entry
point on it, once, in the fresh interpreter :mod:`benchmarks.worker` provides (so
no cache of the engine has seen it). The harness runs every case at two or more
lengths and reports how the time grows.

Action cases read a 10,000-character action pattern with
:func:`checkov_pinpoint.engine.actions.read_action`, which matches it against
every catalog action of the prefix (``*:`` reaches every catalog action).
Resource cases compile a resource with :mod:`checkov_pinpoint.engine.arn` and
intersect it with every catalog ARN shape and scoping probe. Engine cases run the
whole :func:`~checkov_pinpoint.engine.analyze`; the template case reads one
CloudFormation template holding that many statements.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

__all__ = ["CASES", "build_text", "run_case"]

_ARN_HEAD = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/"
_WILD_HEAD = "arn:aws:mobiletargeting:*:*:"


def _repeat(unit: str, length: int, head: str = "", tail: str = "") -> str:
    """``head`` + ``unit`` repeated + ``tail``, exactly ``length`` characters long."""
    body = length - len(head) - len(tail)
    return head + (unit * (body // len(unit) + 1))[:body] + tail


#: Pattern builders: name -> (kind, builder of a text of the given length).
PATTERNS: dict[str, Callable[[int], str]] = {
    "star": lambda n: "*" * n,
    "question": lambda n: "?" * n,
    "star_question": lambda n: _repeat("*?", n),
    "a_star": lambda n: _repeat("a*", n),
    "star_a_then_b": lambda n: _repeat("*a", n, tail="*b"),
}
_RESOURCES: dict[str, Callable[[int], str]] = {
    "arn_star": lambda n: "*" * n,
    "arn_question": lambda n: _repeat("?", n, head=_ARN_HEAD),
    "arn_a_star": lambda n: _repeat("a*", n, head=_WILD_HEAD + "apps/"),
    "arn_star_a_then_b": lambda n: _repeat("*a", n, head=_WILD_HEAD, tail="*b"),
    "arn_segments": lambda n: _repeat("a/", n, head=_WILD_HEAD),
}

#: Every case: name -> (what it exercises, lengths to run it at).
CASES: dict[str, tuple[str, tuple[int, ...]]] = {
    **{
        f"action_mt_{k}": ("read_action mobiletargeting:", (1000, 10000))
        for k in PATTERNS
    },
    **{
        f"action_any_{k}": ("read_action *: (every action)", (1000, 10000))
        for k in PATTERNS
    },
    **{
        f"resource_{k}": ("arn: every shape and probe", (1000, 10000))
        for k in _RESOURCES
    },
    "engine_action": ("analyze: action *a*a...*b", (1000, 10000)),
    "engine_resource": ("analyze: resource *a*a...*b", (1000, 2048)),
    "engine_resource_over_cap": ("analyze: the same, over the length cap", (10000,)),
    "template_statements": ("one template, N statements", (1000, 10000)),
}


def build_text(case: str, length: int) -> str:
    """The hostile text of an action or resource case (its length is exact)."""
    if case.startswith("action_mt_"):
        return "mobiletargeting:" + PATTERNS[case.removeprefix("action_mt_")](length)
    if case.startswith("action_any_"):
        return "*:" + PATTERNS[case.removeprefix("action_any_")](length)
    if case.startswith("resource_"):
        return _RESOURCES[case.removeprefix("resource_")](length)
    if case == "engine_action":
        return "mobiletargeting:" + PATTERNS["star_a_then_b"](length)
    if case.startswith("engine_resource"):
        return _RESOURCES["arn_star_a_then_b"](length)
    raise KeyError(
        f"no text for hostile case {case!r}; expected one of {sorted(CASES)}"
    )


def run_case(case: str, length: int) -> dict[str, Any]:
    """Build the input, warm imports and the catalog, then time one cold call."""
    from checkov_pinpoint.catalog import load_catalog
    from checkov_pinpoint.engine import analyze

    analyze([])
    catalog = load_catalog()
    if case.startswith("action_"):
        return _action_case(build_text(case, length), catalog)
    if case.startswith("resource_"):
        return _resource_case(build_text(case, length), catalog)
    if case == "template_statements":
        return _template_case(length)
    return _engine_case(case, build_text(case, length))


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    answer = call()
    return time.perf_counter() - start, answer


def _action_case(text: str, catalog: Any) -> dict[str, Any]:
    from checkov_pinpoint.engine.actions import read_action
    from checkov_pinpoint.model import Value

    value = Value.literal(text)
    seconds, reading = _timed(lambda: read_action(value, catalog))
    return {
        "seconds": seconds,
        "chars": len(text),
        "verdict": f"{reading.kind.value}, reaches {len(reading.reached)} actions",
    }


def _catalog_shapes(catalog: Any) -> list[Any]:
    from checkov_pinpoint.engine import arn

    patterns = sorted({p for action in catalog.actions() for p in action.resources})
    return [arn.compile_shape(pattern) for pattern in patterns]


def _resource_case(text: str, catalog: Any) -> dict[str, Any]:
    from checkov_pinpoint.engine import arn
    from checkov_pinpoint.model import Value

    shapes = _catalog_shapes(catalog)

    def intersect_all() -> tuple[int, int]:
        tokens = arn.compile_resource(Value.literal(text))
        hits = sum(arn.intersects(tokens, shape.tokens) for shape in shapes)
        probes = sum(
            arn.intersects(tokens, shape.probe) for shape in shapes if shape.probe
        )
        return hits, probes

    seconds, (hits, probes) = _timed(intersect_all)
    verdict = f"meets {hits} of {len(shapes)} shapes, {probes} probes"
    return {"seconds": seconds, "chars": len(text), "verdict": verdict}


def _engine_case(case: str, text: str) -> dict[str, Any]:
    from checkov_pinpoint.engine import analyze
    from checkov_pinpoint.model import Policy, Statement, Value

    if case == "engine_action":
        actions, resources = (Value.literal(text),), (Value.literal("*"),)
    else:
        actions = (Value.literal("mobiletargeting:Get*"),)
        resources = (Value.literal(text),)
    policy = Policy(statements=(Statement(0, actions=actions, resources=resources),))
    seconds, analysis = _timed(lambda: analyze([policy]))
    codes = sorted({finding.code for finding in analysis.findings})
    return {
        "seconds": seconds,
        "chars": len(text),
        "verdict": ", ".join(codes) or "clean",
    }


def _template_case(statements: int) -> dict[str, Any]:
    """One ManagedPolicy holding ``statements`` generated statements."""
    from benchmarks.corpus import generate_corpus
    from benchmarks.render import render_cfn
    from checkov_pinpoint.engine import analyze
    from checkov_pinpoint.extract.cloudformation import iter_cfn_policies
    from checkov_pinpoint.extract.intrinsics import Resolver
    from checkov_pinpoint.extract.template_loader import parse_template

    template = parse_template(
        render_cfn(_one_policy_stack(generate_corpus, statements))
    )
    assert template is not None
    resource = template["Resources"]["Managed0"]
    path = ("Resources", "Managed0", "Properties")

    def read_and_analyse() -> Any:
        policies = list(
            iter_cfn_policies(
                resource["Type"], resource["Properties"], path, Resolver(template)
            )
        )
        return analyze(policies)

    seconds, analysis = _timed(read_and_analyse)
    verdict = f"{len(analysis.findings)} findings"
    return {"seconds": seconds, "chars": statements, "verdict": verdict}


def _one_policy_stack(generate: Callable[..., Any], statements: int) -> Any:
    """All statements of a generated corpus, moved into one ManagedPolicy."""
    from dataclasses import replace

    stacks = generate(statements)
    everything = tuple(
        replace(statement, sid=f"S{number}")
        for number, statement in enumerate(
            s
            for stack in stacks
            for policy in stack.policies
            for s in policy.statements
        )
    )
    policy = replace(
        stacks[0].policies[0], cfn_type="AWS::IAM::ManagedPolicy", statements=everything
    )
    return replace(stacks[0], policies=(policy,))
