"""The full-text search's results: each hit as its headline, date and source, and the best
passage with the matched words marked, laid out right to left (the marks on the cells of
the words, wherever the layout put them)."""

from __future__ import annotations

from typing import ClassVar

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.layout.marks import Span
from reader.library.search import Hit
from reader.tui.text import Bidi, fit, marked_wrap
from reader.tui.widgets.strips import marked_strip

SNIPPET_LINES = 2  # lines of passage under each headline
ROWS_PER_HIT = 3 + SNIPPET_LINES  # headline, date and source, the passage, a blank row


class FoundList(ScrollView):
    """Hits, a few rows each, with a cursor on one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "found-list--cursor",
        "found-list--title",
        "found-list--meta",
        "found-list--match",
    }

    def __init__(self, *, bidi: Bidi = "app", id: str | None = None) -> None:
        super().__init__(id=id)
        self.bidi: Bidi = bidi
        self.hits: tuple[Hit, ...] = ()
        self.cursor = 0
        self._snippets: dict[tuple[int, int], list[tuple[str, tuple[Span, ...]]]] = {}

    def set_hits(self, hits: tuple[Hit, ...]) -> None:
        self.hits = hits
        self.cursor = 0
        self._sized()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _sized(self) -> None:
        self._snippets.clear()
        rows = len(self.hits) * ROWS_PER_HIT
        self.virtual_size = Size(self.scrollable_content_region.width, rows)

    @property
    def current(self) -> Hit | None:
        return self.hits[self.cursor] if self.hits else None

    def move(self, step: int) -> None:
        if not self.hits:
            return
        self.cursor = max(0, min(self.cursor + step, len(self.hits) - 1))
        height = self.scrollable_content_region.height
        top, first = round(self.scroll_y), self.cursor * ROWS_PER_HIT
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif first + ROWS_PER_HIT > top + height:
            self.scroll_to(y=first + ROWS_PER_HIT - height, animate=False, immediate=True)
        self.refresh()

    def on_resize(self) -> None:
        self._snippets.clear()
        self.virtual_size = Size(
            self.scrollable_content_region.width, len(self.hits) * ROWS_PER_HIT
        )

    def _snippet(self, index: int, width: int) -> list[tuple[str, tuple[Span, ...]]]:
        lines = self._snippets.get((index, width))
        if lines is None:
            snippet = self.hits[index].snippet
            lines = marked_wrap(snippet.text, width, self.bidi, snippet.marks, "rtl")
            self._snippets[(index, width)] = lines
        return lines

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = y + round(self.scroll_y)
        index, part = divmod(row, ROWS_PER_HIT)
        base = self.rich_style
        if not 0 <= index < len(self.hits) or part == ROWS_PER_HIT - 1:
            return Strip.blank(width, base)
        if index == self.cursor:
            base = base + self.get_component_rich_style("found-list--cursor")
        hit = self.hits[index]
        inner = max(1, width - 2)
        if part == 0:
            style = base + self.get_component_rich_style("found-list--title")
            return marked_strip(
                fit(hit.title, inner, self.bidi, "rtl"), (), width, True, style, style
            )
        if part == 1:
            facts = " · ".join(
                f for f in (hit.published.isoformat() if hit.published else "", hit.source) if f
            )
            style = base + self.get_component_rich_style("found-list--meta")
            return marked_strip(fit(facts, inner, self.bidi, "rtl"), (), width, True, style, style)
        lines = self._snippet(index, inner)
        number = part - 2
        if number >= len(lines):
            return Strip.blank(width, base)
        text, marks = lines[number]
        mark = self.get_component_rich_style("found-list--match")
        return marked_strip(text, marks, width, True, base, mark)
