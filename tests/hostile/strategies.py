"""Hypothesis strategies for hostile policy input, shared by the property and host tests.

Two families: text (actions and ARNs from the catalog, mutated; any Unicode,
control characters and lone surrogates included) and raw template nodes as a
host hands them over (wrong types everywhere, nested and malformed intrinsics,
CloudFormation templates, Terraform confs in each shape checkov produces).

Nesting stays shallow and numbers stay short here: the inputs that once broke
the extractors (deep nesting, 5,000-digit ``Fn::Select`` indexes, nested
``Fn::Sub`` that multiply) are regression tests of their own, at the end of
``tests/test_properties.py`` and in ``tests/test_hostile_hosts.py``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import strategies as st

from checkov_pinpoint.catalog import IamAction, load_catalog
from checkov_pinpoint.extract.cloudformation import CFN_POLICY_RESOURCE_TYPES
from checkov_pinpoint.extract.terraform import (
    TERRAFORM_POLICY_DATA,
    TERRAFORM_POLICY_RESOURCES,
)

#: Every catalogued action.
ACTIONS: tuple[IamAction, ...] = load_catalog().actions()

PARTITIONS = (
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
)
REGIONS = (
    "us-east-1",
    "eu-west-3",
    "cn-north-1",
    "us-gov-west-1",
    "ap-southeast-2",
    "us-iso-east-1",
    "us-isob-east-1",
    "eusc-de-east-1",
    "il-central-1",
    "ca-west-1",
)
PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


def needed_shapes(action: IamAction) -> tuple[str, ...]:
    """The ARN shapes that alone make a grant of ``action`` useful.

    An optional resource type (``sms-voice:CreatePool`` on a ``phone-number``)
    is checked only together with a required one, so a grant on it alone grants
    nothing, and the engine rightly says so.
    """
    optional = set(action.optional_resources)
    return tuple(p for p in action.resources if p not in optional) or action.resources


def first_segment(pattern: str) -> str:
    """The literal resource-type segment right after the account (``apps``)."""
    return pattern.split(":", 5)[-1].split("/", 1)[0]


# --------------------------------------------------------------------------
# Text: actions, ARNs, anything
# --------------------------------------------------------------------------

FRAGMENTS = (
    "arn",
    "arn:aws:mobiletargeting:us-east-1:123456789012:",
    ":",
    "/",
    "*",
    "?",
    "**",
    "mobiletargeting",
    "MobileTargeting",
    "sms-voice",
    "pinpoint",
    "sms",
    "apps",
    "apps/",
    "campaigns",
    "templates",
    "pool",
    "${",
    "}",
    "${AWS::Region}",
    "${App.Arn}",
    "$${",
    "%{",
    "aws",
    "us-east-1",
    "123456789012",
    "Get",
    "Send",
    "Messages",
    "jsonencode(",
    "var.x",
    '"',
    "\\",
    " ",
    "\x00",
    "\x1b[31m",
    "\n",
    "\u202e",
    "\u200b",
    "\ufffd",
    "\U0001f600",
    "\ud800",
    "\u212a",  # KELVIN SIGN, which lower-cases to an ASCII "k"
    "\u0130",  # LATIN CAPITAL LETTER I WITH DOT ABOVE, two characters lower-cased
)
#: Any code point, lone surrogates included.
ANY_CHARACTER = st.characters(exclude_categories=())
hostile_text = st.one_of(
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(ANY_CHARACTER, max_size=3)),
        max_size=10,
    ).map("".join),
    st.text(ANY_CHARACTER, max_size=24),
)
ids = st.from_regex(r"\A[A-Za-z0-9_-]{1,20}\Z")
accounts = st.from_regex(r"\A[0-9]{12}\Z")


@st.composite
def documented_arn(draw: st.DrawFn, pattern: str) -> str:
    """``pattern`` with each placeholder filled as AWS would fill it.

    A literal ``*`` in a catalog shape (``apps/*``, ``${Account}:*``) is part of
    the documented ARN and stays.
    """

    def fill(found: re.Match[str]) -> str:
        name = found.group(1)
        if name == "Partition":
            return draw(st.sampled_from(PARTITIONS))
        if name == "Region":
            return draw(st.sampled_from(REGIONS))
        if name == "Account":
            return draw(accounts)
        return draw(ids)

    return PLACEHOLDER.sub(fill, pattern)


def mutate(draw: st.DrawFn, text: str) -> str:
    """One random edit: case, a character dropped, added or changed, a wildcard."""
    if not text:
        return draw(hostile_text)
    position = draw(st.integers(0, len(text) - 1))
    edit = draw(
        st.sampled_from(
            ("keep", "swapcase", "drop", "insert", "replace", "wildcard", "cut")
        )
    )
    head, char, tail = text[:position], text[position], text[position + 1 :]
    if edit == "swapcase":
        return head + char.swapcase() + tail
    if edit == "drop":
        return head + tail
    if edit == "insert":
        return head + draw(hostile_text) + char + tail
    if edit == "replace":
        return head + draw(st.text(ANY_CHARACTER, min_size=1, max_size=1)) + tail
    if edit == "wildcard":
        return head + draw(st.sampled_from(("*", "?", "**", "*?"))) + tail
    if edit == "cut":
        return head
    return text


@st.composite
def action_texts(draw: st.DrawFn) -> str:
    """A catalog action, often mutated, or a wrong prefix, or any text."""
    action = draw(st.sampled_from(ACTIONS)).action
    kind = draw(st.sampled_from(("catalog", "mutated", "prefix", "pattern", "any")))
    if kind == "catalog":
        return action
    if kind == "mutated":
        return mutate(draw, action)
    if kind == "prefix":
        prefix = draw(
            st.sampled_from(
                ("pinpoint", "sms", "smsvoice", "sms-voice-v2", "*", "mobile*", "")
            )
        )
        return prefix + ":" + action.partition(":")[2]
    if kind == "pattern":
        return draw(st.sampled_from(("*", "mobiletargeting:*", "sms-voice:*", "*:*")))
    return draw(hostile_text)


@st.composite
def resource_texts(draw: st.DrawFn) -> str:
    """A documented ARN, often mutated, or a wildcard, or any text."""
    action = draw(st.sampled_from(ACTIONS))
    kind = draw(st.sampled_from(("documented", "mutated", "wildcard", "any")))
    if kind in ("documented", "mutated") and action.resources:
        text = draw(documented_arn(draw(st.sampled_from(action.resources))))
        return mutate(draw, text) if kind == "mutated" else text
    if kind == "wildcard":
        return draw(
            st.sampled_from(
                (
                    "*",
                    "arn:aws:mobiletargeting:*:*:*",
                    "arn:aws:mobiletargeting:us-east-1:123456789012:apps/*",
                    "arn:*:sms-voice:*:*:pool/*",
                    "arn:aws:*:*:*:*",
                    "arn:aws:s3:::bucket/*",
                )
            )
        )
    return draw(hostile_text)


# --------------------------------------------------------------------------
# Raw template nodes, as hosts hand them over
# --------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.just(""),
    hostile_text,
    action_texts(),
    resource_texts(),
)
INTRINSIC_NAMES = (
    "Ref",
    "Fn::Sub",
    "Fn::If",
    "Fn::Join",
    "Fn::GetAtt",
    "Fn::Select",
    "Fn::Split",
    "Fn::FindInMap",
    "Fn::ImportValue",
    "Fn::GetAZs",
    "Fn::Base64",
    "Fn::Transform",
    "Condition",
)
LOGICAL_NAMES = ("App", "Stage", "Arns", "Region", "AWS::Region", "AWS::NoValue")


def _intrinsics(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Well-formed and malformed intrinsic functions around ``children``."""
    sub_text = st.lists(
        st.one_of(
            hostile_text,
            st.sampled_from(LOGICAL_NAMES).map(lambda name: "${" + name + "}"),
            st.just("${App.Arn}"),
            st.just("${!Literal}"),
        ),
        max_size=4,
    ).map("".join)
    return st.one_of(
        st.builds(
            lambda name: {"Ref": name},
            st.one_of(st.sampled_from(LOGICAL_NAMES), children),
        ),
        st.builds(lambda text: {"Fn::Sub": text}, st.one_of(sub_text, children)),
        st.builds(
            lambda text, variables: {"Fn::Sub": [text, variables]},
            sub_text,
            st.one_of(
                st.dictionaries(st.sampled_from(LOGICAL_NAMES), children, max_size=2),
                children,
            ),
        ),
        st.builds(lambda a, b: {"Fn::If": ["Condition", a, b]}, children, children),
        st.builds(lambda args: {"Fn::If": args}, children),
        st.builds(
            lambda sep, items: {"Fn::Join": [sep, items]},
            st.one_of(st.just(""), children),
            children,
        ),
        st.builds(
            lambda args: {"Fn::GetAtt": args},
            st.one_of(st.just("App.Arn"), st.just(["App", "Arn"]), children),
        ),
        st.builds(
            lambda index, items: {"Fn::Select": [index, items]},
            st.one_of(st.integers(-3, 40), st.from_regex(r"\A[0-9]{1,30}\Z"), children),
            children,
        ),
        st.builds(
            lambda args: {"Fn::FindInMap": args},
            st.one_of(st.just(["Map", "Key", "Value"]), children),
        ),
        st.builds(
            lambda name, arg: {name: arg}, st.sampled_from(INTRINSIC_NAMES), children
        ),
    )


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    keys = st.one_of(
        st.sampled_from(
            (
                "Effect",
                "Action",
                "NotAction",
                "Resource",
                "NotResource",
                "Sid",
                "Statement",
                "Condition",
                "__startline__",
            )
        ),
        hostile_text,
    )
    return st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=4),
        _intrinsics(children),
    )


#: Any node a template may hold: scalars, lists, mappings, intrinsics, nested.
junk = st.recursive(scalars, _containers, max_leaves=12)


@st.composite
def raw_statements(draw: st.DrawFn) -> Any:
    """A statement mapping with plausible keys and hostile values, or junk."""
    if draw(st.integers(0, 9)) == 0:
        return draw(junk)
    element = st.one_of(
        action_texts(),
        st.lists(st.one_of(action_texts(), resource_texts(), junk), max_size=4),
        junk,
    )
    statement: dict[str, Any] = {}
    for key in draw(
        st.lists(
            st.sampled_from(
                (
                    "Effect",
                    "Sid",
                    "Action",
                    "NotAction",
                    "Resource",
                    "NotResource",
                    "Condition",
                )
            ),
            unique=True,
            max_size=7,
        )
    ):
        if key == "Effect":
            statement[key] = draw(st.one_of(st.sampled_from(("Allow", "Deny")), junk))
        elif key in ("Resource", "NotResource"):
            statement[key] = draw(st.one_of(resource_texts(), element))
        else:
            statement[key] = draw(element)
    return statement


@st.composite
def raw_documents(draw: st.DrawFn) -> Any:
    """A policy document: a mapping, a JSON string of one, or junk."""
    body = draw(
        st.one_of(
            st.lists(raw_statements(), max_size=4),
            raw_statements(),
            junk,
        )
    )
    document: Any = {"Version": "2012-10-17", "Statement": body}
    shape = draw(
        st.sampled_from(("mapping", "mapping", "json", "no-statement", "junk", "if"))
    )
    if shape == "json":
        return json.dumps(document, allow_nan=True)
    if shape == "no-statement":
        return {"Version": "2012-10-17"}
    if shape == "junk":
        return draw(junk)
    if shape == "if":
        return {"Fn::If": ["Condition", document, {"Ref": "AWS::NoValue"}]}
    return document


@st.composite
def cfn_properties(
    draw: st.DrawFn, resource_type: str, well_shaped: bool = False
) -> Any:
    """``Properties`` for one of the policy-bearing resource types.

    ``well_shaped`` keeps the mapping itself (hostile inside): checkov refuses a
    whole file whose resource has ``Properties: null``, so host samples use it.
    """
    if not well_shaped and draw(st.integers(0, 9)) == 0:
        return draw(junk)
    document = raw_documents()
    named = st.fixed_dictionaries(
        {"PolicyDocument": document},
        optional={"PolicyName": st.one_of(hostile_text, junk)},
    )
    if resource_type in ("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"):
        return {
            "Policies": draw(
                st.one_of(st.lists(st.one_of(named, junk), max_size=3), junk)
            )
        }
    if resource_type.startswith("AWS::Serverless::"):
        entry = st.one_of(
            hostile_text,
            document,
            st.builds(
                lambda args: {"PinpointEndpointAccessPolicy": args},
                st.one_of(st.just({"PinpointApplicationId": {"Ref": "App"}}), junk),
            ),
            junk,
        )
        return {"Policies": draw(st.one_of(st.lists(entry, max_size=3), entry))}
    if resource_type == "AWS::SSO::PermissionSet":
        return {"InlinePolicy": draw(document)}
    return draw(named)


@st.composite
def cfn_templates(draw: st.DrawFn, well_shaped: bool = False) -> dict[str, Any]:
    """A template: context (Parameters, Mappings, an app) and policy resources.

    ``well_shaped`` keeps every resource a mapping with mapping ``Properties``,
    so that checkov reads the file (see :func:`cfn_properties`).
    """
    app = st.just({"Type": "AWS::Pinpoint::App", "Properties": {"Name": "a"}})
    resources: dict[str, Any] = {
        "App": draw(app if well_shaped else st.one_of(app, junk))
    }
    for index in range(draw(st.integers(1, 3))):
        resource_type = draw(st.sampled_from(sorted(CFN_POLICY_RESOURCE_TYPES)))
        resources[f"Policy{index}"] = {
            "Type": resource_type,
            "Properties": draw(cfn_properties(resource_type, well_shaped)),
        }
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": draw(
            st.one_of(
                st.just(
                    {
                        "Stage": {"Type": "String", "AllowedValues": ["dev", "prod"]},
                        "Arns": {"Type": "CommaDelimitedList"},
                    }
                ),
                junk,
            )
        ),
        "Mappings": draw(
            st.one_of(
                st.just({"Map": {"Key": {"Value": ["mobiletargeting:GetApp", 7]}}}),
                junk,
            )
        ),
        "Resources": resources,
    }


@st.composite
def terraform_policy_attributes(draw: st.DrawFn) -> Any:
    """A ``policy`` attribute in each shape checkov hands over, or junk."""
    document = draw(raw_documents())
    shape = draw(st.sampled_from(("decoded", "json", "expression", "bare", "junk")))
    if shape == "decoded":
        return [document]
    if shape == "json":
        return [json.dumps(document, allow_nan=True)]
    if shape == "expression":
        return [
            draw(
                st.sampled_from(
                    (
                        "data.aws_iam_policy_document.x.json",
                        "${jsonencode({'Statement': [{'Action': 'x'}]})}",
                        "jsonencode(",
                        "var.policy",
                        "true_after_unknown",
                        '${var.flag ? "a" : "b"}',
                    )
                )
            )
        ]
    if shape == "bare":
        return document
    return draw(junk)


def _wrapped(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """checkov wraps each argument in a one-item list; sometimes it does not."""
    return st.one_of(strategy.map(lambda value: [value]), strategy)


@st.composite
def terraform_blocks(draw: st.DrawFn) -> tuple[str, str, dict[str, Any]]:
    """A block type, an entity type and a conf, as checkov hands them over."""
    kind = draw(st.sampled_from(("resource", "role", "data")))
    if kind == "resource":
        entity = draw(
            st.sampled_from(sorted(TERRAFORM_POLICY_RESOURCES - {"aws_iam_role"}))
        )
        key = "inline_policy" if entity.startswith("aws_ssoadmin") else "policy"
        conf = {
            key: draw(terraform_policy_attributes()),
            "name": draw(_wrapped(st.one_of(hostile_text, junk))),
        }
        return "resource", entity, conf
    if kind == "role":
        block = st.fixed_dictionaries(
            {"policy": terraform_policy_attributes()},
            optional={"name": _wrapped(hostile_text)},
        )
        return (
            "resource",
            "aws_iam_role",
            {
                "inline_policy": draw(
                    st.one_of(st.lists(st.one_of(block, junk), max_size=3), junk)
                )
            },
        )
    texts = st.lists(st.one_of(action_texts(), resource_texts(), junk), max_size=4)
    statement = st.fixed_dictionaries(
        {},
        optional={
            "actions": _wrapped(st.one_of(texts, junk)),
            "not_actions": _wrapped(texts),
            "resources": _wrapped(st.one_of(texts, junk)),
            "not_resources": _wrapped(texts),
            "effect": _wrapped(st.one_of(st.sampled_from(("Allow", "Deny")), junk)),
            "sid": _wrapped(hostile_text),
            "condition": junk,
            "references_": junk,
        },
    )
    conf = draw(
        st.fixed_dictionaries(
            {
                "statement": st.one_of(
                    st.lists(st.one_of(statement, junk), max_size=4), junk
                )
            },
            optional={
                "dynamic": junk,
                "source_policy_documents": _wrapped(
                    st.lists(terraform_policy_attributes(), max_size=2)
                ),
                "override_policy_documents": junk,
            },
        )
    )
    return "data", next(iter(TERRAFORM_POLICY_DATA)), conf
