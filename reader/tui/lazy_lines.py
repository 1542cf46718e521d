"""An article's screen lines, laid out a block at a time from either end, as they are needed.

A page of 90,000 paragraphs takes many seconds to lay out whole, so the article pane lays
out what it shows: from the top as the reader scrolls (and in slices between keys), and
from the bottom when they jump to the end. Blocks between the two laid-out runs count as an
estimate (a line per `width` characters) until they are laid out: lines above them keep
their place, lines below them move by what the estimate missed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import floordiv

from reader.render.article_lines import ArticleBlocks
from reader.tui.text import Bidi, wrap


@dataclass(frozen=True, slots=True)
class PaneLine:
    """One line of the pane: display text, its style name, and the item it belongs to."""

    text: str
    style: str
    rtl: bool
    item: int | None


class LazyLines:
    """The lines of `blocks` (shown as `texts`) for `width` cells, laid out on request."""

    def __init__(self, blocks: ArticleBlocks, texts: Sequence[str], width: int, bidi: Bidi):
        self._blocks = blocks
        self._texts = texts
        self._width = max(1, width)
        self._bidi: Bidi = bidi
        self._items = dict(zip(blocks.item_blocks, range(len(blocks.items)), strict=True))
        # Estimates in C-speed passes over the texts' lengths, per block only when it is laid
        # out: a long page has tens of thousands of blocks, and this runs before its first
        # line is painted. A block's estimate is a line per `width` characters (at least one)
        # and its gap; `n // -width` is minus the lines of n characters.
        lengths = list(map(len, texts))
        lines = lengths.count(0) - sum(map(floordiv, lengths, repeat(-self._width)))
        span = blocks.paragraph_span
        ends = chain(range(span.start), range(span.stop, len(blocks)))
        gaps = sum(map(self._gap, ends)) + len(span) - (0 in span)  # every paragraph has a gap
        self._middle = lines + gaps
        self._head: list[PaneLine] = []
        self._head_starts: list[int] = []  # block index -> its first line in the head
        self._tail: list[PaneLine] = []  # reversed: the article's last line first
        self._tail_tops: list[int] = []  # from the last block up: its top, counted from the end
        self._tail_from = len(blocks)  # the first block of the tail

    def _estimate(self, index: int) -> int:
        """The lines block `index` counts for until it is laid out."""
        return self._gap(index) + max(1, -(-len(self._texts[index]) // self._width))

    def _gap(self, index: int) -> int:
        """1 when a blank line comes before block `index` (never before the first)."""
        return int(index > 0 and self._blocks[index].gap_before)

    def _lay_out(self, index: int) -> list[PaneLine]:
        block = self._blocks[index]
        self._middle -= self._estimate(index)
        texts, rtl = wrap(self._texts[index], self._width, self._bidi, block.direction)
        lines = [PaneLine("", "paragraph", True, None)] * self._gap(index)
        item = self._items.get(index)
        return lines + [PaneLine(text, block.kind, rtl, item) for text in texts]

    # ----- what is known ----------------------------------------------------------------
    @property
    def done(self) -> bool:
        return len(self._head_starts) >= self._tail_from

    @property
    def height(self) -> int:
        """Lines in all: exact once `done`, until then with the middle estimated."""
        return len(self._head) + self._middle + len(self._tail)

    @property
    def head_end(self) -> int:
        """The first line not laid out from the top."""
        return len(self._head)

    @property
    def tail_lines(self) -> int:
        """Lines laid out from the bottom."""
        return len(self._tail)

    def line(self, y: int) -> PaneLine | None:
        """Line `y`, or None past either end or in the middle not yet laid out."""
        if 0 <= y < len(self._head):
            return self._head[y]
        from_end = self.height - 1 - y
        if 0 <= from_end < len(self._tail):
            return self._tail[from_end]
        return None

    def rows_of(self, item: int) -> range:
        """The lines of followable item `item`, laid out from the bottom if need be."""
        index = self._blocks.item_blocks[item]
        while not self.done and len(self._head_starts) <= index < self._tail_from:
            self._grow_tail_once()
        gap = self._gap(index)
        if index < len(self._head_starts):
            starts = [*self._head_starts, len(self._head)]
            return range(starts[index] + gap, starts[index + 1])
        tops = [0, *self._tail_tops]
        last = len(self._blocks) - 1 - index
        height = self.height
        return range(height - tops[last + 1] + gap, height - tops[last])

    # ----- laying out -------------------------------------------------------------------
    def grow_head(self, lines: int | None = None, deadline: float | None = None) -> None:
        """Lay out from the top until `lines` lines are laid out there (all without `lines`),
        or until `deadline`."""
        while not self.done and (lines is None or len(self._head) < lines):
            if deadline is not None and time.perf_counter() >= deadline:
                return
            index = len(self._head_starts)
            self._head_starts.append(len(self._head))
            self._head += self._lay_out(index)

    def grow_tail(self, lines: int) -> None:
        """Lay out from the bottom until `lines` lines are laid out there."""
        while not self.done and len(self._tail) < lines:
            self._grow_tail_once()

    def _grow_tail_once(self) -> None:
        self._tail_from -= 1
        self._tail += reversed(self._lay_out(self._tail_from))
        self._tail_tops.append(len(self._tail))
