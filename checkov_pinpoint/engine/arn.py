"""Resource ARNs: can a policy's resource name a resource of a given shape?

A policy resource is a pattern (``*`` crosses ``/`` and ``:``, ``?`` is one
character, matched case-sensitively) that may also hold parts unknown until deploy
time. A catalog shape is a pattern too (``apps/${ProjectId}/campaigns/${CampaignId}``).
The question "could this resource name a resource of that shape?" is whether the two
languages share a string. Both are small automata, so the answer comes from a
breadth-first walk over pairs of positions: at most ``len(resource) * len(shape)``
states, no backtracking.

The same walk answers "does this resource cover *every* project?": the shape's
scoping placeholder is replaced by a probe symbol that only a wildcard in the
resource can match, never a literal id or a value unknown until deploy time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from checkov_pinpoint.model import Unknown, UnknownKind, Value

__all__ = [
    "MAX_RESOURCE_LENGTH",
    "Shape",
    "Token",
    "compile_resource",
    "compile_shape",
    "intersects",
    "split_fields",
    "walk_size",
]

#: Resources longer than this are not evaluated (the walk is bounded by length).
MAX_RESOURCE_LENGTH = 2048

#: The probe symbol: no resource literal contains it (see ``compile_resource``).
_PROBE = "\x00"
_SEPARATORS = frozenset("/:")
_NO_SEPARATOR = _SEPARATORS | {_PROBE}

_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


@dataclass(frozen=True, eq=False)
class Token:
    """One step of a pattern: one character, or a run of them (``star``).

    Each distinct step exists once (the classes below, and :func:`_char_token`
    for characters), so tokens compare and hash by identity: caching a walk over
    a 2,000-character resource then hashes pointers, not 2,000 dataclasses.

    Attributes:
        char: The exact character this step consumes, or None for a class.
        excluded: For a class, the characters it does not contain.
        star: True when the step consumes zero or more characters of its class.
    """

    char: str | None = None
    excluded: frozenset[str] = frozenset()
    star: bool = False

    def meets(self, other: Token) -> bool:
        """Return True when some character is accepted by both steps."""
        if self.char is not None and other.char is not None:
            return self.char == other.char
        if self.char is not None:
            return self.char not in other.excluded
        if other.char is not None:
            return other.char not in self.excluded
        return True


_ANY_STAR = Token(star=True)
_ANY_ONE = Token()
_UNKNOWN_ANY = Token(excluded=frozenset({_PROBE}), star=True)
_UNKNOWN_SEGMENT = Token(excluded=_NO_SEPARATOR, star=True)
_SEGMENT_ONE = Token(excluded=_NO_SEPARATOR)
_SEGMENT_STAR = Token(excluded=_NO_SEPARATOR, star=True)
_PROBE_ONE = Token(char=_PROBE)


@dataclass(frozen=True)
class Shape:
    """A catalog ARN pattern compiled for matching.

    Attributes:
        pattern: The catalog's pattern text, with ``${...}`` placeholders.
        tokens: Steps for "could a resource name an ARN of this shape?".
        probe: Steps with the scoping placeholder replaced by the probe symbol,
            or None when the shape has no placeholder in its resource part (an
            account-level collection such as ``apps`` or ``templates``).
    """

    pattern: str
    tokens: tuple[Token, ...]
    probe: tuple[Token, ...] | None


@functools.lru_cache(maxsize=1024)
def compile_shape(pattern: str) -> Shape:
    """Compile a catalog ARN pattern; placeholders stand for one path segment."""
    return Shape(pattern, _shape_tokens(pattern, probe=False), _probe_tokens(pattern))


def _probe_tokens(pattern: str) -> tuple[Token, ...] | None:
    resource_start = _nth_colon(pattern, 5)
    if resource_start < 0 or not _PLACEHOLDER.search(pattern, resource_start):
        return None
    return _shape_tokens(pattern, probe=True)


def _nth_colon(text: str, count: int) -> int:
    index = -1
    for _ in range(count):
        index = text.find(":", index + 1)
        if index < 0:
            return -1
    return index


def _shape_tokens(pattern: str, *, probe: bool) -> tuple[Token, ...]:
    tokens: list[Token] = []
    resource_start = _nth_colon(pattern, 5)
    probed = not probe
    position = 0
    for placeholder in _PLACEHOLDER.finditer(pattern):
        tokens.extend(_literal_shape_tokens(pattern[position : placeholder.start()]))
        if not probed and placeholder.start() > resource_start:
            tokens.append(_PROBE_ONE)
            probed = True
        else:
            tokens.extend((_SEGMENT_ONE, _SEGMENT_STAR))
        position = placeholder.end()
    tokens.extend(_literal_shape_tokens(pattern[position:]))
    return tuple(tokens)


def _literal_shape_tokens(text: str) -> list[Token]:
    # A "*" written in a catalog shape (GetReports: "...:${Account}:*") means
    # "any resource of the service", so it is a run of any characters.
    return [_ANY_STAR if char == "*" else _char_token(char) for char in text]


@functools.lru_cache(maxsize=4096)
def _char_token(char: str) -> Token:
    """The shared step for one literal character."""
    return Token(char=char)


def compile_resource(value: Value) -> tuple[Token, ...]:
    """Compile a policy resource into steps, normalising runs of wildcards.

    A run of ``*`` and ``?`` becomes its ``?`` steps followed by one ``*`` step,
    which accepts exactly the same strings. Unknown parts accept any text of their
    kind except the probe symbol: a value only known at deploy time names one
    thing, it is not a wildcard.
    """
    tokens: list[Token] = []
    for part in value.parts:
        if isinstance(part, Unknown):
            tokens.append(
                _UNKNOWN_SEGMENT if part.kind is UnknownKind.SEGMENT else _UNKNOWN_ANY
            )
            continue
        for char in part:
            if char == "*":
                tokens.append(_ANY_STAR)
            elif char == "?":
                tokens.append(_ANY_ONE)
            else:
                tokens.append(_char_token("\ufffd" if char == _PROBE else char))
    return _normalise_runs(tokens)


def _normalise_runs(tokens: list[Token]) -> tuple[Token, ...]:
    out: list[Token] = []
    pending_star = False
    for token in tokens:
        if token is _ANY_STAR:
            pending_star = True
        elif token is _ANY_ONE:
            out.append(token)
        else:
            if pending_star:
                out.append(_ANY_STAR)
                pending_star = False
            if token.star and out and out[-1] == token:
                continue
            out.append(token)
    if pending_star:
        out.append(_ANY_STAR)
    return tuple(out)


# Bounded so that many long resources cannot pile up: a statement needs a few
# hundred (resource, shape) pairs at most.
@functools.lru_cache(maxsize=4096)
def intersects(resource: tuple[Token, ...], shape: tuple[Token, ...]) -> bool:
    """Return True when some string is accepted by both step sequences.

    A walk over (resource position, shape position) pairs; each pair is visited
    at most once, so the cost is bounded by the product of the lengths.
    """
    return _walk(resource, shape, stop_at_goal=True)[0]


def walk_size(resource: tuple[Token, ...], shape: tuple[Token, ...]) -> int:
    """Count the position pairs the walk of :func:`intersects` can reach.

    At most ``(len(resource) + 1) * (len(shape) + 1)``: the tests use the count
    to show the matcher never does more work than that, whatever the input.
    """
    return _walk(resource, shape, stop_at_goal=False)[1]


def _walk(
    resource: tuple[Token, ...], shape: tuple[Token, ...], *, stop_at_goal: bool
) -> tuple[bool, int]:
    """Walk the pairs of positions; return (goal reached, pairs visited)."""
    width = len(shape) + 1
    goal = len(resource) * width + len(shape)
    seen = {0}
    stack = [0]
    while stack:
        state = stack.pop()
        if state == goal and stop_at_goal:
            return True, len(seen)
        for following in _successors(resource, shape, *divmod(state, width)):
            encoded = following[0] * width + following[1]
            if encoded not in seen:
                seen.add(encoded)
                stack.append(encoded)
    return goal in seen, len(seen)


def _successors(
    resource: tuple[Token, ...], shape: tuple[Token, ...], i: int, j: int
) -> list[tuple[int, int]]:
    mine = resource[i] if i < len(resource) else None
    theirs = shape[j] if j < len(shape) else None
    steps: list[tuple[int, int]] = []
    if mine is not None and mine.star:
        steps.append((i + 1, j))
    if theirs is not None and theirs.star:
        steps.append((i, j + 1))
    if mine is None or theirs is None or not mine.meets(theirs):
        return steps

    if mine.star and not theirs.star:
        steps.append((i, j + 1))
    elif theirs.star and not mine.star:
        steps.append((i + 1, j))
    elif not mine.star and not theirs.star:
        steps.append((i + 1, j + 1))
    return steps


def resource_part(value: Value) -> str | None:
    """The text after the fifth literal ``:`` (the resource part), if it is known."""
    fields = split_fields(value)
    if len(fields.fields) < 6 or not fields.complete:
        return None
    colons = 0
    for index, part in enumerate(value.parts):
        if not isinstance(part, str):
            continue
        for offset, char in enumerate(part):
            if char == ":":
                colons += 1
                if colons == 5:
                    rest = Value(value.parts[index + 1 :])
                    return part[offset + 1 :] + rest.text
    return None


@dataclass(frozen=True)
class Fields:
    """The leading fields of an ARN, as far as they are statically known.

    Attributes:
        fields: Field texts in order (``arn``, partition, service, region,
            account, resource). A field is None when a wildcard or unknown part
            makes its content, or its boundaries, unknowable.
        complete: True when the split reached the resource field, so a short
            ``fields`` list means the ARN really has too few fields.
    """

    fields: tuple[str | None, ...]
    complete: bool


def split_fields(value: Value) -> Fields:
    """Split a resource into ARN fields, stopping where boundaries become unknown.

    A ``*`` or an unknown part may stand for text containing ``:``, so after one
    the positions of later fields are unknown; a field holding ``?`` is kept
    (its boundaries are still known) but returned as None.
    """
    fields: list[str | None] = []
    current: list[str] = []
    opaque = False
    for part in value.parts:
        if isinstance(part, Unknown) and part.kind is UnknownKind.SEGMENT:
            opaque = True
            continue
        for char in part if isinstance(part, str) else (None,):
            if char is None or char == "*":
                # Text of any length, ":" included, may stand here.
                return Fields(tuple(fields) + (None,), len(fields) == 5)
            if char == ":" and len(fields) < 5:
                fields.append(None if opaque else "".join(current))
                current, opaque = [], False
            else:
                opaque = opaque or char == "?"
                current.append(char)
    fields.append(None if opaque else "".join(current))
    return Fields(tuple(fields), True)
