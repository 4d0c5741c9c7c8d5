"""The cfn-lint host adapter: template → extract → engine → rule matches.

No analysis happens here. The template is analysed once (the result is shared by
all our rule classes for that template) and each rule class reports its own
findings as matches located at the offending element. An unexpected error in our
code becomes a match under our own rule ID naming the resource, never an
exception that cfn-lint would blame on a rule of its own.
"""

from __future__ import annotations

import logging
import weakref
from typing import Any

from cfnlint.rules import CloudFormationLintRule, RuleMatch

from checkov_pinpoint.engine import analyze
from checkov_pinpoint.engine.suggest import cloudformation
from checkov_pinpoint.extract.cloudformation import (
    CFN_POLICY_RESOURCE_TYPES,
    iter_cfn_policies,
)
from checkov_pinpoint.extract.intrinsics import Resolver
from checkov_pinpoint.model import Finding, Path

__all__ = ["PinpointRule", "build_rule_class"]

logger = logging.getLogger(__name__)
# cfn-lint's --debug turns on only its own "cfnlint" logger, so the traceback of
# a crash is logged beneath it, where a cfn-lint user can see it.
_crash_log = logging.getLogger(f"cfnlint.{__name__}")

DOCS_URL = "https://github.com/checkov-pinpoint/checkov-pinpoint/blob/main/docs/rules/{code}.md"

_cache: weakref.WeakKeyDictionary[Any, list[tuple[str, Finding]]] = (
    weakref.WeakKeyDictionary()
)


def _template_findings(cfn: Any) -> list[tuple[str, Finding]]:
    """Analyse every policy-bearing resource of a template once; keep the findings."""
    cached = _cache.get(cfn)
    if cached is not None:
        return cached
    template = cfn.template if isinstance(getattr(cfn, "template", None), dict) else {}
    resolver = Resolver(template)
    dialect = cloudformation(resolver.pinpoint_apps())
    collected: list[tuple[str, Finding]] = []
    resources = template.get("Resources")
    for name, resource in resources.items() if isinstance(resources, dict) else ():
        if (
            not isinstance(resource, dict)
            or resource.get("Type") not in CFN_POLICY_RESOURCE_TYPES
        ):
            continue
        base: Path = ("Resources", name, "Properties")
        try:
            policies = list(
                iter_cfn_policies(
                    str(resource["Type"]), resource.get("Properties"), base, resolver
                )
            )
            collected.extend(
                (name, finding)
                for finding in analyze(policies, dialect=dialect).findings
            )
        except Exception as error:  # reported under our own ID below
            _crash_log.debug(
                "checkov-pinpoint failed on resource %s", name, exc_info=True
            )
            collected.append((name, _crash_finding(name, error)))
    try:
        _cache[cfn] = collected
    except TypeError:  # not weak-referenceable: analyse again next time
        pass
    return collected


def _crash_finding(name: str, error: Exception) -> Finding:
    from checkov_pinpoint.engine.rules import NotEvaluated
    from checkov_pinpoint.model import Severity

    return Finding(
        code=NotEvaluated.code,
        severity=Severity.LOW,
        message=(
            f"checkov-pinpoint could not evaluate resource {name!r} "
            f"({type(error).__name__}: {error}); please report it"
        ),
        path=("Resources", name),
    )


class PinpointRule(CloudFormationLintRule):  # type: ignore[misc]
    """A cfn-lint rule that reports one engine rule's findings."""

    engine_code: str = ""

    def match(self, cfn: Any) -> list[RuleMatch]:
        """Return a match for each of this rule's findings in the template."""
        try:
            findings = _template_findings(cfn)
        except Exception as error:
            _crash_log.debug("checkov-pinpoint failed on a template", exc_info=True)
            return [
                RuleMatch(
                    ["Resources"],
                    f"checkov-pinpoint could not evaluate the template ({error!r})",
                )
            ]
        return [
            RuleMatch(list(finding.path) or ["Resources", name], finding.message)
            for name, finding in findings
            if finding.code == self.engine_code
        ]


def build_rule_class(rule: Any) -> type[PinpointRule]:
    """Create the cfn-lint rule class for one engine rule, from its metadata."""
    attributes = {
        "__doc__": rule.title,
        "__module__": "checkov_pinpoint.cfnlint_rules",
        "id": rule.cfnlint_id,
        "shortdesc": rule.title,
        "description": " ".join(str(rule.rationale).split()),
        "source_url": DOCS_URL.format(code=rule.code),
        "tags": ["iam", "pinpoint"],
        "engine_code": rule.code,
    }
    name = "".join(word.title() for word in str(rule.code).lower().split("_")) + "Rule"
    return type(name, (PinpointRule,), attributes)
