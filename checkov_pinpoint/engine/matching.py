"""Fast, cached answers to "can this resource name an ARN of that shape?".

Every rule asks the same two questions about the same resources, and the same
resources recur across the statements and policies of a repository. The answers
are therefore memoised per resource value. A fully literal resource (no wildcard,
nothing unknown) is matched with one compiled regular expression per shape, which
is linear and runs in C; only wildcards and partly known values take the
automaton walk of :mod:`checkov_pinpoint.engine.arn`.
"""

from __future__ import annotations

import functools
import re

from checkov_pinpoint.engine import arn
from checkov_pinpoint.model import Part, Value

__all__ = ["can_name", "covers_every"]

# Bounded memo tables: cleared wholesale when full, which keeps memory flat on
# huge inputs and costs only recomputation.
_LIMIT = 20_000
_NAMES: dict[tuple[tuple[Part, ...], str], bool] = {}
_COVERS: dict[tuple[tuple[Part, ...], str], bool] = {}


def can_name(value: Value, pattern: str) -> bool:
    """True when ``value`` can name some ARN of the catalog shape ``pattern``."""
    key = (value.parts, pattern)
    known = _NAMES.get(key)
    if known is None:
        known = _can_name(value, pattern)
        _remember(_NAMES, key, known)
    return known


def covers_every(value: Value, pattern: str) -> bool:
    """True when ``value``'s wildcards cover every resource the shape scopes.

    That is, the shape's scoping identifier (the project of ``apps/${AppId}``,
    the pool of ``pool/${PoolId}``) is matched by a wildcard, not by a literal
    id or a value known only at deploy time. False for shapes without one.
    """
    key = (value.parts, pattern)
    known = _COVERS.get(key)
    if known is None:
        shape = arn.compile_shape(pattern)
        known = (
            shape.probe is not None
            and _compatible(value.parts, pattern)
            and arn.intersects(_tokens(value.parts), shape.probe)
        )
        _remember(_COVERS, key, known)
    return known


def _can_name(value: Value, pattern: str) -> bool:
    text = value.literal_text()
    if text is not None and "*" not in text and "?" not in text:
        return _regex(pattern).fullmatch(text) is not None
    if not _compatible(value.parts, pattern):
        return False
    return arn.intersects(_tokens(value.parts), arn.compile_shape(pattern).tokens)


def _compatible(parts: tuple[Part, ...], pattern: str) -> bool:
    """A cheap necessary condition: the literal service and resource prefixes agree.

    Most (resource, shape) pairs differ already in the service or in the first
    letters of the resource part; the automaton walk is kept for the rest.
    """
    service, prefix = _resource_head(parts)
    shape_service, shape_prefix = _shape_head(pattern)
    if service is not None and service != shape_service:
        return False
    if prefix is None:
        return True
    return prefix.startswith(shape_prefix) or shape_prefix.startswith(prefix)


@functools.lru_cache(maxsize=4096)
def _resource_head(parts: tuple[Part, ...]) -> tuple[str | None, str | None]:
    """The literal service, and the literal start of the resource part, if known."""
    text: list[str] = []
    for part in parts:
        if not isinstance(part, str):
            break
        cut = min((i for i in (part.find("*"), part.find("?")) if i >= 0), default=-1)
        if cut >= 0:
            text.append(part[:cut])
            break
        text.append(part)
    known = "".join(text)
    fields = known.split(":", 5)
    service = fields[2] if len(fields) > 3 else None
    prefix = fields[5] if len(fields) == 6 else None
    return service, prefix


@functools.lru_cache(maxsize=1024)
def _shape_head(pattern: str) -> tuple[str, str]:
    fields = pattern.split(":", 5)
    resource = fields[5] if len(fields) == 6 else ""
    return fields[2] if len(fields) > 2 else "", re.split(
        r"\$\{|\*", resource, maxsplit=1
    )[0]


@functools.lru_cache(maxsize=4096)
def _tokens(parts: tuple[Part, ...]) -> tuple[arn.Token, ...]:
    return arn.compile_resource(Value(parts))


_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


@functools.lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern[str]:
    """A shape as a regular expression: placeholders are one path segment."""
    pieces: list[str] = []
    position = 0
    for found in _PLACEHOLDER.finditer(pattern):
        pieces.append(_literal(pattern[position : found.start()]))
        pieces.append("[^/:]+")
        position = found.end()
    pieces.append(_literal(pattern[position:]))
    return re.compile("".join(pieces), re.DOTALL)


def _literal(text: str) -> str:
    # A "*" written in a catalog shape means any text (see arn._literal_shape_tokens).
    return ".*".join(re.escape(piece) for piece in text.split("*"))


def _remember(
    table: dict[tuple[tuple[Part, ...], str], bool],
    key: tuple[tuple[Part, ...], str],
    answer: bool,
) -> None:
    if len(table) >= _LIMIT:
        table.clear()
    table[key] = answer
