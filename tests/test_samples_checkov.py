"""checkov, run for real with our external checks, on the bundled sample templates.

Each sample's every Pinpoint result is compared: which check, which resource,
which verdict. Resources that have nothing to do with Pinpoint get no result.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLES, run_checkov

P, F = "PASSED", "FAILED"


def verdicts(
    resource: str, first: str, second: str, third: str
) -> list[tuple[str, str, str]]:
    return [
        ("CKV_PINPOINT_1", resource, first),
        ("CKV_PINPOINT_2", resource, second),
        ("CKV_PINPOINT_3", resource, third),
    ]


CFN_EXPECTED = {
    "invalid_action.fail": verdicts("AWS::IAM::ManagedPolicy.SmsPolicy", F, P, P)
    + verdicts("AWS::IAM::Role.SenderRole", F, P, P),
    "invalid_action.pass": verdicts("AWS::IAM::Policy.SenderPolicy", P, P, P),
    "wrong_arn.fail": verdicts("AWS::IAM::ManagedPolicy.CampaignPolicy", P, F, P),
    "wrong_arn.pass": verdicts("AWS::IAM::ManagedPolicy.CampaignPolicy", P, P, P),
    "unscoped.fail": verdicts("AWS::IAM::Group.MarketingGroup", P, P, F)
    + verdicts("AWS::IAM::User.OpsUser", P, P, F),
    "unscoped.pass": verdicts("AWS::IAM::Role.VoiceRole", P, P, P),
    "end_of_support.fail": verdicts("AWS::IAM::ManagedPolicy.MarketingPolicy", P, P, P)
    + verdicts("AWS::IAM::Role.SenderRole", P, P, P),
}

TF_EXPECTED = {
    "invalid_action.fail": verdicts("aws_iam_policy_document.sms", F, P, P)
    + verdicts("aws_iam_role_policy.send", F, P, P),
    "invalid_action.pass": verdicts("aws_iam_policy.send", P, P, P),
    "wrong_arn.fail": verdicts("aws_iam_policy.campaigns", P, F, P)
    + verdicts("aws_iam_policy_document.settings", P, F, P),
    "wrong_arn.pass": verdicts("aws_iam_policy_document.campaigns", P, P, P),
    "unscoped.fail": verdicts("aws_iam_group_policy.marketing", P, P, F)
    + verdicts("aws_iam_user_policy.ops", P, P, F),
    "unscoped.pass": verdicts("aws_iam_policy_document.voice", P, P, P),
    "end_of_support.fail": verdicts("aws_iam_policy.marketing", P, P, P)
    + verdicts("aws_iam_policy_document.send", P, P, P),
}


def _table(records: list) -> list[tuple[str, str, str]]:
    return sorted((r.check_id, r.resource, r.result) for r in records)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("stem", sorted(CFN_EXPECTED))
def test_cloudformation_sample(stem: str, suffix: str) -> None:
    records = run_checkov(
        SAMPLES / "cloudformation" / f"{stem}{suffix}", ("cloudformation",)
    )

    assert _table(records) == sorted(CFN_EXPECTED[stem])


@pytest.mark.parametrize("stem", sorted(TF_EXPECTED))
def test_terraform_sample(stem: str) -> None:
    records = run_checkov(SAMPLES / "terraform" / f"{stem}.tf", ("terraform",))

    assert _table(records) == sorted(TF_EXPECTED[stem])


def test_terraform_failures_carry_the_explanation() -> None:
    records = run_checkov(
        SAMPLES / "terraform" / "invalid_action.fail.tf", ("terraform",)
    )
    failed = [
        r for r in records if r.result == F and r.resource == "aws_iam_role_policy.send"
    ]

    assert len(failed) == 1
    assert failed[0].details == (
        "statement 1 (Sid 'Send'): 'mobiletargeting:SendMessage' matches no Pinpoint action; "
        "did you mean mobiletargeting:SendMessages? [at policy.Statement.1.Action.0]",
        failed[0].details[1],
    )
    assert (
        failed[0]
        .details[1]
        .startswith(
            "statement 1 (Sid 'Send'): 'pinpoint:GetEndpoint' uses the prefix 'pinpoint'"
        )
    )
