"""The explanation of a finding reaches every output format of both hosts.

A finding is only useful if the report a user reads says what is wrong and what
would be right. The real checkov and the real cfn-lint are run on the failing
``wrong_arn`` samples in each output format, and each report is searched for the
same explanation: the offending resource, the action that cannot act on it, and
the resource to use instead. checkov's CloudFormation runner drops a check's
details, so there the explanation travels in the check name; the Terraform
runner keeps both.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES, checks_dir, host_env, line_of, tool

from checkov_pinpoint import cfnlint_adapter
from checkov_pinpoint.engine.rules import WrongArnShape

CHECK = "CKV_PINPOINT_2"
DOCS = cfnlint_adapter.DOCS_URL.format(code=WrongArnShape.code)
WHAT = (
    "'arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc/*' is not an ARN that "
    "mobiletargeting:GetApplicationSettings can act on; expected a resource like "
)


@dataclass(frozen=True)
class Case:
    """A failing sample and the explanation checkov must carry for it.

    Attributes:
        sample: The template, relative to the samples folder.
        framework: The checkov framework that reads it.
        resource: The checkov resource the explanation belongs to.
        explanation: The full detail checkov reports: message and element path.
    """

    sample: str
    framework: str
    resource: str
    explanation: str


CASES = {
    "cloudformation": Case(
        "cloudformation/wrong_arn.fail.yaml",
        "cloudformation",
        "AWS::IAM::ManagedPolicy.CampaignPolicy",
        "statement 2 (Sid 'Settings'): "
        + WHAT
        + "!Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:"
        "${AWS::AccountId}:apps/${PinpointApp} [at Properties.PolicyDocument."
        "Statement.2.Resource]",
    ),
    "terraform": Case(
        "terraform/wrong_arn.fail.tf",
        "terraform",
        "aws_iam_policy_document.settings",
        "statement 0 (Sid 'Settings'): "
        + WHAT
        + '"${aws_pinpoint_app.APP.arn}" [at statement.0.resources.0]',
    ),
}

#: The output formats checked, with the file name checkov gives each.
CHECKOV_FORMATS = {
    "cli": "results_cli.txt",
    "json": "results_json.json",
    "sarif": "results_sarif.sarif",
    "junitxml": "results_junitxml.xml",
    "github_failed_only": "results_github_failed_only.md",
    "gitlab_sast": "results_gitlab_sast.json",
}


@pytest.fixture(scope="module")
def checkov_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Run checkov once per sample with every format; return each report folder."""
    folders: dict[str, Path] = {}
    external = checks_dir()
    for name, case in CASES.items():
        folder = tmp_path_factory.mktemp(f"checkov-{name}")
        command = [
            tool("checkov"),
            "--file",
            str(SAMPLES / case.sample),
            "--framework",
            case.framework,
            "--external-checks-dir",
            external,
            "--check",
            CHECK,
            "--skip-download",
            *(arg for output in CHECKOV_FORMATS for arg in ("--output", output)),
            "--output-file-path",
            str(folder),
        ]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=host_env(),
            cwd=folder,
            timeout=300,
        )
        assert done.returncode == 1, done.stderr[-3000:]
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            CHECKOV_FORMATS.values()
        )
        folders[name] = folder
    return folders


def _explanations(check_name: str) -> list[str]:
    """The findings a check name carries after the rule's title."""
    title, _, findings = check_name.partition(": ")
    assert title == WrongArnShape.title, check_name
    return findings.split(" • ")


def _report(folders: dict[str, Path], name: str, output: str) -> str:
    return (folders[name] / CHECKOV_FORMATS[output]).read_text(encoding="utf-8")


def _json_record(text: str, resource: str) -> dict[str, Any]:
    data = json.loads(text)
    reports = data if isinstance(data, list) else [data]
    (record,) = [
        record
        for report in reports
        for record in report["results"]["failed_checks"]
        if record["resource"] == resource
    ]
    return dict(record)


@pytest.mark.parametrize("name", sorted(CASES))
def test_checkov_json_carries_the_explanation(
    checkov_reports: dict[str, Path], name: str
) -> None:
    case = CASES[name]
    record = _json_record(_report(checkov_reports, name, "json"), case.resource)

    assert record["check_id"] == CHECK
    assert record["guideline"] == DOCS
    assert case.explanation in _explanations(record["check_name"])
    if name == "terraform":
        assert case.explanation in record["details"]
    else:
        # checkov's CloudFormation runner drops details; the name carries them.
        assert record["details"] == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_checkov_sarif_result_message_carries_the_explanation(
    checkov_reports: dict[str, Path], name: str
) -> None:
    case = CASES[name]
    run = json.loads(_report(checkov_reports, name, "sarif"))["runs"][0]
    sample = Path(case.sample).name

    messages = [
        result["message"]["text"]
        for result in run["results"]
        if result["ruleId"] == CHECK
        and result["locations"][0]["physicalLocation"]["artifactLocation"][
            "uri"
        ].endswith(sample)
    ]

    explained = [m for m in messages if case.explanation in _explanations(m)]

    assert len(explained) == 1
    assert [rule["helpUri"] for rule in run["tool"]["driver"]["rules"]] == [DOCS]


@pytest.mark.parametrize("name", sorted(CASES))
def test_checkov_cli_shows_the_explanation(
    checkov_reports: dict[str, Path], name: str
) -> None:
    case = CASES[name]
    text = _report(checkov_reports, name, "cli")
    blocks = text.split("Check: ")[1:]

    (block,) = [b for b in blocks if f"FAILED for resource: {case.resource}\n" in b]

    assert block.startswith(f'{CHECK}: "{WrongArnShape.title}: ')
    assert case.explanation in block
    assert f"Guide: {DOCS}" in block


@pytest.mark.parametrize("name", sorted(CASES))
def test_checkov_junitxml_names_the_explanation(
    checkov_reports: dict[str, Path], name: str
) -> None:
    case = CASES[name]
    root = ElementTree.fromstring(_report(checkov_reports, name, "junitxml"))

    names = [
        case_element.get("name", "")
        for case_element in root.iter("testcase")
        if case_element.find("failure") is not None
        and case.resource in (case_element.get("classname") or "")
    ]

    assert len(names) == 1
    assert names[0].startswith(f"[NONE][{CHECK}] {WrongArnShape.title}: ")
    assert case.explanation in names[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_checkov_gitlab_sast_names_the_explanation(
    checkov_reports: dict[str, Path], name: str
) -> None:
    case = CASES[name]
    vulnerabilities = json.loads(_report(checkov_reports, name, "gitlab_sast"))[
        "vulnerabilities"
    ]

    names = [v["name"] for v in vulnerabilities if case.explanation in v["name"]]

    assert len(names) == 1
    assert all(v["identifiers"][0]["url"] == DOCS for v in vulnerabilities), (
        vulnerabilities
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_checkov_github_markdown_shows_the_explanation(
    checkov_reports: dict[str, Path], name: str
) -> None:
    case = CASES[name]
    rows = [
        line
        for line in _report(checkov_reports, name, "github_failed_only").splitlines()
        if line.startswith(f"| {CHECK} ")
    ]

    assert any(case.explanation in row for row in rows)


def test_checkov_github_markdown_rows_keep_their_columns(
    checkov_reports: dict[str, Path],
) -> None:
    text = _report(checkov_reports, "cloudformation", "github_failed_only")
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("| Check ID"))
    rows = [line for line in lines if line.startswith(f"| {CHECK} ")]

    assert [row.count("|") for row in rows] == [header.count("|")] * len(rows)


# cfn-lint -------------------------------------------------------------------------

CFN_SAMPLE = SAMPLES / "cloudformation" / "wrong_arn.fail.yaml"
CFN_MESSAGE = (
    "statement 2 (Sid 'Settings'): "
    + WHAT
    + "!Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:"
    "apps/${PinpointApp}"
)
CFN_LINE = line_of(CFN_SAMPLE, "apps/abc/*")
CFN_RULE = WrongArnShape.cfnlint_id


def run_cfnlint_format(output: str, cwd: Path) -> str:
    """Run cfn-lint with our rules on the sample in one format; return stdout."""
    done = subprocess.run(
        [
            tool("cfn-lint"),
            "--format",
            output,
            "--append-rules",
            "checkov_pinpoint.cfnlint_rules",
            "--",
            str(CFN_SAMPLE),
        ],
        capture_output=True,
        text=True,
        env=host_env(),
        cwd=cwd,
        timeout=300,
    )
    assert done.returncode == 6, (output, done.stderr[-3000:])  # errors + warnings
    return done.stdout


def _parseable(text: str) -> list[tuple[int, str, str]]:
    found = []
    for line in text.splitlines():
        matched = re.match(r"^.*?:(\d+):\d+:\d+:\d+:([EWI]\d+):(.*)$", line)
        if matched:
            found.append((int(matched[1]), matched[2], matched[3]))
    return found


def _json(text: str) -> list[tuple[int, str, str]]:
    return [
        (m["Location"]["Start"]["LineNumber"], m["Rule"]["Id"], m["Message"])
        for m in json.loads(text)
    ]


def _sarif(text: str) -> list[tuple[int, str, str]]:
    run = json.loads(text)["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules[CFN_RULE]["helpUri"] == DOCS
    return [
        (
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["ruleId"],
            r["message"]["text"],
        )
        for r in run["results"]
    ]


def _junit(text: str) -> list[tuple[int, str, str]]:
    found = []
    for case_element in ElementTree.fromstring(text).iter("testcase"):
        rule_id = case_element.get("name", "").split(" ", 1)[0]
        if rule_id == CFN_RULE:
            assert case_element.get("url") == DOCS
        for failure in case_element.iter("failure"):
            message, _, where = failure.get("message", "").rpartition(" at ")
            found.append((int(where.split(":")[1]), rule_id, message))
    return found


def _pretty(text: str) -> list[tuple[int, str, str]]:
    found = []
    for line in text.splitlines():
        matched = re.match(r"^(\d+):\d+:\s+([EWI]\d+)\s+(.*)$", line)
        if matched:
            found.append((int(matched[1]), matched[2], matched[3]))
    return found


CFNLINT_FORMATS = {
    "parseable": _parseable,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "pretty": _pretty,
}


@pytest.mark.parametrize("output", sorted(CFNLINT_FORMATS))
def test_cfnlint_format_carries_the_message(output: str, tmp_path: Path) -> None:
    if output == "sarif":
        pytest.importorskip(
            "sarif_om", reason="cfn-lint's sarif format needs cfn-lint[sarif]"
        )
    text = run_cfnlint_format(output, tmp_path)

    found = CFNLINT_FORMATS[output](text)

    assert (CFN_LINE, CFN_RULE, CFN_MESSAGE) in found
    assert sorted(p.name for p in tmp_path.iterdir()) == []
