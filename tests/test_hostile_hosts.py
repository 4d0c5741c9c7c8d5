"""Hostile input through the real checkov and cfn-lint: no crash, no hang, no silent pass.

Every test here runs a real host in a subprocess, on template files:

* a crash injected into our code (through ``tests/hostile/inject_crash``) shows up
  as a result under our own IDs, naming the resource and the error, and never
  as a failure cfn-lint or checkov blames on themselves;
* templates that are not templates, or not well-formed ones, leave the host's own
  results, parse errors and exit code as they were without our plugin, and an
  unreadable Pinpoint policy is a visible skip with its reason;
* YAML that asks for Python objects constructs nothing, in either host or in our
  template loader;
* templates written by hypothesis get from each host exactly the verdicts the
  engine gives in-process: nothing is dropped or added on the way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from hostile import hosts
from hostile.strategies import cfn_templates
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from checkov_pinpoint.engine import analyze
from checkov_pinpoint.engine.suggest import cloudformation
from checkov_pinpoint.extract.cloudformation import (
    CFN_POLICY_RESOURCE_TYPES,
    iter_cfn_policies,
)
from checkov_pinpoint.extract.intrinsics import Resolver
from checkov_pinpoint.extract.template_loader import load_template, parse_template
from checkov_pinpoint.extract.terraform_json_policy import (
    PolicyTextError,
    decode_policy_text,
)
from checkov_pinpoint.plugins import registered_rules

HOSTILE = FIXTURES / "hostile"
CRASH = HOSTILE / "crash"
BAD = HOSTILE / "bad"

RULES = registered_rules()
#: Our cfn-lint rule IDs and checkov check IDs, as registered.
CFNLINT_IDS = sorted(rule.cfnlint_id for rule in RULES if rule.cfnlint_id)
#: The ones cfn-lint runs by default: informational (I) rules need --include-checks.
CFNLINT_DEFAULT_IDS = [rule for rule in CFNLINT_IDS if not rule.startswith("I")]
CHECKOV_IDS = hosts.OUR_CHECKS
NOT_EVALUATED = "PINPOINT_NOT_EVALUATED"

# cfn-lint's exit code is a bit set: 2 for errors, 4 for warnings, 8 for notes.
_LEVEL_BITS = {"E": 2, "W": 4, "I": 8}


# --------------------------------------------------------------------------
# A crash injected into our code
# --------------------------------------------------------------------------

CFN_POLICY = "AWS::IAM::ManagedPolicy.SendPolicy"
TF_POLICY = "aws_iam_policy.send"
TF_DOCUMENT = "aws_iam_policy_document.send"


@dataclass(frozen=True)
class Injection:
    """Where a crash is injected, and what each host must then show."""

    target: str
    checkov_resources: frozenset[str]
    cfnlint: str  # "resource", "template" or "none"


INJECTIONS = {
    "rule": Injection(
        "checkov_pinpoint.engine.rules:WrongArnShape.findings",
        frozenset({CFN_POLICY, TF_POLICY, TF_DOCUMENT}),
        "resource",
    ),
    "statement-view": Injection(
        "checkov_pinpoint.engine.context:view_statement",
        frozenset({CFN_POLICY, TF_POLICY, TF_DOCUMENT}),
        "resource",
    ),
    "cloudformation-extractor": Injection(
        "checkov_pinpoint.extract.cloudformation:read_policy_document",
        frozenset({CFN_POLICY}),
        "resource",
    ),
    "terraform-policy-extractor": Injection(
        "checkov_pinpoint.extract.terraform_json_policy:read_json_policy",
        frozenset({TF_POLICY}),
        "none",
    ),
    "terraform-document-extractor": Injection(
        "checkov_pinpoint.extract.terraform_policy_document:read_statement_block",
        frozenset({TF_DOCUMENT}),
        "none",
    ),
    "template-context": Injection(
        "checkov_pinpoint.extract.template_loader:load_template",
        frozenset({CFN_POLICY}),
        "none",
    ),
    "template-apps": Injection(
        "checkov_pinpoint.extract.intrinsics:Resolver.pinpoint_apps",
        frozenset({CFN_POLICY}),
        "template",
    ),
}


@dataclass(frozen=True)
class Baseline:
    """Both hosts on the crash fixtures, nothing injected."""

    records: list[hosts.Record]
    lints: list[hosts.Lint]


@pytest.fixture(scope="module")
def baseline() -> Baseline:
    """The hosts' results on the crash fixtures with nothing injected."""
    _, records, errors = hosts.checkov(CRASH)
    _, lints = hosts.cfnlint([CRASH / "policy.yaml"])
    assert errors == []
    assert {(r.resource, r.result) for r in records} == {
        (resource, "PASSED") for resource in (CFN_POLICY, TF_POLICY, TF_DOCUMENT)
    }
    return Baseline(records, lints)


@pytest.mark.parametrize("name", sorted(INJECTIONS), ids=str)
def test_an_injected_crash_is_a_failed_checkov_result_naming_the_error(
    name: str, baseline: Baseline
) -> None:
    """Each check of ours fails on the resource it crashed on; the rest is unchanged."""
    injection = INJECTIONS[name]
    env = hosts.environment(hosts.INJECT_CRASH, PINPOINT_INJECT_CRASH=injection.target)

    run, records, errors = hosts.checkov(CRASH, env=env)

    crash = (
        "checkov-pinpoint could not evaluate this resource (InjectedCrashError: "
        f"injected into {injection.target}); please report it."
    )
    assert errors == []
    assert [(r.resource, r.check_id) for r in records] == [
        (r.resource, r.check_id) for r in baseline.records
    ]
    for record, before in zip(records, baseline.records, strict=True):
        if record.resource in injection.checkov_resources:
            assert (record.result, crash in record.says) == ("FAILED", True), record
        else:
            assert record == before
    assert run.our_traceback_frames() == []


@pytest.mark.parametrize("name", sorted(INJECTIONS), ids=str)
def test_an_injected_crash_is_a_cfnlint_match_under_our_ids(
    name: str, baseline: Baseline
) -> None:
    """cfn-lint shows the crash under our IDs, never as E0002 or a rule of its own."""
    injection = INJECTIONS[name]
    env = hosts.environment(hosts.INJECT_CRASH, PINPOINT_INJECT_CRASH=injection.target)

    run, lints = hosts.cfnlint([CRASH / "policy.yaml"], env=env)

    ours = [lint for lint in lints if hosts.is_ours(lint.rule)]
    error = f"InjectedCrashError: injected into {injection.target}"
    if injection.cfnlint == "resource":
        assert ours == [
            hosts.Lint(
                "W9500",
                "policy.yaml",
                4,
                ("Resources", "SendPolicy"),
                f"checkov-pinpoint could not evaluate resource 'SendPolicy' ({error}); "
                "please report it",
            )
        ]
    elif injection.cfnlint == "template":
        message = (
            "checkov-pinpoint could not evaluate the template "
            f"(InjectedCrashError('injected into {injection.target}'))"
        )
        assert ours == [
            hosts.Lint(rule, "policy.yaml", 3, ("Resources",), message)
            for rule in CFNLINT_DEFAULT_IDS
        ]
    else:
        assert ours == [lint for lint in baseline.lints if hosts.is_ours(lint.rule)]
    assert hosts.theirs(lints) == hosts.theirs(baseline.lints)
    assert run.our_traceback_frames() == []


def test_the_crash_traceback_is_in_each_hosts_debug_log() -> None:
    """``LOG_LEVEL=DEBUG`` (checkov) and ``--debug`` (cfn-lint) show our traceback."""
    target = INJECTIONS["rule"].target
    env = hosts.environment(
        hosts.INJECT_CRASH, PINPOINT_INJECT_CRASH=target, LOG_LEVEL="DEBUG"
    )

    checkov_run, _, _ = hosts.checkov(CRASH / "policy.yaml", env=env)
    cfnlint_run, _ = hosts.cfnlint([CRASH / "policy.yaml"], env=env, extra=("--debug",))

    for run in (checkov_run, cfnlint_run):
        assert f"InjectedCrashError: injected into {target}" in run.stderr
        assert any(
            "checkov_pinpoint/engine/__init__.py" in frame
            for frame in run.our_traceback_frames()
        )


# --------------------------------------------------------------------------
# Files that are not templates, or not well-formed ones
# --------------------------------------------------------------------------

BAD_CLOUDFORMATION = sorted(
    path for path in BAD.iterdir() if path.suffix in (".yaml", ".json")
)

#: Our cfn-lint matches on the bad templates: (rule, file, line, what it says).
#: cfn-lint gives ints, nulls and booleans no line of their own, so those sit at
#: the key above them.
BAD_CFNLINT = [
    (
        "E9501",
        "control_characters.json",
        14,
        r"'mobiletargeting:Get\x1b[31mApp\u202e\u200b' matches no Pinpoint action",
    ),
    ("W9500", "policy_document_number.yaml", 7, "not evaluated: the policy document"),
    ("W9500", "properties_string.yaml", 6, "Properties is a string, not a mapping"),
    ("W9500", "statement_string.yaml", 9, "not evaluated: statement 0"),
    ("W9500", "wrong_types.yaml", 11, "found the number 42"),
    ("W9500", "wrong_types.yaml", 14, "found a list"),
    ("W9500", "wrong_types.yaml", 15, "found null"),
    ("W9500", "wrong_types.yaml", 15, "found the boolean true"),
    ("W9500", "wrong_types.yaml", 18, "found a mapping with key 'NotAnIntrinsic'"),
]


def test_bad_templates_leave_cfnlint_as_it_was_and_say_what_was_skipped() -> None:
    """cfn-lint's own matches and exit code are unchanged; ours are exactly these."""
    before_run, before = hosts.cfnlint(BAD_CLOUDFORMATION, ours=False)

    run, lints = hosts.cfnlint(BAD_CLOUDFORMATION)

    ours = [lint for lint in lints if hosts.is_ours(lint.rule)]
    assert hosts.theirs(lints) == before
    assert [(o.rule, o.file, o.line) for o in ours] == [
        (rule, file, line) for rule, file, line, _ in BAD_CFNLINT
    ]
    for lint, (_, _, _, says) in zip(ours, BAD_CFNLINT, strict=True):
        assert says in lint.message, lint
        assert lint.message.isprintable(), lint
    bits = {_LEVEL_BITS[lint.rule[0]] for lint in ours}
    assert run.returncode == before_run.returncode | sum(bits)
    assert run.our_traceback_frames() == []


#: Our checkov results on the bad templates, and what each says. A policy that
#: cannot be read is SKIPPED by every check, with the reason as its comment.
_SKIPPED_BECAUSE = {
    ("policy_document_number.yaml", "AWS::IAM::ManagedPolicy.NumberDocument"): (
        "not evaluated: the policy document is"
    ),
    ("statement_string.yaml", "AWS::IAM::ManagedPolicy.StringStatement"): (
        "not evaluated: statement 0 is"
    ),
    ("wrong_types.yaml", "AWS::IAM::ManagedPolicy.WrongTypes"): "found the number 42",
    ("policy_number.tf", "aws_iam_policy.number"): "policy is a number (42)",
    ("policy_number.tf", "aws_iam_policy.statement_string"): "Statement is a string",
    ("policy_number.tf", "aws_iam_policy_document.odd"): "is a number (42)",
}
BAD_CHECKOV = sorted(
    [
        (file, resource, check, "SKIPPED", says)
        for (file, resource), says in _SKIPPED_BECAUSE.items()
        for check in CHECKOV_IDS
    ]
    + [
        (
            "control_characters.json",
            "AWS::IAM::ManagedPolicy.Policy",
            check,
            "FAILED" if check == "CKV_PINPOINT_1" else "PASSED",
            r"'mobiletargeting:Get\x1b[31mApp\u202e\u200b' matches no Pinpoint action"
            if check == "CKV_PINPOINT_1"
            else "",
        )
        for check in CHECKOV_IDS
    ]
)


def test_bad_templates_leave_checkov_as_it_was_and_skip_with_a_reason() -> None:
    """checkov's own results and parse errors are unchanged; ours are exactly these."""
    before_run, before, before_errors = hosts.checkov(BAD, ours=False, checks=None)

    run, records, errors = hosts.checkov(BAD, checks=None)

    ours = [record for record in records if record.check_id in CHECKOV_IDS]
    assert [r for r in records if r.check_id not in CHECKOV_IDS] == before
    assert errors == before_errors
    assert [(r.file, r.resource, r.check_id, r.result) for r in ours] == [
        row[:4] for row in BAD_CHECKOV
    ]
    for record, (*_, says) in zip(ours, BAD_CHECKOV, strict=True):
        assert says in record.says, record
        assert record.says.isprintable(), record
    failed = any(record.result == "FAILED" for record in ours)
    assert run.returncode == max(before_run.returncode, int(failed))
    assert run.our_traceback_frames() == []


def test_messages_name_types_as_a_template_author_would() -> None:
    """An unreadable statement is "a string", whatever class the host parsed it to.

    Regression: the message once named the parser's class, "str_node" under
    cfn-lint and "StrNode" under checkov.
    """
    _, lints = hosts.cfnlint([BAD / "statement_string.yaml"])

    messages = [lint.message for lint in lints if hosts.is_ours(lint.rule)]
    assert messages == ["policy: not evaluated: statement 0 is a string, not a mapping"]


def test_an_800_byte_template_does_not_hang_cfnlint() -> None:
    """Seven nested ``Fn::Sub`` that would build 10**7 characters: a quick W9500.

    Regression: the resolver built the whole text before any length limit, so
    this file hung cfn-lint and checkov with our plugin (each alone takes a few
    seconds at most). The deadline turns a hang into a failure.
    """
    _, lints = hosts.cfnlint([HOSTILE / "hang" / "nested_sub.json"], timeout=20)

    assert "W9500" in {lint.rule for lint in lints}


# --------------------------------------------------------------------------
# YAML that asks for Python objects
# --------------------------------------------------------------------------

PAYLOADS = {
    "os-system": '!!python/object/apply:os.system ["touch {marker}"]',
    "subprocess-call": '!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
    "builtins-open": '!!python/object/apply:builtins.open ["{marker}", "w"]',
    "object-new": '!!python/object/new:builtins.open ["{marker}", "w"]',
    "verbatim-tag": '!<tag:yaml.org,2002:python/object/apply:builtins.open> ["{marker}", "w"]',
}
_PAYLOAD_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  Payload: {payload}
Resources:
  SendPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: mobiletargeting:SendMessage
            Resource: "*"
"""


@pytest.fixture
def payloads(tmp_path: Path) -> Iterator[dict[str, tuple[Path, Path]]]:
    """One template per payload, each naming its own marker file."""
    written: dict[str, tuple[Path, Path]] = {}
    for name, payload in PAYLOADS.items():
        marker = tmp_path / f"{name}.executed"
        template = tmp_path / f"{name}.yaml"
        template.write_text(
            _PAYLOAD_TEMPLATE.format(payload=payload.format(marker=marker))
        )
        written[name] = (template, marker)
    yield written
    assert (
        sorted(path.name for path in tmp_path.iterdir() if path.suffix != ".yaml") == []
    )


def test_python_tags_construct_nothing_in_either_host_or_our_loader(
    payloads: dict[str, tuple[Path, Path]],
) -> None:
    """Both hosts refuse the files as YAML, and our loader reads them as nothing."""
    templates = sorted(template for template, _ in payloads.values())

    _, lints = hosts.cfnlint(templates)
    _, records, errors = hosts.checkov(templates[0].parent)

    assert [(lint.rule, lint.file) for lint in lints] == [
        ("E0000", template.name) for template in templates
    ]
    assert (records, errors) == ([], [template.name for template in templates])
    for template, marker in payloads.values():
        assert parse_template(template.read_text()) is None
        assert load_template(str(template)) is None
        assert not marker.exists()


def test_a_terraform_policy_expression_is_never_evaluated(tmp_path: Path) -> None:
    """``jsonencode(...)`` text checkov left unevaluated is read as a literal only."""
    marker = tmp_path / "expression.executed"
    text = f"jsonencode({{'Statement': __import__('os').system('touch {marker}')}})"

    with pytest.raises(PolicyTextError):
        decode_policy_text(text)

    assert not marker.exists()


# --------------------------------------------------------------------------
# Templates written by hypothesis, through both hosts
# --------------------------------------------------------------------------


# An escaped surrogate pair, after an even number of backslashes.
_ESCAPED_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.I
)


def _writable(template: dict[str, Any]) -> str | None:
    """The template as JSON text both hosts can read, or None (NaN has no JSON).

    Both hosts refuse some valid JSON: raw C1 control characters, escaped
    surrogate pairs (cfn-lint) and lone surrogates. So characters are written
    escaped except astral ones, which are written raw, and a lone surrogate
    becomes U+FFFD. The engine-level properties cover what is lost here.
    """
    try:
        text = json.dumps(_without_lone_surrogates(template), allow_nan=False, indent=1)
    except ValueError:
        return None
    return _ESCAPED_PAIR.sub(_astral, text)


def _astral(found: re.Match[str]) -> str:
    """An escaped surrogate pair as the one raw character it stands for."""
    high, low = int(found.group(2), 16), int(found.group(3), 16)
    return found.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _without_lone_surrogates(node: Any) -> Any:
    if isinstance(node, str):
        return re.sub("[\ud800-\udfff]", "\ufffd", node)
    if isinstance(node, list):
        return [_without_lone_surrogates(item) for item in node]
    if isinstance(node, dict):
        return {
            _without_lone_surrogates(key): _without_lone_surrogates(value)
            for key, value in node.items()
        }
    return node


def _engine_lints(template: Any) -> set[tuple[str, tuple[Any, ...], str]]:
    """What the cfn-lint adapter must report, worked out in-process."""
    rule_ids = {rule.code: rule.cfnlint_id for rule in RULES}
    resolver = Resolver(template)
    dialect = cloudformation(resolver.pinpoint_apps())
    expected = set()
    for name, resource in template["Resources"].items():
        if (
            not isinstance(resource, dict)
            or resource.get("Type") not in CFN_POLICY_RESOURCE_TYPES
        ):
            continue
        base = ("Resources", name, "Properties")
        found = iter_cfn_policies(
            resource["Type"], resource.get("Properties"), base, resolver
        )
        for finding in analyze(list(found), dialect=dialect).findings:
            if rule_ids[finding.code] in CFNLINT_DEFAULT_IDS:
                expected.add(
                    (
                        rule_ids[finding.code],
                        finding.path or ("Resources", name),
                        finding.message,
                    )
                )
    return expected


def _engine_records(path: Path, template: Any) -> set[tuple[str, str, str]]:
    """What the checkov adapter must report, worked out in-process."""
    resolver = Resolver(load_template(str(path)))
    dialect = cloudformation(resolver.pinpoint_apps())
    expected = set()
    for name, resource in template["Resources"].items():
        if resource.get("Type") not in CFN_POLICY_RESOURCE_TYPES:
            continue
        found = iter_cfn_policies(
            resource["Type"], resource.get("Properties"), ("Properties",), resolver
        )
        analysis = analyze(list(found), dialect=dialect)
        for rule in RULES:
            if not rule.checkov_id:
                continue
            if analysis.with_code(rule.code):
                result = "FAILED"
            elif analysis.with_code(NOT_EVALUATED):
                result = "SKIPPED"
            elif analysis.touches_pinpoint:
                result = "PASSED"
            else:
                continue
            expected.add((f"{resource['Type']}.{name}", rule.checkov_id, result))
    return expected


@settings(
    max_examples=2,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(templates=st.lists(cfn_templates(well_shaped=True), min_size=4, max_size=4))
def test_generated_templates_get_the_engines_verdicts_from_both_hosts(
    templates: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each host reports exactly what the engine finds in-process, for each file."""
    folder = tmp_path_factory.mktemp("generated")
    written = {}
    for index, template in enumerate(templates):
        text = _writable(template)
        if text is not None:
            path = folder / f"generated{index}.json"
            path.write_text(text)
            written[path] = json.loads(text)

    _, without_us = hosts.cfnlint(sorted(written), ours=False)
    cfnlint_run, lints = hosts.cfnlint(sorted(written))
    checkov_run, records, errors = hosts.checkov(folder)

    assert hosts.theirs(lints) == without_us
    assert cfnlint_run.our_traceback_frames() == []
    unparsed = {lint.file for lint in lints if lint.rule == "E0000"}
    for path, template in written.items():
        found = {
            (lint.rule, lint.path, lint.message)
            for lint in lints
            if lint.file == path.name and hosts.is_ours(lint.rule)
        }
        expected = set() if path.name in unparsed else _engine_lints(template)
        # cfn-lint shows identical matches on one line once (a boolean list item
        # has no line of its own), so each finding shows up, not each path.
        assert found <= expected, path.name
        assert {(r, m) for r, _, m in found} == {(r, m) for r, _, m in expected}

    assert checkov_run.our_traceback_frames() == []
    if checkov_run.returncode == 2:
        # checkov itself crashed (its CloudFormation graph builder fails on some
        # malformed Fn::Sub); it must do the same without us, and has no results.
        crashed, _, _ = hosts.checkov(folder, ours=False)
        assert (crashed.returncode, records) == (2, [])
        note("checkov crashed on its own on this sample")
        return
    for path, template in written.items():
        reported = {
            (r.resource, r.check_id, r.result) for r in records if r.file == path.name
        }
        expected = set() if path.name in errors else _engine_records(path, template)
        assert reported == expected, path.name
