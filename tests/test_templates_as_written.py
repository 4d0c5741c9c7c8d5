"""Templates as people write them: intrinsics, SSO permission sets, SAM policies.

Each fixture under ``test_fixtures/intrinsics/`` carries its expected cfn-lint
findings as ``# expect: RULE`` markers on the offending lines (inside ``Fn::If``
branches too). The same files go through the real checkov, and its verdicts must
agree with cfn-lint's: a resource fails a check exactly when a marker of the
matching cfn-lint rule lies within that resource's lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, expected_markers, run_cfnlint, run_checkov

INTRINSICS = FIXTURES / "intrinsics"
TEMPLATES = sorted(INTRINSICS.glob("*.yaml"))
CHECKOV_FOR = {
    "E9501": "CKV_PINPOINT_1",
    "E9502": "CKV_PINPOINT_2",
    "W9503": "CKV_PINPOINT_3",
}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_cfnlint_reports_exactly_the_marked_lines(template: Path) -> None:
    found = sorted((match.rule, match.line) for match in run_cfnlint(template))

    assert found == sorted(expected_markers(template))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_checkov_agrees_with_cfnlint(template: Path) -> None:
    markers = expected_markers(template)
    records = run_checkov(template, ("cloudformation",))

    checks_by_resource = {
        resource: sorted(r.check_id for r in records if r.resource == resource)
        for resource in {r.resource for r in records}
    }
    assert checks_by_resource, "every fixture holds Pinpoint policies"
    assert all(
        checks == sorted(CHECKOV_FOR.values()) for checks in checks_by_resource.values()
    )
    for record in records:
        first, last = record.lines
        rules = {rule for rule, line in markers if first <= line <= last}
        if any(CHECKOV_FOR.get(r) == record.check_id for r in rules):
            expected = "FAILED"
        elif "W9500" in rules:
            expected = "SKIPPED"  # not evaluated: visible, with its reason
        else:
            expected = "PASSED"
        assert (record.resource, record.check_id, record.result) == (
            record.resource,
            record.check_id,
            expected,
        )


def test_a_typo_inside_an_if_branch_is_located_at_that_branch() -> None:
    template = INTRINSICS / "if_branches.fail.yaml"
    (match,) = [m for m in run_cfnlint(template) if "GetSegmentz" in m.message]

    assert (match.rule, match.line, match.column) == ("E9501", 29, 23)
    assert tuple(match.path[-4:]) == ("Action", 1, "Fn::If", 1)


def test_a_lookalike_colon_is_shown_escaped_with_the_real_name() -> None:
    template = INTRINSICS / "action_text.fail.yaml"
    messages = sorted(m.message for m in run_cfnlint(template))

    assert messages == [
        "statement 0: 'mobiletargetingGetCampaign' matches no Pinpoint action; "
        "did you mean mobiletargeting:GetCampaign or mobiletargeting:GetCampaigns?",
        "statement 0: 'mobiletargeting\\uff1aGetApp' matches no Pinpoint action; "
        "did you mean mobiletargeting:GetApp?",
    ]


def test_sub_built_from_getatt_is_shown_as_written() -> None:
    template = INTRINSICS / "sso_sam.fail.yaml"
    (match,) = [m for m in run_cfnlint(template) if m.rule == "E9502"]

    assert match.message.startswith(
        "statement 0: '${PinpointApp.Arn}/segments/*' is not an ARN that "
        "mobiletargeting:GetSegments can act on"
    )


def test_unevaluated_policies_are_skipped_with_their_reason() -> None:
    records = run_checkov(INTRINSICS / "unknown.skip.yaml", ("cloudformation",))
    reasons = {
        r.resource: r.skip_reason for r in records if r.check_id == "CKV_PINPOINT_1"
    }

    assert reasons == {
        "AWS::IAM::ManagedPolicy.ImportedPolicy": "policy: not evaluated: the policy document is a Fn::ImportValue, whose content is only known at deploy time",
        "AWS::IAM::ManagedPolicy.ListPolicy": "statement 0: not evaluated: the list comes from parameter 'ExtraActions' and is only known at deploy time",
        "AWS::IAM::ManagedPolicy.NumberPolicy": "statement 0: not evaluated: expected a string, found the number 42",
        "AWS::IAM::ManagedPolicy.PartialPolicy": "statement 0: not evaluated: the action 'mobiletargeting:${Verb}Segments' is only known at deploy time, so which Pinpoint action it grants is not checked",
        "AWS::IAM::ManagedPolicy.ImportedActionPolicy": "statement 0: not evaluated: the action 'Fn::ImportValue' is only known at deploy time, so whether it grants a Pinpoint action is not checked",
        "AWS::IAM::ManagedPolicy.StringParameterActionPolicy": "statement 0: not evaluated: the action '${Verb}' is only known at deploy time, so whether it grants a Pinpoint action is not checked",
    }
