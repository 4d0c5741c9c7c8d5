"""The end-of-support advisory, run for real in both hosts.

The ``end_of_support.fail`` samples grant two actions of retired Pinpoint
features (campaigns, segments) in their *last* statement, after statements that
grant actions which continue (messages, SMS), and a second resource that grants
only a continuing action. The grants are otherwise well formed, so the samples
carry no other finding. checkov's ``CKV_PINPOINT_4`` fails the first resource
and passes the second; cfn-lint reports the informational ``I9504`` at each
retired action, but only when asked with ``--include-checks``.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLES, checks_dir, host_env, line_of, run_cfnlint, tool

from checkov_pinpoint.engine.rules import EndOfSupport

CFN = SAMPLES / "cloudformation"
CHECK = EndOfSupport.checkov_id
RULE = EndOfSupport.cfnlint_id
CAMPAIGNS = (
    "statement 2 (Sid 'Campaigns'): mobiletargeting:CreateCampaign belongs to "
    "Pinpoint campaigns, which reached end of support on 2026-10-30; it continues "
    "in Amazon Connect outbound campaigns"
)
SEGMENTS = (
    "statement 2 (Sid 'Campaigns'): mobiletargeting:GetSegments belongs to "
    "Pinpoint segments, which reached end of support on 2026-10-30; it continues "
    "in Amazon Connect Customer Profiles"
)


def run_checkov(sample: Path, framework: str, *flags: str) -> list[tuple[str, ...]]:
    """Run checkov with our checks; return (check, resource, verdict, findings).

    The findings are the explanation the check name carries after the title
    (checkov's CloudFormation runner keeps no details), and for Terraform they
    must equal the record's details.
    """
    done = subprocess.run(
        [
            tool("checkov"),
            "--file",
            str(sample),
            "--framework",
            framework,
            "--external-checks-dir",
            checks_dir(),
            "--skip-download",
            "--output",
            "json",
            *flags,
        ],
        capture_output=True,
        text=True,
        env=host_env(),
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr[-3000:]
    report = json.loads(done.stdout)
    records = []
    for kind in ("failed_checks", "passed_checks", "skipped_checks"):
        for record in report["results"][kind]:
            if not record["check_id"].startswith("CKV_PINPOINT_"):
                continue
            _, _, findings = record["check_name"].partition(": ")
            if framework == "terraform" and findings:
                assert record["details"] == findings.split(" • ")
            records.append(
                (
                    record["check_id"],
                    record["resource"],
                    record["check_result"]["result"],
                    *(findings.split(" • ") if findings else ()),
                )
            )
    return sorted(records)


CFN_FAILED = (
    CHECK,
    "AWS::IAM::ManagedPolicy.MarketingPolicy",
    "FAILED",
    f"{CAMPAIGNS} [at Properties.PolicyDocument.Statement.2.Action.0]",
    f"{SEGMENTS} [at Properties.PolicyDocument.Statement.2.Action.1]",
)
CFN_PASSED = (CHECK, "AWS::IAM::Role.SenderRole", "PASSED")

CHECKOV_EXPECTED = {
    "end_of_support.fail.yaml": ("cloudformation", [CFN_FAILED, CFN_PASSED]),
    "end_of_support.fail.json": ("cloudformation", [CFN_FAILED, CFN_PASSED]),
    "end_of_support.fail.tf": (
        "terraform",
        [
            (
                CHECK,
                "aws_iam_policy.marketing",
                "FAILED",
                f"{CAMPAIGNS} [at policy.Statement.2.Action.0]",
                f"{SEGMENTS} [at policy.Statement.2.Action.1]",
            ),
            (CHECK, "aws_iam_policy_document.send", "PASSED"),
        ],
    ),
}


def _sample(name: str) -> Path:
    return SAMPLES / ("terraform" if name.endswith(".tf") else "cloudformation") / name


@pytest.mark.parametrize("name", sorted(CHECKOV_EXPECTED), ids=str)
def test_checkov_fails_only_the_resource_granting_retired_actions(name: str) -> None:
    framework, expected = CHECKOV_EXPECTED[name]

    found = run_checkov(_sample(name), framework, "--check", CHECK)

    assert found == sorted(expected)


def test_checkov_skip_check_silences_the_advisory() -> None:
    found = run_checkov(
        CFN / "end_of_support.fail.yaml", "cloudformation", "--skip-check", CHECK
    )

    assert found == sorted(
        (check, resource, "PASSED")
        for check in ("CKV_PINPOINT_1", "CKV_PINPOINT_2", "CKV_PINPOINT_3")
        for resource in (
            "AWS::IAM::ManagedPolicy.MarketingPolicy",
            "AWS::IAM::Role.SenderRole",
        )
    )


def advisory_markers(path: Path) -> list[tuple[str, int]]:
    """The ``# advisory: RULE`` markers of a YAML sample, as (rule, line) pairs.

    They are not ``# expect:`` markers, because cfn-lint reports informational
    rules only with ``--include-checks`` and the sample tests run without it.
    """
    return [
        (line.partition("# advisory:")[2].strip(), number)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "# advisory:" in line
    ]


CFNLINT_EXPECTED = {
    "end_of_support.fail.yaml": [
        (RULE, line_of(CFN / "end_of_support.fail.yaml", "CreateCampaign"), CAMPAIGNS),
        (RULE, line_of(CFN / "end_of_support.fail.yaml", "GetSegments"), SEGMENTS),
    ],
    "end_of_support.fail.json": [
        (RULE, line_of(CFN / "end_of_support.fail.json", "CreateCampaign"), CAMPAIGNS),
        (RULE, line_of(CFN / "end_of_support.fail.json", "GetSegments"), SEGMENTS),
    ],
}


@pytest.mark.parametrize("name", sorted(CFNLINT_EXPECTED), ids=str)
def test_cfnlint_reports_each_retired_action_when_included(name: str) -> None:
    matches = run_cfnlint(CFN / name, extra=("--include-checks", RULE))

    found = sorted((m.rule, m.line, m.message) for m in matches)

    assert found == sorted(CFNLINT_EXPECTED[name])


def test_yaml_markers_are_where_cfnlint_reports() -> None:
    sample = CFN / "end_of_support.fail.yaml"
    lines = [(rule, line) for rule, line, _ in CFNLINT_EXPECTED[sample.name]]

    assert advisory_markers(sample) == lines


@pytest.mark.parametrize("name", sorted(CFNLINT_EXPECTED), ids=str)
def test_cfnlint_leaves_the_advisory_out_by_default(name: str) -> None:
    assert run_cfnlint(CFN / name) == []
