"""The rule pages: generated from metadata, linked from both hosts, and true.

``docs/rules/`` is written by ``tools/generate_rule_docs.py``. These tests fail
when a committed page differs from a fresh generation, when a host links to a
page that does not exist, when a page's example is not what the rule reports or
accepts, and when a way of silencing a rule that a page documents does not work
in the real host.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT, SAMPLES, checks_dir, host_env, run_cfnlint, tool

from checkov_pinpoint import cfnlint_adapter, cfnlint_rules
from checkov_pinpoint.engine import analyze
from checkov_pinpoint.engine.rules import BUILTIN_RULES, EndOfSupport, InvalidAction
from checkov_pinpoint.engine.suggest import cloudformation
from checkov_pinpoint.extract.cloudformation import iter_cfn_policies
from checkov_pinpoint.extract.intrinsics import Resolver
from checkov_pinpoint.extract.template_loader import load_template

DOCS = ROOT / "docs" / "rules"
GENERATOR = ROOT / "tools" / "generate_rule_docs.py"


def load_generator() -> ModuleType:
    """Import tools/generate_rule_docs.py, which is a script, not a module."""
    spec = importlib.util.spec_from_file_location("generate_rule_docs", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_pages_equal_a_fresh_generation() -> None:
    generator = load_generator()

    fresh = generator.render_all(generator.builtin_rules())
    committed = {
        path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")
    }

    assert committed == fresh, "run: python tools/generate_rule_docs.py"


def test_generation_is_deterministic_and_check_mode_finds_stale_pages(
    tmp_path: Path,
) -> None:
    generator = load_generator()
    assert generator.main(["--output", str(tmp_path)]) == 0
    written = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    (tmp_path / "PINPOINT_WRONG_ARN.md").write_text("edited by hand\n")
    (tmp_path / "PINPOINT_RETIRED_RULE.md").write_text("a rule that is gone\n")

    assert generator.main(["--output", str(tmp_path), "--check"]) == 1
    assert generator.stale_pages(tmp_path, generator.render_all(BUILTIN_RULES)) == [
        "PINPOINT_RETIRED_RULE.md",
        "PINPOINT_WRONG_ARN.md",
    ]
    assert generator.main(["--output", str(tmp_path)]) == 0
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == written
    assert generator.main(["--output", str(tmp_path), "--check"]) == 0


def _cfnlint_class(rule_id: str) -> Any:
    (found,) = [
        value
        for value in vars(cfnlint_rules).values()
        if isinstance(value, type) and getattr(value, "id", None) == rule_id
    ]
    return found


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda rule: rule.code)
def test_both_hosts_link_to_the_rule_page(rule: Any) -> None:
    from checkov_pinpoint import checkov_adapter

    page = f"docs/rules/{rule.code}.md"
    checkov_url = checkov_adapter.DOCS_URL.format(code=rule.code)

    assert (ROOT / page).is_file()
    assert checkov_url.endswith("/" + page)
    assert _cfnlint_class(rule.cfnlint_id).source_url == checkov_url
    assert cfnlint_adapter.DOCS_URL == checkov_adapter.DOCS_URL


def analyze_example(example: str, tmp_path: Path) -> list[str]:
    """Put a page's example statement in a template; return the codes found."""
    text = textwrap.dedent(
        """\
        Parameters:
          ActionsParameter:
            Type: CommaDelimitedList
        Resources:
          PinpointApp:
            Type: AWS::Pinpoint::App
            Properties:
              Name: orders
          ExamplePolicy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
        """
    ) + textwrap.indent(example, " " * 12)
    path = tmp_path / "example.yaml"
    path.write_text(text + "\n")
    template = load_template(str(path))
    assert template is not None
    resolver = Resolver(template)
    resource = template["Resources"]["ExamplePolicy"]
    policies = iter_cfn_policies(
        resource["Type"], resource["Properties"], ("Properties",), resolver
    )
    analysis = analyze(list(policies), dialect=cloudformation(resolver.pinpoint_apps()))
    return [finding.code for finding in analysis.findings]


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda rule: rule.code)
def test_page_examples_are_reported_and_fixed(rule: Any, tmp_path: Path) -> None:
    assert analyze_example(rule.bad_example, tmp_path) == [rule.code]
    assert analyze_example(rule.fixed_example, tmp_path) == []


# Each way of silencing a rule that the pages document, in the real host -----------

BAD_CFN = """\
Resources:
  SenderPolicy:
    Type: AWS::IAM::ManagedPolicy
{metadata}    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: mobiletargeting:SendMessage
            Resource: arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc/messages
"""
CHECKOV_SKIP = f"""\
    Metadata:
      checkov:
        skip:
          - id: {InvalidAction.checkov_id}
            comment: Accepted for the test
"""
CFNLINT_IGNORE = f"""\
    Metadata:
      cfn-lint:
        config:
          ignore_checks:
            - {InvalidAction.cfnlint_id}
"""
BAD_TF = f"""\
resource "aws_iam_policy" "sender" {{
  #checkov:skip={InvalidAction.checkov_id}:Accepted for the test
  name = "sender"
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect   = "Allow"
      Action   = "mobiletargeting:SendMessage"
      Resource = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc/messages"
    }}]
  }})
}}
"""


def run_checkov(target: Path) -> list[tuple[str, str, str, str]]:
    """Run checkov with the invalid-action check; return (check, resource, verdict,
    skip comment)."""
    done = subprocess.run(
        [
            tool("checkov"),
            "--file",
            str(target),
            "--external-checks-dir",
            checks_dir(),
            "--check",
            str(InvalidAction.checkov_id),
            "--skip-download",
            "--output",
            "json",
        ],
        capture_output=True,
        text=True,
        env=host_env(),
        cwd=target.parent,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr[-3000:]
    results = json.loads(done.stdout)["results"]
    return [
        (
            record["check_id"],
            record["resource"],
            record["check_result"]["result"],
            str(record["check_result"].get("suppress_comment", "")),
        )
        for kind in ("failed_checks", "passed_checks", "skipped_checks")
        for record in results[kind]
    ]


def test_checkov_cloudformation_metadata_skip(tmp_path: Path) -> None:
    template = tmp_path / "skipped.yaml"
    template.write_text(BAD_CFN.format(metadata=CHECKOV_SKIP))

    assert run_checkov(template) == [
        (
            InvalidAction.checkov_id,
            "AWS::IAM::ManagedPolicy.SenderPolicy",
            "SKIPPED",
            "Accepted for the test",
        )
    ]


def test_checkov_terraform_comment_skip(tmp_path: Path) -> None:
    template = tmp_path / "skipped.tf"
    template.write_text(BAD_TF)

    assert run_checkov(template) == [
        (
            InvalidAction.checkov_id,
            "aws_iam_policy.sender",
            "SKIPPED",
            "Accepted for the test",
        )
    ]


def test_cfnlint_resource_metadata_ignore(tmp_path: Path) -> None:
    template = tmp_path / "ignored.yaml"
    template.write_text(BAD_CFN.format(metadata=CFNLINT_IGNORE))
    unsilenced = tmp_path / "reported.yaml"
    unsilenced.write_text(BAD_CFN.format(metadata=""))

    assert run_cfnlint(template) == []
    assert [m.rule for m in run_cfnlint(unsilenced)] == [InvalidAction.cfnlint_id]


def run_cfnlint_in(folder: Path, template: Path) -> list[str]:
    """Run cfn-lint from ``folder`` (where it reads .cfnlintrc); return our rule IDs."""
    return sorted(m.rule for m in run_cfnlint(template, cwd=folder))


def test_cfnlintrc_ignore_checks(tmp_path: Path) -> None:
    template = tmp_path / "reported.yaml"
    template.write_text(BAD_CFN.format(metadata=""))
    (tmp_path / ".cfnlintrc").write_text(
        f"ignore_checks:\n  - {InvalidAction.cfnlint_id}\n"
    )

    assert run_cfnlint_in(tmp_path, template) == []


def test_cfnlintrc_include_checks_shows_the_informational_rule(tmp_path: Path) -> None:
    (tmp_path / ".cfnlintrc").write_text(
        f"include_checks:\n  - {EndOfSupport.cfnlint_id}\n"
    )

    found = run_cfnlint_in(
        tmp_path, SAMPLES / "cloudformation" / "end_of_support.fail.yaml"
    )

    assert found == [EndOfSupport.cfnlint_id, EndOfSupport.cfnlint_id]
