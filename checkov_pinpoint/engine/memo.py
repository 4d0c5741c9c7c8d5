"""A bounded memo for answers keyed on what templates contain.

Templates are input the engine does not control, so nothing it remembers about
them may grow without bound. :class:`Memo` is a dict that starts again empty
once it holds its limit: memory stays flat on hostile input, a scan of ordinary
templates (a few hundred distinct values) never reaches the limit, and looking
an answer up stays a plain dict lookup.
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["Memo"]

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """A dict of remembered answers that forgets them all when full."""

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def remember(self, key: K, value: V) -> V:
        """Keep ``value`` for ``key`` (emptying the memo first if full); return it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
