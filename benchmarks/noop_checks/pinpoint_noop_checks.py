"""Do-nothing checks that mirror checkov-pinpoint's, for ``--external-checks-dir``.

The same number of check IDs as checkov-pinpoint registers, each built for
the same three checkov frameworks (CloudFormation resources, Terraform resources,
Terraform data sources) with the same supported types, and each returning PASSED
at once. Timing checkov with these against checkov with the real checks isolates
what the real checks cost above checkov's own bookkeeping for a check.

The supported types are written out rather than imported, so that loading this
file costs nothing of checkov-pinpoint's; ``benchmarks/run.py`` checks that they
still equal the product's lists before it times anything.
"""

from __future__ import annotations

import os
from typing import Any

from checkov.cloudformation.checks.resource.base_resource_check import (
    BaseResourceCheck as CfnResourceCheck,
)
from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.data.base_check import BaseDataCheck as TfDataCheck
from checkov.terraform.checks.resource.base_resource_check import (
    BaseResourceCheck as TfResourceCheck,
)

#: The IDs of the do-nothing checks, one per checkov-pinpoint check ID; the harness
#: passes how many checkov-pinpoint registers in PPNOOP_COUNT.
NOOP_IDS = tuple(
    f"CKV_PPNOOP_{number}"
    for number in range(1, int(os.environ.get("PPNOOP_COUNT", "3")) + 1)
)

#: checkov-pinpoint's CFN_POLICY_RESOURCE_TYPES.
CFN_TYPES = (
    "AWS::IAM::Group",
    "AWS::IAM::GroupPolicy",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::Policy",
    "AWS::IAM::Role",
    "AWS::IAM::RolePolicy",
    "AWS::IAM::User",
    "AWS::IAM::UserPolicy",
    "AWS::SSO::PermissionSet",
    "AWS::Serverless::Function",
    "AWS::Serverless::StateMachine",
)
#: checkov-pinpoint's TERRAFORM_POLICY_RESOURCES.
TF_RESOURCE_TYPES = (
    "aws_iam_group_policy",
    "aws_iam_policy",
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_ssoadmin_permission_set_inline_policy",
)
#: checkov-pinpoint's TERRAFORM_POLICY_DATA.
TF_DATA_TYPES = ("aws_iam_policy_document",)


def _args(check_id: str) -> dict[str, Any]:
    return {
        "name": f"Do-nothing mirror of a checkov-pinpoint check ({check_id})",
        "id": check_id,
        "categories": [CheckCategories.IAM],
    }


class NoopCfnCheck(CfnResourceCheck):
    """PASSED for every CloudFormation resource of the mirrored types."""

    def __init__(self, check_id: str) -> None:
        super().__init__(**_args(check_id), supported_resources=CFN_TYPES)

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        """Pass at once: this check exists to be counted, not to look."""
        return CheckResult.PASSED


class NoopTfResourceCheck(TfResourceCheck):
    """PASSED for every Terraform resource of the mirrored types."""

    def __init__(self, check_id: str) -> None:
        super().__init__(**_args(check_id), supported_resources=TF_RESOURCE_TYPES)

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        """Pass at once: this check exists to be counted, not to look."""
        return CheckResult.PASSED


class NoopTfDataCheck(TfDataCheck):
    """PASSED for every Terraform data source of the mirrored types."""

    def __init__(self, check_id: str) -> None:
        super().__init__(**_args(check_id), supported_data=TF_DATA_TYPES)

    def scan_data_conf(self, conf: dict[str, Any]) -> CheckResult:
        """Pass at once: this check exists to be counted, not to look."""
        return CheckResult.PASSED


CHECKS = [
    kind(check_id)
    for check_id in NOOP_IDS
    for kind in (NoopCfnCheck, NoopTfResourceCheck, NoopTfDataCheck)
]
