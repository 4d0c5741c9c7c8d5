"""The plugin API, proven through both real hosts and in process.

``test_fixtures/plugin`` holds an installed-looking distribution,
``acme-pinpoint-policy``: a package and its ``*.dist-info`` folder with a
``checkov_pinpoint`` entry point. With that folder on ``PYTHONPATH``,
``importlib.metadata`` sees the distribution and pluggy loads the plugin in
every process, checkov's and cfn-lint's included, with no pip install. The
plugin registers a rule, adds a private action to the catalog, accepts one
wildcard and lowers a severity; each effect is checked against the same
template run without the plugin.

The in-process tests build plugins of their own, register them on a fresh
plugin manager and check that every misbehaviour becomes a ``PluginError``
naming the plugin and the hook.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, checks_dir, host_env, is_ours, line_of, run_cfnlint, tool

from checkov_pinpoint import plugins
from checkov_pinpoint.catalog import load_catalog
from checkov_pinpoint.engine import analyze
from checkov_pinpoint.engine.rules import BUILTIN_RULES, InvalidAction
from checkov_pinpoint.errors import PluginError
from checkov_pinpoint.model import Policy, Severity, Statement, Value
from checkov_pinpoint.plugins import OrganisationPolicy, hookimpl

PLUGIN_DIR = FIXTURES / "plugin"
TEMPLATES = PLUGIN_DIR / "templates"
BUILTIN_CODES = [rule.code for rule in BUILTIN_RULES]
SEND_ON_STAR = (
    "statement 2 (Sid 'Send'): mobiletargeting:SendMessages granted on Resource "
    "'*'; Acme names the project or pool a role sends from"
)


def plugin_env(installed: bool) -> dict[str, str]:
    """The host environment, with the Acme plugin's folder on PYTHONPATH or not."""
    env = host_env()
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # nothing is written into the fixture
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if installed:
        paths.insert(0, str(PLUGIN_DIR))
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


# cfn-lint, for real --------------------------------------------------------------


def run_cfnlint_with(template: Path, installed: bool) -> list[tuple[str, int, str]]:
    """Run cfn-lint with our rules; return (rule, line, message) of ours and Acme's."""
    matches = run_cfnlint(
        template,
        env=plugin_env(installed),
        keep=lambda rule: is_ours(rule) or rule == "E9901",
    )
    return sorted((m.rule, m.line, m.message) for m in matches)


def markers(path: Path, which: str) -> list[tuple[str, int]]:
    """The template's ``with:``/``without:`` markers, as (rule, line) pairs."""
    found = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        comment = line.partition("#")[2]
        matched = re.search(rf"\b{which}:\s*([A-Z0-9, ]+?)(?:\s+\w+:|$)", comment)
        if matched:
            found += [(rule.strip(), number) for rule in matched[1].split(",")]
    return sorted(found)


def test_template_markers_read_as_written() -> None:
    template = TEMPLATES / "acme.yaml"
    send = line_of(template, 'Resource: "*"')

    assert markers(template, "with") == [("E9901", send), ("W9503", send)]
    assert markers(template, "without") == [
        ("E9501", line_of(template, "mobiletargeting:AcmePreviewAction")),
        ("W9503", line_of(template, "111111111111:apps/*")),
        ("W9503", send),
    ]


@pytest.mark.parametrize("which", ["with", "without"])
def test_cfnlint_reports_what_the_template_marks(which: str) -> None:
    template = TEMPLATES / "acme.yaml"

    found = run_cfnlint_with(template, installed=which == "with")

    assert [(rule, line) for rule, line, _ in found] == markers(template, which)


def test_cfnlint_reports_the_plugin_rule_message() -> None:
    found = run_cfnlint_with(TEMPLATES / "acme.yaml", installed=True)

    assert [(rule, message) for rule, _, message in found if rule == "E9901"] == [
        ("E9901", SEND_ON_STAR)
    ]


# checkov, for real ---------------------------------------------------------------

CHECKS = "CKV_PINPOINT_1,CKV_PINPOINT_2,CKV_PINPOINT_3,CKV_ACME_1"
CFN_ROLE = "AWS::IAM::Role.AcmeRole"
TF_DOC = "aws_iam_policy_document.acme"
CFN_AT = "Properties.Policies.0.PolicyDocument.Statement"
SCOPE_SEND_CFN = (
    "!Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:"
    "apps/${PinpointApp}/messages"
)
SCOPE_APP_CFN = (
    "!Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:"
    "apps/${PinpointApp}"
)
SEND_UNSCOPED = (
    "statement 2 (Sid 'Send'): Resource '*' grants mobiletargeting:SendMessages "
    "(Write access) on every project; scope it, e.g. "
)
SANDBOX_UNSCOPED = (
    "statement 1 (Sid 'Sandbox'): Resource "
    "'arn:aws:mobiletargeting:us-east-1:111111111111:apps/*' grants "
    "mobiletargeting:GetApp (Read access) on every project; scope it, e.g. "
)
PREVIEW_INVALID = (
    "statement 0 (Sid 'Preview'): 'mobiletargeting:AcmePreviewAction' matches no "
    "Pinpoint action"
)


def run_checkov(installed: bool, cwd: Path) -> list[tuple[str, ...]]:
    """Run checkov on both Acme templates; return (check, resource, verdict, findings)."""
    done = subprocess.run(
        [
            tool("checkov"),
            "--directory",
            str(TEMPLATES),
            "--framework",
            "cloudformation",
            "terraform",
            "--external-checks-dir",
            checks_dir(),
            "--check",
            CHECKS,
            "--skip-download",
            "--output",
            "json",
        ],
        capture_output=True,
        text=True,
        env=plugin_env(installed),
        cwd=cwd,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr[-3000:]
    reports = json.loads(done.stdout)
    records = []
    for report in reports if isinstance(reports, list) else [reports]:
        for kind in ("failed_checks", "passed_checks", "skipped_checks"):
            for record in report["results"][kind]:
                _, _, findings = record["check_name"].partition(": ")
                records.append(
                    (
                        record["check_id"],
                        record["resource"],
                        record["check_result"]["result"],
                        *(findings.split(" • ") if findings else ()),
                    )
                )
    return sorted(records)


CHECKOV_EXPECTED = {
    "with": [
        (
            "CKV_ACME_1",
            CFN_ROLE,
            "FAILED",
            f"{SEND_ON_STAR} [at {CFN_AT}.2.Resource]",
        ),
        (
            "CKV_ACME_1",
            TF_DOC,
            "FAILED",
            f"{SEND_ON_STAR} [at statement.2.resources.0]",
        ),
        ("CKV_PINPOINT_1", CFN_ROLE, "PASSED"),
        ("CKV_PINPOINT_1", TF_DOC, "PASSED"),
        ("CKV_PINPOINT_2", CFN_ROLE, "PASSED"),
        ("CKV_PINPOINT_2", TF_DOC, "PASSED"),
        (
            "CKV_PINPOINT_3",
            CFN_ROLE,
            "FAILED",
            f"{SEND_UNSCOPED}{SCOPE_SEND_CFN} [at {CFN_AT}.2.Resource]",
        ),
        (
            "CKV_PINPOINT_3",
            TF_DOC,
            "FAILED",
            f'{SEND_UNSCOPED}"${{aws_pinpoint_app.APP.arn}}/messages" '
            "[at statement.2.resources.0]",
        ),
    ],
    "without": [
        (
            "CKV_PINPOINT_1",
            CFN_ROLE,
            "FAILED",
            f"{PREVIEW_INVALID} [at {CFN_AT}.0.Action]",
        ),
        (
            "CKV_PINPOINT_1",
            TF_DOC,
            "FAILED",
            f"{PREVIEW_INVALID} [at statement.0.actions.0]",
        ),
        ("CKV_PINPOINT_2", CFN_ROLE, "PASSED"),
        ("CKV_PINPOINT_2", TF_DOC, "PASSED"),
        (
            "CKV_PINPOINT_3",
            CFN_ROLE,
            "FAILED",
            f"{SANDBOX_UNSCOPED}{SCOPE_APP_CFN} [at {CFN_AT}.1.Resource]",
            f"{SEND_UNSCOPED}{SCOPE_SEND_CFN} [at {CFN_AT}.2.Resource]",
        ),
        (
            "CKV_PINPOINT_3",
            TF_DOC,
            "FAILED",
            f'{SANDBOX_UNSCOPED}"${{aws_pinpoint_app.APP.arn}}" '
            "[at statement.1.resources.0]",
            f'{SEND_UNSCOPED}"${{aws_pinpoint_app.APP.arn}}/messages" '
            "[at statement.2.resources.0]",
        ),
    ],
}


@pytest.mark.parametrize("which", sorted(CHECKOV_EXPECTED))
def test_checkov_verdicts(which: str, tmp_path: Path) -> None:
    found = run_checkov(installed=which == "with", cwd=tmp_path)

    assert found == sorted(CHECKOV_EXPECTED[which])


# In process: the fixture plugin through its entry point ---------------------------


@pytest.fixture
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Forget the plugin manager before and after; write no bytecode meanwhile."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    plugins.reset()
    yield
    plugins.reset()


@pytest.fixture
def acme(fresh_plugins: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Put the Acme distribution on sys.path, as PYTHONPATH does for the hosts."""
    monkeypatch.syspath_prepend(str(PLUGIN_DIR))


def statement(action: str, resource: str, sid: str = "S") -> Policy:
    """A one-statement policy granting ``action`` on ``resource``."""
    return Policy(
        statements=(
            Statement(
                index=0,
                sid=sid,
                actions=(Value.literal(action, ("Action",)),),
                resources=(Value.literal(resource, ("Resource",)),),
            ),
        )
    )


def test_fixture_plugin_is_found_through_its_entry_point(acme: None) -> None:
    names = [name for name, _ in plugins.get_plugin_manager().list_name_plugin()]

    assert names == ["checkov_pinpoint.builtin", "acme"]
    assert [rule.code for rule in plugins.registered_rules()] == [
        *BUILTIN_CODES,
        "ACME_NO_SEND_ON_STAR",
    ]
    assert plugins.organisation_policy() == OrganisationPolicy(
        ("arn:aws:mobiletargeting:*:111111111111:apps/*",),
        {"PINPOINT_UNSCOPED_WILDCARD": Severity.LOW},
    )
    assert plugins.effective_catalog().lookup("mobiletargeting", "AcmePreviewAction")


def test_fixture_plugin_policy_shapes_the_findings(acme: None) -> None:
    sandbox = "arn:aws:mobiletargeting:us-east-1:111111111111:apps/*"
    elsewhere = "arn:aws:mobiletargeting:us-east-1:222222222222:apps/*"

    found = analyze(
        [
            statement("mobiletargeting:SendMessages", "*", "Send"),
            statement("mobiletargeting:GetApp", sandbox, "Sandbox"),
            statement("mobiletargeting:GetApp", elsewhere, "Elsewhere"),
            statement(
                "mobiletargeting:AcmePreviewAction", sandbox[:-1] + "abc", "Preview"
            ),
        ]
    ).findings

    assert [(f.code, f.severity, f.sid) for f in found] == [
        ("PINPOINT_UNSCOPED_WILDCARD", Severity.LOW, "Send"),
        ("ACME_NO_SEND_ON_STAR", Severity.HIGH, "Send"),
        ("PINPOINT_UNSCOPED_WILDCARD", Severity.LOW, "Elsewhere"),
    ]


# In process: plugins that misbehave ------------------------------------------------


class Answers:
    """A plugin whose every hook returns a canned answer, or raises it."""

    def __init__(
        self,
        rules: object = None,
        entries: object = None,
        policy: object = None,
    ) -> None:
        self.answers = {"rules": rules, "entries": entries, "policy": policy}

    def _give(self, key: str) -> Any:
        answer = self.answers[key]
        if isinstance(answer, BaseException):
            raise answer
        return answer

    @hookimpl
    def pinpoint_register_rules(self) -> Any:
        return self._give("rules")

    @hookimpl
    def pinpoint_catalog_entries(self) -> Any:
        return self._give("entries")

    @hookimpl
    def pinpoint_organisation_policy(self) -> Any:
        return self._give("policy")


def install(*named: tuple[str, Answers]) -> None:
    """Register plugin objects on the fresh plugin manager, in order."""
    manager = plugins.get_plugin_manager()
    for name, plugin in named:
        manager.register(plugin, name=name)


class Duplicate(InvalidAction):
    """A rule that reuses a built-in rule's code."""


class Other:
    """A minimal rule of another plugin."""

    code = "ACME_OTHER"

    def findings(self, view: object) -> Iterator[object]:
        return iter(())


#: hook keyword → (the accessor that calls the hook, the hook's name)
HOOKS: dict[str, tuple[Callable[[], object], str]] = {
    "rules": (plugins.registered_rules, "pinpoint_register_rules"),
    "entries": (plugins.effective_catalog, "pinpoint_catalog_entries"),
    "policy": (plugins.organisation_policy, "pinpoint_organisation_policy"),
}


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_plugin_raising_in_a_hook_is_named_with_the_hook(
    fresh_plugins: None, hook: str
) -> None:
    accessor, hook_name = HOOKS[hook]
    install(("broken", Answers(**{hook: RuntimeError("boom")})))

    with pytest.raises(PluginError) as raised:
        accessor()

    assert str(raised.value) == (
        f"plugin 'broken' failed in {hook_name}: RuntimeError('boom')"
    )


def test_rule_code_already_built_in_is_refused(fresh_plugins: None) -> None:
    install(("dup", Answers(rules=[Duplicate()])))

    with pytest.raises(PluginError) as raised:
        plugins.registered_rules()

    assert str(raised.value) == (
        "plugin 'dup' registered rule code 'PINPOINT_INVALID_ACTION' in "
        "pinpoint_register_rules, already registered by 'checkov_pinpoint.builtin'"
    )


def test_rule_code_of_another_plugin_is_refused(fresh_plugins: None) -> None:
    install(("first", Answers(rules=[Other()])), ("second", Answers(rules=[Other()])))

    with pytest.raises(PluginError) as raised:
        plugins.registered_rules()

    assert str(raised.value) == (
        "plugin 'second' registered rule code 'ACME_OTHER' in "
        "pinpoint_register_rules, already registered by 'first'"
    )


def test_unknown_severity_name_is_refused(fresh_plugins: None) -> None:
    install(
        ("strict", Answers(policy={"severity_overrides": {"ACME_OTHER": "critical"}})),
        ("other", Answers(rules=[Other()])),
    )

    with pytest.raises(PluginError) as raised:
        plugins.organisation_policy()

    assert str(raised.value) == (
        "plugin 'strict' pinpoint_organisation_policy severity_overrides gives "
        "severity 'critical' for 'ACME_OTHER'; expected one of INFO, LOW, MEDIUM, HIGH"
    )


def _entry(**changes: object) -> dict[str, object]:
    """The bundled catalog entry of mobiletargeting:GetSegments, changed."""
    (row,) = [
        row
        for row in load_catalog().to_json()
        if row["action"] == "mobiletargeting:GetSegments"
    ]
    return {**row, **changes}


MALFORMED: dict[str, tuple[Answers, Callable[[], object], str]] = {
    "rules-not-a-list": (
        Answers(rules=Other()),
        plugins.registered_rules,
        "plugin 'bad' returned Other ",
    ),
    "rule-without-findings": (
        Answers(rules=["ACME_OTHER"]),
        plugins.registered_rules,
        "plugin 'bad' returned 'ACME_OTHER' from pinpoint_register_rules, which has "
        "no 'code' or no 'findings' method",
    ),
    "entry-not-an-object": (
        Answers(entries=["mobiletargeting:AcmePreviewAction"]),
        plugins.effective_catalog,
        "plugin 'bad' pinpoint_catalog_entries item 0: is str, expected an object in "
        "the format of 'checkov-pinpoint catalog --json'",
    ),
    "entry-missing-keys": (
        Answers(entries=[{"action": "mobiletargeting:AcmePreviewAction"}]),
        plugins.effective_catalog,
        "plugin 'bad' pinpoint_catalog_entries item 0: keys differ from the "
        "documented ones (missing ['access_level', 'condition_keys', 'family', "
        "'method', 'optional_resources', 'provenance', 'required_resources', "
        "'resources', 'retired', 'source', 'uri'], unknown [])",
    ),
    "policy-not-a-mapping": (
        Answers(policy=["arn:aws:mobiletargeting:*:111111111111:apps/*"]),
        plugins.organisation_policy,
        "plugin 'bad' pinpoint_organisation_policy returned list ",
    ),
    "policy-unknown-key": (
        Answers(policy={"allowed_wildcards": ["*"]}),
        plugins.organisation_policy,
        "plugin 'bad' pinpoint_organisation_policy returned unknown keys "
        "['allowed_wildcards']; expected keys among allowed_wildcard_resources, "
        "severity_overrides",
    ),
    "policy-wildcards-not-a-list": (
        Answers(policy={"allowed_wildcard_resources": "arn:aws:mobiletargeting:*"}),
        plugins.organisation_policy,
        "plugin 'bad' gave allowed_wildcard_resources 'arn:aws:mobiletargeting:*' in "
        "pinpoint_organisation_policy; expected a list of strings",
    ),
    "policy-unknown-rule-code": (
        Answers(policy={"severity_overrides": {"PINPOINT_WILDCARD": "low"}}),
        plugins.organisation_policy,
        "plugin 'bad' pinpoint_organisation_policy severity_overrides names rule "
        "code 'PINPOINT_WILDCARD', which no plugin registered; expected one of "
        + ", ".join(sorted(BUILTIN_CODES)),
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED), ids=str)
def test_malformed_answer_is_refused_naming_the_plugin(
    fresh_plugins: None, case: str
) -> None:
    plugin, accessor, message = MALFORMED[case]
    install(("bad", plugin))

    with pytest.raises(PluginError) as raised:
        accessor()

    assert str(raised.value).startswith(message)


def test_catalog_entry_replaces_the_bundled_one(fresh_plugins: None) -> None:
    install(("extended-support", Answers(entries=[_entry(retired=None)])))
    policy = statement(
        "mobiletargeting:GetSegments",
        "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc",
    )

    assert analyze([policy]).findings == ()
    assert plugins.effective_catalog().provenance["plugin_entries"] == [
        "mobiletargeting:GetSegments (pinpoint) from extended-support"
    ]


# In process: distributions that fail to load ---------------------------------------


def make_distribution(root: Path, module: str, source: str) -> None:
    """Write an installed-looking distribution whose entry point is ``module``."""
    (root / f"{module}.py").write_text(textwrap.dedent(source))
    info = root / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n"
    )
    (info / "entry_points.txt").write_text(f"[checkov_pinpoint]\n{module} = {module}\n")


@pytest.fixture
def distributions(
    fresh_plugins: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A folder on sys.path for distributions made by the test; forgotten after."""
    monkeypatch.syspath_prepend(str(tmp_path))
    before = set(sys.modules)
    yield tmp_path
    for name in set(sys.modules) - before:
        if name.startswith("pinpoint_test_"):
            del sys.modules[name]


def test_plugin_that_fails_to_import_is_named(distributions: Path) -> None:
    make_distribution(
        distributions, "pinpoint_test_broken", "raise ImportError('no licence key')\n"
    )

    with pytest.raises(PluginError) as raised:
        plugins.get_plugin_manager()

    assert str(raised.value) == (
        "plugin 'pinpoint_test_broken' (entry point 'pinpoint_test_broken' in group "
        "'checkov_pinpoint') failed to load: ImportError('no licence key')"
    )


def test_plugin_with_a_misspelt_hook_is_named(distributions: Path) -> None:
    make_distribution(
        distributions,
        "pinpoint_test_misspelt",
        """
        from checkov_pinpoint.plugins import hookimpl

        @hookimpl
        def pinpoint_register_rule():
            return []
        """,
    )

    with pytest.raises(PluginError) as raised:
        plugins.get_plugin_manager()

    assert str(raised.value).startswith(
        "plugin 'pinpoint_test_misspelt' implements a hook that checkov-pinpoint "
        "does not define (unknown hook 'pinpoint_register_rule' in plugin "
    )
    assert str(raised.value).endswith(
        "; expected only pinpoint_catalog_entries, pinpoint_organisation_policy, "
        "pinpoint_register_rules"
    )
