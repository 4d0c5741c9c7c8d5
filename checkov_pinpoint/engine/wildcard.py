"""IAM wildcard matching for action names, in time linear in practice.

IAM action names are matched case-insensitively, with ``*`` standing for any run of
characters and ``?`` for exactly one. A naive backtracking matcher is exponential on
patterns such as ``*a*a*a*a*b``; this one first normalises the pattern (a run of
``*`` and ``?`` characters means "at least N characters"), rejects texts shorter
than the pattern's minimum length, and then runs the classic greedy algorithm,
which backtracks only to the most recent ``*``.
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
    return _greedy_match(pattern, text)


def _greedy_match(pattern: str, text: str) -> bool:
    """Match with backtracking only to the last ``*`` seen (quadratic at worst)."""
    p_index = t_index = 0
    star_p = star_t = -1
    while t_index < len(text):
        if p_index < len(pattern) and pattern[p_index] in ("?", text[t_index]):
            p_index += 1
            t_index += 1
        elif p_index < len(pattern) and pattern[p_index] == "*":
            star_p, star_t = p_index, t_index
            p_index += 1
        elif star_p >= 0:
            star_t += 1
            p_index, t_index = star_p + 1, star_t
        else:
            return False
    return all(char == "*" for char in pattern[p_index:])
