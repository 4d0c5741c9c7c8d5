"""The analysis engine: statements in, findings out, for every host and format.

The engine imports neither checkov nor cfn-lint. Host adapters call
:func:`analyze` with the policies an extractor read and turn the resulting
:class:`Analysis` into their own verdicts.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from checkov_pinpoint.catalog import Catalog
from checkov_pinpoint.engine.suggest import GENERIC, Dialect
from checkov_pinpoint.model import Finding, Policy, Skipped, Statement

__all__ = ["Analysis", "analyze", "analyze_statement"]


@dataclass(frozen=True)
class Analysis:
    """The engine's answer for a set of policies.

    Attributes:
        findings: Every finding, in policy, statement and rule order.
        touches_pinpoint: True when any statement is about Pinpoint at all; a
            resource whose policies never mention Pinpoint gets no verdict.
        skipped: Policy-level parts that could not be read, with reasons.
    """

    findings: tuple[Finding, ...]
    touches_pinpoint: bool
    skipped: tuple[Skipped, ...] = ()

    def with_code(self, code: str) -> tuple[Finding, ...]:
        """Return the findings of one rule code."""
        return tuple(finding for finding in self.findings if finding.code == code)


def analyze(
    policies: Iterable[Policy],
    catalog: Catalog | None = None,
    rules: Sequence[Any] | None = None,
    dialect: Dialect = GENERIC,
) -> Analysis:
    """Run every rule over every statement of ``policies``.

    Args:
        policies: Policies as an extractor read them.
        catalog: The catalog to judge against; the bundled one (with any
            plugin additions) by default.
        rules: The rules to run; the registered rules by default.
        dialect: How suggested resources are written (CloudFormation,
            Terraform, or generic ARN patterns).
    """
    from checkov_pinpoint.engine.context import view_statement
    from checkov_pinpoint.plugins import (
        effective_catalog,
        organisation_policy,
        registered_rules,
    )

    catalog = catalog or effective_catalog()
    _prepare_matching(catalog)
    active = registered_rules() if rules is None else rules
    organisation = organisation_policy()
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    touches = False
    for policy in policies:
        skipped.extend(policy.skipped)
        findings.extend(_unread_policy_findings(policy))
        views = [
            view_statement(statement, catalog, dialect, organisation.allowed_wildcards)
            for statement in policy.statements
        ]
        touches = touches or any(view.touches_pinpoint for view in views)
        for rule in active:
            for view in views:
                findings.extend(rule.findings(view))
            findings.extend(rule.policy_findings(views))
    return Analysis(tuple(organisation.apply(findings)), touches, tuple(skipped))


@functools.lru_cache(maxsize=8)
def _prepare_matching(catalog: Catalog) -> None:
    """Register the catalog's ARN shapes with the matcher, once per catalog."""
    from checkov_pinpoint.engine import matching

    matching.prepare(
        pattern for action in catalog.actions() for pattern in action.resources
    )


def _unread_policy_findings(policy: Policy) -> list[Finding]:
    """Report the parts of a policy document that could not be read at all."""
    from checkov_pinpoint.engine.rules import NotEvaluated

    label = f"policy {policy.name!r}" if policy.name else "policy"
    return [
        Finding(
            code=NotEvaluated.code,
            severity=NotEvaluated.severity,
            message=f"{label}: not evaluated: {skipped.reason}",
            path=skipped.path,
        )
        for skipped in policy.skipped
        if not skipped.elsewhere
    ]


def analyze_statement(
    statement: Statement, catalog: Catalog | None = None
) -> tuple[Finding, ...]:
    """Return the findings for a single statement (a convenience for tests and tools)."""
    return analyze([Policy(statements=(statement,))], catalog).findings
