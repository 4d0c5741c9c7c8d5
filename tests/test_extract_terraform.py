"""Tests for :mod:`checkov_pinpoint.extract.terraform`.

Every ``conf`` in :data:`CASES` is what checkov 3.3.30 handed a Terraform
check's ``scan_resource_conf`` / ``scan_data_conf`` for the block named in the
case's id, captured with a throwaway check that dumps its argument, run over
the fixture named in the case (under ``test_fixtures/terraform/extract/``):
``checkov -d <dir> --framework terraform`` for ``.tf`` files and ``checkov -f
<plan> --framework terraform_plan`` for plans, both with ``--skip-download``.
Only the ``__file__`` entries a plan adds (absolute paths) are left out.
:func:`test_captured_confs_are_current` runs checkov again the same way and
fails when what it hands over has changed.

The plans are written by hand in the format ``terraform show -json`` prints,
from ``plan/main.tf``; terraform itself is not available to the project.
"""

# Captured confs and reasons are kept verbatim, so some strings run long.
# ruff: noqa: E501

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkov_pinpoint.extract.terraform import (
    TERRAFORM_POLICY_DATA,
    TERRAFORM_POLICY_RESOURCES,
    is_checked_at_data_source,
    iter_terraform_policies,
)
from checkov_pinpoint.extract.terraform_expressions import split_conditional
from checkov_pinpoint.extract.terraform_values import parse_value, read_elements
from checkov_pinpoint.model import (
    Part,
    PathPart,
    Policy,
    Skipped,
    Statement,
    Unknown,
    UnknownKind,
    Value,
)

FIXTURES = (
    Path(__file__).resolve().parent.parent / "test_fixtures" / "terraform" / "extract"
)


def seg(label: str) -> Unknown:
    """An unknown ARN field or path segment."""
    return Unknown(label, UnknownKind.SEGMENT)


def any_(label: str) -> Unknown:
    """An unknown that may be any text."""
    return Unknown(label, UnknownKind.ANY)


def app_arn(label: str) -> list[Part]:
    """The parts ``${aws_pinpoint_app.X.arn}`` reads as."""
    field = seg(label)
    return ["arn:", field, ":mobiletargeting:", field, ":", field, ":apps/", field]


def val(path: tuple[PathPart, ...], *parts: Part) -> Value:
    """A value with exactly these parts (no merging, so the test shows them all)."""
    return Value(tuple(parts), path)


def lit(path: tuple[PathPart, ...], text: str) -> Value:
    """A fully known value."""
    return Value((text,), path)


class Case(NamedTuple):
    """One captured conf and the policies it must read as."""

    name: str
    source: str
    block_type: str
    entity_type: str
    conf: dict[str, Any]
    expected: list[Policy]


#: Resources that read the same in both plans (new and existing app).
_PLAN_LITERAL = Case(
    "new_app:aws_iam_policy.literal",
    "plan/new_app.plan.json",
    "resource",
    "aws_iam_policy",
    {
        "description": [None],
        "name": ["pinpoint-literal"],
        "path": ["/"],
        "tags": [None],
        "policy": [
            {
                "Statement": [
                    {
                        "Action": [
                            "mobiletargeting:GetApp",
                            "mobiletargeting:GetSegments",
                        ],
                        "Effect": "Allow",
                        "Resource": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*",
                        "Sid": "Read",
                    },
                    {
                        "Action": "mobiletargeting:DeleteApp",
                        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}},
                        "Effect": "Deny",
                        "Resource": "*",
                    },
                ],
                "Version": "2012-10-17",
            }
        ],
        "__startline__": [19],
        "__endline__": [25],
        "start_line": [18],
        "end_line": [24],
        "__address__": "aws_iam_policy.literal",
        "__change_actions__": ["create"],
        "__change_keys__": [],
    },
    [
        Policy(
            path=("policy",),
            name="pinpoint-literal",
            statements=(
                Statement(
                    0,
                    ("policy", "Statement", 0),
                    sid="Read",
                    actions=(
                        lit(
                            ("policy", "Statement", 0, "Action", 0),
                            "mobiletargeting:GetApp",
                        ),
                        lit(
                            ("policy", "Statement", 0, "Action", 1),
                            "mobiletargeting:GetSegments",
                        ),
                    ),
                    resources=(
                        lit(
                            ("policy", "Statement", 0, "Resource"),
                            "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*",
                        ),
                    ),
                ),
                Statement(
                    1,
                    ("policy", "Statement", 1),
                    effect="Deny",
                    actions=(
                        lit(
                            ("policy", "Statement", 1, "Action"),
                            "mobiletargeting:DeleteApp",
                        ),
                    ),
                    resources=(lit(("policy", "Statement", 1, "Resource"), "*"),),
                    has_condition=True,
                ),
            ),
        ),
    ],
)

_PLAN_WORKER = Case(
    "new_app:aws_iam_role.worker",
    "plan/new_app.plan.json",
    "resource",
    "aws_iam_role",
    {
        "assume_role_policy": [
            {
                "Statement": [
                    {
                        "Action": "sts:AssumeRole",
                        "Effect": "Allow",
                        "Principal": {"Service": "pinpoint.amazonaws.com"},
                    }
                ],
                "Version": "2012-10-17",
            }
        ],
        "description": [None],
        "force_detach_policies": [False],
        "inline_policy": [
            {
                "name": ["send"],
                "policy": [
                    '{"Statement":[{"Action":"mobiletargeting:SendMessages","Effect":"Allow","Resource":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/*/messages"}],"Version":"2012-10-17"}'
                ],
                "__startline__": [40],
                "__endline__": [43],
                "start_line": [39],
                "end_line": [42],
            }
        ],
        "max_session_duration": [3600],
        "name": ["pinpoint-worker"],
        "path": ["/"],
        "permissions_boundary": [None],
        "tags": [None],
        "__startline__": [35],
        "__endline__": [50],
        "start_line": [34],
        "end_line": [49],
        "__address__": "aws_iam_role.worker",
        "__change_actions__": ["create"],
        "__change_keys__": [],
    },
    [
        Policy(
            path=("inline_policy", 0, "policy"),
            name="send",
            statements=(
                Statement(
                    0,
                    ("inline_policy", 0, "policy", "Statement", 0),
                    actions=(
                        lit(
                            (
                                "inline_policy",
                                0,
                                "policy",
                                "Statement",
                                0,
                                "Action",
                            ),
                            "mobiletargeting:SendMessages",
                        ),
                    ),
                    resources=(
                        lit(
                            (
                                "inline_policy",
                                0,
                                "policy",
                                "Statement",
                                0,
                                "Resource",
                            ),
                            "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*/messages",
                        ),
                    ),
                ),
            ),
        ),
    ],
)


def _in_plan(plan: str, *cases: Case) -> list[Case]:
    """``cases`` as captured from the plan ``plan`` instead."""
    return [
        case._replace(
            name=f"{plan}:{case.name.partition(':')[2]}",
            source=f"plan/{plan}.plan.json",
        )
        for case in cases
    ]


CASES = [
    Case(
        "policy_forms:data-aws_iam_policy_document.read",
        "policy_forms/main.tf",
        "data",
        "aws_iam_policy_document",
        {
            "__end_line__": 62,
            "__start_line__": 57,
            "statement": [
                {"actions": [["mobiletargeting:GetApp"]], "resources": [["*"]]}
            ],
            "__address__": "aws_iam_policy_document.read",
        },
        [
            Policy(
                path=(),
                statements=(
                    Statement(
                        0,
                        ("statement", 0),
                        actions=(
                            lit(
                                ("statement", 0, "actions", 0), "mobiletargeting:GetApp"
                            ),
                        ),
                        resources=(lit(("statement", 0, "resources", 0), "*"),),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "policy_forms:aws_iam_policy.jsonencode",
        "policy_forms/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 26,
            "__start_line__": 7,
            "name": ["pinpoint-jsonencode"],
            "policy": [
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "ReadApp",
                            "Effect": "Allow",
                            "Action": [
                                "mobiletargeting:GetApp",
                                "mobiletargeting:Get*",
                            ],
                            "Resource": "aws_pinpoint_app.main.arn/*",
                        },
                        {
                            "Effect": "Deny",
                            "Action": "mobiletargeting:DeleteApp",
                            "Resource": [
                                "aws_pinpoint_app.main.arn",
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*",
                            ],
                            "Condition": {
                                "StringEquals": {"aws:RequestedRegion": "us-east-1"}
                            },
                        },
                    ],
                }
            ],
            "__address__": "aws_iam_policy.jsonencode",
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-jsonencode",
                statements=(
                    Statement(
                        0,
                        ("policy", "Statement", 0),
                        sid="ReadApp",
                        actions=(
                            lit(
                                ("policy", "Statement", 0, "Action", 0),
                                "mobiletargeting:GetApp",
                            ),
                            lit(
                                ("policy", "Statement", 0, "Action", 1),
                                "mobiletargeting:Get*",
                            ),
                        ),
                        resources=(
                            val(
                                ("policy", "Statement", 0, "Resource"),
                                *app_arn("${aws_pinpoint_app.main.arn}"),
                                "/*",
                            ),
                        ),
                    ),
                    Statement(
                        1,
                        ("policy", "Statement", 1),
                        effect="Deny",
                        actions=(
                            lit(
                                ("policy", "Statement", 1, "Action"),
                                "mobiletargeting:DeleteApp",
                            ),
                        ),
                        resources=(
                            val(
                                ("policy", "Statement", 1, "Resource", 0),
                                *app_arn("${aws_pinpoint_app.main.arn}"),
                            ),
                            lit(
                                ("policy", "Statement", 1, "Resource", 1),
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*",
                            ),
                        ),
                        has_condition=True,
                    ),
                ),
            ),
        ],
    ),
    Case(
        "policy_forms:aws_iam_role_policy.json_string",
        "policy_forms/main.tf",
        "resource",
        "aws_iam_role_policy",
        {
            "__end_line__": 32,
            "__start_line__": 28,
            "name": ["pinpoint-json-string"],
            "policy": [
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "NotAction": "mobiletargeting:Delete*",
                            "NotResource": ["aws_pinpoint_app.main.arn"],
                        }
                    ],
                }
            ],
            "role": ["pinpoint-role"],
            "__address__": "aws_iam_role_policy.json_string",
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-json-string",
                statements=(
                    Statement(
                        0,
                        ("policy", "Statement", 0),
                        action_key="NotAction",
                        actions=(
                            lit(
                                ("policy", "Statement", 0, "NotAction"),
                                "mobiletargeting:Delete*",
                            ),
                        ),
                        resource_key="NotResource",
                        resources=(
                            val(
                                ("policy", "Statement", 0, "NotResource", 0),
                                *app_arn("${aws_pinpoint_app.main.arn}"),
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "policy_forms:aws_iam_user_policy.heredoc",
        "policy_forms/main.tf",
        "resource",
        "aws_iam_user_policy",
        {
            "__end_line__": 49,
            "__start_line__": 34,
            "name": ["pinpoint-heredoc"],
            "policy": [
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": ["mobiletargeting:SendMessages"],
                            "Resource": "${aws_pinpoint_app.main.arn}/messages",
                        }
                    ],
                }
            ],
            "user": ["pinpoint-user"],
            "__address__": "aws_iam_user_policy.heredoc",
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-heredoc",
                statements=(
                    Statement(
                        0,
                        ("policy", "Statement", 0),
                        actions=(
                            lit(
                                ("policy", "Statement", 0, "Action", 0),
                                "mobiletargeting:SendMessages",
                            ),
                        ),
                        resources=(
                            val(
                                ("policy", "Statement", 0, "Resource"),
                                *app_arn("${aws_pinpoint_app.main.arn}"),
                                "/messages",
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "policy_forms:aws_iam_group_policy.from_document",
        "policy_forms/main.tf",
        "resource",
        "aws_iam_group_policy",
        {
            "__end_line__": 55,
            "__start_line__": 51,
            "group": ["pinpoint-group"],
            "name": ["pinpoint-from-document"],
            "policy": ["data.aws_iam_policy_document.read.json"],
            "__address__": "aws_iam_group_policy.from_document",
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-from-document",
                skipped=(
                    Skipped(
                        "policy comes from data.aws_iam_policy_document.read; its statements are checked at that data source",
                        ("policy",),
                        elsewhere=True,
                    ),
                ),
            ),
        ],
    ),
    Case(
        "policy_forms:aws_ssoadmin_permission_set_inline_policy.sso",
        "policy_forms/main.tf",
        "resource",
        "aws_ssoadmin_permission_set_inline_policy",
        {
            "__end_line__": 71,
            "__start_line__": 64,
            "inline_policy": [
                {
                    "Version": "2012-10-17",
                    "Statement": {
                        "Effect": "Allow",
                        "Action": "mobiletargeting:*",
                        "Resource": "*",
                    },
                }
            ],
            "instance_arn": ["arn:aws:sso:::instance/ssoins-0123456789abcdef"],
            "permission_set_arn": [
                "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef"
            ],
            "__address__": "aws_ssoadmin_permission_set_inline_policy.sso",
        },
        [
            Policy(
                path=("inline_policy",),
                statements=(
                    Statement(
                        0,
                        ("inline_policy", "Statement"),
                        actions=(
                            lit(
                                ("inline_policy", "Statement", "Action"),
                                "mobiletargeting:*",
                            ),
                        ),
                        resources=(
                            lit(("inline_policy", "Statement", "Resource"), "*"),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "interpolations:aws_iam_policy.stripped",
        "interpolations/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 41,
            "__start_line__": 26,
            "name": ["pinpoint-stripped"],
            "policy": [
                {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": "mobiletargeting:GetApp",
                            "Resource": [
                                "arn:data.aws_partition.current.partition:mobiletargeting:data.aws_region.current.name:data.aws_caller_identity.current.account_id:apps/aws_pinpoint_app.main.application_id",
                                "arn:aws:mobiletargeting:us-east-1:var.account_id:apps/aws_pinpoint_app.main.id/campaigns/*",
                                "aws_pinpoint_app.others[0].arn/segments/?",
                                "arn:aws:mobiletargeting:upper(us-east-1):123456789012:apps/*",
                                "aws_pinpoint_app.main.tags_all.team",
                            ],
                        }
                    ]
                }
            ],
            "__address__": "aws_iam_policy.stripped",
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-stripped",
                statements=(
                    Statement(
                        0,
                        ("policy", "Statement", 0),
                        actions=(
                            lit(
                                ("policy", "Statement", 0, "Action"),
                                "mobiletargeting:GetApp",
                            ),
                        ),
                        resources=(
                            val(
                                ("policy", "Statement", 0, "Resource", 0),
                                "arn:",
                                seg("${data.aws_partition.current.partition}"),
                                ":mobiletargeting:",
                                seg("${data.aws_region.current.name}"),
                                ":",
                                seg("${data.aws_caller_identity.current.account_id}"),
                                ":apps/",
                                seg("${aws_pinpoint_app.main.application_id}"),
                            ),
                            val(
                                ("policy", "Statement", 0, "Resource", 1),
                                "arn:aws:mobiletargeting:us-east-1:",
                                any_("${var.account_id}"),
                                ":apps/",
                                seg("${aws_pinpoint_app.main.id}"),
                                "/campaigns/*",
                            ),
                            val(
                                ("policy", "Statement", 0, "Resource", 2),
                                *app_arn("${aws_pinpoint_app.others[0].arn}"),
                                "/segments/?",
                            ),
                            val(
                                ("policy", "Statement", 0, "Resource", 3),
                                "arn:aws:mobiletargeting:",
                                any_("${upper(us-east-1)}"),
                                ":123456789012:apps/*",
                            ),
                            val(
                                ("policy", "Statement", 0, "Resource", 4),
                                any_("${aws_pinpoint_app.main.tags_all.team}"),
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "interpolations:aws_iam_policy.kept",
        "interpolations/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 60,
            "__start_line__": 43,
            "name": ["pinpoint-kept"],
            "policy": [
                {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": "mobiletargeting:GetApp",
                            "Resource": [
                                "arn:${data.aws_partition.current.partition}:mobiletargeting:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:apps/${aws_pinpoint_app.main.application_id}",
                                "arn:aws:mobiletargeting:us-east-1:${var.account_id}:apps/${aws_pinpoint_app.main.id}/campaigns/*",
                                "${aws_pinpoint_app.others[0].arn}/segments/?",
                                "arn:aws:mobiletargeting:${upper(us-east-1)}:123456789012:apps/*",
                                "${aws_pinpoint_app.main.tags_all.team}",
                            ],
                        }
                    ]
                }
            ],
            "__address__": "aws_iam_policy.kept",
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-kept",
                statements=(
                    Statement(
                        0,
                        ("policy", "Statement", 0),
                        actions=(
                            lit(
                                ("policy", "Statement", 0, "Action"),
                                "mobiletargeting:GetApp",
                            ),
                        ),
                        resources=(
                            val(
                                ("policy", "Statement", 0, "Resource", 0),
                                "arn:",
                                seg("${data.aws_partition.current.partition}"),
                                ":mobiletargeting:",
                                seg("${data.aws_region.current.name}"),
                                ":",
                                seg("${data.aws_caller_identity.current.account_id}"),
                                ":apps/",
                                seg("${aws_pinpoint_app.main.application_id}"),
                            ),
                            val(
                                ("policy", "Statement", 0, "Resource", 1),
                                "arn:aws:mobiletargeting:us-east-1:",
                                any_("${var.account_id}"),
                                ":apps/",
                                seg("${aws_pinpoint_app.main.id}"),
                                "/campaigns/*",
                            ),
                            val(
                                ("policy", "Statement", 0, "Resource", 2),
                                *app_arn("${aws_pinpoint_app.others[0].arn}"),
                                "/segments/?",
                            ),
                            val(
                                ("policy", "Statement", 0, "Resource", 3),
                                "arn:aws:mobiletargeting:",
                                any_("${upper(us-east-1)}"),
                                ":123456789012:apps/*",
                            ),
                            val(
                                ("policy", "Statement", 0, "Resource", 4),
                                any_("${aws_pinpoint_app.main.tags_all.team}"),
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "interpolations:aws_iam_policy.quoted_heredoc",
        "interpolations/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 67,
            "__start_line__": 62,
            "name": ["pinpoint-quoted-heredoc"],
            "policy": [None],
            "__address__": "aws_iam_policy.quoted_heredoc",
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-quoted-heredoc",
                skipped=(
                    Skipped(
                        "policy has no value: checkov could not evaluate the expression that builds it (or the plan leaves it null); its statements are not checked",
                        ("policy",),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "role_inline_policy:aws_iam_role.static",
        "role_inline_policy/main.tf",
        "resource",
        "aws_iam_role",
        {
            "__end_line__": 22,
            "__start_line__": 7,
            "assume_role_policy": [
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": "sts:AssumeRole",
                            "Principal": {"Service": "pinpoint.amazonaws.com"},
                        }
                    ],
                }
            ],
            "inline_policy": [
                {
                    "name": ["read"],
                    "policy": [
                        {
                            "Version": "2012-10-17",
                            "Statement": [
                                {
                                    "Effect": "Allow",
                                    "Action": "mobiletargeting:GetApp",
                                    "Resource": "aws_pinpoint_app.main.arn",
                                }
                            ],
                        }
                    ],
                },
                {
                    "name": ["from-document"],
                    "policy": ["data.aws_iam_policy_document.read.json"],
                },
                {},
            ],
            "name": ["pinpoint-static"],
            "__address__": "aws_iam_role.static",
        },
        [
            Policy(
                path=("inline_policy", 0, "policy"),
                name="read",
                statements=(
                    Statement(
                        0,
                        ("inline_policy", 0, "policy", "Statement", 0),
                        actions=(
                            lit(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                ),
                                "mobiletargeting:GetApp",
                            ),
                        ),
                        resources=(
                            val(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                ),
                                *app_arn("${aws_pinpoint_app.main.arn}"),
                            ),
                        ),
                    ),
                ),
            ),
            Policy(
                path=("inline_policy", 1, "policy"),
                name="from-document",
                skipped=(
                    Skipped(
                        "policy comes from data.aws_iam_policy_document.read; its statements are checked at that data source",
                        ("inline_policy", 1, "policy"),
                        elsewhere=True,
                    ),
                ),
            ),
        ],
    ),
    Case(
        "role_inline_policy:aws_iam_role.dynamic",
        "role_inline_policy/main.tf",
        "resource",
        "aws_iam_role",
        {
            "__end_line__": 50,
            "__start_line__": 37,
            "assume_role_policy": [{}],
            "dynamic": [
                {
                    "inline_policy": [
                        {
                            "name": ["inline_policy.key"],
                            "policy": [
                                {
                                    "Statement": [
                                        {
                                            "Effect": "Allow",
                                            "Action": [
                                                "mobiletargeting:GetApp",
                                                "mobiletargeting:UpdateApp",
                                            ],
                                            "Resource": "${inline_policy.value}",
                                        }
                                    ]
                                }
                            ],
                        }
                    ]
                }
            ],
            "name": ["pinpoint-dynamic"],
            "__address__": "aws_iam_role.dynamic",
            "inline_policy": [
                {
                    "name": ["inline_policy.key"],
                    "policy": [
                        {
                            "Statement": [
                                {
                                    "Effect": "Allow",
                                    "Action": [
                                        "mobiletargeting:GetApp",
                                        "mobiletargeting:UpdateApp",
                                    ],
                                    "Resource": "${inline_policy.value}",
                                }
                            ]
                        }
                    ],
                }
            ],
        },
        [
            Policy(
                path=("inline_policy", 0, "policy"),
                statements=(
                    Statement(
                        0,
                        ("inline_policy", 0, "policy", "Statement", 0),
                        actions=(
                            lit(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                    0,
                                ),
                                "mobiletargeting:GetApp",
                            ),
                            lit(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                    1,
                                ),
                                "mobiletargeting:UpdateApp",
                            ),
                        ),
                        resources=(
                            val(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                ),
                                any_("${inline_policy.value}"),
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "role_inline_policy_dynamic:aws_iam_role.jsonencode",
        "role_inline_policy_dynamic/main.tf",
        "resource",
        "aws_iam_role",
        {
            "__end_line__": 28,
            "__start_line__": 12,
            "assume_role_policy": [{}],
            "dynamic": [
                {
                    "inline_policy": {
                        "content": [
                            {
                                "name": ["inline_policy.value.name"],
                                "policy": [
                                    "${jsonencode({'Version': "
                                    "'2012-10-17', "
                                    "'Statement': [{'Sid': "
                                    "'S', 'Effect': "
                                    "'Deny', 'Action': "
                                    "['mobiletargeting:GetApp', "
                                    "'mobiletargeting:DeleteApp'], "
                                    "'Resource': "
                                    "['${inline_policy.value.arn}', "
                                    "'${inline_policy.value.arn}/*']}]})}"
                                ],
                            }
                        ],
                        "for_each": [
                            {
                                "arn": [
                                    "arn:aws:mobiletargeting:us-east-1:123456789012:apps/a"
                                ],
                                "name": ["a"],
                            },
                            {
                                "arn": [
                                    "arn:aws:mobiletargeting:us-east-1:123456789012:apps/b"
                                ],
                                "name": ["b"],
                            },
                        ],
                    }
                }
            ],
            "inline_policy": [
                {
                    "name": ["a"],
                    "policy": [
                        "${jsonencode({'Version': '2012-10-17', "
                        "'Statement': [{'Sid': 'S', 'Effect': 'Deny', "
                        "'Action': ['mobiletargeting:GetApp', "
                        "'mobiletargeting:DeleteApp'], 'Resource': "
                        "['${inline_policy.value.arn}', "
                        "'${inline_policy.value.arn}/*']}]})}"
                    ],
                },
                {
                    "name": ["b"],
                    "policy": [
                        "${jsonencode({'Version': '2012-10-17', "
                        "'Statement': [{'Sid': 'S', 'Effect': 'Deny', "
                        "'Action': ['mobiletargeting:GetApp', "
                        "'mobiletargeting:DeleteApp'], 'Resource': "
                        "['${inline_policy.value.arn}', "
                        "'${inline_policy.value.arn}/*']}]})}"
                    ],
                },
                {
                    "name": ["inline_policy.value.name"],
                    "policy": [
                        "${jsonencode({'Version': '2012-10-17', "
                        "'Statement': [{'Sid': 'S', 'Effect': 'Deny', "
                        "'Action': ['mobiletargeting:GetApp', "
                        "'mobiletargeting:DeleteApp'], 'Resource': "
                        "['${inline_policy.value.arn}', "
                        "'${inline_policy.value.arn}/*']}]})}"
                    ],
                },
            ],
            "name": ["pinpoint-dynamic-jsonencode"],
            "__address__": "aws_iam_role.jsonencode",
        },
        [
            Policy(
                path=("inline_policy", 0, "policy"),
                name="a",
                statements=(
                    Statement(
                        0,
                        ("inline_policy", 0, "policy", "Statement", 0),
                        effect="Deny",
                        sid="S",
                        actions=(
                            lit(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                    0,
                                ),
                                "mobiletargeting:GetApp",
                            ),
                            lit(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                    1,
                                ),
                                "mobiletargeting:DeleteApp",
                            ),
                        ),
                        resources=(
                            val(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                    0,
                                ),
                                any_("${inline_policy.value.arn}"),
                            ),
                            val(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                    1,
                                ),
                                any_("${inline_policy.value.arn}"),
                                "/*",
                            ),
                        ),
                    ),
                ),
            ),
            Policy(
                path=("inline_policy", 1, "policy"),
                name="b",
                statements=(
                    Statement(
                        0,
                        ("inline_policy", 1, "policy", "Statement", 0),
                        effect="Deny",
                        sid="S",
                        actions=(
                            lit(
                                (
                                    "inline_policy",
                                    1,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                    0,
                                ),
                                "mobiletargeting:GetApp",
                            ),
                            lit(
                                (
                                    "inline_policy",
                                    1,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                    1,
                                ),
                                "mobiletargeting:DeleteApp",
                            ),
                        ),
                        resources=(
                            val(
                                (
                                    "inline_policy",
                                    1,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                    0,
                                ),
                                any_("${inline_policy.value.arn}"),
                            ),
                            val(
                                (
                                    "inline_policy",
                                    1,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                    1,
                                ),
                                any_("${inline_policy.value.arn}"),
                                "/*",
                            ),
                        ),
                    ),
                ),
            ),
            Policy(
                path=("inline_policy", 2, "policy"),
                statements=(
                    Statement(
                        0,
                        ("inline_policy", 2, "policy", "Statement", 0),
                        effect="Deny",
                        sid="S",
                        actions=(
                            lit(
                                (
                                    "inline_policy",
                                    2,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                    0,
                                ),
                                "mobiletargeting:GetApp",
                            ),
                            lit(
                                (
                                    "inline_policy",
                                    2,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                    1,
                                ),
                                "mobiletargeting:DeleteApp",
                            ),
                        ),
                        resources=(
                            val(
                                (
                                    "inline_policy",
                                    2,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                    0,
                                ),
                                any_("${inline_policy.value.arn}"),
                            ),
                            val(
                                (
                                    "inline_policy",
                                    2,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                    1,
                                ),
                                any_("${inline_policy.value.arn}"),
                                "/*",
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "role_inline_policy_dynamic:aws_iam_role.heredoc",
        "role_inline_policy_dynamic/main.tf",
        "resource",
        "aws_iam_role",
        {
            "__end_line__": 43,
            "__start_line__": 30,
            "assume_role_policy": [{}],
            "dynamic": [
                {
                    "inline_policy": [
                        {
                            "name": ["a"],
                            "policy": {
                                "Statement": [
                                    {
                                        "Sid": ["S"],
                                        "Effect": ["Allow"],
                                        "Action": ["mobiletargeting:GetApp"],
                                        "Resource": [
                                            ["${inline_policy.value.arn}"],
                                            ["${inline_policy.value.arn}/*"],
                                        ],
                                    }
                                ]
                            },
                        },
                        {
                            "name": ["b"],
                            "policy": {
                                "Statement": [
                                    {
                                        "Sid": ["S"],
                                        "Effect": ["Allow"],
                                        "Action": ["mobiletargeting:GetApp"],
                                        "Resource": [
                                            ["${inline_policy.value.arn}"],
                                            ["${inline_policy.value.arn}/*"],
                                        ],
                                    }
                                ]
                            },
                        },
                    ]
                }
            ],
            "name": ["pinpoint-dynamic-heredoc"],
            "__address__": "aws_iam_role.heredoc",
            "inline_policy": [
                {
                    "name": ["a"],
                    "policy": {
                        "Statement": [
                            {
                                "Sid": ["S"],
                                "Effect": ["Allow"],
                                "Action": ["mobiletargeting:GetApp"],
                                "Resource": [
                                    ["${inline_policy.value.arn}"],
                                    ["${inline_policy.value.arn}/*"],
                                ],
                            }
                        ]
                    },
                },
                {
                    "name": ["b"],
                    "policy": {
                        "Statement": [
                            {
                                "Sid": ["S"],
                                "Effect": ["Allow"],
                                "Action": ["mobiletargeting:GetApp"],
                                "Resource": [
                                    ["${inline_policy.value.arn}"],
                                    ["${inline_policy.value.arn}/*"],
                                ],
                            }
                        ]
                    },
                },
            ],
        },
        [
            Policy(
                path=("inline_policy", 0, "policy"),
                name="a",
                statements=(
                    Statement(
                        0,
                        ("inline_policy", 0, "policy", "Statement", 0),
                        sid="S",
                        actions=(
                            lit(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                    0,
                                ),
                                "mobiletargeting:GetApp",
                            ),
                        ),
                        resources=(
                            val(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                    0,
                                ),
                                any_("${inline_policy.value.arn}"),
                            ),
                            val(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                    1,
                                ),
                                any_("${inline_policy.value.arn}"),
                                "/*",
                            ),
                        ),
                    ),
                ),
            ),
            Policy(
                path=("inline_policy", 1, "policy"),
                name="b",
                statements=(
                    Statement(
                        0,
                        ("inline_policy", 1, "policy", "Statement", 0),
                        sid="S",
                        actions=(
                            lit(
                                (
                                    "inline_policy",
                                    1,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                    0,
                                ),
                                "mobiletargeting:GetApp",
                            ),
                        ),
                        resources=(
                            val(
                                (
                                    "inline_policy",
                                    1,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                    0,
                                ),
                                any_("${inline_policy.value.arn}"),
                            ),
                            val(
                                (
                                    "inline_policy",
                                    1,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                    1,
                                ),
                                any_("${inline_policy.value.arn}"),
                                "/*",
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "policy_document:data-aws_iam_policy_document.statements",
        "policy_document/main.tf",
        "data",
        "aws_iam_policy_document",
        {
            "__end_line__": 39,
            "__start_line__": 21,
            "statement": [
                {
                    "actions": [
                        ["mobiletargeting:GetApp", "mobiletargeting:GetSegments"]
                    ],
                    "resources": [
                        ["aws_pinpoint_app.main.arn", "${aws_pinpoint_app.main.arn}/*"]
                    ],
                    "sid": ["Read"],
                },
                {
                    "condition": [
                        {
                            "test": ["StringEquals"],
                            "values": [["us-east-1"]],
                            "variable": ["aws:RequestedRegion"],
                        }
                    ],
                    "effect": ["Deny"],
                    "not_actions": [["mobiletargeting:Get*"]],
                    "not_resources": [
                        ["arn:aws:mobiletargeting:us-east-1:${var.account_id}:apps/*"]
                    ],
                },
            ],
            "__address__": "aws_iam_policy_document.statements",
        },
        [
            Policy(
                path=(),
                statements=(
                    Statement(
                        0,
                        ("statement", 0),
                        sid="Read",
                        actions=(
                            lit(
                                ("statement", 0, "actions", 0), "mobiletargeting:GetApp"
                            ),
                            lit(
                                ("statement", 0, "actions", 1),
                                "mobiletargeting:GetSegments",
                            ),
                        ),
                        resources=(
                            val(
                                ("statement", 0, "resources", 0),
                                *app_arn("${aws_pinpoint_app.main.arn}"),
                            ),
                            val(
                                ("statement", 0, "resources", 1),
                                *app_arn("${aws_pinpoint_app.main.arn}"),
                                "/*",
                            ),
                        ),
                    ),
                    Statement(
                        1,
                        ("statement", 1),
                        effect="Deny",
                        action_key="NotAction",
                        actions=(
                            lit(
                                ("statement", 1, "not_actions", 0),
                                "mobiletargeting:Get*",
                            ),
                        ),
                        resource_key="NotResource",
                        resources=(
                            val(
                                ("statement", 1, "not_resources", 0),
                                "arn:aws:mobiletargeting:us-east-1:",
                                any_("${var.account_id}"),
                                ":apps/*",
                            ),
                        ),
                        has_condition=True,
                    ),
                ),
            ),
        ],
    ),
    Case(
        "policy_document:data-aws_iam_policy_document.dynamic",
        "policy_document/main.tf",
        "data",
        "aws_iam_policy_document",
        {
            "__end_line__": 60,
            "__start_line__": 41,
            "dynamic": [
                {
                    "statement": {
                        "content": [
                            {
                                "actions": ["statement.value.actions"],
                                "resources": [["*"]],
                                "sid": ["statement.value.sid"],
                            }
                        ],
                        "for_each": [
                            {"actions": ["mobiletargeting:GetApp"], "sid": "L1"}
                        ],
                    }
                }
            ],
            "statement": [
                {
                    "actions": [
                        "${concat(['mobiletargeting:GetApp'],var.extra_actions)}"
                    ],
                    "resources": [["*"]],
                },
                {"actions": ["${var.extra_actions}"], "resources": [["*"]]},
            ],
            "__address__": "aws_iam_policy_document.dynamic",
        },
        [
            Policy(
                path=(),
                statements=(
                    Statement(
                        0,
                        ("statement", 0),
                        resources=(lit(("statement", 0, "resources", 0), "*"),),
                        skipped=(
                            Skipped(
                                "actions is the Terraform expression \"${concat(['mobiletargeting:GetApp'],var.extra_actions)}\", which checkov could not evaluate; nothing in it is checked",
                                ("statement", 0, "actions"),
                            ),
                        ),
                    ),
                    Statement(
                        1,
                        ("statement", 1),
                        resources=(lit(("statement", 1, "resources", 0), "*"),),
                        skipped=(
                            Skipped(
                                "actions is the Terraform expression '${var.extra_actions}', which checkov could not evaluate; nothing in it is checked",
                                ("statement", 1, "actions"),
                            ),
                        ),
                    ),
                ),
                skipped=(
                    Skipped(
                        'dynamic "statement" block is not expanded by checkov for data sources, so its statements are not checked; write them out as statement blocks, or scan the Terraform plan instead',
                        ("dynamic", 0, "statement"),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "policy_document:data-aws_iam_policy_document.merged",
        "policy_document/main.tf",
        "data",
        "aws_iam_policy_document",
        {
            "__end_line__": 69,
            "__start_line__": 62,
            "source_policy_documents": [
                ["data.aws_iam_policy_document.statements.json"]
            ],
            "statement": [
                {"actions": [["mobiletargeting:UpdateApp"]], "resources": [["*"]]}
            ],
            "__address__": "aws_iam_policy_document.merged",
        },
        [
            Policy(
                path=(),
                statements=(
                    Statement(
                        0,
                        ("statement", 0),
                        actions=(
                            lit(
                                ("statement", 0, "actions", 0),
                                "mobiletargeting:UpdateApp",
                            ),
                        ),
                        resources=(lit(("statement", 0, "resources", 0), "*"),),
                    ),
                ),
            ),
            Policy(
                path=("source_policy_documents", 0),
                skipped=(
                    Skipped(
                        "policy comes from data.aws_iam_policy_document.statements; its statements are checked at that data source",
                        ("source_policy_documents", 0),
                        elsewhere=True,
                    ),
                ),
            ),
        ],
    ),
    Case(
        "bad_input:aws_iam_policy.invalid_json",
        "bad_input/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 10,
            "__start_line__": 7,
            "name": ["invalid-json"],
            "policy": ['{"Version": "2012-10-17", "Statement": [ {'],
            "__address__": "aws_iam_policy.invalid_json",
        },
        [
            Policy(
                path=("policy",),
                name="invalid-json",
                skipped=(
                    Skipped(
                        "policy is not valid JSON (Expecting property name enclosed in double quotes: line 1 column 43 (char 42)); its statements are not checked",
                        ("policy",),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "bad_input:aws_iam_policy.statement_number",
        "bad_input/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 15,
            "__start_line__": 12,
            "name": ["statement-number"],
            "policy": [{"Version": "2012-10-17", "Statement": 5}],
            "__address__": "aws_iam_policy.statement_number",
        },
        [
            Policy(
                path=("policy",),
                name="statement-number",
                skipped=(
                    Skipped(
                        "Statement is a number (5), expected an object or a list of objects",
                        ("policy", "Statement"),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "bad_input:aws_iam_policy.bad_types",
        "bad_input/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 27,
            "__start_line__": 17,
            "name": ["bad-types"],
            "policy": [
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        42,
                        {"Effect": "allow", "Action": True, "Resource": 7},
                        {
                            "Effect": "Allow",
                            "Action": ["mobiletargeting:GetApp", 3],
                            "Resource": "*",
                        },
                    ],
                }
            ],
            "__address__": "aws_iam_policy.bad_types",
        },
        [
            Policy(
                path=("policy",),
                name="bad-types",
                statements=(
                    Statement(
                        1,
                        ("policy", "Statement", 1),
                        effect=None,
                        skipped=(
                            Skipped(
                                "Action is a boolean (true), expected a string or a list of strings",
                                ("policy", "Statement", 1, "Action"),
                            ),
                            Skipped(
                                "Resource is a number (7), expected a string or a list of strings",
                                ("policy", "Statement", 1, "Resource"),
                            ),
                        ),
                    ),
                    Statement(
                        2,
                        ("policy", "Statement", 2),
                        actions=(
                            lit(
                                ("policy", "Statement", 2, "Action", 0),
                                "mobiletargeting:GetApp",
                            ),
                        ),
                        resources=(lit(("policy", "Statement", 2, "Resource"), "*"),),
                        skipped=(
                            Skipped(
                                "Action item 1 is a number (3), expected a string",
                                ("policy", "Statement", 2, "Action", 1),
                            ),
                        ),
                    ),
                ),
                skipped=(
                    Skipped(
                        "Statement 0 is a number (42), expected an object",
                        ("policy", "Statement", 0),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "bad_input:aws_iam_policy.file",
        "bad_input/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 32,
            "__start_line__": 29,
            "name": ["file"],
            "policy": ['${file("${path.module}/policy.json")}'],
            "__address__": "aws_iam_policy.file",
        },
        [
            Policy(
                path=("policy",),
                name="file",
                skipped=(
                    Skipped(
                        "policy depends on the Terraform expression '${file(\"${path.module}/policy.json\")}', whose value is only known when Terraform runs; its statements are not checked",
                        ("policy",),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "bad_input:aws_iam_policy.variable",
        "bad_input/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 37,
            "__start_line__": 34,
            "name": ["variable"],
            "policy": ["var.policy"],
            "__address__": "aws_iam_policy.variable",
        },
        [
            Policy(
                path=("policy",),
                name="variable",
                skipped=(
                    Skipped(
                        "policy depends on the Terraform expression '${var.policy}', whose value is only known when Terraform runs; its statements are not checked",
                        ("policy",),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "bad_input:aws_iam_policy.no_statement",
        "bad_input/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 42,
            "__start_line__": 39,
            "name": ["no-statement"],
            "policy": [{"Version": "2012-10-17"}],
            "__address__": "aws_iam_policy.no_statement",
        },
        [
            Policy(
                path=("policy",),
                name="no-statement",
                skipped=(
                    Skipped("policy document has no Statement element", ("policy",)),
                ),
            ),
        ],
    ),
    Case(
        "plan:aws_iam_policy.literal",
        "plan/main.tf",
        "resource",
        "aws_iam_policy",
        {
            "__end_line__": 36,
            "__start_line__": 17,
            "name": ["pinpoint-literal"],
            "policy": [
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "Read",
                            "Effect": "Allow",
                            "Action": [
                                "mobiletargeting:GetApp",
                                "mobiletargeting:GetSegments",
                            ],
                            "Resource": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*",
                        },
                        {
                            "Effect": "Deny",
                            "Action": "mobiletargeting:DeleteApp",
                            "Resource": "*",
                            "Condition": {
                                "Bool": {"aws:MultiFactorAuthPresent": "False"}
                            },
                        },
                    ],
                }
            ],
            "__address__": "aws_iam_policy.literal",
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-literal",
                statements=(
                    Statement(
                        0,
                        ("policy", "Statement", 0),
                        sid="Read",
                        actions=(
                            lit(
                                ("policy", "Statement", 0, "Action", 0),
                                "mobiletargeting:GetApp",
                            ),
                            lit(
                                ("policy", "Statement", 0, "Action", 1),
                                "mobiletargeting:GetSegments",
                            ),
                        ),
                        resources=(
                            lit(
                                ("policy", "Statement", 0, "Resource"),
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*",
                            ),
                        ),
                    ),
                    Statement(
                        1,
                        ("policy", "Statement", 1),
                        effect="Deny",
                        actions=(
                            lit(
                                ("policy", "Statement", 1, "Action"),
                                "mobiletargeting:DeleteApp",
                            ),
                        ),
                        resources=(lit(("policy", "Statement", 1, "Resource"), "*"),),
                        has_condition=True,
                    ),
                ),
            ),
        ],
    ),
    Case(
        "plan:aws_iam_role.worker",
        "plan/main.tf",
        "resource",
        "aws_iam_role",
        {
            "__end_line__": 52,
            "__start_line__": 38,
            "assume_role_policy": [
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": "sts:AssumeRole",
                            "Principal": {"Service": "pinpoint.amazonaws.com"},
                        }
                    ],
                }
            ],
            "inline_policy": [
                {
                    "name": ["send"],
                    "policy": [
                        {
                            "Version": "2012-10-17",
                            "Statement": [
                                {
                                    "Effect": "Allow",
                                    "Action": "mobiletargeting:SendMessages",
                                    "Resource": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*/messages",
                                }
                            ],
                        }
                    ],
                }
            ],
            "name": ["pinpoint-worker"],
            "__address__": "aws_iam_role.worker",
        },
        [
            Policy(
                path=("inline_policy", 0, "policy"),
                name="send",
                statements=(
                    Statement(
                        0,
                        ("inline_policy", 0, "policy", "Statement", 0),
                        actions=(
                            lit(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Action",
                                ),
                                "mobiletargeting:SendMessages",
                            ),
                        ),
                        resources=(
                            lit(
                                (
                                    "inline_policy",
                                    0,
                                    "policy",
                                    "Statement",
                                    0,
                                    "Resource",
                                ),
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*/messages",
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "plan:aws_iam_role_policy.app",
        "plan/main.tf",
        "resource",
        "aws_iam_role_policy",
        {
            "__end_line__": 66,
            "__start_line__": 62,
            "name": ["pinpoint-app"],
            "policy": ["data.aws_iam_policy_document.app.json"],
            "role": ["aws_iam_role.worker.id"],
            "__address__": "aws_iam_role_policy.app",
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-app",
                skipped=(
                    Skipped(
                        "policy comes from data.aws_iam_policy_document.app; its statements are checked at that data source",
                        ("policy",),
                        elsewhere=True,
                    ),
                ),
            ),
        ],
    ),
    Case(
        "plan:aws_iam_user_policy.app_arn",
        "plan/main.tf",
        "resource",
        "aws_iam_user_policy",
        {
            "__end_line__": 75,
            "__start_line__": 68,
            "name": ["pinpoint-app-arn"],
            "policy": [
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": "mobiletargeting:*",
                            "Resource": "aws_pinpoint_app.main.arn/*",
                        }
                    ],
                }
            ],
            "user": ["pinpoint-user"],
            "__address__": "aws_iam_user_policy.app_arn",
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-app-arn",
                statements=(
                    Statement(
                        0,
                        ("policy", "Statement", 0),
                        actions=(
                            lit(
                                ("policy", "Statement", 0, "Action"),
                                "mobiletargeting:*",
                            ),
                        ),
                        resources=(
                            val(
                                ("policy", "Statement", 0, "Resource"),
                                *app_arn("${aws_pinpoint_app.main.arn}"),
                                "/*",
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "plan:data-aws_iam_policy_document.app",
        "plan/main.tf",
        "data",
        "aws_iam_policy_document",
        {
            "__end_line__": 60,
            "__start_line__": 54,
            "statement": [
                {
                    "actions": [["mobiletargeting:GetApp"]],
                    "resources": [
                        [
                            "${aws_pinpoint_app.main.arn}/*",
                            "arn:aws:mobiletargeting:us-east-1:123456789012:apps/fixed",
                        ]
                    ],
                    "sid": ["App"],
                }
            ],
            "__address__": "aws_iam_policy_document.app",
        },
        [
            Policy(
                path=(),
                statements=(
                    Statement(
                        0,
                        ("statement", 0),
                        sid="App",
                        actions=(
                            lit(
                                ("statement", 0, "actions", 0), "mobiletargeting:GetApp"
                            ),
                        ),
                        resources=(
                            val(
                                ("statement", 0, "resources", 0),
                                *app_arn("${aws_pinpoint_app.main.arn}"),
                                "/*",
                            ),
                            lit(
                                ("statement", 0, "resources", 1),
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/fixed",
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    _PLAN_LITERAL,
    _PLAN_WORKER,
    Case(
        "new_app:aws_iam_role_policy.app",
        "plan/new_app.plan.json",
        "resource",
        "aws_iam_role_policy",
        {
            "name": ["pinpoint-app"],
            "__startline__": [60],
            "__endline__": [62],
            "start_line": [59],
            "end_line": [61],
            "policy": ["data.aws_iam_policy_document.app.json"],
            "references_": [
                [
                    "data.aws_iam_policy_document.app.json",
                    "data.aws_iam_policy_document.app",
                ],
                ["aws_iam_role.worker.id", "aws_iam_role.worker"],
            ],
            "role": ["aws_iam_role.worker.id"],
            "__address__": "aws_iam_role_policy.app",
            "__change_actions__": ["create"],
            "__change_keys__": [],
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-app",
                skipped=(
                    Skipped(
                        "policy comes from data.aws_iam_policy_document.app; its statements are checked at that data source",
                        ("policy",),
                        elsewhere=True,
                    ),
                ),
            ),
        ],
    ),
    Case(
        "new_app:aws_iam_user_policy.app_arn",
        "plan/new_app.plan.json",
        "resource",
        "aws_iam_user_policy",
        {
            "name": ["pinpoint-app-arn"],
            "user": ["pinpoint-user"],
            "__startline__": [72],
            "__endline__": [75],
            "start_line": [71],
            "end_line": [74],
            "policy": ["aws_pinpoint_app.main.arn"],
            "references_": [["aws_pinpoint_app.main.arn", "aws_pinpoint_app.main"]],
            "__address__": "aws_iam_user_policy.app_arn",
            "__change_actions__": ["create"],
            "__change_keys__": [],
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-app-arn",
                skipped=(
                    Skipped(
                        "policy is only known after apply in this plan (it depends on ${aws_pinpoint_app.main.arn}); its statements are not checked",
                        ("policy",),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "new_app:data-aws_iam_policy_document.app",
        "plan/new_app.plan.json",
        "data",
        "aws_iam_policy_document",
        {
            "override_json": [None],
            "override_policy_documents": [None],
            "policy_id": [None],
            "source_json": [None],
            "source_policy_documents": [None],
            "statement": [
                {
                    "actions": [["mobiletargeting:GetApp"]],
                    "condition": [[]],
                    "effect": [None],
                    "not_actions": [None],
                    "not_principals": [[]],
                    "not_resources": [None],
                    "principals": [[]],
                    "resources": [
                        [
                            "arn:aws:mobiletargeting:us-east-1:123456789012:apps/fixed",
                            "aws_pinpoint_app.main.arn",
                        ]
                    ],
                    "sid": ["App"],
                    "__startline__": [108],
                    "__endline__": [123],
                    "start_line": [107],
                    "end_line": [122],
                    "references_": [
                        ["aws_pinpoint_app.main.arn", "aws_pinpoint_app.main"]
                    ],
                }
            ],
            "version": [None],
            "__startline__": [101],
            "__endline__": [126],
            "start_line": [100],
            "end_line": [125],
            "__address__": "data.aws_iam_policy_document.app",
            "__change_actions__": ["read"],
            "__change_keys__": [],
        },
        [
            Policy(
                path=(),
                statements=(
                    Statement(
                        0,
                        ("statement", 0),
                        sid="App",
                        actions=(
                            lit(
                                ("statement", 0, "actions", 0), "mobiletargeting:GetApp"
                            ),
                        ),
                        resources=(
                            lit(
                                ("statement", 0, "resources", 0),
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/fixed",
                            ),
                            val(
                                ("statement", 0, "resources", 1),
                                any_(
                                    "${aws_pinpoint_app.main.arn} (known after apply)"
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    *_in_plan("existing_app", _PLAN_LITERAL, _PLAN_WORKER),
    Case(
        "existing_app:aws_iam_role_policy.app",
        "plan/existing_app.plan.json",
        "resource",
        "aws_iam_role_policy",
        {
            "name": ["pinpoint-app"],
            "policy": [
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "App",
                            "Effect": "Allow",
                            "Action": "mobiletargeting:GetApp",
                            "Resource": [
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/fixed",
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef/*",
                            ],
                        }
                    ],
                }
            ],
            "__startline__": [60],
            "__endline__": [63],
            "start_line": [59],
            "end_line": [62],
            "references_": [
                [
                    "data.aws_iam_policy_document.app.json",
                    "data.aws_iam_policy_document.app",
                ],
                ["aws_iam_role.worker.id", "aws_iam_role.worker"],
            ],
            "role": ["aws_iam_role.worker.id"],
            "__address__": "aws_iam_role_policy.app",
            "__change_actions__": ["create"],
            "__change_keys__": [],
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-app",
                statements=(
                    Statement(
                        0,
                        ("policy", "Statement", 0),
                        sid="App",
                        actions=(
                            lit(
                                ("policy", "Statement", 0, "Action"),
                                "mobiletargeting:GetApp",
                            ),
                        ),
                        resources=(
                            lit(
                                ("policy", "Statement", 0, "Resource", 0),
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/fixed",
                            ),
                            lit(
                                ("policy", "Statement", 0, "Resource", 1),
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef/*",
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
    Case(
        "existing_app:aws_iam_user_policy.app_arn",
        "plan/existing_app.plan.json",
        "resource",
        "aws_iam_user_policy",
        {
            "name": ["pinpoint-app-arn"],
            "policy": [
                {
                    "Statement": [
                        {
                            "Action": "mobiletargeting:*",
                            "Effect": "Allow",
                            "Resource": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef/*",
                        }
                    ],
                    "Version": "2012-10-17",
                }
            ],
            "user": ["pinpoint-user"],
            "__startline__": [73],
            "__endline__": [77],
            "start_line": [72],
            "end_line": [76],
            "references_": [["aws_pinpoint_app.main.arn", "aws_pinpoint_app.main"]],
            "__address__": "aws_iam_user_policy.app_arn",
            "__change_actions__": ["create"],
            "__change_keys__": [],
        },
        [
            Policy(
                path=("policy",),
                name="pinpoint-app-arn",
                statements=(
                    Statement(
                        0,
                        ("policy", "Statement", 0),
                        actions=(
                            lit(
                                ("policy", "Statement", 0, "Action"),
                                "mobiletargeting:*",
                            ),
                        ),
                        resources=(
                            lit(
                                ("policy", "Statement", 0, "Resource"),
                                "arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef/*",
                            ),
                        ),
                    ),
                ),
            ),
        ],
    ),
]


CASES_BY_ID = {case.name: case for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_reads_captured_conf(case: Case) -> None:
    policies = list(
        iter_terraform_policies(case.block_type, case.entity_type, case.conf)
    )

    assert policies == case.expected


@pytest.mark.parametrize(
    ("configuration", "plan"),
    [
        ("plan:aws_iam_policy.literal", "new_app:aws_iam_policy.literal"),
        ("plan:aws_iam_policy.literal", "existing_app:aws_iam_policy.literal"),
        ("plan:aws_iam_role.worker", "new_app:aws_iam_role.worker"),
        ("plan:aws_iam_role.worker", "existing_app:aws_iam_role.worker"),
    ],
)
def test_plan_reads_like_its_configuration(configuration: str, plan: str) -> None:
    # A policy whose values are known before apply reads the same from the .tf
    # file and from the plan, paths included: checkov decodes the plan's JSON
    # string into the same [{...}] shape a jsonencode gives.
    from_tf, from_plan = CASES_BY_ID[configuration], CASES_BY_ID[plan]

    assert list(
        iter_terraform_policies("resource", from_tf.entity_type, from_tf.conf)
    ) == list(
        iter_terraform_policies("resource", from_plan.entity_type, from_plan.conf)
    )


# Shapes checkov's parsers produce that the fixtures above do not reach; each
# is built the way checkov builds it (see the comment on each case).
SYNTHETIC = [
    pytest.param(
        "resource",
        "aws_iam_policy",
        # plan_parser._eval_after_unknown with EVAL_TF_PLAN_AFTER_UNKNOWN set
        {"policy": ["true_after_unknown"]},
        [
            Policy(
                path=("policy",),
                skipped=(
                    Skipped(
                        "policy is only known after apply in this plan; its"
                        " statements are not checked",
                        ("policy",),
                    ),
                ),
            )
        ],
        id="plan-true-after-unknown",
    ),
    pytest.param(
        "resource",
        "aws_iam_role",
        # a plan of an existing role without inline policies (older providers)
        {"inline_policy": [{"name": [""], "policy": [""]}]},
        [],
        id="plan-empty-inline-policy",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        {"name": ["n"]},
        [],
        id="no-policy-attribute",
    ),
    pytest.param(
        "resource",
        "aws_s3_bucket_policy",
        {"policy": [{"Statement": []}]},
        [],
        id="other-resource-type",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        {
            "policy": [
                {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": "mobiletargeting:GetApp",
                            "NotAction": "mobiletargeting:DeleteApp",
                            "Resource": [],
                        },
                        {"Effect": "Allow", "Action": ["a:b", None]},
                    ]
                }
            ]
        },
        [
            Policy(
                path=("policy",),
                statements=(
                    Statement(
                        0,
                        ("policy", "Statement", 0),
                        actions=(
                            lit(
                                ("policy", "Statement", 0, "Action"),
                                "mobiletargeting:GetApp",
                            ),
                        ),
                        skipped=(
                            Skipped(
                                "statement has both Action and NotAction; only"
                                " Action is checked",
                                ("policy", "Statement", 0),
                            ),
                            Skipped(
                                "Resource is an empty list; if it is built from a"
                                " variable or a function, checkov could not work"
                                " it out, so nothing in it is checked",
                                ("policy", "Statement", 0, "Resource"),
                            ),
                        ),
                    ),
                    Statement(
                        1,
                        ("policy", "Statement", 1),
                        actions=(
                            lit(("policy", "Statement", 1, "Action", 0), "a:b"),
                            val(
                                ("policy", "Statement", 1, "Action", 1),
                                any_("(known after apply)"),
                            ),
                        ),
                    ),
                ),
            )
        ],
        id="both-keys-empty-list-and-null-item",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        {"policy": [{"Statement": "var.statements"}]},
        [
            Policy(
                path=("policy",),
                skipped=(
                    Skipped(
                        "Statement is the Terraform expression '${var.statements}',"
                        " whose value is only known when Terraform runs; it is not"
                        " checked",
                        ("policy", "Statement"),
                    ),
                ),
            )
        ],
        id="statement-expression",
    ),
    pytest.param(
        "data",
        "aws_iam_policy_document",
        # checkov's graph leaves a list variable without a default as []
        {
            "statement": [
                "oops",
                {"actions": [], "resources": [["*"]], "effect": ["${var.e}"]},
            ]
        },
        [
            Policy(
                statements=(
                    Statement(
                        1,
                        ("statement", 1),
                        effect=None,
                        resources=(lit(("statement", 1, "resources", 0), "*"),),
                        skipped=(
                            Skipped(
                                "actions is an empty list; if it is built from a"
                                " variable or a function, checkov could not work"
                                " it out, so nothing in it is checked",
                                ("statement", 1, "actions"),
                            ),
                        ),
                    ),
                ),
                skipped=(
                    Skipped(
                        "statement 0 is a string, expected a block", ("statement", 0)
                    ),
                ),
            )
        ],
        id="data-bad-block-unevaluated-list-unknown-effect",
    ),
    pytest.param(
        "data",
        "aws_iam_policy_document",
        # a plan resolves source_policy_documents to the JSON text itself
        {
            "source_policy_documents": [
                [
                    '{"Statement": {"Effect": "Deny", "Action": "mobiletargeting:*", "Resource": "*"}}'
                ]
            ],
            "statement": [],
        },
        [
            Policy(
                path=("source_policy_documents", 0),
                statements=(
                    Statement(
                        0,
                        ("source_policy_documents", 0, "Statement"),
                        effect="Deny",
                        actions=(
                            lit(
                                ("source_policy_documents", 0, "Statement", "Action"),
                                "mobiletargeting:*",
                            ),
                        ),
                        resources=(
                            lit(
                                ("source_policy_documents", 0, "Statement", "Resource"),
                                "*",
                            ),
                        ),
                    ),
                ),
            )
        ],
        id="data-source-policy-documents-resolved",
    ),
]


SYNTHETIC.append(
    pytest.param(
        "data",
        "aws_iam_policy_document",
        # the shape checkov gives resources once it expanded a dynamic block:
        # the blocks under "dynamic" and again under their own name
        {
            "dynamic": [{"statement": [{"actions": [["a:b"]], "resources": [["*"]]}]}],
            "statement": [{"actions": [["a:b"]], "resources": [["*"]]}],
        },
        [
            Policy(
                statements=(
                    Statement(
                        0,
                        ("statement", 0),
                        actions=(lit(("statement", 0, "actions", 0), "a:b"),),
                        resources=(lit(("statement", 0, "resources", 0), "*"),),
                    ),
                )
            )
        ],
        id="data-dynamic-expanded",
    )
)


@pytest.mark.parametrize(("block_type", "entity_type", "conf", "expected"), SYNTHETIC)
def test_reads_synthetic_shapes(
    block_type: str, entity_type: str, conf: dict[str, Any], expected: list[Policy]
) -> None:
    assert list(iter_terraform_policies(block_type, entity_type, conf)) == expected


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("mobiletargeting:Get*", ("mobiletargeting:Get*",)),
        ("arn:aws:mobiletargeting:*:*:apps/?", ("arn:aws:mobiletargeting:*:*:apps/?",)),
        (
            "${aws_pinpoint_app.main.arn}/*",
            (*app_arn("${aws_pinpoint_app.main.arn}"), "/*"),
        ),
        (
            "aws_pinpoint_app.main.arn/*",
            (*app_arn("${aws_pinpoint_app.main.arn}"), "/*"),
        ),
        (
            "aws_pinpoint_app.my-app.arn",
            tuple(app_arn("${aws_pinpoint_app.my-app.arn}")),
        ),
        (
            '${aws_pinpoint_app.x["k"].arn}',
            tuple(app_arn('${aws_pinpoint_app.x["k"].arn}')),
        ),
        (
            "apps/${aws_pinpoint_app.x.application_id}",
            ("apps/", seg("${aws_pinpoint_app.x.application_id}")),
        ),
        ("apps/aws_pinpoint_app.x.id", ("apps/", seg("${aws_pinpoint_app.x.id}"))),
        ("${var.region}", (any_("${var.region}"),)),
        ("local.prefix-x", (any_("${local.prefix-x}"),)),
        ("data.aws_region.r.region", (seg("${data.aws_region.r.region}"),)),
        ("data.aws_region.r.id", (any_("${data.aws_region.r.id}"),)),
        ("module.apps.arn", (any_("${module.apps.arn}"),)),
        ("a:${each.value}:b", ("a:", any_("${each.value}"), ":b")),
        ('${format("%s", var.a)}', (any_('${format("%s", var.a)}'),)),
        ("x/lower(var.a)/y", ("x/", any_("${lower(var.a)}"), "/y")),
        ('var.flag ? "a" : "b"', (any_('${var.flag ? "a" : "b"}'),)),
        ("[for a in var.apps : a]", (any_("${[for a in var.apps : a]}"),)),
        ("apps/$${literal}", ("apps/${literal}",)),
        ("%{if var.x}a%{endif}", (any_("%{if var.x}"), "a", any_("%{endif}"))),
        ("true_after_unknown", (any_("(known after apply)"),)),
        (
            "arn:aws:s3:::my-bucket.example.com/*",
            ("arn:aws:s3:::my-bucket.example.com/*",),
        ),
    ],
)
def test_parse_value(text: str, parts: tuple[Part, ...]) -> None:
    assert parse_value(text, ("p",)) == Value(parts, ("p",))


_LITERAL_TEXT = st.text(alphabet="arnwsmobiletrgp:/*?-_0123456789", max_size=60)


@given(_LITERAL_TEXT)
def test_text_without_expressions_stays_literal(text: str) -> None:
    assert parse_value(text).literal_text() == text


@given(st.text(max_size=200))
def test_any_policy_text_reads_without_error(text: str) -> None:
    policies = list(
        iter_terraform_policies("resource", "aws_iam_policy", {"policy": [text]})
    )

    assert all(policy.path == ("policy",) for policy in policies)


@pytest.mark.parametrize(
    "text",
    [
        '${"' * 3000,
        "[" * 100_000,
        "x(" * 5000,
        '{"Statement": {"Action": "\ue0000\ue001", "Resource": "${x}"}}',
    ],
    ids=["nested-templates", "nested-json", "nested-calls", "placeholder-lookalike"],
)
def test_pathological_text_reads_without_error(text: str) -> None:
    [policy] = iter_terraform_policies("resource", "aws_iam_policy", {"policy": [text]})

    assert policy.path == ("policy",)


def test_skips_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="checkov_pinpoint.extract.terraform")
    bad = CASES_BY_ID["bad_input:aws_iam_policy.invalid_json"]
    handed_over = CASES_BY_ID["policy_forms:aws_iam_group_policy.from_document"]

    list(iter_terraform_policies("resource", bad.entity_type, bad.conf))
    list(iter_terraform_policies("resource", handed_over.entity_type, handed_over.conf))

    assert [(r.levelname, r.getMessage()[:60]) for r in caplog.records] == [
        ("WARNING", "aws_iam_policy.invalid_json: skipped ('policy',): policy is "),
        ("DEBUG", "aws_iam_group_policy.from_document: skipped ('policy',): pol"),
    ]


@pytest.mark.parametrize(
    ("case_id", "expected"),
    [
        ("policy_forms:aws_iam_group_policy.from_document", True),
        ("bad_input:aws_iam_policy.variable", False),
    ],
)
def test_is_checked_at_data_source(case_id: str, expected: bool) -> None:
    case = CASES_BY_ID[case_id]
    [policy] = iter_terraform_policies(case.block_type, case.entity_type, case.conf)

    assert [is_checked_at_data_source(skip) for skip in policy.skipped] == [expected]


def test_declared_types_cover_the_cases() -> None:
    resources = {c.entity_type for c in CASES if c.block_type == "resource"}
    data = {c.entity_type for c in CASES if c.block_type == "data"}

    assert resources == TERRAFORM_POLICY_RESOURCES
    assert data == TERRAFORM_POLICY_DATA


def test_extractor_imports_no_host() -> None:
    code = (
        "import sys, checkov_pinpoint.extract.terraform; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('checkov', 'cfnlint')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "[]"


_CAPTURE_CHECK = textwrap.dedent(
    """
    import json
    import os

    from checkov.common.models.enums import CheckCategories, CheckResult
    from checkov.terraform.checks.data.base_check import BaseDataCheck
    from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

    RESOURCES = os.environ["CAPTURE_RESOURCES"].split(",")


    def _write(check, block_type, conf):
        with open(os.environ["CAPTURE_OUT"], "a", encoding="utf-8") as out:
            record = {"entity": check.entity_path, "block_type": block_type, "conf": conf}
            out.write(json.dumps(record) + "\\n")


    class CaptureResource(BaseResourceCheck):
        def __init__(self):
            super().__init__(name="capture", id="CKV_CAPT_1",
                             categories=[CheckCategories.IAM], supported_resources=RESOURCES)

        def scan_resource_conf(self, conf):
            _write(self, "resource", conf)
            return CheckResult.PASSED


    class CaptureData(BaseDataCheck):
        def __init__(self):
            super().__init__(name="capture", id="CKV_CAPT_2",
                             categories=[CheckCategories.IAM],
                             supported_data=["aws_iam_policy_document"])

        def scan_data_conf(self, conf):
            _write(self, "data", conf)
            return CheckResult.PASSED


    CaptureResource()
    CaptureData()
    """
)


def _without_file(value: Any) -> Any:
    """Drop the absolute ``__file__`` paths a plan's conf carries."""
    if isinstance(value, dict):
        return {k: _without_file(v) for k, v in value.items() if k != "__file__"}
    if isinstance(value, list):
        return [_without_file(v) for v in value]
    return value


def _capture(tmp_path: Path, source: str) -> dict[tuple[str, str], dict[str, Any]]:
    """Run checkov over one fixture and return the confs it hands to checks."""
    checks = tmp_path / "checks"
    checks.mkdir(exist_ok=True)
    (checks / "__init__.py").write_text("")
    (checks / "capture.py").write_text(_CAPTURE_CHECK)
    out = tmp_path / f"{source.replace('/', '_')}.jsonl"
    target = FIXTURES / source
    if target.suffix == ".json":
        where = ["-f", str(target), "--framework", "terraform_plan"]
    else:
        where = ["-d", str(target.parent), "--framework", "terraform"]
    env = {
        "PATH": "",
        "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true",
        "CAPTURE_OUT": str(out),
        "CAPTURE_RESOURCES": ",".join(sorted(TERRAFORM_POLICY_RESOURCES)),
    }
    subprocess.run(
        [
            shutil.which("checkov", path=str(Path(sys.executable).parent)) or "checkov",
            "--skip-download",
            *where,
            "--external-checks-dir",
            str(checks),
            "-c",
            "CKV_CAPT_1,CKV_CAPT_2",
            "--compact",
            "--quiet",
            "-o",
            "json",
        ],
        env=env,
        capture_output=True,
        check=False,
        timeout=300,
    )
    captured = {}
    for line in out.read_text().splitlines():
        record = json.loads(line)
        captured[(record["block_type"], record["conf"]["__address__"])] = _without_file(
            record["conf"]
        )
    return captured


@pytest.mark.skipif(
    shutil.which("checkov", path=str(Path(sys.executable).parent)) is None,
    reason="checkov is not installed next to this Python",
)
@pytest.mark.parametrize("source", sorted({case.source for case in CASES}))
def test_captured_confs_are_current(tmp_path: Path, source: str) -> None:
    captured = _capture(tmp_path, source)

    for case in (c for c in CASES if c.source == source):
        assert captured[(case.block_type, case.conf["__address__"])] == case.conf, (
            case.name
        )


def _action_policy(action: Any, resource: Any = "*") -> dict[str, Any]:
    """A ``policy`` conf with one statement, as checkov hands a jsonencode over."""
    return {
        "policy": [
            {"Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]}
        ]
    }


_S0 = ("policy", "Statement", 0)
_ACTION, _RESOURCE = (*_S0, "Action"), (*_S0, "Resource")
_UNEVALUATED_CALL = (
    "{key} is built by the Terraform expression {expression}, which checkov could"
    " not evaluate; the Pinpoint action or ARN it builds is not checked"
)


def _one_statement(
    actions: tuple[Value, ...],
    resources: tuple[Value, ...],
    skipped: tuple[Skipped, ...] = (),
) -> list[Policy]:
    return [
        Policy(
            path=("policy",),
            statements=(
                Statement(
                    0, _S0, actions=actions, resources=resources, skipped=skipped
                ),
            ),
        )
    ]


# Conditionals and calls that checkov hands over unevaluated. The strings are
# what checkov 3.3.30 handed over for test_fixtures/terraform/conditionals and
# for the same expressions written in other places (heredoc, list, data source),
# captured with the throwaway check described at the top of this module.
EXPRESSIONS = [
    pytest.param(
        "resource",
        "aws_iam_policy",
        _action_policy(
            'True ? "mobiletargeting:SendMessage" : "mobiletargeting:GetApps"'
        ),
        _one_statement(
            (
                lit(_ACTION, "mobiletargeting:SendMessage"),
                lit(_ACTION, "mobiletargeting:GetApps"),
            ),
            (lit(_RESOURCE, "*"),),
        ),
        id="conditional-action",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        _action_policy(
            "mobiletargeting:GetApp",
            'var.on ? "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc/*" : "*"',
        ),
        _one_statement(
            (lit(_ACTION, "mobiletargeting:GetApp"),),
            (
                lit(
                    _RESOURCE,
                    "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc/*",
                ),
                lit(_RESOURCE, "*"),
            ),
        ),
        id="conditional-resource",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        _action_policy(
            "mobiletargeting:GetApp",
            'var.on ? "aws_pinpoint_app.main.arn/*" : var.env == "a" ? aws_pinpoint_app.main.arn : "arn:aws:mobiletargeting:us-east-1:var.env:apps/x"',
        ),
        _one_statement(
            (lit(_ACTION, "mobiletargeting:GetApp"),),
            (
                val(_RESOURCE, *app_arn("${aws_pinpoint_app.main.arn}"), "/*"),
                val(_RESOURCE, *app_arn("${aws_pinpoint_app.main.arn}")),
                val(
                    _RESOURCE,
                    "arn:aws:mobiletargeting:us-east-1:",
                    any_("${var.env}"),
                    ":apps/x",
                ),
            ),
        ),
        id="nested-conditional-references-and-interpolations",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        {
            "policy": [
                '{"Statement": [{"Effect": "Allow", "Action": "${var.on ? "mobiletargeting:SendMessage" : "mobiletargeting:GetApp"}", "Resource": "*"}]}'
            ]
        },
        _one_statement(
            (
                lit(_ACTION, "mobiletargeting:SendMessage"),
                lit(_ACTION, "mobiletargeting:GetApp"),
            ),
            (lit(_RESOURCE, "*"),),
        ),
        id="conditional-in-heredoc",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        _action_policy(
            [
                "mobiletargeting:GetApp",
                'var.on ? "mobiletargeting:SendMessage" : "mobiletargeting:GetApps"',
            ]
        ),
        _one_statement(
            (
                lit((*_ACTION, 0), "mobiletargeting:GetApp"),
                lit((*_ACTION, 1), "mobiletargeting:SendMessage"),
                lit((*_ACTION, 1), "mobiletargeting:GetApps"),
            ),
            (lit(_RESOURCE, "*"),),
        ),
        id="conditional-list-item",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        _action_policy(
            "var.on ? ['mobiletargeting:GetApp', 'mobiletargeting:SendMessage'] : ['mobiletargeting:GetApps']"
        ),
        _one_statement(
            (
                lit((*_ACTION, 0), "mobiletargeting:GetApp"),
                lit((*_ACTION, 1), "mobiletargeting:SendMessage"),
                lit((*_ACTION, 0), "mobiletargeting:GetApps"),
            ),
            (lit(_RESOURCE, "*"),),
        ),
        id="conditional-between-lists",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        _action_policy("concat(['mobiletargeting:SendMessage'],[])"),
        _one_statement(
            (),
            (lit(_RESOURCE, "*"),),
            (
                Skipped(
                    _UNEVALUATED_CALL.format(
                        key="Action",
                        expression="\"${concat(['mobiletargeting:SendMessage'],[])}\"",
                    ),
                    _ACTION,
                ),
            ),
        ),
        id="concat-of-pinpoint-action",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        _action_policy(
            "mobiletargeting:GetApp",
            'format("arn:aws:mobiletargeting:us-east-1:%s:apps/*",var.env)',
        ),
        _one_statement(
            (lit(_ACTION, "mobiletargeting:GetApp"),),
            (),
            (
                Skipped(
                    _UNEVALUATED_CALL.format(
                        key="Resource",
                        expression="'${format(\"arn:aws:mobiletargeting:us-east-1:%s:apps/*\",var.env)}'",
                    ),
                    _RESOURCE,
                ),
            ),
        ),
        id="format-of-pinpoint-arn",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        _action_policy('var.on ? lower("SMS-Voice:SendTextMessage") : "s3:GetObject"'),
        _one_statement(
            (lit(_ACTION, "s3:GetObject"),),
            (lit(_RESOURCE, "*"),),
            (
                Skipped(
                    _UNEVALUATED_CALL.format(
                        key="Action",
                        expression="'${lower(\"SMS-Voice:SendTextMessage\")}'",
                    ),
                    _ACTION,
                ),
            ),
        ),
        id="call-in-one-result",
    ),
    pytest.param(
        "resource",
        "aws_iam_policy",
        _action_policy('format("s3:%s", var.x)'),
        _one_statement(
            (val(_ACTION, any_('${format("s3:%s", var.x)}')),),
            (lit(_RESOURCE, "*"),),
        ),
        id="call-about-another-service",
    ),
    pytest.param(
        "data",
        "aws_iam_policy_document",
        {
            "statement": [
                {
                    "actions": [
                        [
                            'var.on ? "mobiletargeting:SendMessage" : "mobiletargeting:GetApp"'
                        ]
                    ],
                    "resources": [["*"]],
                },
                {
                    "actions": [
                        "var.on ? ['mobiletargeting:SendMessage'] : ['mobiletargeting:GetApp']"
                    ],
                    "resources": [["*"]],
                },
                {
                    "actions": [['format("mobiletargeting:%s",[][0])']],
                    "resources": [["*"]],
                },
            ]
        },
        [
            Policy(
                statements=(
                    Statement(
                        0,
                        ("statement", 0),
                        actions=(
                            lit(
                                ("statement", 0, "actions", 0),
                                "mobiletargeting:SendMessage",
                            ),
                            lit(
                                ("statement", 0, "actions", 0), "mobiletargeting:GetApp"
                            ),
                        ),
                        resources=(lit(("statement", 0, "resources", 0), "*"),),
                    ),
                    Statement(
                        1,
                        ("statement", 1),
                        actions=(
                            lit(
                                ("statement", 1, "actions", 0),
                                "mobiletargeting:SendMessage",
                            ),
                            lit(
                                ("statement", 1, "actions", 0), "mobiletargeting:GetApp"
                            ),
                        ),
                        resources=(lit(("statement", 1, "resources", 0), "*"),),
                    ),
                    Statement(
                        2,
                        ("statement", 2),
                        resources=(lit(("statement", 2, "resources", 0), "*"),),
                        skipped=(
                            Skipped(
                                _UNEVALUATED_CALL.format(
                                    key="actions",
                                    expression="'${format(\"mobiletargeting:%s\",[][0])}'",
                                ),
                                ("statement", 2, "actions", 0),
                            ),
                        ),
                    ),
                )
            )
        ],
        id="data-conditionals-and-call",
    ),
]


@pytest.mark.parametrize(("block_type", "entity_type", "conf", "expected"), EXPRESSIONS)
def test_reads_unevaluated_expressions(
    block_type: str, entity_type: str, conf: dict[str, Any], expected: list[Policy]
) -> None:
    assert list(iter_terraform_policies(block_type, entity_type, conf)) == expected


@pytest.mark.parametrize(
    ("expression", "pieces"),
    [
        ('var.on ? "a" : "b"', ("var.on", '"a"', '"b"')),
        ('a == "x ? y : z" ? "b" : "c"', ('a == "x ? y : z"', '"b"', '"c"')),
        ("a ? b : c ? d : e", ("a", "b", "c ? d : e")),
        ("a ? b ? c : d : e", ("a", "b ? c : d", "e")),
        (
            "length(var.x) > 0 ? [for a in x : a] : {k : v}",
            ("length(var.x) > 0", "[for a in x : a]", "{k : v}"),
        ),
        ('"${x ? "a" : "b"}"', None),
        ('"arn:aws:mobiletargeting:r:1:apps/var.on ? "abc/*" : "*""', None),
        ("arn:aws:mobiletargeting:*:*:apps/?", None),
        ("a ? b", None),
        ("? b : c", None),
        ('a ? "unclosed : b', None),
    ],
)
def test_split_conditional(
    expression: str, pieces: tuple[str, str, str] | None
) -> None:
    assert split_conditional(expression) == pieces


def test_deeply_nested_conditionals_are_cut_short() -> None:
    text = " : ".join(f'c{i} ? "mobiletargeting:GetApp"' for i in range(40)) + ' : "*"'

    values, skipped = read_elements(text, ("Action",), "Action")

    assert len(values) == 32
    assert [skip.path for skip in skipped] == [("Action",)]
    assert skipped[0].reason.startswith("Action nests more than 32 conditionals;")
