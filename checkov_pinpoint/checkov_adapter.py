"""The checkov host adapter: checkov's resource conf → extract → engine → verdict.

This module holds no analysis logic. For each registered rule that has a checkov
ID it builds one check per checkov framework (CloudFormation resources, Terraform
resources, Terraform data sources); each check extracts the resource's policies,
runs the engine once (the analysis is shared by the checks of one resource) and
maps the rule's findings onto a checkov result:

- FAILED: the rule found something; the messages go into the result's details.
- SKIPPED: nothing found, but part of a Pinpoint policy could not be evaluated;
  the reason is shown as the skip comment, so an unchecked policy never passes
  silently.
- PASSED: the resource's policies are about Pinpoint and the rule is satisfied.
- UNKNOWN: the resource has nothing to do with Pinpoint; checkov reports nothing.

An unexpected error inside our code becomes a FAILED result naming the resource
and the error, with the traceback logged at DEBUG, because checkov drops the
result of a check that raises and the run would look clean.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from checkov.cloudformation.checks.resource.base_resource_check import (
    BaseResourceCheck as CfnResourceCheck,
)
from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.data.base_check import BaseDataCheck as TfDataCheck
from checkov.terraform.checks.resource.base_resource_check import (
    BaseResourceCheck as TfResourceCheck,
)

from checkov_pinpoint.engine import Analysis, analyze
from checkov_pinpoint.engine.rules import NotEvaluated
from checkov_pinpoint.engine.suggest import Dialect, cloudformation, terraform
from checkov_pinpoint.extract.cloudformation import (
    CFN_POLICY_RESOURCE_TYPES,
    iter_cfn_policies,
)
from checkov_pinpoint.extract.intrinsics import Resolver
from checkov_pinpoint.extract.template_loader import load_context
from checkov_pinpoint.extract.terraform import (
    TERRAFORM_POLICY_DATA,
    TERRAFORM_POLICY_RESOURCES,
    iter_terraform_policies,
)
from checkov_pinpoint.model import Policy
from checkov_pinpoint.plugins import registered_rules

__all__ = ["register_checks"]

logger = logging.getLogger(__name__)

#: Joins several findings in a check's name; a pipe would split a Markdown
#: table cell in checkov's github_failed_only output.
MESSAGE_SEPARATOR = " • "

DOCS_URL = "https://github.com/checkov-pinpoint/checkov-pinpoint/blob/main/docs/rules/{code}.md"


#: A resource read for the engine: its policies, and the dialect of the fixes.
_Prepared = tuple[Iterable[Policy], Dialect]


class _SharedAnalysis:
    """Runs the engine once per resource conf, for all checks of that resource."""

    def __init__(self) -> None:
        self._conf: Any = None
        self._result: Analysis | BaseException | None = None

    def get(self, conf: Any, prepare: Callable[[], _Prepared]) -> Analysis:
        """The analysis of ``conf``; ``prepare`` runs only for a new conf.

        ``prepare`` reads the resource (and for CloudFormation the template it
        came from) into its policies and the dialect fixes are written in.
        """
        if self._conf is not conf:
            try:
                policies, dialect = prepare()
                self._result = analyze(list(policies), dialect=dialect)
            except Exception as error:  # turned into a visible result by the check
                logger.debug("checkov-pinpoint failed on a resource", exc_info=True)
                self._result = error
            self._conf = conf
        if isinstance(self._result, BaseException):
            raise self._result
        assert self._result is not None
        return self._result


_SHARED = _SharedAnalysis()


class _Verdict:
    """Maps one rule's share of an analysis onto a checkov result."""

    def __init__(self, rule: Any) -> None:
        self.rule = rule
        self.reason = ""

    def decide(self, check: Any, analysis: Analysis) -> CheckResult:
        found = analysis.with_code(self.rule.code)
        unread = analysis.with_code(NotEvaluated.code)
        if found:
            messages = [_detail(finding.message, finding.path) for finding in found]
            check.details.extend(messages)
            # checkov's CloudFormation runner drops a check's details, and SARIF
            # shows only the check name as a result's message. The name is read
            # right after this resource's scan, so carrying the explanation in
            # it makes the explanation reach every output format.
            check.name = f"{self.rule.title}: {MESSAGE_SEPARATOR.join(messages)}"
            return CheckResult.FAILED
        if unread:
            self.reason = "; ".join(finding.message for finding in unread)
            return CheckResult.SKIPPED
        if analysis.touches_pinpoint:
            return CheckResult.PASSED
        return CheckResult.UNKNOWN

    def crashed(self, check: Any, error: BaseException) -> CheckResult:
        message = (
            f"checkov-pinpoint could not evaluate this resource ({type(error).__name__}: {error}); "
            "please report it. Run with LOG_LEVEL=DEBUG for the traceback."
        )
        check.details.append(message)
        check.name = f"{self.rule.title}: {message}"
        return CheckResult.FAILED


def _detail(message: str, path: tuple[str | int, ...]) -> str:
    where = ".".join(str(part) for part in path)
    return f"{message} [at {where}]" if where else message


_TERRAFORM = terraform("APP")


class _PinpointCheckMixin:
    """What every framework's check shares: the verdict and the skip comment."""

    verdict: _Verdict

    def run(self, *args: Any, **kwargs: Any) -> Any:
        self.verdict.reason = ""
        self.name = self.verdict.rule.title
        result = super().run(*args, **kwargs)  # type: ignore[misc]
        if result.get("result") == CheckResult.SKIPPED and self.verdict.reason:
            result.setdefault("suppress_comment", self.verdict.reason)
        return result

    def scan_entity_conf(self, conf: Any, entity_type: str) -> Any:
        """Scan one entity; an error anywhere in our check becomes a FAILED result.

        checkov logs a check that raises and drops its result, so the run would
        look clean. Every framework's check passes through here, so this also
        covers work done before :meth:`judge` (reading the template for context).
        """
        try:
            return super().scan_entity_conf(conf, entity_type)  # type: ignore[misc]
        except Exception as error:
            logger.debug("checkov-pinpoint failed on a %s", entity_type, exc_info=True)
            return self.verdict.crashed(self, error)

    def judge(self, conf: Any, prepare: Callable[[], _Prepared]) -> CheckResult:
        try:
            analysis = _SHARED.get(conf, prepare)
        except Exception as error:
            return self.verdict.crashed(self, error)
        return self.verdict.decide(self, analysis)


def _init_args(rule: Any, supported: Iterable[str]) -> dict[str, Any]:
    return {
        "name": rule.title,
        "id": rule.checkov_id,
        "categories": [CheckCategories.IAM],
        "guideline": DOCS_URL.format(code=rule.code),
        "supported_resources": sorted(supported),
    }


class PinpointCfnCheck(_PinpointCheckMixin, CfnResourceCheck):
    """A rule's check on CloudFormation (and SAM) resources."""

    def __init__(self, rule: Any) -> None:
        self.verdict = _Verdict(rule)
        super().__init__(**_init_args(rule, CFN_POLICY_RESOURCE_TYPES))

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        return self.judge(conf, lambda: _cfn_prepared(conf))


def _cfn_prepared(conf: dict[str, Any]) -> _Prepared:
    resolver = Resolver(_template_of(conf))
    policies = iter_cfn_policies(
        str(conf.get("Type")), conf.get("Properties"), ("Properties",), resolver
    )
    return policies, cloudformation(resolver.pinpoint_apps())


def _template_of(conf: dict[str, Any]) -> Any:
    """The template's context, when checkov says which file the resource came from."""
    properties = conf.get("Properties")
    source = conf.get("__file__") or (
        properties.get("__file__") if isinstance(properties, dict) else None
    )
    return load_context(source) if isinstance(source, str) else None


class PinpointTfResourceCheck(_PinpointCheckMixin, TfResourceCheck):
    """A rule's check on Terraform resources."""

    def __init__(self, rule: Any) -> None:
        self.verdict = _Verdict(rule)
        super().__init__(**_init_args(rule, TERRAFORM_POLICY_RESOURCES))

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        return self.judge(
            conf,
            lambda: (
                iter_terraform_policies("resource", self.entity_type, conf),
                _TERRAFORM,
            ),
        )


class PinpointTfDataCheck(_PinpointCheckMixin, TfDataCheck):
    """A rule's check on Terraform data sources (aws_iam_policy_document)."""

    def __init__(self, rule: Any) -> None:
        self.verdict = _Verdict(rule)
        args = _init_args(rule, TERRAFORM_POLICY_DATA)
        args["supported_data"] = args.pop("supported_resources")
        super().__init__(**args)

    def scan_data_conf(self, conf: dict[str, Any]) -> CheckResult:
        entity_type = getattr(self, "entity_type", "") or "aws_iam_policy_document"
        return self.judge(
            conf,
            lambda: (iter_terraform_policies("data", entity_type, conf), _TERRAFORM),
        )


def register_checks() -> list[Any]:
    """Instantiate (and so register with checkov) the checks of every rule."""
    checks: list[Any] = []
    for rule in registered_rules():
        if getattr(rule, "checkov_id", None):
            checks.extend(
                kind(rule)
                for kind in (
                    PinpointCfnCheck,
                    PinpointTfResourceCheck,
                    PinpointTfDataCheck,
                )
            )
    return checks
