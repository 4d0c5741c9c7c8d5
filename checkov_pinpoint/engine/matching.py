"""Fast, cached answers to "can this resource name an ARN of that shape?".

Every rule asks the same two questions about the same resources, against the
same few dozen catalog shapes. So each resource is read once through one
automaton holding every catalog shape side by side
(:class:`~checkov_pinpoint.engine.arn.ShapeAutomaton`), and the set of shape
positions it reaches is remembered per resource value: every later question
about that resource, for any shape, is one bit test.

The engine registers its catalog's shapes with :func:`prepare`; a shape that
was never registered is still answered, through an automaton of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from checkov_pinpoint.engine import arn
from checkov_pinpoint.engine.memo import Memo
from checkov_pinpoint.model import Part, Value

__all__ = ["can_name", "can_name_any", "covers_any", "covers_every", "prepare"]

# Entries per memo of the shared automaton (reached positions per resource,
# goal bits per set of shapes).
_LIMIT = 20_000
# More registered shapes than this and the shared automaton starts afresh.
_MAX_PATTERNS = 1024


@dataclass
class _Shared:
    """The shared automaton, its goal bits per pattern, and the per-resource memo."""

    automaton: arn.ShapeAutomaton
    #: pattern -> (goal bit of its shape, goal bit of its probe or 0)
    goals: dict[str, tuple[int, int]]
    reached: Memo[tuple[Part, ...], int] = field(default_factory=lambda: Memo(_LIMIT))
    #: patterns -> the goal bits of all of them, ORed
    unions: Memo[tuple[str, ...], tuple[int, int]] = field(
        default_factory=lambda: Memo(_LIMIT)
    )


_shared: _Shared | None = None


def prepare(patterns: Iterable[str]) -> None:
    """Register catalog shapes, so questions about them share one automaton.

    Registering is idempotent; shapes already known keep their memo. Call it
    once per catalog (the engine does), not once per question.
    """
    global _shared
    wanted = set(patterns)
    known = set(_shared.goals) if _shared is not None else set()
    if wanted <= known:
        return
    if len(known | wanted) <= _MAX_PATTERNS:
        wanted |= known
    shapes = [arn.compile_shape(pattern) for pattern in sorted(wanted)]
    automaton = arn.ShapeAutomaton(
        steps
        for shape in shapes
        for steps in (shape.tokens, shape.probe)
        if steps is not None
    )
    goals = {
        shape.pattern: (
            automaton.goal(shape.tokens),
            automaton.goal(shape.probe) if shape.probe is not None else 0,
        )
        for shape in shapes
    }
    _shared = _Shared(automaton, goals)


def can_name(value: Value, pattern: str) -> bool:
    """True when ``value`` can name some ARN of the catalog shape ``pattern``."""
    shared = _shared
    if shared is not None:
        goals = shared.goals.get(pattern)
        if goals is not None:
            return bool(_reached(shared, value.parts) & goals[0])
    shape = arn.compile_shape(pattern)
    return arn.intersects(_tokens(value.parts), shape.tokens)


def covers_every(value: Value, pattern: str) -> bool:
    """True when ``value``'s wildcards cover every resource the shape scopes.

    That is, the shape's scoping identifier (the project of ``apps/${AppId}``,
    the pool of ``pool/${PoolId}``) is matched by a wildcard, not by a literal
    id or a value known only at deploy time. False for shapes without one.
    """
    shared = _shared
    if shared is not None:
        goals = shared.goals.get(pattern)
        if goals is not None:
            return bool(_reached(shared, value.parts) & goals[1])
    shape = arn.compile_shape(pattern)
    return shape.probe is not None and arn.intersects(_tokens(value.parts), shape.probe)


def can_name_any(value: Value, patterns: tuple[str, ...]) -> bool:
    """True when ``value`` can name an ARN of any of the shapes ``patterns``."""
    return _any_shape(value, patterns, 0, can_name)


def covers_any(value: Value, patterns: tuple[str, ...]) -> bool:
    """True when ``value`` covers every resource of any of the shapes ``patterns``."""
    return _any_shape(value, patterns, 1, covers_every)


def _any_shape(
    value: Value,
    patterns: tuple[str, ...],
    goal: int,
    each: Callable[[Value, str], bool],
) -> bool:
    """One bit test against the shapes' ``goal`` bits (0: can name, 1: covers).

    Shapes the shared automaton does not hold are asked one at a time with ``each``.
    """
    shared = _shared
    if shared is not None:
        goals = _goal_union(shared, patterns)
        if goals is not None:
            return bool(_reached(shared, value.parts) & goals[goal])
    return any(each(value, pattern) for pattern in patterns)


def _goal_union(shared: _Shared, patterns: tuple[str, ...]) -> tuple[int, int] | None:
    """The goal bits of several shapes together, or None if one is unregistered."""
    union = shared.unions.get(patterns)
    if union is None:
        if any(pattern not in shared.goals for pattern in patterns):
            return None
        names = probes = 0
        for pattern in patterns:
            name, probe = shared.goals[pattern]
            names |= name
            probes |= probe
        union = shared.unions.remember(patterns, (names, probes))
    return union


def _reached(shared: _Shared, parts: tuple[Part, ...]) -> int:
    reached = shared.reached.get(parts)
    if reached is None:
        reached = shared.reached.remember(parts, shared.automaton.run(_tokens(parts)))
    return reached


def _tokens(parts: tuple[Part, ...]) -> tuple[arn.Token, ...]:
    return arn.compile_resource(Value(parts))
