"""CloudFormation (and SAM) resources → host-neutral policies and statements.

Each supported resource type names where its identity policies live. The policies
are read with :class:`~checkov_pinpoint.extract.intrinsics.Resolver`, so intrinsic
functions are evaluated as far as the template allows, and every element keeps its
path from the root the host gave, for exact locations in findings.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from checkov_pinpoint.extract.intrinsics import Resolver, TooDeep, describe, plain
from checkov_pinpoint.extract.sam import expand_sam_policy
from checkov_pinpoint.model import Path, Policy, Skipped, Statement, Value

__all__ = ["CFN_POLICY_RESOURCE_TYPES", "iter_cfn_policies", "read_policy_document"]

logger = logging.getLogger(__name__)

_DOCUMENT = ("PolicyDocument",)
_POLICY_LIST_TYPES = frozenset({"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"})
_DOCUMENT_TYPES = frozenset(
    {
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
        "AWS::IAM::RolePolicy",
        "AWS::IAM::UserPolicy",
        "AWS::IAM::GroupPolicy",
    }
)
_SAM_TYPES = frozenset({"AWS::Serverless::Function", "AWS::Serverless::StateMachine"})

#: Every resource type whose identity policies are read.
CFN_POLICY_RESOURCE_TYPES: frozenset[str] = (
    _DOCUMENT_TYPES | _POLICY_LIST_TYPES | _SAM_TYPES | {"AWS::SSO::PermissionSet"}
)


def iter_cfn_policies(
    resource_type: str,
    properties: Any,
    path: Path,
    resolver: Resolver | None = None,
) -> Iterator[Policy]:
    """Yield every identity policy of one resource.

    Args:
        resource_type: The resource's ``Type``.
        properties: The resource's ``Properties`` node.
        path: The path of ``properties`` from the host's root.
        resolver: Resolves intrinsics; a resource-only one by default.
    """
    resolver = resolver or Resolver()
    if properties is None:
        return
    if not isinstance(properties, Mapping):
        yield Policy(
            path, skipped=(Skipped(_unreadable("Properties", properties), path),)
        )
        return
    if resource_type in _DOCUMENT_TYPES:
        yield from _documents(
            properties.get("PolicyDocument"),
            (*path, "PolicyDocument"),
            resolver,
            _name(properties),
        )
    elif resource_type in _POLICY_LIST_TYPES:
        yield from _policy_list(
            properties.get("Policies"), (*path, "Policies"), resolver
        )
    elif resource_type == "AWS::SSO::PermissionSet":
        yield from _documents(
            properties.get("InlinePolicy"), (*path, "InlinePolicy"), resolver, None
        )
    elif resource_type in _SAM_TYPES:
        yield from _sam_policies(
            properties.get("Policies"), (*path, "Policies"), resolver
        )


def _name(properties: Mapping[str, Any]) -> str | None:
    name = properties.get("PolicyName", properties.get("ManagedPolicyName"))
    return name if isinstance(name, str) else None


def _policy_list(node: Any, path: Path, resolver: Resolver) -> Iterator[Policy]:
    if node is None:
        return
    for branch, branch_path in resolver.branches(node, path):
        if not isinstance(branch, list):
            yield Policy(
                branch_path,
                skipped=(Skipped("Policies is not a list of policies", branch_path),),
            )
            continue
        for index, item in enumerate(branch):
            for policy, policy_path in resolver.branches(item, (*branch_path, index)):
                if not isinstance(policy, Mapping):
                    yield Policy(
                        policy_path,
                        skipped=(
                            Skipped(
                                "a policy in Policies is not a mapping", policy_path
                            ),
                        ),
                    )
                    continue
                yield from _documents(
                    policy.get("PolicyDocument"),
                    (*policy_path, *_DOCUMENT),
                    resolver,
                    _name(policy),
                )


def _sam_policies(node: Any, path: Path, resolver: Resolver) -> Iterator[Policy]:
    if node is None:
        return
    for branch, branch_path in resolver.branches(node, path):
        items = branch if isinstance(branch, list) else [branch]
        for index, item in enumerate(items):
            item_path = (
                (*branch_path, index) if isinstance(branch, list) else branch_path
            )
            for policy, policy_path in resolver.branches(item, item_path):
                yield from _sam_policy(policy, policy_path, resolver)


def _sam_policy(node: Any, path: Path, resolver: Resolver) -> Iterator[Policy]:
    """One entry of a SAM ``Policies`` list: a managed policy, a document, or a template."""
    node = plain(node)
    if isinstance(node, str):
        return  # A managed policy name or ARN; its content is not in the template.
    if isinstance(node, Mapping) and "Statement" in node:
        yield from _documents(node, path, resolver, None)
        return
    if isinstance(node, Mapping) and len(node) == 1:
        expanded = expand_sam_policy(node, path)
        if expanded is not None:
            yield from _documents(expanded, path, resolver, None, keep_paths=True)
        return
    yield Policy(
        path,
        skipped=(
            Skipped(
                "a SAM policy entry is neither a name, a document nor a policy template",
                path,
            ),
        ),
    )


def _documents(
    node: Any,
    path: Path,
    resolver: Resolver,
    name: str | None,
    keep_paths: bool = False,
) -> Iterator[Policy]:
    if node is None:
        return
    for document, document_path in resolver.branches(node, path):
        yield read_policy_document(
            document, document_path, resolver, name, keep_paths=keep_paths
        )


def read_policy_document(
    document: Any,
    path: Path,
    resolver: Resolver | None = None,
    name: str | None = None,
    *,
    keep_paths: bool = False,
) -> Policy:
    """Read one policy document node (a mapping, or a JSON string) into a Policy.

    Args:
        document: The ``PolicyDocument`` node.
        path: Its path from the host's root.
        resolver: Resolves intrinsics inside the document; without one, an
            element that needs resolving gets a resolver without a template.
        name: The policy's name, for messages.
        keep_paths: Point every element at ``path`` itself (used for documents
            generated from a SAM policy template, which have no source lines).
    """
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except (ValueError, RecursionError) as error:
            return Policy(
                path,
                name,
                skipped=(
                    Skipped(
                        f"the policy is a string that is not valid JSON ({error})", path
                    ),
                ),
            )
    if not isinstance(document, Mapping) or _is_intrinsic(document):
        return Policy(
            path,
            name,
            skipped=(Skipped(_unreadable("the policy document", document), path),),
        )
    if "Statement" not in document:
        return Policy(
            path, name, skipped=(Skipped("the policy document has no Statement", path),)
        )

    statements: list[Statement] = []
    skipped: list[Skipped] = []
    node_path = (*path, "Statement")
    for branch, branch_path in _branches(resolver, document["Statement"], node_path):
        items = branch if isinstance(branch, list) else [branch]
        for index, item in enumerate(items):
            item_path = (
                (*branch_path, index) if isinstance(branch, list) else branch_path
            )
            for statement, statement_path in _branches(resolver, item, item_path):
                read = _statement(
                    statement,
                    index,
                    path if keep_paths else statement_path,
                    resolver,
                    keep_paths,
                )
                if isinstance(read, Skipped):
                    skipped.append(read)
                else:
                    statements.append(read)
    return Policy(path, name, tuple(statements), tuple(skipped))


def _branches(
    resolver: Resolver | None, node: Any, path: Path
) -> Iterable[tuple[Any, Path]]:
    """:meth:`Resolver.branches`, answered directly for nodes that cannot branch.

    A list, or a mapping of other than one key without checkov's bookkeeping
    keys, is neither ``Fn::If`` nor ``Ref: AWS::NoValue``: it is its only branch.
    """
    if type(node) is list or (
        type(node) is dict and len(node) != 1 and not _has_bookkeeping(node)
    ):
        return ((node, path),)
    return (resolver or Resolver()).branches(node, path)


def _has_bookkeeping(node: dict[Any, Any]) -> bool:
    for key in node:
        if isinstance(key, str) and key.startswith("__") and key.endswith("__"):
            return True
    return False


def _statement(
    node: Any, index: int, path: Path, resolver: Resolver | None, keep_paths: bool
) -> Statement | Skipped:
    if type(node) is not dict and not isinstance(node, Mapping):
        return Skipped(_unreadable(f"statement {index}", node), path)

    skipped: list[Skipped] = []
    action_key = (
        "NotAction" if "NotAction" in node and "Action" not in node else "Action"
    )
    resource_key = (
        "NotResource"
        if "NotResource" in node and "Resource" not in node
        else "Resource"
    )
    actions = _elements(node, action_key, path, resolver, skipped, keep_paths)
    resources = _elements(node, resource_key, path, resolver, skipped, keep_paths)
    if action_key not in node:
        skipped.append(
            Skipped(f"statement {index} has neither Action nor NotAction", path)
        )

    effect = node.get("Effect")
    if effect not in ("Allow", "Deny"):
        skipped.append(
            Skipped(
                f"statement {index} has the Effect {effect!r}, not 'Allow' or 'Deny'",
                path,
            )
        )
        effect = None
    sid = node.get("Sid")
    return Statement(
        index=index,
        path=path,
        effect=effect,
        sid=sid if isinstance(sid, str) else None,
        action_key=action_key,
        actions=actions,
        resource_key=resource_key,
        resources=resources,
        has_condition="Condition" in node,
        skipped=tuple(skipped),
    )


def _elements(
    node: Mapping[str, Any],
    key: str,
    path: Path,
    resolver: Resolver | None,
    skipped: list[Skipped],
    keep_paths: bool,
) -> tuple[Value, ...]:
    if key not in node:
        return ()
    element = node[key]
    if not keep_paths:
        literal = _literal_strings(element, (*path, key))
        if literal is not None:
            return literal
    resolved = (resolver or Resolver()).string_list(element, (*path, key))
    skipped.extend(resolved.skipped)
    if keep_paths:
        return tuple(Value(value.parts, path) for value in resolved.values)
    return resolved.values


def _literal_strings(element: Any, path: Path) -> tuple[Value, ...] | None:
    """The values of a plain string or list of plain strings, without the resolver.

    Most policies are plain JSON; for them this gives exactly what
    :meth:`Resolver.string_list` gives, without looking for intrinsics that
    cannot be there. None for anything else, which the resolver then reads.
    """
    if isinstance(element, str):
        return (Value.literal(element, path),)
    if not isinstance(element, list):
        return None
    values: list[Value] = []
    for index, item in enumerate(element):
        if not isinstance(item, str):
            return None
        # Value.literal, spelt out: this runs for every action and resource.
        values.append(Value((item,) if item else (), (*path, index)))
    return tuple(values)


def _is_intrinsic(node: Any) -> bool:
    """True for a one-key mapping naming an intrinsic function (``Fn::...``/``Ref``)."""
    node = plain(node)
    if not isinstance(node, Mapping) or len(node) != 1:
        return False
    key = str(next(iter(node)))
    return key == "Ref" or key.startswith("Fn::")


def _unreadable(what: str, node: Any) -> str:
    node = plain(node)
    if isinstance(node, TooDeep):
        return f"{what} is behind {node}"
    if isinstance(node, Mapping) and len(node) == 1:
        function = str(next(iter(node)))
        if function.startswith("Fn::") or function == "Ref":
            return f"{what} is a {function}, whose content is only known at deploy time"
    kind = "a string" if isinstance(node, str) else describe(node)
    return f"{what} is {kind}, not a mapping"
