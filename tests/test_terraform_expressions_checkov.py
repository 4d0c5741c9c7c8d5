"""checkov, run for real, on Terraform expressions it hands over unevaluated.

``test_fixtures/terraform/conditionals/main.tf`` holds conditionals, whose
results are each judged, and function calls that build Pinpoint actions,
which must be reported as not evaluated instead of passing.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, CheckovResult, run_checkov

P, F, S = "PASSED", "FAILED", "SKIPPED"
_CHECKS = ("CKV_PINPOINT_1", "CKV_PINPOINT_2", "CKV_PINPOINT_3")


@pytest.fixture(scope="module")
def records() -> list[CheckovResult]:
    return run_checkov(FIXTURES / "terraform" / "conditionals", ("terraform",))


def _verdicts(resource: str, *results: str) -> list[tuple[str, str, str]]:
    return [
        (check, resource, result)
        for check, result in zip(_CHECKS, results, strict=True)
    ]


def test_every_result_of_a_conditional_is_judged(
    records: list[CheckovResult],
) -> None:
    table = sorted((r.check_id, r.resource, r.result) for r in records)

    assert table == sorted(
        _verdicts("aws_iam_policy.both_fine", P, P, P)
        + _verdicts("aws_iam_policy.concat", S, S, S)
        + _verdicts("aws_iam_policy.cond", F, P, P)
        + _verdicts("aws_iam_policy.condres", P, F, F)
        + _verdicts("aws_iam_policy.format", S, S, S)
    )


def test_failures_name_the_result(records: list[CheckovResult]) -> None:
    details = {(r.check_id, r.resource): r.details for r in records if r.result == F}

    assert details == {
        ("CKV_PINPOINT_1", "aws_iam_policy.cond"): (
            "statement 0: 'mobiletargeting:SendMessage' matches no Pinpoint action;"
            " did you mean mobiletargeting:SendMessages? [at policy.Statement.0.Action]",
        ),
        ("CKV_PINPOINT_2", "aws_iam_policy.condres"): (
            "statement 0: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc/*'"
            " is not an ARN that mobiletargeting:GetApp can act on; expected a"
            ' resource like "${aws_pinpoint_app.APP.arn}"'
            " [at policy.Statement.0.Resource]",
        ),
        ("CKV_PINPOINT_3", "aws_iam_policy.condres"): (
            "statement 0: Resource '*' grants mobiletargeting:GetApp (Read access)"
            ' on every project; scope it, e.g. "${aws_pinpoint_app.APP.arn}"'
            " [at policy.Statement.0.Resource]",
        ),
    }


@pytest.mark.parametrize(
    ("resource", "expression"),
    [
        ("aws_iam_policy.concat", "\"${concat(['mobiletargeting:SendMessage'],[])}\""),
        ("aws_iam_policy.format", '\'${format("mobiletargeting:%s","SendMessage")}\''),
    ],
)
def test_unevaluated_calls_are_skipped_with_a_reason(
    records: list[CheckovResult], resource: str, expression: str
) -> None:
    reasons = {r.skip_reason for r in records if r.resource == resource}

    assert reasons == {
        f"statement 0: not evaluated: Action is built by the Terraform expression"
        f" {expression}, which checkov could not evaluate; the Pinpoint action or"
        " ARN it builds is not checked"
    }
