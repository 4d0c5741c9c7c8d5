"""The engine on single statements: exact findings, code and location."""

from __future__ import annotations

import pytest

from checkov_pinpoint.engine import analyze, analyze_statement
from checkov_pinpoint.model import Policy, Statement, Unknown, UnknownKind, Value

APP = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc"
SEG = UnknownKind.SEGMENT


def stmt(
    actions,
    resources,
    effect="Allow",
    index=0,
    action_key="Action",
    resource_key="Resource",
):
    """A statement whose elements are located at Action.N / Resource.N."""
    return Statement(
        index=index,
        effect=effect,
        action_key=action_key,
        actions=tuple(_value(a, (action_key, n)) for n, a in enumerate(actions)),
        resource_key=resource_key,
        resources=tuple(_value(r, (resource_key, n)) for n, r in enumerate(resources)),
    )


def _value(item, path):
    if isinstance(item, Value):
        return Value(item.parts, path)
    return Value.literal(item, path)


def sub_app(suffix: str) -> Value:
    """!Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${App}<suffix>"""
    return Value.of(
        [
            "arn:",
            Unknown("${AWS::Partition}", SEG),
            ":mobiletargeting:",
            Unknown("${AWS::Region}", SEG),
            ":",
            Unknown("${AWS::AccountId}", SEG),
            ":apps/",
            Unknown("${App}", SEG),
            suffix,
        ]
    )


EOS = "PINPOINT_END_OF_SUPPORT"


def codes(statement: Statement) -> list[tuple[str, tuple]]:
    """Findings as (code, path), leaving out the end-of-support advisory."""
    return [(f.code, f.path) for f in analyze_statement(statement) if f.code != EOS]


def findings_of(statement: Statement) -> tuple:
    return tuple(f for f in analyze_statement(statement) if f.code != EOS)


INVALID, WRONG, UNSCOPED, UNREAD = (
    "PINPOINT_INVALID_ACTION",
    "PINPOINT_WRONG_ARN",
    "PINPOINT_UNSCOPED_WILDCARD",
    "PINPOINT_NOT_EVALUATED",
)

CASES = [
    # (id, statement, expected [(code, path)])
    ("valid-literal", stmt(["mobiletargeting:GetSegments"], [APP]), []),
    ("any-case", stmt(["MOBILETARGETING:getsegments"], [APP]), []),
    (
        "near-miss",
        stmt(["mobiletargeting:SendMessage"], [APP + "/messages"]),
        [(INVALID, ("Action", 0))],
    ),
    (
        "second-action-bad",
        stmt(["mobiletargeting:GetSegments", "mobiletargeting:GetSegmentz"], [APP]),
        [(INVALID, ("Action", 1))],
    ),
    ("wrong-prefix", stmt(["pinpoint:GetSegments"], [APP]), [(INVALID, ("Action", 0))]),
    (
        "pattern-none",
        stmt(["mobiletargeting:Frobnicate*"], [APP]),
        [(INVALID, ("Action", 0))],
    ),
    ("pattern-some", stmt(["mobiletargeting:Get*"], [APP]), []),
    ("other-service", stmt(["s3:GetObject"], ["arn:aws:s3:::b/*"]), []),
    ("real-lookalike-sms", stmt(["sms:GetApp"], ["*"]), []),
    (
        "campaign-without-app",
        stmt(
            ["mobiletargeting:GetCampaign"],
            ["arn:aws:mobiletargeting:us-east-1:123456789012:campaigns/c1"],
        ),
        [(WRONG, ("Resource", 0))],
    ),
    (
        "campaign-right",
        stmt(["mobiletargeting:GetCampaign"], [APP + "/campaigns/c1"]),
        [],
    ),
    (
        "app-star-for-app-action",
        stmt(["mobiletargeting:GetApplicationSettings"], [APP + "/*"]),
        [(WRONG, ("Resource", 0))],
    ),
    (
        "wrong-service",
        stmt(
            ["mobiletargeting:GetApp"],
            ["arn:aws:pinpoint:us-east-1:123456789012:apps/abc"],
        ),
        [(WRONG, ("Resource", 0))],
    ),
    (
        "s3-for-pinpoint-only",
        stmt(["mobiletargeting:GetApp"], ["arn:aws:s3:::bucket"]),
        [(WRONG, ("Resource", 0))],
    ),
    (
        "s3-in-mixed",
        stmt(
            ["mobiletargeting:GetApp", "s3:GetObject"], [APP, "arn:aws:s3:::bucket/*"]
        ),
        [],
    ),
    (
        "short-account",
        stmt(
            ["mobiletargeting:GetApp"],
            ["arn:aws:mobiletargeting:us-east-1:12345:apps/abc"],
        ),
        [(WRONG, ("Resource", 0))],
    ),
    (
        "bad-partition",
        stmt(
            ["mobiletargeting:GetApp"],
            ["arn:aws-moon:mobiletargeting:us-east-1:123456789012:apps/abc"],
        ),
        [(WRONG, ("Resource", 0))],
    ),
    (
        "no-region",
        stmt(
            ["mobiletargeting:GetApp"],
            ["arn:aws:mobiletargeting::123456789012:apps/abc"],
        ),
        [(WRONG, ("Resource", 0))],
    ),
    (
        "region-wildcard-ok",
        stmt(
            ["mobiletargeting:GetApp"],
            ["arn:aws:mobiletargeting:us-west-?:123456789012:apps/abc"],
        ),
        [],
    ),
    (
        "not-an-arn",
        stmt(["mobiletargeting:GetApp"], ["apps/abc"]),
        [(WRONG, ("Resource", 0))],
    ),
    ("sub-app-scoped-star", stmt(["mobiletargeting:*"], [sub_app("/*")]), []),
    ("sub-app", stmt(["mobiletargeting:GetApp"], [sub_app("")]), []),
    (
        "sub-wrong-service",
        stmt(
            ["mobiletargeting:GetApp"],
            [
                Value.of(
                    [
                        "arn:",
                        Unknown("p", SEG),
                        ":pinpoint:",
                        Unknown("r", SEG),
                        ":",
                        Unknown("a", SEG),
                        ":apps/x",
                    ]
                )
            ],
        ),
        [(WRONG, ("Resource", 0))],
    ),
    (
        "unknown-whole",
        stmt(["mobiletargeting:GetApp"], [Value.of([Unknown("Fn::ImportValue")])]),
        [],
    ),
    ("star-on-star", stmt(["mobiletargeting:*"], ["*"]), [(UNSCOPED, ("Resource", 0))]),
    (
        "all-accounts",
        stmt(["mobiletargeting:GetCampaign"], ["arn:aws:mobiletargeting:*:*:*"]),
        [(UNSCOPED, ("Resource", 0))],
    ),
    (
        "type-wide-apps",
        stmt(
            ["mobiletargeting:GetApp"],
            ["arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"],
        ),
        [(UNSCOPED, ("Resource", 0))],
    ),
    (
        "second-resource-unscoped",
        stmt(
            ["sms-voice:DeletePool"],
            [
                "arn:aws:sms-voice:us-east-1:123456789012:pool/p1",
                "arn:aws:sms-voice:us-east-1:123456789012:pool/*",
            ],
        ),
        [(UNSCOPED, ("Resource", 1))],
    ),
    ("deny-never-unscoped", stmt(["mobiletargeting:*"], ["*"], effect="Deny"), []),
    ("v1-voice-needs-star", stmt(["sms-voice:SendVoiceMessage"], ["*"]), []),
    ("star-only-action", stmt(["sms-voice:DescribeAccountAttributes"], ["*"]), []),
    (
        "star-only-action-given-arn",
        stmt(
            ["sms-voice:DescribeAccountAttributes"],
            ["arn:aws:sms-voice:us-east-1:123456789012:pool/p1"],
        ),
        [(WRONG, ("Resource", 0))],
    ),
    ("action-star-reaches-pinpoint", stmt(["*"], ["*"]), [(UNSCOPED, ("Resource", 0))]),
    ("action-star-on-s3", stmt(["*"], ["arn:aws:s3:::b"]), []),
    (
        "unknown-action",
        stmt([Value.of(["mobiletargeting:", Unknown("${Verb}")])], [APP]),
        [(UNREAD, ("Action", 0))],
    ),
]


@pytest.mark.parametrize(
    ("statement", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_statement_findings(statement: Statement, expected: list) -> None:
    assert codes(statement) == expected


def test_only_the_second_statement_is_reported() -> None:
    policy = Policy(
        statements=(
            stmt(["mobiletargeting:GetSegments"], [APP], index=0),
            stmt(["mobiletargeting:GetSegmentz"], [APP], index=1),
        )
    )
    findings = [f for f in analyze([policy]).findings if f.code != EOS]

    assert [(f.code, f.statement, f.path) for f in findings] == [
        (INVALID, 1, ("Action", 0))
    ]


def test_near_miss_message_names_the_real_action() -> None:
    (finding,) = findings_of(stmt(["mobiletargeting:SendMessage"], [APP + "/messages"]))

    assert finding.message == (
        "statement 0: 'mobiletargeting:SendMessage' matches no Pinpoint action; "
        "did you mean mobiletargeting:SendMessages?"
    )


def test_wrong_prefix_message_suggests_the_mobiletargeting_action() -> None:
    (finding,) = findings_of(stmt(["pinpoint:GetSegments"], [APP]))

    assert finding.message.endswith("did you mean mobiletargeting:GetSegments?")


def test_wrong_arn_message_shows_the_expected_shape() -> None:
    (finding,) = findings_of(
        stmt(
            ["mobiletargeting:GetCampaign"],
            ["arn:aws:mobiletargeting:us-east-1:123456789012:campaigns/c1"],
        )
    )

    assert finding.message.endswith(
        "expected a resource like "
        "arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${AppId}/campaigns/*"
    )


def test_unreadable_parts_are_reported_not_passed() -> None:
    from checkov_pinpoint.model import Skipped

    statement = Statement(
        index=0,
        actions=(Value.literal("mobiletargeting:GetApp", ("Action",)),),
        resources=(Value.literal(APP, ("Resource",)),),
        skipped=(Skipped("Resource 1 is the number 5", ("Resource", 1)),),
    )

    assert codes(statement) == [(UNREAD, ("Resource", 1))]


def test_statement_about_other_services_is_not_reported_unreadable() -> None:
    from checkov_pinpoint.model import Skipped

    statement = Statement(
        index=0,
        actions=(Value.literal("s3:GetObject", ("Action",)),),
        skipped=(Skipped("Resource is a Ref to a list parameter", ("Resource",)),),
    )

    assert findings_of(statement) == ()


def test_engine_imports_no_host() -> None:
    import subprocess
    import sys

    code = (
        "import sys, checkov_pinpoint.engine as e, checkov_pinpoint.extract.cloudformation, "
        "checkov_pinpoint.extract.terraform;"
        "from checkov_pinpoint.model import Statement, Value;"
        "e.analyze_statement(Statement(0, actions=(Value.literal('mobiletargeting:GetApp'),)));"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('checkov', 'cfnlint')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert done.stdout.strip() == "[]"


def test_arn_segment_slip_gets_a_did_you_mean() -> None:
    (finding,) = findings_of(
        stmt(
            ["mobiletargeting:GetApp"],
            ["arn:aws:mobiletargeting:us-east-1:123456789012:app/abc"],
        )
    )

    assert "did you mean 'apps/'?" in finding.message


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        # apps/<id>/* alone does not cover apps/<id>: GetSegments is granted nothing.
        ([APP + "/*", APP + "/campaigns/c1"], [(WRONG, ("Action", 0))]),
        ([APP, APP + "/campaigns/c1"], []),
    ],
    ids=["segments-uncovered", "segments-covered"],
)
def test_each_named_action_needs_a_resource_it_can_act_on(resources, expected) -> None:
    statement = stmt(
        ["mobiletargeting:GetSegments", "mobiletargeting:GetCampaign"], resources
    )

    assert codes(statement) == expected


def test_coverage_counts_other_statements_of_the_same_policy() -> None:
    policy = Policy(
        statements=(
            stmt(
                ["mobiletargeting:GetSegments", "mobiletargeting:GetCampaign"],
                [APP + "/campaigns/c1"],
                index=0,
            ),
            stmt(["mobiletargeting:GetSegments"], [APP], index=1),
        )
    )

    assert [
        (f.code, f.statement) for f in analyze([policy]).findings if f.code != EOS
    ] == []


def test_a_pattern_needs_only_one_of_its_actions_covered() -> None:
    statement = stmt(["mobiletargeting:Get*"], [APP + "/campaigns/c1"])

    assert codes(statement) == []


def test_update_endpoints_batch_on_app_star_is_granted_nothing() -> None:
    (finding,) = findings_of(
        stmt(["mobiletargeting:UpdateEndpointsBatch"], [APP + "/*"])
    )

    assert finding.code == WRONG and finding.path == ("Resource", 0)


def test_sender_id_needs_its_country_code() -> None:
    (finding,) = findings_of(
        stmt(
            ["sms-voice:DescribeSenderIds"],
            ["arn:aws:sms-voice:us-east-1:123456789012:sender-id/ACME"],
        )
    )

    assert finding.code == WRONG


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            stmt(
                ["mobiletargeting:GetApps", "mobiletargeting:CreateApp"],
                ["arn:aws:mobiletargeting:us-east-1:123456789012:apps/*"],
            ),
            [],
        ),
        (stmt(["mobiletargeting:ListTemplates"], ["*"]), []),
        (stmt(["mobiletargeting:GetReports"], ["*"]), []),
        (stmt(["sms-voice:SendTextMessage"], ["*"]), []),
        (stmt(["mobiletargeting:Delete*"], ["*"]), [(UNSCOPED, ("Resource", 0))]),
        (
            stmt(
                ["sms-voice:*"],
                ["arn:aws:sms-voice:us-east-1:123456789012:configuration-set/*"],
            ),
            [(UNSCOPED, ("Resource", 0))],
        ),
        (
            stmt(
                ["mobiletargeting:GetApp"],
                ["arn:aws:mobiletargeting:us-east-1:123456789012:*"],
            ),
            [(UNSCOPED, ("Resource", 0))],
        ),
        (
            stmt(
                ["mobiletargeting:*"],
                ["arn:aws:mobiletargeting:us-east-1:123456789012:templates/*"],
            ),
            [(UNSCOPED, ("Resource", 0))],
        ),
    ],
    ids=[
        "collections",
        "list-templates",
        "get-reports",
        "only-optional",
        "delete-star",
        "configuration-sets",
        "account-wide",
        "templates",
    ],
)
def test_wildcards_by_risk(statement: Statement, expected: list) -> None:
    assert codes(statement) == expected


def test_write_access_raises_the_severity() -> None:
    from checkov_pinpoint.model import Severity

    (read,) = findings_of(stmt(["mobiletargeting:GetApp"], ["*"]))
    (write,) = findings_of(stmt(["mobiletargeting:DeleteApp"], ["*"]))

    assert (read.severity, write.severity) == (Severity.LOW, Severity.HIGH)
    assert "(Write access)" in write.message


@pytest.mark.parametrize(
    "statement",
    [
        stmt(["s3:*"], ["*"], action_key="NotAction"),
        stmt(["mobiletargeting:GetApp"], [APP], resource_key="NotResource"),
    ],
    ids=["not-action", "not-resource"],
)
def test_allow_with_negation_is_a_grant_of_everything_else(
    statement: Statement,
) -> None:
    (finding,) = findings_of(statement)

    assert (
        finding.code == UNSCOPED
        and "everything" in finding.message
        or "every" in finding.message
    )


def test_end_of_support_advisory_names_the_date_and_successor() -> None:
    found = [
        f
        for f in analyze_statement(
            stmt(["mobiletargeting:CreateCampaign"], [APP + "/campaigns"])
        )
        if f.code == EOS
    ]

    assert len(found) == 1
    assert "2026-10-30" in found[0].message and "Amazon Connect" in found[0].message


def test_end_of_support_is_silent_for_continuing_features() -> None:
    statement = stmt(
        ["mobiletargeting:SendMessages", "sms-voice:SendTextMessage"],
        [APP + "/messages", "*"],
    )

    assert [f for f in analyze_statement(statement) if f.code == EOS] == []


def test_suggestions_use_the_template_syntax() -> None:
    from checkov_pinpoint.engine.suggest import cloudformation, terraform

    statement = stmt(["mobiletargeting:GetCampaign"], ["*"])
    (cfn,) = [
        f
        for f in analyze(
            [Policy(statements=(statement,))], dialect=cloudformation(("PinpointApp",))
        ).findings
        if f.code == UNSCOPED
    ]
    (tf,) = [
        f
        for f in analyze(
            [Policy(statements=(statement,))], dialect=terraform("main")
        ).findings
        if f.code == UNSCOPED
    ]

    assert cfn.message.endswith(
        "e.g. !Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${PinpointApp}/campaigns/*"
    )
    assert tf.message.endswith('e.g. "${aws_pinpoint_app.main.arn}/campaigns/*"')


def test_a_memo_forgets_everything_when_full() -> None:
    """What the engine remembers about template values stays bounded."""
    from checkov_pinpoint.engine.memo import Memo

    memo: Memo[str, int] = Memo(3)
    for number, key in enumerate("abc"):
        assert memo.remember(key, number) == number
    memo.remember("d", 3)

    assert memo == {"d": 3}
