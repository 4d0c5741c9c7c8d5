"""The rules: each a small class with its identity as data and one generator.

A rule's identity (engine code, checkov ID, cfn-lint ID, title, severity,
rationale, a bad and a fixed example) is declared as class attributes, so both
host adapters and the generated documentation read the same facts. ``findings``
yields the findings of one statement; ``policy_findings`` those that need the
whole policy document (an action is covered if *any* statement granting it names
a resource it can act on).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from checkov_pinpoint.catalog import Catalog, IamAction
from checkov_pinpoint.engine import arn, wildcard
from checkov_pinpoint.engine.actions import PINPOINT_PREFIXES, ActionKind
from checkov_pinpoint.engine.arn_checks import field_problem, resource_type_problem
from checkov_pinpoint.engine.context import StatementView
from checkov_pinpoint.engine.matching import can_name_any, covers_any
from checkov_pinpoint.engine.memo import Memo
from checkov_pinpoint.engine.suggest import Dialect
from checkov_pinpoint.model import Finding, Path, Severity, Value

__all__ = [
    "BUILTIN_RULES",
    "EndOfSupport",
    "InvalidAction",
    "NotEvaluated",
    "Rule",
    "UnscopedWildcard",
    "WrongArnShape",
]

_ACCESS_RISK = {
    "Permissions management": Severity.HIGH,
    "Write": Severity.HIGH,
    "Tagging": Severity.MEDIUM,
    "Read": Severity.LOW,
    "List": Severity.LOW,
}


class Rule:
    """Base of every rule: identity as class attributes, findings as generators.

    Attributes:
        code: The engine's stable code, used by plugins and configuration.
        checkov_id: The checkov check ID, or None when checkov shows it otherwise.
        cfnlint_id: The cfn-lint rule ID.
        title: A short title, phrased as what should hold.
        severity: The default severity.
        rationale: Why it matters, for the generated documentation.
        bad_example: A CloudFormation policy statement the rule reports.
        fixed_example: The same statement, fixed.
        limitations: What the rule cannot see, each a sentence a newcomer
            understands without the code; listed in the rule's documentation.
    """

    code: ClassVar[str]
    checkov_id: ClassVar[str | None]
    cfnlint_id: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity]
    rationale: ClassVar[str]
    bad_example: ClassVar[str] = ""
    fixed_example: ClassVar[str] = ""
    limitations: ClassVar[tuple[str, ...]] = ()

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield this rule's findings for one statement."""
        return iter(())

    def policy_findings(self, views: Sequence[StatementView]) -> Iterator[Finding]:
        """Yield this rule's findings that need every statement of one policy."""
        return iter(())

    def finding(
        self,
        view: StatementView,
        path: Path,
        message: str,
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding of this rule about an element of ``view``'s statement."""
        statement = view.statement
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=f"{statement.label}: {message}",
            path=path,
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
    bad_example = "Action: mobiletargeting:SendMessage\nResource: !Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${PinpointApp}/messages"
    fixed_example = "Action: mobiletargeting:SendMessages\nResource: !Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${PinpointApp}/messages"
    limitations = (
        "An action name only partly known before deployment "
        "(!Sub mobiletargeting:${ActionName}) is not checked; it is reported as "
        "not evaluated (W9500, or a skipped checkov result) instead.",
    )

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield a finding for every action element that names no Pinpoint action."""
        for value, reading in view.readings:
            if reading.kind is ActionKind.INVALID:
                kind = "pattern" if reading.is_pattern else "action"
                message = f"{_quoted(value.text)} matches no Pinpoint {kind}"
            elif reading.kind is ActionKind.WRONG_PREFIX:
                prefix = value.text.partition(":")[0]
                message = (
                    f"{_quoted(value.text)} uses the prefix {prefix!r}, which IAM does not "
                    "know; Pinpoint actions use 'mobiletargeting:' or 'sms-voice:'"
                )
            else:
                continue
            yield self.finding(view, value.path, message + _did_you_mean(reading))


class WrongArnShape(Rule):
    """A resource no Pinpoint action in the statement can act on, or an action
    granted on no resource it can act on."""

    code = "PINPOINT_WRONG_ARN"
    checkov_id = "CKV_PINPOINT_2"
    cfnlint_id = "E9502"
    title = "Ensure Pinpoint resources are ARNs of the shape their actions accept"
    severity = Severity.HIGH
    rationale = (
        "A resource ARN of the wrong shape (campaigns/c1 without its apps/<project>/ "
        "prefix, apps/<project>/* for an action on the project itself, a wrong "
        "service, a malformed account) matches nothing the action touches, so the "
        "grant is silently empty."
    )
    bad_example = "Action: mobiletargeting:GetApplicationSettings\nResource: arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc/*"
    fixed_example = "Action: mobiletargeting:GetApplicationSettings\nResource: arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc"
    limitations = (
        "Actions whose resource ARN formats the catalog does not fully know are not "
        "judged: a resource granted only with them is never reported.",
        "A resource whose service is only known at deploy time (a parameter, an "
        "import) is never reported.",
        "In a statement that also grants other services' actions, a resource of "
        "another service is not judged.",
    )

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield a finding for each resource that cannot be what the actions need."""
        if not view.touches_pinpoint or view.statement.resource_key != "Resource":
            return
        for value in view.statement.resources:
            problem = resource_problem(view, value)
            if problem:
                yield self.finding(view, value.path, problem)

    def policy_findings(self, views: Sequence[StatementView]) -> Iterator[Finding]:
        """Yield a finding for each granted action that no resource can serve."""
        resources = _resources_by_action(views)
        for view in views:
            if not _judged_for_coverage(view):
                continue
            for value, reading in view.readings:
                if reading.kind is not ActionKind.PINPOINT:
                    continue
                if any(_covered(action, resources) for action in reading.reached):
                    continue
                yield self.finding(
                    view,
                    value.path,
                    _uncovered(view, value, reading.reached, resources),
                )


def resource_problem(view: StatementView, value: Value) -> str | None:
    """Return why ``value`` cannot be a resource of the statement's actions."""
    # Keyed with the source too: it is not part of a value's equality, but
    # messages quote it.
    key = (value, value.source)
    if key in view.problems:
        return view.problems[key]
    problem = view.problems[key] = _resource_problem(view, value)
    return problem


def _resource_problem(view: StatementView, value: Value) -> str | None:
    if value.literal_text() == "*" or len(value.text) > arn.MAX_RESOURCE_LENGTH:
        return None
    fields = arn.split_fields(value)
    malformed = field_problem(value, fields)
    if malformed:
        return malformed

    service = fields.fields[2] if len(fields.fields) > 2 else None
    if service is not None and service not in PINPOINT_PREFIXES:
        if not view.only_pinpoint:
            return None
        return (
            f"{_quoted(value.text)} names a {service!r} resource, but the statement grants "
            f"only Pinpoint actions{_expected(view, value)}"
        )
    if service is not None:
        unknown_type = resource_type_problem(value, service, view.catalog)
        if unknown_type:
            return unknown_type + _expected(view, value)
    return _shape_problem(view, value)


def _shape_problem(view: StatementView, value: Value) -> str | None:
    granted = _granted_facts(view)
    if not view.granted or not granted.complete:
        return None  # Limitation: actions with unknown ARN formats are not judged.
    if not granted.patterns:
        return f"{_quoted(value.text)} is an ARN, but {_name_some(view.granted)} only take Resource '*'"
    if can_name_any(value, granted.patterns):
        return None
    fields = arn.split_fields(value).fields
    if not view.only_pinpoint and len(fields) > 2 and fields[2] is None:
        return None
    return (
        f"{_quoted(value.text)} is not an ARN that {_name_some(view.granted)} can act on"
        f"{_expected(view, value)}"
    )


@dataclass(frozen=True)
class _GrantedFacts:
    """Facts about a set of granted actions, shared by every statement granting it.

    Attributes:
        complete: Every action's resource ARN formats are known.
        patterns: Every shape any of the actions takes, sorted.
        scopable: The actions a wildcard can needlessly broaden (see
            :func:`_unscoped_actions`), in granted order, each with the shapes
            it needs; actions needing the same shapes share one tuple, so a
            resource is tested once per distinct tuple.
    """

    complete: bool
    patterns: tuple[str, ...]
    scopable: tuple[tuple[IamAction, tuple[str, ...]], ...] = ()


_MEMO_LIMIT = 4096
_GRANTED: Memo[tuple[Catalog, tuple[str, ...]], _GrantedFacts] = Memo(_MEMO_LIMIT)


def _granted_facts(view: StatementView) -> _GrantedFacts:
    key = (view.catalog, tuple(action.action for action in view.granted))
    facts = _GRANTED.get(key)
    if facts is None:
        facts = _GRANTED.remember(
            key,
            _GrantedFacts(
                complete=all(a.resources_complete for a in view.granted),
                patterns=tuple(
                    sorted({p for action in view.granted for p in action.resources})
                ),
                scopable=tuple(
                    (action, needed_shapes(action))
                    for action in view.granted
                    if not action.accepts_star
                    and action.resources_complete
                    and action.required_resources
                ),
            ),
        )
    return facts


def _judged_for_coverage(view: StatementView) -> bool:
    statement = view.statement
    return (
        view.is_allow
        and statement.action_key == "Action"
        and statement.resource_key == "Resource"
        and bool(statement.resources)
        and not statement.skipped
        # Every resource already reported on its own says it all.
        and any(resource_problem(view, value) is None for value in statement.resources)
    )


def _resources_by_action(views: Sequence[StatementView]) -> dict[str, list[Value]]:
    """For each granted action, every resource any Allow statement grants it on."""
    granted: dict[str, list[Value]] = {}
    for view in views:
        statement = view.statement
        if not view.is_allow or statement.resource_key != "Resource":
            continue
        for action in view.granted:
            granted.setdefault(action.action, []).extend(statement.resources)
    return granted


def needed_shapes(action: IamAction) -> tuple[str, ...]:
    """The shapes a resource must match to serve ``action`` (not optional ones)."""
    # Keyed by identity (an action's own hash walks all its catalog rows); the
    # action is kept alongside, so its id cannot be reused while remembered.
    known = _NEEDED.get(id(action))
    if known is not None and known[0] is action:
        return known[1]
    optional = set(action.optional_resources)
    shapes = tuple(p for p in action.resources if p not in optional) or action.resources
    _NEEDED.remember(id(action), (action, shapes))
    return shapes


_NEEDED: Memo[int, tuple[IamAction, tuple[str, ...]]] = Memo(_MEMO_LIMIT)


def _covered(action: IamAction, resources: dict[str, list[Value]]) -> bool:
    if not action.resources_complete or not action.resources:
        return True
    shapes = needed_shapes(action)
    for value in resources.get(action.action, ()):
        if value.literal_text() == "*" or len(value.text) > arn.MAX_RESOURCE_LENGTH:
            return True
        fields = arn.split_fields(value).fields
        if len(fields) < 3 or fields[2] is None:
            return True  # Not known until deploy time: never wrong.
        if can_name_any(value, shapes):
            return True
    return False


def _uncovered(
    view: StatementView,
    value: Value,
    reached: tuple[IamAction, ...],
    resources: dict[str, list[Value]],
) -> str:
    action = reached[0]
    given = ", ".join(repr(v.text) for v in resources.get(action.action, ())[:3])
    needed = view.dialect.resource(needed_shapes(action)[0])
    what = (
        value.text
        if len(reached) == 1
        else f"{value.text} ({action.action} and others)"
    )
    return (
        f"{what!r} is granted only on {given}, none of which it can act on, so it "
        f"grants nothing; it needs a resource like {needed}"
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
        "account the policy reaches: an over-broad grant an audit will flag. Allow "
        "with NotAction or NotResource is worse: it grants everything not listed."
    )
    bad_example = 'Action: mobiletargeting:*\nResource: "*"'
    fixed_example = "Action: mobiletargeting:*\nResource:\n  - !GetAtt PinpointApp.Arn\n  - !Sub ${PinpointApp.Arn}/*"
    limitations = (
        "Only wildcards written in the template are seen: a '*' that arrives "
        "through a parameter, an import or a Terraform variable is not reported.",
        f"A resource longer than {arn.MAX_RESOURCE_LENGTH} characters is not "
        "judged; it is reported as not evaluated instead.",
    )

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield one finding per wildcard resource that reaches every resource."""
        statement = view.statement
        if not view.is_allow:
            return
        if statement.action_key != "Action" or statement.resource_key != "Resource":
            yield from self._negated(view)
            return
        for value in statement.resources:
            if (
                not _has_literal_wildcard(value)
                or len(value.text) > arn.MAX_RESOURCE_LENGTH
            ):
                continue
            if any(
                wildcard.match(allowed, value.text, ignore_case=False)
                for allowed in view.allowed_wildcards
            ):
                continue
            affected = _unscoped_actions(view, value)
            if affected:
                severity = max(
                    _ACCESS_RISK.get(a.access_level or "", Severity.MEDIUM)
                    for a in affected
                )
                yield self.finding(
                    view, value.path, _unscoped_message(view, value, affected), severity
                )

    def _negated(self, view: StatementView) -> Iterator[Finding]:
        """Allow with NotAction or NotResource: a grant of everything else."""
        statement = view.statement
        if not view.touches_pinpoint and not (
            statement.action_key == "NotAction" and _any_star(statement.resources)
        ):
            return
        if statement.action_key == "NotAction":
            yield self.finding(
                view,
                (*statement.path, "NotAction")
                if not statement.actions
                else statement.actions[0].path,
                "Allow with NotAction grants every action of every service except the "
                "ones listed, Pinpoint's included; list the actions to allow instead",
                Severity.HIGH,
            )
        elif view.granted:
            yield self.finding(
                view,
                statement.resources[0].path if statement.resources else statement.path,
                f"Allow with NotResource grants {_name_some(view.granted)} on every "
                "resource except the ones listed; name the resources to allow instead",
                Severity.HIGH,
            )


def _unscoped_actions(view: StatementView, value: Value) -> list[IamAction]:
    """Granted actions with a required resource type that ``value`` wildcards.

    Only a *required* type makes ``*`` needlessly broad: an action whose types
    are all optional, or whose required flags no source records (actions only
    cfn-lint knows so far), takes ``*`` legitimately or is not known well enough
    to judge.
    """
    covered: dict[tuple[str, ...], bool] = {}
    affected: list[IamAction] = []
    for action, shapes in _granted_facts(view).scopable:
        answer = covered.get(shapes)
        if answer is None:
            answer = covered[shapes] = covers_any(value, shapes)
        if answer:
            affected.append(action)
    return affected


class EndOfSupport(Rule):
    """An action of a Pinpoint engagement feature that reached end of support."""

    code = "PINPOINT_END_OF_SUPPORT"
    checkov_id = "CKV_PINPOINT_4"
    cfnlint_id = "I9504"
    title = "Ensure Pinpoint actions belong to features that are still supported"
    severity = Severity.INFO
    rationale = (
        "Pinpoint's engagement features (endpoints, segments, campaigns, journeys, "
        "analytics) reached end of support on 2026-10-30; SMS, voice, push, OTP and "
        "phone number validation continue under AWS End User Messaging. A grant of "
        "a retired action is dead weight, or a dependency on a feature that is gone."
    )
    bad_example = "Action: mobiletargeting:CreateCampaign\nResource: !Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${PinpointApp}/campaigns"
    fixed_example = "Action: mobiletargeting:SendMessages\nResource: !Sub arn:${AWS::Partition}:mobiletargeting:${AWS::Region}:${AWS::AccountId}:apps/${PinpointApp}/messages"
    limitations = (
        "An action pattern (mobiletargeting:GetSegment*) is not reported, even when "
        "every action it reaches is retired; name the actions to have each checked.",
    )

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield one advisory per action element naming a retired action."""
        if not view.is_allow or view.statement.action_key != "Action":
            return
        for value, reading in view.readings:
            if reading.kind is not ActionKind.PINPOINT or reading.is_pattern:
                continue
            retired = reading.reached[0].retired
            if not retired:
                continue
            yield self.finding(
                view,
                value.path,
                f"{reading.reached[0].action} belongs to Pinpoint {retired.get('feature', 'engagement features')}, "
                f"which reached end of support on {retired.get('date', '2026-10-30')}; "
                f"{_continues(retired)}",
            )


def _continues(retired: dict[str, str]) -> str:
    where = retired.get("continues_in")
    if not where:
        return "AWS announced no direct replacement"
    return (
        f"it continues in {where}"
        if not where.lower().startswith(("none", "no "))
        else where
    )


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
    bad_example = (
        "Action: !Ref ActionsParameter  # a List<String> parameter\nResource: '*'"
    )
    fixed_example = (
        "Action:\n  - mobiletargeting:GetApp\nResource: !GetAtt PinpointApp.Arn"
    )

    def findings(self, view: StatementView) -> Iterator[Finding]:
        """Yield one finding per unreadable element, and per over-long resource."""
        if _about_other_services(view):
            return
        for value, reading in view.readings:
            if reading.kind is ActionKind.PARTIAL:
                unchecked = "which Pinpoint action it grants"
            elif reading.kind is ActionKind.UNKNOWN and view.touches_pinpoint:
                unchecked = "whether it grants a Pinpoint action"
            else:
                continue
            yield self.finding(
                view,
                value.path,
                f"not evaluated: the action {_quoted(value.text)} is only known at "
                f"deploy time, so {unchecked} is not checked",
            )
        for skipped in view.statement.skipped:
            if not skipped.elsewhere:
                yield self.finding(
                    view, skipped.path, f"not evaluated: {skipped.reason}"
                )
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
    EndOfSupport(),
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


def _quoted(text: str) -> str:
    """``text`` quoted for a message, any non-ASCII character escaped.

    IAM names and ARNs are ASCII, so a character outside it is the finding:
    ``'GetApplicationDateRange\\u212api'`` shows the Kelvin sign that a plain
    quote would render as an ordinary ``K``.
    """
    return ascii(text)


def _did_you_mean(reading: object) -> str:
    suggestions: tuple[str, ...] = getattr(reading, "suggestions", ())
    if not suggestions:
        return ""
    return "; did you mean " + " or ".join(suggestions) + "?"


def _has_literal_wildcard(value: Value) -> bool:
    return any(
        isinstance(part, str) and wildcard.has_wildcard(part) for part in value.parts
    )


def _any_star(values: tuple[Value, ...]) -> bool:
    return any(value.literal_text() == "*" for value in values)


def _name_some(actions: Sequence[IamAction], limit: int = 3) -> str:
    names = [action.action for action in actions]
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        return f"{shown} and {len(names) - limit} more"
    return shown


def _expected(view: StatementView, value: Value) -> str:
    patterns = _granted_facts(view).patterns
    if not patterns:
        return ""
    key = (value.text, patterns, view.dialect)
    suggestion = _EXPECTED.get(key)
    if suggestion is None:
        best = _most_similar(value.text, patterns)
        suggestion = _EXPECTED.remember(
            key, f"; expected a resource like {view.dialect.resource(best)}"
        )
    return suggestion


_EXPECTED: Memo[tuple[str, tuple[str, ...], Dialect], str] = Memo(_MEMO_LIMIT)


def _most_similar(text: str, patterns: tuple[str, ...]) -> str:
    """The first of ``patterns`` most similar to ``text`` (difflib's ratio).

    Every pattern gets a cheap upper bound on its ratio first (the characters
    the two have in common, counted without regard to order, as difflib's
    ``quick_ratio`` does), and patterns are scored in full from the highest
    bound down. Once a bound falls below the best ratio found, no later pattern
    can win; a pattern that could at best tie is skipped when an earlier one
    already holds that ratio. So the pick is the one a full scan would make.
    """
    import difflib

    wanted = Counter(text)
    bounds = sorted(
        (-_ratio_bound(wanted, len(text), pattern), index)
        for index, pattern in enumerate(patterns)
    )
    best_index, best_ratio = 0, -1.0
    for negated, index in bounds:
        bound = -negated
        if bound < best_ratio:
            break
        if bound == best_ratio and index > best_index:
            continue
        ratio = difflib.SequenceMatcher(None, text, patterns[index]).ratio()
        if ratio > best_ratio or (ratio == best_ratio and index < best_index):
            best_index, best_ratio = index, ratio
    return patterns[best_index]


def _ratio_bound(wanted: Counter[str], length: int, pattern: str) -> float:
    """An upper bound on difflib's ratio, computed with difflib's own formula."""
    common = sum((wanted & _character_counts(pattern)).values())
    total = length + len(pattern)
    return 2.0 * common / total if total else 1.0


@functools.lru_cache(maxsize=1024)
def _character_counts(pattern: str) -> Counter[str]:
    # Catalog shapes only: a fixed, small set, so the cache stays small.
    return Counter(pattern)


def _unscoped_message(
    view: StatementView, value: Value, affected: list[IamAction]
) -> str:
    first = affected[0]
    shape = next(
        arn.compile_shape(pattern)
        for pattern in needed_shapes(first)
        if arn.compile_shape(pattern).probe is not None
    )
    levels = sorted({a.access_level for a in affected if a.access_level})
    access = f" ({', '.join(levels)} access)" if levels else ""
    return (
        f"Resource {_quoted(value.text)} grants {_name_some(affected)}{access} on every "
        f"{_scope_noun(shape.pattern)}; scope it, e.g. {view.dialect.resource(shape.pattern)}"
    )


def _scope_noun(pattern: str) -> str:
    """Name what a shape's scoping placeholder stands for (``${AppId}``: project)."""
    resource = pattern.split(":", 5)[-1]
    found = re.search(r"\$\{([^}]*)\}", resource)
    if not found:
        return "resource"
    words = re.sub(r"(Id|Name|ID)$", "", found.group(1))
    spaced = re.sub(r"(?<!^)(?=[A-Z])", " ", words).lower().strip()
    if spaced in ("app", "application", "project"):
        return "project"
    return spaced or "resource"
