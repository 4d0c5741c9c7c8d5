"""A seeded corpus of realistic Pinpoint IAM statements, format-neutral.

The corpus is a list of stacks; each stack holds one Pinpoint project and a few
policies; each policy a few statements. A statement is drawn from a weighted table
of *kinds*: mostly well-formed grants written the ways people write them (literal
ARNs, ``!GetAtt App.Arn``, ``!Sub``, ``!Join``, ``!If``, Terraform interpolations,
action patterns, other services), and a share of defects (near-miss actions, ARNs
of the wrong shape, unscoped wildcards). Every statement carries the engine codes
it is expected to draw, so the harness can cross-check the verdicts it times.

:mod:`benchmarks.render` turns the corpus into CloudFormation, Terraform and raw
JSON files. This module imports nothing from the product.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = [
    "ACCOUNT",
    "INVALID_ACTION",
    "KINDS",
    "REGION",
    "UNSCOPED_WILDCARD",
    "WRONG_ARN",
    "Arn",
    "Kind",
    "PolicySpec",
    "StackSpec",
    "StatementSpec",
    "generate_corpus",
]

ACCOUNT = "123456789012"
REGION = "us-east-1"

# The engine's finding codes, written out so the corpus stays product-neutral.
INVALID_ACTION = "PINPOINT_INVALID_ACTION"
WRONG_ARN = "PINPOINT_WRONG_ARN"
UNSCOPED_WILDCARD = "PINPOINT_UNSCOPED_WILDCARD"

#: The most statements one generated stack (one template, one .tf module) holds.
STATEMENTS_PER_STACK = 40
#: Policy resource types, used in turn within a CloudFormation stack.
CFN_POLICY_TYPES = (
    "AWS::IAM::Role",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::Policy",
    "AWS::IAM::RolePolicy",
)


@dataclass(frozen=True)
class Arn:
    """One resource element, described once and written by each renderer.

    Attributes:
        form: How templates write it: ``literal`` (a hard-coded ARN), ``raw``
            (``path`` is the whole text), ``star`` (``*``), ``app`` (the
            project's ARN attribute), ``app_path`` (the project's ARN plus
            ``path``), ``sub`` (an ARN built from pseudo parameters and the
            project id), or ``if`` (a condition choosing ``path`` or ``alt``).
        service: The ARN's service field.
        path: The resource part after the account; ``{app}`` stands for the
            stack's project id.
        alt: The other branch's resource part, for ``if``.
        account: The account field, for deliberately malformed ARNs.
    """

    form: str
    service: str = "mobiletargeting"
    path: str = ""
    alt: str = ""
    account: str = ACCOUNT


@dataclass(frozen=True)
class Kind:
    """One row of the statement table.

    Attributes:
        name: What the row stands for (``near_miss_action``).
        weight: Its relative frequency in the corpus.
        variants: Pairs of (actions, resources) to choose from.
        effect: The statements' ``Effect``.
        expected: The engine codes every statement of this kind must draw.
    """

    name: str
    weight: int
    variants: tuple[tuple[tuple[str, ...], tuple[Arn, ...]], ...]
    effect: str = "Allow"
    expected: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatementSpec:
    """A generated statement: its content, its kind and its expected codes."""

    sid: str
    effect: str
    actions: tuple[str, ...]
    resources: tuple[Arn, ...]
    kind: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class PolicySpec:
    """A generated policy: a name, a CloudFormation type, its statements."""

    name: str
    cfn_type: str
    statements: tuple[StatementSpec, ...]


@dataclass(frozen=True)
class StackSpec:
    """A generated stack: one Pinpoint project and the policies that use it."""

    index: int
    app_id: str
    policies: tuple[PolicySpec, ...]

    @property
    def stem(self) -> str:
        """The file-name stem shared by the stack's files in every format."""
        return f"stack-{self.index:04d}"

    @property
    def statement_count(self) -> int:
        """How many statements the stack holds."""
        return sum(len(policy.statements) for policy in self.policies)


def _lit(path: str, service: str = "mobiletargeting") -> Arn:
    return Arn("literal", service, path)


_STAR = Arn("star")
_APP = Arn("app")
_APP_ACTIONS = (
    ("mobiletargeting:GetApp",),
    ("mobiletargeting:GetSegments", "mobiletargeting:CreateSegment"),
    ("mobiletargeting:GetCampaigns", "mobiletargeting:CreateCampaign"),
)
_POOL = _lit("pool/pool-{app}", "sms-voice")

#: The statement table: well-formed grants first, then the defects.
KINDS: tuple[Kind, ...] = (
    Kind("app_literal", 12, tuple((a, (_lit("apps/{app}"),)) for a in _APP_ACTIONS)),
    Kind("app_getatt", 12, tuple((a, (_APP,)) for a in _APP_ACTIONS)),
    Kind(
        "campaign_sub",
        12,
        (
            (
                ("mobiletargeting:GetCampaign",),
                (Arn("sub", path="apps/{app}/campaigns/*"),),
            ),
            (
                ("mobiletargeting:GetCampaign", "mobiletargeting:UpdateCampaign"),
                (Arn("sub", path="apps/{app}/campaigns/spring-sale"),),
            ),
        ),
    ),
    Kind(
        "messages_join",
        8,
        (
            (("mobiletargeting:SendMessages",), (Arn("app_path", path="/messages"),)),
            (
                ("mobiletargeting:SendMessages", "mobiletargeting:SendUsersMessages"),
                (Arn("app_path", path="/messages"),),
            ),
        ),
    ),
    Kind(
        "endpoint_if",
        6,
        (
            (
                ("mobiletargeting:GetEndpoint", "mobiletargeting:UpdateEndpoint"),
                (
                    Arn(
                        "if",
                        path="apps/{app}/endpoints/*",
                        alt="apps/{app}/endpoints/canary",
                    ),
                ),
            ),
        ),
    ),
    Kind(
        "read_pattern",
        6,
        (
            (("mobiletargeting:Get*",), (_lit("apps/{app}"), _lit("apps/{app}/*"))),
            (
                ("mobiletargeting:Get*", "mobiletargeting:List*"),
                (_lit("apps/{app}/*"),),
            ),
        ),
    ),
    Kind(
        "templates",
        3,
        ((("mobiletargeting:GetEmailTemplate",), (_lit("templates/welcome/EMAIL"),)),),
    ),
    Kind(
        "sms_send",
        8,
        (
            (("sms-voice:SendTextMessage",), (_POOL,)),
            (
                ("sms-voice:SendTextMessage", "sms-voice:SendVoiceMessage"),
                (
                    _lit("configuration-set/orders", "sms-voice"),
                    _lit("phone-number/phone-{app}", "sms-voice"),
                ),
            ),
        ),
    ),
    Kind(
        "sms_describe",
        5,
        (
            (("sms-voice:DescribePools", "sms-voice:DescribePhoneNumbers"), (_STAR,)),
            (("sms-voice:DescribeConfigurationSets",), (_STAR,)),
        ),
    ),
    Kind(
        "other_service",
        10,
        (
            (("s3:GetObject",), (Arn("raw", path="arn:aws:s3:::orders-assets/*"),)),
            (
                ("logs:CreateLogStream", "logs:PutLogEvents"),
                (_lit("log-group:/bench/orders:*", "logs"),),
            ),
            (("sns:Publish",), (_lit("orders-topic", "sns"),)),
        ),
    ),
    Kind("deny_delete", 3, ((("mobiletargeting:Delete*",), (_STAR,)),), effect="Deny"),
    Kind(
        "near_miss_action",
        5,
        (
            (("mobiletargeting:SendMessage",), (Arn("app_path", path="/messages"),)),
            (("pinpoint:GetEndpoint",), (Arn("sub", path="apps/{app}/endpoints/*"),)),
            (("sms-voice:SendTextMesage",), (_POOL,)),
            (("mobiletargeting:GetSegmnts",), (_APP,)),
            (("mobiletargeting:Get*Widgets",), (_APP,)),
        ),
        expected=(INVALID_ACTION,),
    ),
    Kind(
        "wrong_arn",
        5,
        (
            (("mobiletargeting:GetCampaign",), (_lit("campaigns/c1"),)),
            (("mobiletargeting:GetApp",), (_lit("apps/{app}/*"),)),
            (("sms-voice:SendTextMessage",), (_lit("pools/pool-{app}", "sms-voice"),)),
            (
                ("mobiletargeting:GetSegments",),
                (Arn("literal", path="apps/{app}", account="12345"),),
            ),
        ),
        expected=(WRONG_ARN,),
    ),
    Kind(
        "unscoped_wildcard",
        5,
        (
            (("mobiletargeting:*",), (_STAR,)),
            (
                ("mobiletargeting:DeleteCampaign",),
                (Arn("raw", path="arn:aws:mobiletargeting:*:*:*"),),
            ),
            (("mobiletargeting:GetSegments",), (_lit("apps/*"),)),
            (("sms-voice:DeletePool",), (_lit("pool/*", "sms-voice"),)),
        ),
        expected=(UNSCOPED_WILDCARD,),
    ),
)


def generate_corpus(size: int, seed: int = 20240501) -> list[StackSpec]:
    """Generate stacks holding exactly ``size`` statements, the same for a seed.

    Args:
        size: The number of statements in the whole corpus (at least 1).
        seed: The random seed; the same (size, seed) always gives the same corpus.
    """
    if size < 1:
        raise ValueError(f"corpus size {size!r}: expected at least one statement")
    rng = random.Random(f"{seed}:{size}")
    stacks: list[StackSpec] = []
    remaining = size
    while remaining:
        count = min(remaining, STATEMENTS_PER_STACK)
        stacks.append(_stack(len(stacks), count, rng))
        remaining -= count
    return stacks


def _stack(index: int, count: int, rng: random.Random) -> StackSpec:
    """One stack of ``count`` statements, cut into policies of one to four."""
    app_id = f"{rng.getrandbits(128):032x}"
    policies: list[PolicySpec] = []
    remaining = count
    while remaining:
        take = min(remaining, rng.randint(1, 4))
        cfn_type = CFN_POLICY_TYPES[len(policies) % len(CFN_POLICY_TYPES)]
        statements = tuple(_statement(number, rng) for number in range(take))
        policies.append(
            PolicySpec(f"p{index:04d}x{len(policies)}", cfn_type, statements)
        )
        remaining -= take
    return StackSpec(index, app_id, tuple(policies))


def _statement(number: int, rng: random.Random) -> StatementSpec:
    """Draw one statement from the weighted kind table."""
    kind = rng.choices(KINDS, weights=[kind.weight for kind in KINDS])[0]
    actions, resources = rng.choice(kind.variants)
    return StatementSpec(
        sid=f"S{number}",
        effect=kind.effect,
        actions=actions,
        resources=resources,
        kind=kind.name,
        expected=kind.expected,
    )


def arn_text(arn: Arn, app_id: str, path: str | None = None) -> str:
    """Return the concrete ARN text of a literal-like element (for JSON and literals)."""
    if arn.form == "star":
        return "*"
    if arn.form == "raw":
        return arn.path
    resource = (arn.path if path is None else path).replace("{app}", app_id)
    if arn.form in ("app", "app_path"):
        resource = f"apps/{app_id}{arn.path if arn.form == 'app_path' else ''}"
    return f"arn:aws:{arn.service}:{REGION}:{arn.account}:{resource}"
