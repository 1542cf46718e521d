"""The status line: what the list holds (filter and count) and what the reader should know
(loading progress, diagnostics, history position)."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from reader.tui.text import Bidi, fit, width_of
from reader.tui.widgets.strips import two_ends


class StatusBar(Widget):
    """One line: the list's description on the right, notices on the left."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"status-bar--notice", "status-bar--filter"}

    DEFAULT_CSS = """
    StatusBar { height: 1; }
    """

    def __init__(self, *, bidi: Bidi = "app", id: str | None = None) -> None:
        super().__init__(id=id)
        self.bidi: Bidi = bidi
        self.description = ""
        self.notice = ""

    def set(self, description: str | None = None, notice: str | None = None) -> None:
        if description is not None:
            self.description = description
        if notice is not None:
            self.notice = notice
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        base = self.rich_style
        if y or width <= 0:
            return Strip.blank(width, base)
        right = fit(self.description, max(0, width - 2), self.bidi, "rtl")
        room = width - 2 - width_of(right) - 3
        left = fit(self.notice, room, self.bidi, "rtl") if room > 3 and self.notice else ""
        notice_style = base + self.get_component_rich_style("status-bar--notice")
        filter_style = base + self.get_component_rich_style("status-bar--filter")
        return two_ends(
            Segment(left, notice_style), Segment(right, filter_style), width, base, self.rich_style
        )
