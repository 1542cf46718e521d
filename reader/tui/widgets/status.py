"""The status line: what the list holds (filter and count) and what the reader should know
(loading progress, diagnostics, history position), read from the side the interface's
language reads from."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from reader.language import right_to_left
from reader.layout import Direction
from reader.tui.text import Bidi, fit, width_of
from reader.tui.widgets.strips import two_ends

NOTICE_GAP = 3  # cells at least between the description and the notices


class StatusBar(Widget):
    """One line: the list's description where the line begins (the right, in Arabic),
    notices at its other end."""

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
        rtl = right_to_left()
        direction: Direction = "rtl" if rtl else "ltr"
        described = fit(self.description, max(0, width - 2), self.bidi, direction)
        room = width - 2 - width_of(described) - NOTICE_GAP
        notice = fit(self.notice, room, self.bidi, direction) if room > 3 and self.notice else ""
        notice_style = base + self.get_component_rich_style("status-bar--notice")
        filter_style = base + self.get_component_rich_style("status-bar--filter")
        ends = (Segment(notice, notice_style), Segment(described, filter_style))
        left, right = ends if rtl else ends[::-1]
        return two_ends(left, right, width, base, self.rich_style)
