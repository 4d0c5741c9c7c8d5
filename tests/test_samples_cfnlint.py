"""cfn-lint, run for real with our rules, on the bundled sample templates.

YAML samples carry their expected findings as ``# expect: RULE`` markers on the
offending lines; the JSON twins name the offending text instead, and the line is
looked up in the file. Every match of our rules is compared; cfn-lint's own rules are
included only as far as a rule crash (E0002) fails the run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES, expected_markers, line_of, run_cfnlint

CFN = SAMPLES / "cloudformation"
YAML_SAMPLES = sorted(CFN.glob("*.yaml"))


@pytest.mark.parametrize("sample", YAML_SAMPLES, ids=lambda p: p.name)
def test_yaml_sample_reports_exactly_its_markers(sample: Path) -> None:
    found = sorted((match.rule, match.line) for match in run_cfnlint(sample))

    assert found == sorted(expected_markers(sample))


JSON_EXPECTATIONS = {
    "invalid_action.fail.json": [
        ("E9501", '"mobiletargeting:SendMessage"'),
        ("E9501", '"pinpoint:GetEndpoint"'),
        ("E9501", '"sms-voice:SendTextMesage"'),
        ("E9501", '"mobiletargeting:Get*Widgets"'),
    ],
    "invalid_action.pass.json": [],
    "wrong_arn.fail.json": [
        ("E9502", ":123456789012:campaigns/c1"),
        ("E9502", ":pinpoint:", -1),  # inside {"Fn::Sub": ...}, a line earlier
        ("E9502", ":12345:"),
        ("E9502", "apps/abc/*"),
    ],
    "wrong_arn.pass.json": [],
    "unscoped.fail.json": [
        ("W9503", '"Resource": "*"'),
        ("W9503", '"arn:aws:mobiletargeting:*:*:*"'),
        # The element is the {"Fn::Sub": ...} mapping, which opens a line earlier.
        ("W9503", ":pool/*", -1),
    ],
    "unscoped.pass.json": [],
    # I9504 is informational, off by default: tests/test_end_of_support.py
    "end_of_support.fail.json": [],
}


@pytest.mark.parametrize("name", sorted(JSON_EXPECTATIONS), ids=str)
def test_json_sample_reports_at_offending_lines(name: str) -> None:
    sample = CFN / name
    expected = sorted(
        (rule, line_of(sample, needle) + sum(offset))
        for rule, needle, *offset in JSON_EXPECTATIONS[name]
    )

    found = sorted((match.rule, match.line) for match in run_cfnlint(sample))

    assert found == expected


def test_yaml_and_json_twins_get_the_same_findings() -> None:
    for yaml_sample in YAML_SAMPLES:
        json_sample = yaml_sample.with_suffix(".json")
        by_yaml = sorted((m.rule, m.message) for m in run_cfnlint(yaml_sample))
        by_json = sorted((m.rule, m.message) for m in run_cfnlint(json_sample))
        assert by_yaml == by_json, yaml_sample.name


def test_messages_say_what_is_wrong_and_what_is_right() -> None:
    matches = run_cfnlint(CFN / "invalid_action.fail.yaml")
    messages = {match.message for match in matches}

    assert (
        "statement 1 (Sid 'Send'): 'mobiletargeting:SendMessage' matches no Pinpoint action; "
        "did you mean mobiletargeting:SendMessages?"
    ) in messages
    assert any(
        message.startswith(
            "statement 1 (Sid 'Send'): 'pinpoint:GetEndpoint' uses the prefix 'pinpoint'"
        )
        and "mobiletargeting:GetEndpoint" in message
        for message in messages
    )
