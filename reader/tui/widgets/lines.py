"""A scrollable view of plain lines (help, diagnostics): line API, so thousands are cheap.

The interface's own lines follow its language: an Arabic one is laid out by the RTL engine
and aligned to the right, a two-column row (keys, then what they do) with the keys on the
right and wrapped to the width (a line cut short would lose what a key does). Lines that
quote something else (a file's path, a loader's message) stay as written,
aligned to the left and scrolled sideways when long.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.language import N_, current, right_to_left
from reader.tui.keys import keys
from reader.tui.text import Bidi, fit, width_of, wrap

KEY_COLUMN = 22  # cells of the keys' column in a two-column row
MIN_DESCRIPTION = 10  # cells at least for what the keys do, however narrow the screen
COLUMNS = "\t"  # separates a row's keys from what they do


class Row(NamedTuple):
    """One line: its text (`keys\tdescription` for a two-column row), its component class
    ("heading", "dim" or none), and whether it quotes text that is not the interface's."""

    text: str
    kind: str = ""
    quoted: bool = False


class PlainLines(ScrollView, can_focus=True):
    """Left-aligned lines of already-safe text, each with an optional component-class style."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys("down", "j"), "scroll_lines(1)", N_("Down"), show=False, id="lines.down"),
        Binding(keys("up", "k"), "scroll_lines(-1)", N_("Up"), show=False, id="lines.up"),
        Binding(
            keys("pagedown", "space"),
            "scroll_lines(20)",
            N_("Page"),
            show=False,
            id="lines.page_down",
        ),
        Binding("pageup", "scroll_lines(-20)", N_("Page up"), show=False, id="lines.page_up"),
        Binding(keys("left", "h"), "scroll_columns(-8)", N_("Left"), show=False, id="lines.left"),
        Binding(keys("right", "l"), "scroll_columns(8)", N_("Right"), show=False, id="lines.right"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"plain-lines--heading", "plain-lines--dim"}

    def __init__(self, lines: Sequence[Row] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = list(lines)
        # The lines an Arabic interface shows, for the width and language they were laid
        # out for: each a visual line of a row, or None for a quoted row drawn as written.
        self._laid: tuple[tuple[int, str], list[tuple[str | None, Row]]] | None = None

    def set_lines(self, lines: Sequence[Row]) -> None:
        self.lines = list(lines)
        self._laid = None
        self._fit()

    def _fit(self) -> None:
        widest = max((width_of(_left_to_right(row.text)) for row in self.lines), default=0)
        if right_to_left():
            width = self.scrollable_content_region.width
            quoted = [width_of(row.text) for row in self.lines if row.quoted]
            widest = max([width - 2, *quoted]) if width > 0 else widest
            self.virtual_size = Size(widest + 2, len(self._laid_out(width)))
        else:
            self.virtual_size = Size(widest + 2, len(self.lines))
        self.refresh()

    def on_mount(self) -> None:
        self.set_lines(self.lines)

    def on_resize(self) -> None:
        self._fit()

    def _laid_out(self, width: int) -> list[tuple[str | None, Row]]:
        key = (width, current())
        if self._laid is None or self._laid[0] != key:
            bidi: Bidi = getattr(self.app, "bidi", "app")
            laid: list[tuple[str | None, Row]] = []
            for row in self.lines:
                if row.quoted:
                    laid.append((None, row))
                else:
                    laid += [(line, row) for line in _right_to_left(row.text, width, bidi)]
            self._laid = (key, laid)
        return self._laid[1]

    def action_scroll_lines(self, count: int) -> None:
        self.scroll_to(y=self.scroll_y + count, animate=False, immediate=True)

    def action_scroll_columns(self, count: int) -> None:
        self.scroll_to(x=self.scroll_x + count, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + round(self.scroll_y)
        shown = self._laid_out(width) if right_to_left() else [(None, r) for r in self.lines]
        if not 0 <= index < len(shown):
            return Strip.blank(width, self.rich_style)
        line, row = shown[index]
        style = self.rich_style
        if row.kind:
            style = style + self.get_component_rich_style(f"plain-lines--{row.kind}")
        if line is not None:
            return Strip([Segment(line, style)]).extend_cell_length(width, self.rich_style)
        x = round(self.scroll_x)
        strip = Strip([Segment(" " + _left_to_right(row.text) + " ", style)])
        return strip.crop(x, x + width).extend_cell_length(width, self.rich_style)


def _left_to_right(text: str) -> str:
    keys, tab, description = text.partition(COLUMNS)
    return f"{keys:<{KEY_COLUMN}} {description}" if tab else text


def _right_to_left(text: str, width: int, bidi: Bidi) -> list[str]:
    """Right-aligned lines for `width` cells: the keys' column at the right edge, what they
    do laid out and wrapped on its left."""
    room = max(1, width - 1)
    keys, tab, description = text.partition(COLUMNS)
    if not tab:
        shown = wrap(text, room, bidi, "rtl")[0] if text else [""]
    else:
        column = min(max(KEY_COLUMN, width_of(keys)), max(1, room - MIN_DESCRIPTION))
        said = wrap(description, max(1, room - column - 1), bidi, "rtl")[0]
        keys = fit(keys, column, bidi, "ltr")
        margins = [" " * (column - width_of(keys)) + keys] + [" " * column] * (len(said) - 1)
        shown = [f"{line} {margin}" for line, margin in zip(said, margins, strict=True)]
    return [" " * max(0, room - width_of(line)) + line + " " for line in shown]
