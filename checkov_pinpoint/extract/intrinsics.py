"""Partial evaluation of CloudFormation intrinsic functions.

A policy element such as ``!Sub arn:${AWS::Partition}:mobiletargeting:...:apps/${App}``
is resolved as far as the template allows: literal text stays literal, pseudo
parameters and references become :class:`~checkov_pinpoint.model.Unknown` parts of
the right kind, ``Fn::If`` yields every branch, and ``Fn::GetAtt App.Arn`` of an
``AWS::Pinpoint::App`` becomes the shape of an app ARN. Nothing is executed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checkov_pinpoint.model import Path, Skipped, Unknown, UnknownKind, Value

__all__ = ["Resolved", "Resolver", "TooDeep", "describe", "plain"]

# Alternatives multiply (Fn::If inside Fn::Join inside Fn::Sub ...); past this
# many, the remaining ones are not enumerated.
_MAX_ALTERNATIVES = 32

# Deeper nesting than this is reported as not evaluated, not followed: it keeps
# the recursion far from Python's limit.
_MAX_DEPTH = 50
# No ARN or action is this long; longer built values are reported, not built.
_MAX_TEXT = 8192

_SEGMENT_PSEUDO = frozenset(
    {
        "AWS::Partition",
        "AWS::Region",
        "AWS::AccountId",
        "AWS::StackName",
        "AWS::URLSuffix",
        "AWS::StackId",
    }
)
_SUB_VARIABLE = re.compile(r"\$\{(!?)([^}]*)\}")

#: Resource types whose ``Ref`` is one path segment (an id or a name).
_SEGMENT_REF_TYPES = frozenset(
    {"AWS::Pinpoint::App", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
)


@dataclass(frozen=True)
class Resolved:
    """The possible string values of one template node, or why there are none.

    Attributes:
        values: Every alternative the node can take (one per ``Fn::If`` branch).
        skipped: Why some or all of the node could not be read.
    """

    values: tuple[Value, ...] = ()
    skipped: tuple[Skipped, ...] = ()


def _app_arn(label: str) -> tuple[Unknown | str, ...]:
    segment = Unknown(label, UnknownKind.SEGMENT)
    return (
        "arn:",
        segment,
        ":mobiletargeting:",
        segment,
        ":",
        segment,
        ":apps/",
        segment,
    )


class TooDeep:
    """Stands for intrinsic functions nested too deep to follow."""

    def __str__(self) -> str:
        return f"intrinsic functions nested more than {_MAX_DEPTH} deep"


class Resolver:
    """Resolves nodes of one template; ``template`` None means "resource only".

    Args:
        template: The whole template as a mapping, when the host provides it.
            Without it (checkov hands over one resource at a time), references
            to parameters and resources are unknown of any shape.
    """

    def __init__(self, template: Mapping[str, Any] | None = None) -> None:
        template = template if isinstance(template, Mapping) else {}
        self._parameters = _mapping(template.get("Parameters"))
        self._resources = _mapping(template.get("Resources"))
        self._mappings = _mapping(template.get("Mappings"))
        self._depth = 0
        self._memo: dict[
            int, tuple[Any, list[tuple[Unknown | str, ...]], list[Skipped]]
        ] = {}

    def pinpoint_apps(self) -> tuple[str, ...]:
        """Logical IDs of the template's ``AWS::Pinpoint::App`` resources, sorted."""
        return tuple(
            sorted(
                str(name)
                for name, resource in self._resources.items()
                if _mapping(resource).get("Type") == "AWS::Pinpoint::App"
            )
        )

    def branches(self, node: Any, path: Path) -> Iterator[tuple[Any, Path]]:
        """Yield ``node``'s alternatives, expanding ``Fn::If`` and dropping NoValue.

        ``Fn::If`` nested deeper than ``_MAX_DEPTH`` yields a :class:`TooDeep`
        marker in its place, which readers report as not evaluated.
        """
        yield from self._branches(plain(node), path, 0)

    def _branches(
        self, node: Any, path: Path, depth: int
    ) -> Iterator[tuple[Any, Path]]:
        if _is_function(node, "Fn::If"):
            arguments = node["Fn::If"]
            if isinstance(arguments, list) and len(arguments) == 3:
                if depth >= _MAX_DEPTH:
                    yield TooDeep(), path
                    return
                for index in (1, 2):
                    branch_path = (*path, "Fn::If", index)
                    yield from self._branches(
                        plain(arguments[index]), branch_path, depth + 1
                    )
                return
        if _is_function(node, "Ref") and node["Ref"] == "AWS::NoValue":
            return
        yield node, path

    def strings(self, node: Any, path: Path) -> Resolved:
        """Resolve a node that should hold one string (each ``Fn::If`` branch apart)."""
        values: list[Value] = []
        skipped: list[Skipped] = []
        for branch, branch_path in self.branches(node, path):
            alternatives = self._parts(branch, branch_path, skipped)
            source = _source_text(branch)
            values.extend(
                Value(Value.of(parts).parts, branch_path, source)
                for parts in alternatives[:_MAX_ALTERNATIVES]
            )
        return Resolved(tuple(values), tuple(skipped))

    def string_list(self, node: Any, path: Path) -> Resolved:
        """Resolve a node that should hold a string or a list of strings."""
        values: list[Value] = []
        skipped: list[Skipped] = []
        for branch, branch_path in self.branches(node, path):
            if isinstance(branch, list):
                for index, item in enumerate(branch):
                    resolved = self.strings(item, (*branch_path, index))
                    values.extend(resolved.values)
                    skipped.extend(resolved.skipped)
                continue
            listed = self._list_function(branch, branch_path, skipped)
            if listed is not None:
                values.extend(listed)
                continue
            resolved = self.strings(branch, branch_path)
            values.extend(resolved.values)
            skipped.extend(resolved.skipped)
        return Resolved(tuple(values), tuple(skipped))

    def _list_function(
        self, node: Any, path: Path, skipped: list[Skipped]
    ) -> list[Value] | None:
        """Resolve list-valued functions (Ref to a list parameter, FindInMap, Split)."""
        node = plain(node)
        if _is_function(node, "Ref") and isinstance(node["Ref"], str):
            parameter = _mapping(self._parameters.get(node["Ref"]))
            kind = str(parameter.get("Type", ""))
            if kind.startswith("List<") or kind == "CommaDelimitedList":
                skipped.append(
                    Skipped(
                        f"the list comes from parameter {node['Ref']!r} and is only known at deploy time",
                        path,
                    )
                )
                return []
        if _is_function(node, "Fn::FindInMap"):
            found = self._find_in_map(node["Fn::FindInMap"])
            if isinstance(found, list):
                return list(self.string_list(found, path).values)
        pieces = _static_split(node)
        if pieces is not None:
            return [Value.of((piece,), path) for piece in pieces]
        if _is_function(node, "Fn::Split") or _is_function(node, "Fn::GetAZs"):
            return [Value.of((Unknown(_function_name(node)),), path)]
        return None

    def _parts(
        self, node: Any, path: Path, skipped: list[Skipped]
    ) -> list[tuple[Unknown | str, ...]]:
        """Return the alternatives of a string node as tuples of parts."""
        if self._depth >= _MAX_DEPTH:
            skipped.append(
                Skipped(f"intrinsic functions nested more than {_MAX_DEPTH} deep", path)
            )
            return []
        # A node shared by YAML aliases, or named by many functions, is resolved
        # once: re-resolving it at every use grows exponentially with nesting.
        shared = isinstance(node, Mapping)
        if shared and id(node) in self._memo:
            _, answer, reasons = self._memo[id(node)]
            present = {id(reason) for reason in skipped}
            skipped.extend(r for r in reasons if id(r) not in present)
            return answer
        self._depth += 1
        before = len(skipped)
        try:
            answer = self._parts_of(plain(node), path, skipped)
        finally:
            self._depth -= 1
        if shared:
            unique = list({id(reason): reason for reason in skipped[before:]}.values())
            self._memo[id(node)] = (node, answer, unique)
        return answer

    def _parts_of(
        self, node: Any, path: Path, skipped: list[Skipped]
    ) -> list[tuple[Unknown | str, ...]]:
        if isinstance(node, TooDeep):
            skipped.append(Skipped(str(node), path))
            return []
        if isinstance(node, str):
            return [(node,)]
        if isinstance(node, bool) or node is None or isinstance(node, (int, float)):
            skipped.append(Skipped(f"expected a string, found {describe(node)}", path))
            return []
        if not isinstance(node, Mapping) or len(node) != 1:
            skipped.append(Skipped(f"expected a string, found {describe(node)}", path))
            return []

        name, argument = next(iter(node.items()))
        handler = {
            "Ref": self._ref,
            "Fn::Sub": self._sub,
            "Fn::GetAtt": self._get_att,
            "Fn::Join": self._join,
            "Fn::FindInMap": self._find_in_map_parts,
            "Fn::Select": self._select,
        }.get(str(name))
        if handler is not None:
            return handler(argument, path, skipped)
        if str(name).startswith("Fn::") or name == "Condition":
            return [(Unknown(str(name)),)]
        skipped.append(
            Skipped(f"expected a string, found a mapping with key {str(name)!r}", path)
        )
        return []

    def _ref(
        self, argument: Any, path: Path, skipped: list[Skipped]
    ) -> list[tuple[Unknown | str, ...]]:
        if not isinstance(argument, str):
            skipped.append(
                Skipped(f"Ref takes a logical name, found {describe(argument)}", path)
            )
            return []
        label = "${" + argument + "}"
        if argument in _SEGMENT_PSEUDO:
            return [(Unknown(label, UnknownKind.SEGMENT),)]
        parameter = self._parameters.get(argument)
        if isinstance(parameter, Mapping):
            allowed = parameter.get("AllowedValues")
            if (
                isinstance(allowed, list)
                and allowed
                and all(isinstance(item, str) for item in allowed)
            ):
                return [(item,) for item in allowed]
            default = parameter.get("Default")
            if isinstance(default, str) and parameter.get("Type") == "String":
                # What is deployed unless overridden, and what checkov puts in
                # place of the Ref before a check sees it: both hosts judge it.
                return [(default,)]
            return [(Unknown(label),)]
        resource = _mapping(self._resources.get(argument))
        if resource.get("Type") in _SEGMENT_REF_TYPES:
            return [(Unknown(label, UnknownKind.SEGMENT),)]
        return [(Unknown(label),)]

    def _get_att(
        self, argument: Any, path: Path, skipped: list[Skipped]
    ) -> list[tuple[Unknown | str, ...]]:
        if isinstance(argument, str) and "." in argument:
            argument = argument.split(".", 1)
        if not (
            isinstance(argument, list)
            and len(argument) == 2
            and isinstance(argument[0], str)
        ):
            return [(Unknown("Fn::GetAtt"),)]
        logical, attribute = argument
        label = "${" + f"{logical}.{attribute}" + "}"
        resource = _mapping(self._resources.get(logical))
        if resource.get("Type") == "AWS::Pinpoint::App" and attribute == "Arn":
            return [_app_arn(label)]
        return [(Unknown(label),)]

    def _sub(
        self, argument: Any, path: Path, skipped: list[Skipped]
    ) -> list[tuple[Unknown | str, ...]]:
        text: Any = argument
        variables: Mapping[str, Any] = {}
        if isinstance(argument, list) and len(argument) == 2:
            text, variables = argument[0], _mapping(argument[1])
        if not isinstance(text, str):
            skipped.append(
                Skipped(f"Fn::Sub takes a string, found {describe(text)}", path)
            )
            return []

        resolved: dict[str, list[tuple[Unknown | str, ...]]] = {}
        pieces: list[list[tuple[Unknown | str, ...]]] = []
        position = 0
        for found in _SUB_VARIABLE.finditer(text):
            pieces.append([(text[position : found.start()],)])
            escaped, name = found.groups()
            if escaped:
                pieces.append([("${" + name + "}",)])
            elif name in variables:
                # Each variable is resolved once, however often the text names it.
                if name not in resolved:
                    resolved[name] = self._parts(
                        variables[name], (*path, "Fn::Sub", 1, name), skipped
                    )
                pieces.append(resolved[name])
            elif "." in name:
                pieces.append(self._get_att(name, path, skipped))
            else:
                pieces.append(self._ref(name, path, skipped))
            position = found.end()
        pieces.append([(text[position:],)])
        return _concatenate(pieces, path, skipped)

    def _join(
        self, argument: Any, path: Path, skipped: list[Skipped]
    ) -> list[tuple[Unknown | str, ...]]:
        if not (
            isinstance(argument, list)
            and len(argument) == 2
            and isinstance(argument[0], str)
        ):
            return [(Unknown("Fn::Join"),)]
        delimiter, items = argument
        if not isinstance(items, list):
            return [(Unknown("Fn::Join"),)]
        pieces: list[list[tuple[Unknown | str, ...]]] = []
        for index, item in enumerate(items):
            if index:
                pieces.append([(delimiter,)])
            item_path = (*path, "Fn::Join", 1, index)
            pieces.append(
                [
                    parts
                    for branch, at in self.branches(item, item_path)
                    for parts in self._parts(branch, at, skipped)
                ]
            )
        return _concatenate(pieces, path, skipped)

    def _find_in_map(self, argument: Any) -> Any:
        if not (isinstance(argument, list) and len(argument) >= 3):
            return None
        keys = argument[:3]
        if not all(isinstance(key, str) for key in keys):
            return None
        return _mapping(_mapping(self._mappings.get(keys[0])).get(keys[1])).get(keys[2])

    def _find_in_map_parts(
        self, argument: Any, path: Path, skipped: list[Skipped]
    ) -> list[tuple[Unknown | str, ...]]:
        found = self._find_in_map(argument)
        if isinstance(found, str):
            return [(found,)]
        return [(Unknown("Fn::FindInMap"),)]

    def _select(
        self, argument: Any, path: Path, skipped: list[Skipped]
    ) -> list[tuple[Unknown | str, ...]]:
        if not (isinstance(argument, list) and len(argument) == 2):
            return [(Unknown("Fn::Select"),)]
        index, items = argument
        pieces = _static_split(items)
        if pieces is None and not isinstance(items, list):
            return [(Unknown("Fn::Select"),)]
        count = len(pieces if pieces is not None else items)
        position = _list_index(index, count)
        if position is None:
            return [(Unknown("Fn::Select"),)]
        if not 0 <= position < count:
            skipped.append(
                Skipped(f"Fn::Select picks item {position} of a list of {count}", path)
            )
            return []
        if pieces is not None:
            # Fn::Split of literal text: the pieces have no place of their own
            # in the template, so a finding points at the Fn::Select.
            return [(pieces[position],)]
        return self._parts(items[position], (*path, "Fn::Select", 1, position), skipped)


def _list_index(index: Any, count: int) -> int | None:
    """``Fn::Select``'s index as a number, or None when it is not one.

    A digit string too long to convert (Python limits them) is read as past
    the end of the list.
    """
    if isinstance(index, str) and index.isdigit():
        return int(index) if len(index) < 10 else count + len(index)
    if not isinstance(index, int) or isinstance(index, bool):
        return None
    return index


def _static_split(node: Any) -> list[str] | None:
    """The pieces of ``Fn::Split`` of literal text by a literal delimiter, or None."""
    node = plain(node)
    if not _is_function(node, "Fn::Split"):
        return None
    arguments = node["Fn::Split"]
    if (
        isinstance(arguments, list)
        and len(arguments) == 2
        and all(isinstance(argument, str) for argument in arguments)
        and arguments[0]
    ):
        return str(arguments[1]).split(str(arguments[0]))
    return None


def _concatenate(
    pieces: list[list[tuple[Unknown | str, ...]]],
    path: Path,
    skipped: list[Skipped],
) -> list[tuple[Unknown | str, ...]]:
    """Every combination of the pieces' alternatives, at most ``_MAX_ALTERNATIVES``.

    Nested functions can multiply text (a Fn::Sub naming a variable ten times,
    seven levels deep, builds ten million characters); a result longer than
    ``_MAX_TEXT`` is reported instead of built.
    """
    size = sum(_length(alternatives[0]) for alternatives in pieces if alternatives)
    if size > _MAX_TEXT:
        skipped.append(
            Skipped(f"the value built here is over {_MAX_TEXT} characters long", path)
        )
        return []
    combined = itertools.islice(itertools.product(*pieces), _MAX_ALTERNATIVES)
    return [
        tuple(part for piece in combination for part in piece)
        for combination in combined
    ]


def _length(parts: tuple[Unknown | str, ...]) -> int:
    return sum(len(part) if isinstance(part, str) else 1 for part in parts)


def _source_text(node: Any) -> str | None:
    """How a template wrote an ARN-building function, when that reads better."""
    node = plain(node)
    if _is_function(node, "Fn::GetAtt"):
        argument = node["Fn::GetAtt"]
        if isinstance(argument, list) and all(isinstance(a, str) for a in argument):
            return "${" + ".".join(argument) + "}"
    if _is_function(node, "Fn::Sub") and isinstance(node["Fn::Sub"], str):
        text: str = node["Fn::Sub"]
        return text if ".Arn}" in text else None
    return None


def plain(node: Any) -> Any:
    """Drop the bookkeeping keys checkov adds to mappings (``__startline__``, ...)."""
    if isinstance(node, Mapping) and any(
        isinstance(key, str) and key.startswith("__") and key.endswith("__")
        for key in node
    ):
        return {
            key: value
            for key, value in node.items()
            if not (
                isinstance(key, str) and key.startswith("__") and key.endswith("__")
            )
        }
    return node


def _is_function(node: Any, name: str) -> bool:
    node = plain(node)
    return isinstance(node, Mapping) and len(node) == 1 and name in node


def _function_name(node: Mapping[str, Any]) -> str:
    return str(next(iter(node)))


def _mapping(node: Any) -> Mapping[str, Any]:
    return node if isinstance(node, Mapping) else {}


def describe(node: Any) -> str:
    """Name a node's type the way a template author thinks of it."""
    if node is None:
        return "null"
    if isinstance(node, bool):
        return f"the boolean {str(node).lower()}"
    if isinstance(node, (int, float)):
        return f"the number {node!r}"
    if isinstance(node, list):
        return "a list"
    if isinstance(node, Mapping):
        return "a mapping"
    return f"a {type(node).__name__}"
