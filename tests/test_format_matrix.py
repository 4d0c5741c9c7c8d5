"""One verdict per policy, whatever the format.

The same policies are written as CloudFormation YAML, CloudFormation JSON, a SAM
function, Terraform HCL and a Terraform plan, and run through the real cfn-lint
and checkov. Every format must give the same findings: same check, same
statement, same message (up to the suggested fix, which is written in each
format's own syntax, and the location suffix).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import CheckovResult, run_cfnlint, run_checkov

ACCOUNT = "123456789012"
APP = f"arn:aws:mobiletargeting:us-east-1:{ACCOUNT}:apps/abc"


def statement(
    actions: list[str] | str, resources: list[str] | str, effect: str = "Allow"
) -> dict:
    return {"Effect": effect, "Action": actions, "Resource": resources}


POLICIES: dict[str, list[dict]] = {
    "near_miss": [
        statement(
            ["mobiletargeting:SendMessage", "pinpoint:GetApp"], [APP + "/messages"]
        )
    ],
    "campaign_without_app": [
        statement(
            "mobiletargeting:GetCampaign",
            f"arn:aws:mobiletargeting:us-east-1:{ACCOUNT}:campaigns/c1",
        )
    ],
    "star_on_star": [statement("mobiletargeting:*", "*")],
    "deny_star": [statement("mobiletargeting:Delete*", "*", effect="Deny")],
    "v1_voice": [statement("sms-voice:SendVoiceMessage", "*")],
    "app_star_for_batch": [
        statement(
            ["mobiletargeting:UpdateEndpointsBatch", "mobiletargeting:GetEndpoint"],
            [APP + "/*"],
        )
    ],
    "second_statement_bad": [
        statement("mobiletargeting:GetApp", APP),
        statement(
            "mobiletargeting:GetApp", "arn:aws:mobiletargeting:us-east-1:12345:apps/abc"
        ),
    ],
    "campaign_for_segments": [
        statement("mobiletargeting:GetSegments", APP + "/campaigns/c1")
    ],
    "sender_id_without_country": [
        statement(
            "sms-voice:DescribeSenderIds",
            f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:sender-id/ACME",
        )
    ],
    "get_reports_documented": [
        statement(
            "mobiletargeting:GetReports",
            [
                f"arn:aws:mobiletargeting:us-east-1:{ACCOUNT}:reports",
                f"arn:aws:mobiletargeting:us-east-1:{ACCOUNT}:*",
            ],
        )
    ],
    "mixed_services_good": [
        statement(
            ["mobiletargeting:GetSegments", "s3:GetObject"],
            [APP, "arn:aws:s3:::bucket/*"],
        )
    ],
}

#: What the CloudFormation YAML run must find: (policy, checkov ID, statement).
EXPECTED = {
    ("near_miss", "CKV_PINPOINT_1", 0),
    ("campaign_without_app", "CKV_PINPOINT_2", 0),
    ("star_on_star", "CKV_PINPOINT_3", 0),
    ("app_star_for_batch", "CKV_PINPOINT_2", 0),
    ("second_statement_bad", "CKV_PINPOINT_2", 1),
    ("campaign_for_segments", "CKV_PINPOINT_2", 0),
    ("sender_id_without_country", "CKV_PINPOINT_2", 0),
}
CFNLINT_TO_CHECKOV = {
    "E9501": "CKV_PINPOINT_1",
    "E9502": "CKV_PINPOINT_2",
    "W9503": "CKV_PINPOINT_3",
}
_FIX = re.compile(
    r"; (expected a resource like|scope it, e\.g\.|it needs a resource like) .*$"
)
_WHERE = re.compile(r" \[at [^\]]*\]$")


def document(name: str) -> dict:
    return {"Version": "2012-10-17", "Statement": POLICIES[name]}


def core(message: str) -> str:
    """A finding's message without the format-specific fix and location."""
    return _FIX.sub("", _WHERE.sub("", message))


def write_cloudformation(folder: Path) -> dict[str, Path]:
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            name.title().replace("_", ""): {
                "Type": "AWS::IAM::ManagedPolicy",
                "Properties": {"PolicyDocument": document(name)},
            }
            for name in POLICIES
        },
    }
    sam = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Transform": "AWS::Serverless-2016-10-31",
        "Resources": {
            name.title().replace("_", ""): {
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "Runtime": "python3.12",
                    "Handler": "index.handler",
                    "InlineCode": "def handler(event, context): return None",
                    "Policies": [document(name)],
                },
            }
            for name in POLICIES
        },
    }
    paths = {
        "yaml": folder / "cfn.yaml",
        "json": folder / "cfn.json",
        "sam": folder / "sam.yaml",
    }
    paths["yaml"].write_text(yaml.safe_dump(template, sort_keys=False))
    paths["json"].write_text(json.dumps(template, indent=2))
    paths["sam"].write_text(yaml.safe_dump(sam, sort_keys=False))
    return paths


def write_terraform(folder: Path) -> tuple[Path, Path]:
    hcl = "\n".join(
        f'resource "aws_iam_policy" "{name}" {{\n  name   = "{name}"\n'
        f"  policy = <<POLICY\n{json.dumps(document(name), indent=2)}\nPOLICY\n}}\n"
        for name in POLICIES
    )
    tf_dir = folder / "tf"
    tf_dir.mkdir()
    (tf_dir / "main.tf").write_text(hcl)

    resources = [
        {
            "address": f"aws_iam_policy.{name}",
            "mode": "managed",
            "type": "aws_iam_policy",
            "name": name,
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "schema_version": 0,
            "values": {"name": name, "path": "/", "policy": json.dumps(document(name))},
        }
        for name in POLICIES
    ]
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": resources}},
        "resource_changes": [
            {
                **{
                    key: resource[key]
                    for key in ("address", "mode", "type", "name", "provider_name")
                },
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": resource["values"],
                },
            }
            for resource in resources
        ],
        "configuration": {"root_module": {"resources": []}},
    }
    plan_path = folder / "plan.json"
    plan_path.write_text(json.dumps(plan, indent=2))
    return tf_dir, plan_path


def from_checkov(
    records: list[CheckovResult], names: dict[str, str]
) -> set[tuple[str, str, int, str]]:
    found: set[tuple[str, str, int, str]] = set()
    for record in records:
        if record.result != "FAILED":
            continue
        resource = record.resource.split(".")[-1]
        policy = names.get(resource, resource)
        title, _, explained = record.check_name.partition(": ")
        messages = record.details or tuple(explained.split(" • "))
        for message in messages:
            found.add((policy, record.check_id, _statement(message), core(message)))
    return found


def _statement(message: str) -> int:
    return int(re.match(r"statement (\d+)", message).group(1))  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, set[tuple[str, str, int, str]]]:
    folder = tmp_path_factory.mktemp("matrix")
    cfn = write_cloudformation(folder)
    tf_dir, plan = write_terraform(folder)
    cfn_names = {name.title().replace("_", ""): name for name in POLICIES}
    tf_names = {name: name for name in POLICIES}

    results = {
        "checkov-" + kind: from_checkov(
            run_checkov(path, ("cloudformation",)), cfn_names
        )
        for kind, path in cfn.items()
    }
    results["checkov-terraform"] = from_checkov(
        run_checkov(tf_dir, ("terraform",)), tf_names
    )
    results["checkov-plan"] = from_checkov(
        run_checkov(plan, ("terraform_plan",)), tf_names
    )
    for kind, path in cfn.items():
        results["cfnlint-" + kind] = {
            (
                cfn_names[str(match.path[1])],
                CFNLINT_TO_CHECKOV[match.rule],
                _statement(match.message),
                core(match.message),
            )
            for match in run_cfnlint(path)
        }
    return results


def test_cloudformation_yaml_finds_what_is_expected(runs: dict[str, set]) -> None:
    assert {
        (policy, check, index) for policy, check, index, _ in runs["cfnlint-yaml"]
    } == EXPECTED


@pytest.mark.parametrize(
    "run",
    [
        "cfnlint-json",
        "cfnlint-sam",
        "checkov-yaml",
        "checkov-json",
        "checkov-sam",
        "checkov-terraform",
        "checkov-plan",
    ],
)
def test_every_format_and_host_agrees(runs: dict[str, set], run: str) -> None:
    assert runs[run] == runs["cfnlint-yaml"]
