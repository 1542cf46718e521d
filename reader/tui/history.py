"""Back and forward through the places (`Place`) a reader followed, like a web browser.

Kept free of Textual so that the rules (going somewhere new drops the forward entries,
going nowhere new adds nothing) can be tested on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader is: which list (all, or one tag's; saved only; unread only) and
    which article is open."""

    tag: str | None = None
    article: str | None = None
    saved: bool = False
    unread: bool = False

    def showing(self, article: str | None) -> Place:
        """The same list with another article open."""
        return replace(self, article=article)


@dataclass
class History(Generic[T]):
    """A list of places and a position in it; `go` truncates everything after the position."""

    _entries: list[T] = field(default_factory=list)
    _index: int = -1

    @property
    def current(self) -> T | None:
        """Where the reader is now, or None before the first `go`."""
        return self._entries[self._index] if self._entries else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def __len__(self) -> int:
        return len(self._entries)

    def go(self, place: T) -> bool:
        """Visit `place`; drops the forward entries. Visiting the current place again is a no-op."""
        if self._entries and self._entries[self._index] == place:
            return False
        del self._entries[self._index + 1 :]
        self._entries.append(place)
        self._index = len(self._entries) - 1
        return True

    def replace(self, place: T) -> None:
        """Change the current entry in place (e.g. when the current article's row moves)."""
        if self._entries:
            self._entries[self._index] = place
        else:
            self.go(place)

    def translate(self, change: Callable[[T], T]) -> None:
        """Rewrite every entry (e.g. pages shown during a first load, once they are articles)."""
        self._entries = [change(place) for place in self._entries]

    def ahead(self, offset: int) -> T | None:
        """The place `offset` entries from the current one (back when below 0), without
        going there; None past either end."""
        index = self._index + offset
        return self._entries[index] if self._entries and 0 <= index < len(self._entries) else None

    def back(self) -> T | None:
        """Step back; returns the place now current, or None when already at the start."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._entries[self._index]

    def forward(self) -> T | None:
        """Step forward; returns the place now current, or None when at the newest entry."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._entries[self._index]
