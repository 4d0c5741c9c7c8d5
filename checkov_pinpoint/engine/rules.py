"""The rules: each a small class with its identity as data and one generator.

A rule's identity (engine code, checkov ID, cfn-lint ID, title, severity,
rationale) is declared as class attributes so that both host adapters and the
generated documentation read the same facts. ``findings`` yields one
:class:`~checkov_pinpoint.model.Finding` per problem, located at the offending
element.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import ClassVar

from checkov_pinpoint.engine import arn, wildcard
from checkov_pinpoint.engine.actions import PINPOINT_PREFIXES, ActionKind
from checkov_pinpoint.engine.context import StatementView
from checkov_pinpoint.model import Finding, Severity, Value

__all__ = [
    "BUILTIN_RULES",
    "InvalidAction",
    "NotEvaluated",
    "Rule",
    "UnscopedWildcard",
    "WrongArnShape",
]

#: Partitions IAM accepts in an ARN.
PARTITIONS = (
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
)
_REGION = re.compile(r"[a-z]{2,4}(-[a-z]+)+-\d{1,2}")
_ACCOUNT = re.compile(r"\d{12}")
_WILD_ACCOUNT = re.compile(r"[\d*?]+")
_WILD_REGION = re.compile(r"[a-z0-9*?-]+")


class Rule:
    """Base of every rule: identity as class attributes, findings as a generator.

    Attributes:
        code: The engine's stable code, used by plugins and configuration.
        checkov_id: The checkov check ID, or None when checkov shows it otherwise.
        cfnlint_id: The cfn-lint rule ID.
        title: A short title, phrased as what is wrong.
        severity: The default severity.
        rationale: Why it matters, for the generated documentation.
    """

    code: ClassVar[str]
    checkov_id: ClassVar[str | None]
    cfnlint_id: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity]
    rationale: ClassVar[str]

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield this rule's findings for one statement."""
        raise NotImplementedError

    def finding(
        self, view: StatementView, value_path: tuple[str | int, ...], message: str
    ) -> Finding:
        """Build a finding of this rule about an element of ``view``'s statement."""
        statement = view.statement
        return Finding(
            code=self.code,
            severity=self.severity,
            message=f"{statement.label}: {message}",
            path=value_path,
            statement=statement.index,
            sid=statement.sid,
        )


class InvalidAction(Rule):
    """A Pinpoint action name that matches no real action, or a wrong prefix."""

    code = "PINPOINT_INVALID_ACTION"
    checkov_id = "CKV_PINPOINT_1"
    cfnlint_id = "E9501"
    title = "Ensure Pinpoint IAM actions name real actions"
    severity = Severity.HIGH
    rationale = (
        "IAM accepts any action name without complaint, so a misspelt Pinpoint action "
        "(mobiletargeting:SendMessage for SendMessages) or a wrong prefix (pinpoint:) "
        "grants nothing and surfaces as AccessDenied in production."
    )

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield a finding for every action element that names no Pinpoint action."""
        for value, reading in view.readings:
            if reading.kind is ActionKind.INVALID:
                kind = "pattern" if reading.is_pattern else "action"
                message = f"{value.text!r} matches no Pinpoint {kind}"
            elif reading.kind is ActionKind.WRONG_PREFIX:
                prefix = value.text.partition(":")[0]
                message = (
                    f"{value.text!r} uses the prefix {prefix!r}, which IAM does not know; "
                    "Pinpoint actions use 'mobiletargeting:' or 'sms-voice:'"
                )
            else:
                continue
            yield self.finding(
                view, value.path, message + _did_you_mean(reading.suggestions)
            )


class WrongArnShape(Rule):
    """A resource that no Pinpoint action in the statement can act on."""

    code = "PINPOINT_WRONG_ARN"
    checkov_id = "CKV_PINPOINT_2"
    cfnlint_id = "E9502"
    title = "Ensure Pinpoint resources are ARNs of the shape their actions accept"
    severity = Severity.HIGH
    rationale = (
        "A resource ARN of the wrong shape (campaigns/c1 without its apps/<project>/ "
        "prefix, a wrong service, a malformed account) matches nothing the action "
        "touches, so the grant is silently empty."
    )

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield a finding for each resource that cannot be what the actions need."""
        if not view.touches_pinpoint or view.statement.resource_key != "Resource":
            return
        for value in view.statement.resources:
            if value.literal_text() == "*" or len(value.text) > arn.MAX_RESOURCE_LENGTH:
                continue
            problem = self._problem(view, value)
            if problem:
                yield self.finding(view, value.path, problem)

    def _problem(self, view: StatementView, value: Value) -> str | None:
        fields = arn.split_fields(value)
        malformed = _malformed(value, fields)
        if malformed:
            return malformed

        service = fields.fields[2] if len(fields.fields) > 2 else None
        if service is not None and service not in PINPOINT_PREFIXES:
            if not view.only_pinpoint:
                return None
            return (
                f"{value.text!r} names a {service!r} resource, but the statement grants "
                f"only Pinpoint actions{_expected(view, value)}"
            )
        return self._shape_problem(view, value)

    def _shape_problem(self, view: StatementView, value: Value) -> str | None:
        if not view.granted:
            return None
        shapes = _shapes_of(view)
        if not shapes:
            names = _name_some(view.granted)
            return f"{value.text!r} is an ARN, but {names} only take Resource '*'"
        tokens = arn.compile_resource(value)
        if any(arn.intersects(tokens, shape.tokens) for shape in shapes):
            return None
        if not view.only_pinpoint and not _is_pinpoint_service(value):
            return None
        return (
            f"{value.text!r} is not an ARN that "
            f"{_name_some(view.granted)} can act on{_expected(view, value)}"
        )


class UnscopedWildcard(Rule):
    """A wildcard resource that grants resource-level Pinpoint actions everywhere."""

    code = "PINPOINT_UNSCOPED_WILDCARD"
    checkov_id = "CKV_PINPOINT_3"
    cfnlint_id = "W9503"
    title = "Ensure Pinpoint actions are scoped to specific resources"
    severity = Severity.MEDIUM
    rationale = (
        "Resource '*', arn:aws:mobiletargeting:*:*:* or apps/* grant actions that act "
        "on one project, campaign, template or pool on every one of them in every "
        "account the policy reaches: an over-broad grant an audit will flag."
    )

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield one finding per wildcard resource that reaches every resource."""
        statement = view.statement
        if not view.is_allow or statement.action_key != "Action":
            return
        if statement.resource_key != "Resource":
            return
        for value in statement.resources:
            if (
                not _has_literal_wildcard(value)
                or len(value.text) > arn.MAX_RESOURCE_LENGTH
            ):
                continue
            tokens = arn.compile_resource(value)
            affected = [
                action
                for action in view.granted
                if not action.accepts_star
                and any(
                    shape.probe is not None and arn.intersects(tokens, shape.probe)
                    for shape in map(arn.compile_shape, action.resources)
                )
            ]
            if affected:
                yield self.finding(view, value.path, _unscoped_message(value, affected))


class NotEvaluated(Rule):
    """Part of a policy that could not be evaluated; shown, never passed silently."""

    code = "PINPOINT_NOT_EVALUATED"
    checkov_id = None
    cfnlint_id = "W9500"
    title = "Pinpoint policy statement could not be evaluated"
    severity = Severity.LOW
    rationale = (
        "A statement whose content is only known at deploy time, or that is not a "
        "well-formed statement, cannot be checked; saying so keeps an unchecked "
        "policy from looking like a clean one."
    )

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield one finding per unreadable element, and per over-long resource."""
        if _about_other_services(view):
            return
        for skipped in view.statement.skipped:
            yield self.finding(view, skipped.path, f"not evaluated: {skipped.reason}")
        for value in view.statement.resources:
            if len(value.text) > arn.MAX_RESOURCE_LENGTH:
                yield self.finding(
                    view,
                    value.path,
                    f"not evaluated: the resource is {len(value.text)} characters long, "
                    f"over the {arn.MAX_RESOURCE_LENGTH} this linter evaluates",
                )


#: The built-in rules, in the order their findings are reported.
BUILTIN_RULES: tuple[Rule, ...] = (
    InvalidAction(),
    WrongArnShape(),
    UnscopedWildcard(),
    NotEvaluated(),
)


def _about_other_services(view: StatementView) -> bool:
    """True when every action clearly belongs to another service."""
    return (
        not view.touches_pinpoint
        and bool(view.readings)
        and all(
            reading.kind is ActionKind.OTHER and not reading.reached
            for _, reading in view.readings
        )
    )


def _did_you_mean(suggestions: tuple[str, ...]) -> str:
    if not suggestions:
        return ""
    return "; did you mean " + " or ".join(suggestions) + "?"


def _malformed(value: Value, fields: arn.Fields) -> str | None:
    """Return what is wrong with the ARN's fixed fields, or None."""
    parts = fields.fields
    head = parts[0]
    text = value.text
    if head is not None and head != "arn":
        if len(parts) == 1 and fields.complete:
            return f"{text!r} is not an ARN: it lacks the 'arn:' prefix (or use '*')"
        return f"{text!r} must start with 'arn:', not {head + ':'!r}"
    if fields.complete and len(parts) < 6:
        return f"{text!r} has {len(parts)} of the 6 colon-separated fields an ARN needs"
    service = parts[2] if len(parts) > 2 else None
    if (
        service is not None
        and service.lower() in PINPOINT_PREFIXES
        and service not in PINPOINT_PREFIXES
    ):
        return f"{text!r}: the service {service!r} must be lower case ({service.lower()!r})"
    if (
        service is not None
        and service not in PINPOINT_PREFIXES
        and _looks_pinpointish(service)
    ):
        return f"{text!r} names the service {service!r}; Pinpoint ARNs use 'mobiletargeting' or 'sms-voice'"
    if service not in PINPOINT_PREFIXES:
        return None
    return _malformed_location(text, parts)


def _malformed_location(text: str, parts: tuple[str | None, ...]) -> str | None:
    partition = parts[1] if len(parts) > 1 else None
    if partition is not None and partition not in PARTITIONS:
        close = difflib.get_close_matches(partition, PARTITIONS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"{text!r} has the unknown partition {partition!r}{hint}"
    region = parts[3] if len(parts) > 3 else None
    if region == "":
        return f"{text!r} has no region; Pinpoint resources are regional"
    if region is not None and not _REGION.fullmatch(region):
        return f"{text!r} has the malformed region {region!r}"
    account = parts[4] if len(parts) > 4 else None
    if account == "":
        return f"{text!r} has no account; Pinpoint ARNs carry a 12-digit account ID"
    if account is not None and not _ACCOUNT.fullmatch(account):
        return f"{text!r} has the account {account!r}, not a 12-digit account ID"
    return None


def _looks_pinpointish(service: str) -> bool:
    squashed = "".join(char for char in service.lower() if char.isalnum())
    return "pinpoint" in squashed or squashed in (
        "mobiletargeting",
        "smsvoice",
        "smsvoicev2",
    )


def _is_pinpoint_service(value: Value) -> bool:
    fields = arn.split_fields(value).fields
    service = fields[2] if len(fields) > 2 else None
    return service is None or service in PINPOINT_PREFIXES


def _has_literal_wildcard(value: Value) -> bool:
    return any(
        isinstance(part, str) and wildcard.has_wildcard(part) for part in value.parts
    )


def _shapes_of(view: StatementView) -> list[arn.Shape]:
    patterns = sorted(
        {pattern for action in view.granted for pattern in action.resources}
    )
    return [arn.compile_shape(pattern) for pattern in patterns]


def _name_some(actions: tuple[object, ...] | list[object], limit: int = 3) -> str:
    names = [action.action for action in actions]
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        return f"{shown} and {len(names) - limit} more"
    return shown


def _expected(view: StatementView, value: Value) -> str:
    shapes = _shapes_of(view)
    if not shapes:
        return ""
    best = max(
        shapes,
        key=lambda shape: difflib.SequenceMatcher(
            None, value.text, shape.pattern
        ).ratio(),
    )
    return f"; expected an ARN like {best.pattern}"


def _unscoped_message(value: Value, affected: list[object]) -> str:
    first = affected[0]
    shape = next(
        arn.compile_shape(pattern)
        for pattern in first.resources
        if arn.compile_shape(pattern).probe is not None
    )
    noun = _scope_noun(shape.pattern)
    return (
        f"Resource {value.text!r} grants {_name_some(affected)} on every {noun}; "
        f"scope it to the ones this role needs, e.g. {shape.pattern}"
    )


def _scope_noun(pattern: str) -> str:
    """Name what a shape's scoping placeholder stands for (``${ProjectId}``: project)."""
    resource = pattern.split(":", 5)[-1]
    found = re.search(r"\$\{([^}]*)\}", resource)
    if not found:
        return "resource"
    words = re.sub(r"(Id|Name|ID)$", "", found.group(1))
    spaced = re.sub(r"(?<!^)(?=[A-Z])", " ", words).lower().strip()
    if spaced in ("app", "application"):
        return "project"
    return spaced or "resource"
