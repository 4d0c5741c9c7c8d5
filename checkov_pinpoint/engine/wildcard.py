"""IAM wildcard matching for action names, without backtracking.

IAM action names are matched case-insensitively, with ``*`` standing for any run of
characters and ``?`` for exactly one. A backtracking matcher is exponential on
patterns such as ``*a*a*a*a*b`` (and even the greedy one that backtracks only to
the last ``*`` is quadratic on them). This one first normalises the pattern (a run
of ``*`` and ``?`` characters means "at least N characters"), rejects texts shorter
than the pattern's minimum length, and then reads the text once, keeping the set
of pattern positions reached as the bits of one integer: each character costs a
few integer operations on a pattern-length bit set, and nothing is ever re-read.
"""

from __future__ import annotations

import functools

__all__ = ["has_wildcard", "match", "normalise"]


def has_wildcard(text: str) -> bool:
    """Return True when ``text`` contains an IAM wildcard (``*`` or ``?``)."""
    return "*" in text or "?" in text


@functools.lru_cache(maxsize=4096)
def normalise(pattern: str) -> str:
    """Rewrite every run of ``*`` and ``?`` as its ``?`` characters then one ``*``.

    ``*?*?**`` and ``??*`` match exactly the same texts (two characters or more),
    so the rewrite changes no verdict, but it bounds the work the matcher does.
    """
    out: list[str] = []
    index = 0
    length = len(pattern)
    while index < length:
        char = pattern[index]
        if char not in "*?":
            out.append(char)
            index += 1
            continue

        end = index
        while end < length and pattern[end] in "*?":
            end += 1
        run = pattern[index:end]
        out.append("?" * run.count("?"))
        if "*" in run:
            out.append("*")
        index = end
    return "".join(out)


def match(pattern: str, text: str, *, ignore_case: bool = True) -> bool:
    """Return True when the IAM wildcard ``pattern`` matches all of ``text``.

    Args:
        pattern: An IAM pattern with ``*`` and ``?`` wildcards.
        text: The concrete text to test (an action name, for example).
        ignore_case: Compare case-insensitively, as IAM does for action names.
    """
    if ignore_case:
        pattern, text = pattern.lower(), text.lower()
    pattern = normalise(pattern)

    if len(pattern) - pattern.count("*") > len(text):
        return False
    if "*" not in pattern:
        return len(pattern) == len(text) and all(
            p in ("?", t) for p, t in zip(pattern, text, strict=True)
        )
    return _simulate(pattern, text)


@functools.lru_cache(maxsize=4096)
def _automaton(pattern: str) -> tuple[dict[str, int], int, int]:
    """Bit masks of a normalised pattern: positions per character, ``?`` and ``*``."""
    by_char: dict[str, int] = {}
    any_char = stars = 0
    for index, char in enumerate(pattern):
        bit = 1 << index
        if char == "*":
            stars |= bit
        elif char == "?":
            any_char |= bit
        else:
            by_char[char] = by_char.get(char, 0) | bit
    return by_char, any_char, stars


def _simulate(pattern: str, text: str) -> bool:
    """Read ``text`` once through the pattern's automaton.

    Bit ``i`` of ``states`` says ``pattern[:i]`` matches the text read so far. A
    ``*`` at position ``i`` keeps bit ``i`` on every character and also lets the
    match skip it (bit ``i + 1``); one skip step suffices because a normalised
    pattern never has two ``*`` in a row.
    """
    by_char, any_char, stars = _automaton(pattern)
    states = 1 | ((1 & stars) << 1)
    for char in text:
        states = ((states & (by_char.get(char, 0) | any_char)) << 1) | (states & stars)
        states |= (states & stars) << 1
        if not states:
            return False
    return bool(states >> len(pattern) & 1)
