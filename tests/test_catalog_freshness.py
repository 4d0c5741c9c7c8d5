"""A real action is never reported invalid, even one the seed page predates."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, run_cfnlint, run_checkov

from checkov_pinpoint.catalog import Catalog, load_catalog
from checkov_pinpoint.engine import analyze
from checkov_pinpoint.model import Policy, Statement, Value

FRESH = FIXTURES / "fresh_actions"
NEW_ACTIONS = [
    "sms-voice:SendRcsMessage",
    "sms-voice:CarrierLookup",
    "mobiletargeting:GetInAppMessages",
    "mobiletargeting:GetJourneyRuns",
]


def test_cfnlint_reports_nothing_on_actions_newer_than_the_seed() -> None:
    assert run_cfnlint(FRESH / "new_actions.pass.yaml") == []


def test_checkov_passes_actions_newer_than_the_seed() -> None:
    records = run_checkov(FRESH, ("cloudformation", "terraform"))

    assert sorted((r.resource, r.check_id, r.result) for r in records) == sorted(
        (resource, check, "PASSED")
        for resource in (
            "AWS::IAM::ManagedPolicy.NewActionsPolicy",
            "aws_iam_policy_document.new_actions",
        )
        for check in ("CKV_PINPOINT_1", "CKV_PINPOINT_2", "CKV_PINPOINT_3")
    )


@pytest.mark.parametrize("action", NEW_ACTIONS)
def test_cfn_lint_vouches_for_a_name_missing_from_the_bundled_catalog(
    action: str, caplog: pytest.LogCaptureFixture
) -> None:
    prefix, name = action.split(":")
    full = load_catalog()
    trimmed = Catalog(
        tuple(
            e
            for e in full.entries
            if (e.prefix, e.name.lower()) != (prefix, name.lower())
        ),
        full.provenance,
    )
    statement = Statement(
        0,
        actions=(Value.literal(action, ("Action",)),),
        resources=(Value.literal("*", ("Resource",)),),
    )

    assert trimmed.lookup(prefix, name) is None
    with caplog.at_level("DEBUG", logger="checkov_pinpoint"):
        findings = analyze([Policy(statements=(statement,))], catalog=trimmed).findings

    assert [f.code for f in findings] == []
    assert any(
        "cfn-lint" in record.getMessage() and name in record.getMessage()
        for record in caplog.records
    )
