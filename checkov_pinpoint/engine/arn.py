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
from collections.abc import Iterable
from dataclasses import dataclass

from checkov_pinpoint.engine.memo import Memo
from checkov_pinpoint.model import Part, Unknown, UnknownKind, Value

__all__ = [
    "MAX_RESOURCE_LENGTH",
    "Shape",
    "ShapeAutomaton",
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
    parts = value.parts
    if len(parts) == 1 and isinstance(parts[0], str):
        text = parts[0]
        if "*" not in text and "?" not in text and _PROBE not in text:
            # Only literal characters: one step each, no runs to normalise.
            return tuple(map(_char_token, text))
    tokens: list[Token] = []
    for part in parts:
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


def intersects(resource: tuple[Token, ...], shape: tuple[Token, ...]) -> bool:
    """Return True when some string is accepted by both step sequences.

    The resource is read once through the shape's automaton (see
    :class:`ShapeAutomaton`); the cost grows with the resource's length, each
    step a few operations on a bit set as wide as the shape.
    """
    automaton = _single(shape)
    return bool(automaton.run(resource) & automaton.goal(shape))


@functools.lru_cache(maxsize=256)
def _single(shape: tuple[Token, ...]) -> ShapeAutomaton:
    return ShapeAutomaton((shape,))


class ShapeAutomaton:
    """Several shapes side by side in one bit set, reading a resource once for all.

    Bit ``offset + j`` stands for "position ``j`` of one shape is reachable from
    what the resource has consumed so far"; bit ``offset + len(shape)`` is that
    shape's goal. Reading one resource step moves every shape at once with a few
    integer operations. This is the walk over position pairs (kept as
    :func:`walk_size`, the reference it is tested against) done a whole row at a
    time: a row is the set of shape positions paired with one resource position.

    Rows recur (every ARN of a service starts the same way), so each row gets a
    number and the step from a row on a token is remembered, which turns the
    simulation into a lazily built deterministic automaton: a step seen before
    costs one dictionary lookup. The memo is bounded and starts afresh when full.

    Args:
        shapes: The step sequences to read resources against.
    """

    _MAX_ROWS = 20_000

    def __init__(self, shapes: Iterable[tuple[Token, ...]]) -> None:
        self._goals: dict[tuple[Token, ...], int] = {}
        self._by_char: dict[str, int] = {}
        self._by_class: dict[frozenset[str], int] = {}
        starts = stars = 0
        offset = 0
        for shape in shapes:
            if shape in self._goals:
                continue
            starts |= 1 << offset
            for position, token in enumerate(shape, offset):
                bit = 1 << position
                if token.star:
                    stars |= bit
                if token.char is not None:
                    self._by_char[token.char] = self._by_char.get(token.char, 0) | bit
                else:
                    excluded = token.excluded
                    self._by_class[excluded] = self._by_class.get(excluded, 0) | bit
            offset += len(shape)
            self._goals[shape] = 1 << offset
            offset += 1
        self._stars = stars
        self._masks: dict[Token, tuple[int, int, int]] = {}
        self._start = self._close(starts, stars)
        self._reset()

    def goal(self, shape: tuple[Token, ...]) -> int:
        """The goal bit of ``shape``: set in :meth:`run`'s answer when they meet."""
        return self._goals[shape]

    def goals(self) -> dict[tuple[Token, ...], int]:
        """Every shape with its goal bit."""
        return dict(self._goals)

    def run(self, resource: tuple[Token, ...]) -> int:
        """Read ``resource``; return the set of shape positions reachable at its end."""
        if len(self._rows) > self._MAX_ROWS:
            self._reset()
        rows, states = self._rows, self._states
        row = 0
        for token in resource:
            following = rows[row].get(token)
            if following is None:
                following = self._number(self._step(states[row], token))
                rows[row][token] = following
            row = following
            if row == 1:
                break  # nothing is reachable any more
        return states[row]

    def _reset(self) -> None:
        # Row 0 is the start, row 1 the empty set (nothing reachable).
        self._states = [self._start, 0]
        self._numbers = {0: 1}
        if self._start:
            self._numbers[self._start] = 0
        self._rows: list[dict[Token, int]] = [{}, {}]

    def _number(self, state: int) -> int:
        number = self._numbers.get(state)
        if number is None:
            number = self._numbers[state] = len(self._states)
            self._states.append(state)
            self._rows.append({})
        return number

    def _step(self, state: int, token: Token) -> int:
        meet, meet_star, meet_one = self._token_masks(token)
        if token.star:
            # The resource's run may consume any shape step it meets, any number
            # of times: propagate through each run of such positions at once.
            return self._close(state, meet | self._stars)
        moved = (state & meet_star) | ((state & meet_one) << 1)
        return self._close(moved, self._stars)

    @staticmethod
    def _close(state: int, passable: int) -> int:
        """Add every position reachable forward through ``passable`` positions.

        Adding the run's bits to the state's bits in it carries from the lowest
        reached position to just past the run's end; XOR recovers the carried
        bits. A goal bit is never passable, so nothing carries into another shape.
        """
        return state | (((state & passable) + passable) ^ passable)

    def _token_masks(self, token: Token) -> tuple[int, int, int]:
        """Shape positions ``token`` meets: all, the star ones, the single ones."""
        masks = self._masks.get(token)
        if masks is None:
            if token.char is not None:
                meet = self._by_char.get(token.char, 0)
                for excluded, bits in self._by_class.items():
                    if token.char not in excluded:
                        meet |= bits
            else:
                meet = 0
                for bits in self._by_class.values():
                    meet |= bits
                for char, bits in self._by_char.items():
                    if char not in token.excluded:
                        meet |= bits
            masks = self._masks[token] = (
                meet,
                meet & self._stars,
                meet & ~self._stars,
            )
        return masks


def walk_size(resource: tuple[Token, ...], shape: tuple[Token, ...]) -> int:
    """Count the position pairs the reference walk reaches.

    The walk over (resource position, shape position) pairs is the definition
    :class:`ShapeAutomaton` computes a row at a time; the tests compare the two,
    and use the count to show the walk never does more than
    ``(len(resource) + 1) * (len(shape) + 1)`` steps, whatever the input.
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


#: Split fields per resource, bounded like the other memo tables.
_FIELDS: Memo[tuple[Part, ...], Fields] = Memo(20_000)


def split_fields(value: Value) -> Fields:
    """Split a resource into ARN fields, stopping where boundaries become unknown.

    A ``*`` or an unknown part may stand for text containing ``:``, so after one
    the positions of later fields are unknown; a field holding ``?`` is kept
    (its boundaries are still known) but returned as None.
    """
    parts = value.parts
    fields = _FIELDS.get(parts)
    if fields is None:
        if len(parts) == 1 and isinstance(parts[0], str):
            fields = _split_literal(parts[0])
        else:
            fields = _split_parts(parts)
        _FIELDS.remember(parts, fields)
    return fields


def _split_literal(text: str) -> Fields:
    """:func:`split_fields` for fully known text, with string methods."""
    star = text.find("*")
    if star < 0:
        return Fields(tuple(map(_known_field, text.split(":", 5))), True)
    pieces = text[:star].split(":", 5)
    # Fields end at a colon; the text after the last one is cut short by "*".
    ended = pieces[:5] if len(pieces) > 5 else pieces[:-1]
    return Fields((*map(_known_field, ended), None), len(ended) == 5)


def _known_field(text: str) -> str | None:
    return None if "?" in text else text


def _split_parts(parts: tuple[Part, ...]) -> Fields:
    fields: list[str | None] = []
    current: list[str] = []
    opaque = False
    for part in parts:
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
