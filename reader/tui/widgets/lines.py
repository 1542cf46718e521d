"""A scrollable view of plain lines (help, diagnostics): line API, so thousands are cheap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.keys import keys
from reader.tui.text import width_of


class PlainLines(ScrollView, can_focus=True):
    """Left-aligned lines of already-safe text, each with an optional component-class style."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys("down", "j"), "scroll_lines(1)", "Down", show=False, id="lines.down"),
        Binding(keys("up", "k"), "scroll_lines(-1)", "Up", show=False, id="lines.up"),
        Binding(
            keys("pagedown", "space"), "scroll_lines(20)", "Page", show=False, id="lines.page_down"
        ),
        Binding("pageup", "scroll_lines(-20)", "Page up", show=False, id="lines.page_up"),
        Binding(keys("left", "h"), "scroll_columns(-8)", "Left", show=False, id="lines.left"),
        Binding(keys("right", "l"), "scroll_columns(8)", "Right", show=False, id="lines.right"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"plain-lines--heading", "plain-lines--dim"}

    def __init__(self, lines: Sequence[tuple[str, str]] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = list(lines)

    def set_lines(self, lines: Sequence[tuple[str, str]]) -> None:
        self.lines = list(lines)
        widest = max((width_of(text) for text, _ in self.lines), default=0)
        self.virtual_size = Size(widest + 2, len(self.lines))
        self.refresh()

    def on_mount(self) -> None:
        self.set_lines(self.lines)

    def action_scroll_lines(self, count: int) -> None:
        self.scroll_to(y=self.scroll_y + count, animate=False, immediate=True)

    def action_scroll_columns(self, count: int) -> None:
        self.scroll_to(x=self.scroll_x + count, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + round(self.scroll_y)
        if not 0 <= index < len(self.lines):
            return Strip.blank(width, self.rich_style)
        text, kind = self.lines[index]
        style = self.rich_style
        if kind:
            style = style + self.get_component_rich_style(f"plain-lines--{kind}")
        x = round(self.scroll_x)
        strip = Strip([Segment(" " + text + " ", style)])
        return strip.crop(x, x + width).extend_cell_length(width, self.rich_style)
