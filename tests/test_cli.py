"""The ``checkov-pinpoint`` command, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, tool


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("checkov-pinpoint"), *args], capture_output=True, text=True, timeout=120
    )


def seed_names() -> set[str]:
    """Every action name in the seed document, read without the generator."""
    import re

    text = (ROOT / "test_fixtures" / "catalog" / "pinpoint-iam-actions.md").read_text()
    return set(
        re.findall(
            r"^\**`((?:mobiletargeting|sms-voice):[A-Za-z]+)`\**\s*$", text, re.M
        )
    )


def test_checks_dir_is_a_loadable_checkov_directory() -> None:
    done = cli("checks-dir")
    directory = Path(done.stdout.strip())

    assert done.returncode == 0
    assert sorted(p.name for p in directory.glob("*.py")) == [
        "__init__.py",
        "checkov_pinpoint_checks.py",
    ]
    assert not list(directory.glob("*.json")) and not list(directory.glob("*.yaml"))


def test_catalog_json_lists_every_seed_action_and_more() -> None:
    rows = json.loads(cli("catalog", "--json").stdout)
    actions = {row["action"] for row in rows}
    by_prefix = {
        prefix: {a for a in actions if a.startswith(prefix + ":")}
        for prefix in ("mobiletargeting", "sms-voice")
    }

    assert seed_names() <= actions
    assert len(seed_names()) == 162
    assert (
        len(by_prefix["mobiletargeting"]) >= 123,
        len(by_prefix["sms-voice"]) >= 115,
    ) == (True, True)
    required_keys = {
        "action",
        "family",
        "resources",
        "method",
        "uri",
        "source",
        "access_level",
        "required_resources",
        "optional_resources",
        "condition_keys",
        "retired",
    }
    assert all(required_keys <= set(row) for row in rows)


def test_catalog_json_row_for_get_segments() -> None:
    rows = json.loads(cli("catalog", "--json").stdout)
    (row,) = [r for r in rows if r["action"] == "mobiletargeting:GetSegments"]

    assert row["family"] == "pinpoint"
    assert (
        "arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${ProjectId}"
        in row["resources"]
        or (
            "arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${AppId}"
            in row["resources"]
        )
    )
    assert row["method"] == "GET"
    assert row["retired"]["date"] == "2026-10-30"


def test_v1_actions_say_star() -> None:
    rows = json.loads(cli("catalog", "--json", "--family", "sms-voice-v1").stdout)

    assert {row["action"] for row in rows} >= {
        "sms-voice:SendVoiceMessage",
        "sms-voice:CreateConfigurationSet",
    }
    assert all(row["resources"] == ["*"] for row in rows)


@pytest.mark.parametrize(
    ("arguments", "expected_first", "expected_count"),
    [
        (
            ("--prefix", "sms-voice", "--access-level", "Permissions management"),
            "sms-voice:",
            2,
        ),
        (("--family", "sms-voice-v1"), "sms-voice:", 8),
    ],
    ids=["permissions-management", "v1"],
)
def test_catalog_table_filters(
    arguments: tuple[str, ...], expected_first: str, expected_count: int
) -> None:
    lines = cli("catalog", *arguments).stdout.splitlines()

    assert lines[0].startswith("ACTION")
    assert lines[-1] == f"{expected_count} entries"
    assert lines[1].startswith(expected_first)


def test_explain_an_action() -> None:
    out = cli("explain", "mobiletargeting:getcampaign").stdout

    assert out.splitlines()[0] == "mobiletargeting:GetCampaign"
    assert "  needs '*':     no" in out
    assert (
        "  CloudFormation example: !Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:"
        "${AWS::AccountId}:apps/APP_ID/campaigns/*"
    ) in out
    assert '  Terraform example:      "${aws_pinpoint_app.APP.arn}/campaigns/*"' in out
    assert "end of support: 2026-10-30" in out


def test_explain_a_pattern_lists_every_match() -> None:
    out = cli("explain", "mobiletargeting:Delete*Channel").stdout

    assert out.splitlines()[0] == "'mobiletargeting:Delete*Channel' matches 10 actions:"
    assert "  mobiletargeting:DeleteSmsChannel" in out


def test_explain_an_unknown_action_fails() -> None:
    done = cli("explain", "mobiletargeting:SendMessage")

    assert (done.returncode, done.stdout.strip()) == (
        1,
        "'mobiletargeting:SendMessage' matches no Pinpoint action in the catalog.",
    )


@pytest.mark.parametrize(
    "name",
    ["", "mobiletargeting:GetApplicationDateRange\u212api"],
    ids=["empty", "kelvin-sign"],
)
def test_explain_refuses_what_is_no_iam_name(name: str) -> None:
    """Not every action (the empty pattern), and not the real one (a lookalike K)."""
    done = cli("explain", name)

    assert done.returncode == 1
    assert done.stdout.startswith(f"{ascii(name)} is not an IAM action name or pattern")


def test_catalog_filters_name_their_choices() -> None:
    done = cli("catalog", "--family", "pinpiont")

    assert done.returncode == 2
    assert "invalid choice: 'pinpiont'" in done.stderr
    assert (
        cli("catalog", "--access-level", "read").stdout.splitlines()[-1]
        == (cli("catalog", "--access-level", "Read").stdout.splitlines()[-1])
    )


def test_catalog_into_a_closed_pipe_is_quiet() -> None:
    """``checkov-pinpoint catalog --json | head -1``: no traceback when head exits."""
    with subprocess.Popen(
        [tool("checkov-pinpoint"), "catalog", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(1) == b"["
        process.stdout.close()
        errors = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0
    assert errors == ""
