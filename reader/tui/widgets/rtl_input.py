"""A one-line text field whose Arabic reads right: shaped, right to left, with a cursor.

Textual's Input draws characters in logical order, so Arabic typed into it comes out
backwards and unjoined. This field keeps the logical text and a logical cursor, and draws
the text through the layout engine: the cursor is a marker character laid out with the
text (so it lands where bidi puts that logical position), then drawn as the cursor cell.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from reader.language import N_, right_to_left
from reader.layout import Direction
from reader.tui.text import Bidi, fit, width_of

CURSOR_MARK = "\u2502"  # a neutral character: bidi places it by its neighbours


class RtlInput(Widget, can_focus=True):
    """Logical text plus a cursor; Left moves toward the visual left (logically forward in RTL)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "backspace",
            "delete_left",
            N_("Delete"),
            show=False,
            id="input.backspace",
            tooltip=N_("Delete the letter before the cursor"),
        ),
        Binding(
            "delete",
            "delete_right",
            N_("Delete forward"),
            show=False,
            id="input.delete",
            tooltip=N_("Delete the letter after the cursor"),
        ),
        Binding(
            "left",
            "move(1)",
            N_("Left"),
            show=False,
            id="input.left",
            tooltip=N_("Cursor left (forward in Arabic text)"),
        ),
        Binding(
            "right",
            "move(-1)",
            N_("Right"),
            show=False,
            id="input.right",
            tooltip=N_("Cursor right (backward in Arabic text)"),
        ),
        Binding(
            "home",
            "edge(0)",
            N_("Start"),
            show=False,
            id="input.home",
            tooltip=N_("Cursor to the start of the text"),
        ),
        Binding(
            "end",
            "edge(1)",
            N_("End"),
            show=False,
            id="input.end",
            tooltip=N_("Cursor to the end of the text"),
        ),
        Binding(
            "ctrl+u",
            "clear",
            N_("Clear"),
            show=False,
            id="input.clear",
            tooltip=N_("Clear the field"),
        ),
        Binding(
            "enter",
            "submit",
            N_("Choose"),
            id="input.submit",
            tooltip=N_("Filter the list by the highlighted tag"),
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"rtl-input--cursor", "rtl-input--placeholder"}

    DEFAULT_CSS = """
    RtlInput { height: 3; border: tall $border-blurred; padding: 0 1; background: $surface; }
    RtlInput:focus { border: tall $border; }
    RtlInput > .rtl-input--cursor { background: $foreground; color: $background; }
    RtlInput > .rtl-input--placeholder { color: $text-muted; }
    """

    class Changed(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    class Submitted(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, placeholder: str = "", *, bidi: Bidi = "app", id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder
        self.bidi: Bidi = bidi
        self.value = ""
        self.cursor = 0

    def _set(self, value: str, cursor: int) -> None:
        changed = value != self.value
        self.value, self.cursor = value, max(0, min(cursor, len(value)))
        self.refresh()
        if changed:
            self.post_message(self.Changed(value))

    def insert(self, text: str) -> None:
        """Insert at the cursor, dropping control characters (pastes included)."""
        text = "".join(c for c in text if c.isprintable())
        if text:
            v, c = self.value, self.cursor
            self._set(v[:c] + text + v[c:], c + len(text))

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and not event.key.startswith("ctrl+"):
            event.stop()
            event.prevent_default()
            self.insert(event.character)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.insert(event.text.replace("\n", " "))

    def action_delete_left(self) -> None:
        if self.cursor:
            self._set(self.value[: self.cursor - 1] + self.value[self.cursor :], self.cursor - 1)

    def action_delete_right(self) -> None:
        self._set(self.value[: self.cursor] + self.value[self.cursor + 1 :], self.cursor)

    def action_move(self, step: int) -> None:
        """Arrows move visually: in right-to-left text, Left goes logically forward."""
        if reads_right_to_left(self.value):
            self._set(self.value, self.cursor + step)
        else:
            self._set(self.value, self.cursor - step)

    def action_edge(self, end: int) -> None:
        self._set(self.value, len(self.value) if end else 0)

    def action_clear(self) -> None:
        self._set("", 0)

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self.value))

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if y != 0 or width <= 0:
            return Strip.blank(width, self.rich_style)
        return draw_field(
            self.value,
            self.cursor,
            width,
            self.bidi,
            self.rich_style,
            self.get_component_rich_style("rtl-input--cursor") if self.has_focus else None,
            self.placeholder,
            self.get_component_rich_style("rtl-input--placeholder"),
        )

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def reads_right_to_left(value: str) -> bool:
    """True when the text's first strong letter is Arabic or Hebrew (or it has none)."""
    for char in value:
        if "\u0590" <= char <= "\u08ff" or "\ufb1d" <= char <= "\ufeff":
            return True
        if char.isalpha():
            return False
    return True


def draw_field(
    value: str,
    cursor: int,
    width: int,
    bidi: Bidi,
    base: Style,
    cursor_style: Style | None,
    placeholder: str = "",
    muted: Style | None = None,
) -> Strip:
    """One line of a text field: `value` laid out with its logical `cursor` (drawn in
    `cursor_style`, or not at all without one), right-aligned when it reads right to left."""
    cursor_cell = base + cursor_style if cursor_style is not None else base
    if not value:
        hint = fit(placeholder, width - 1, bidi, "rtl" if right_to_left() else "ltr")
        pad = width - 1 - width_of(hint)
        hinted = base + muted if muted is not None else base
        return Strip(
            [Segment(" " * pad, base), Segment(hint, hinted), Segment(" ", cursor_cell)]
        ).adjust_cell_length(width, base)
    direction: Direction = "rtl" if reads_right_to_left(value) else "ltr"
    # A window of the logical text that keeps the cursor in view on long queries.
    start = max(0, cursor - (width - 3))
    shown = value[start : start + width - 2]
    at = cursor - start
    marked = shown[:at] + CURSOR_MARK + shown[at:]
    line = fit(marked, width, bidi, direction)
    segments: list[Segment] = []
    pad = width - width_of(line)
    if direction == "rtl":
        segments.append(Segment(" " * pad, base))
    before, mark, after = line.partition(CURSOR_MARK)
    segments.append(Segment(before, base))
    if mark:
        segments.append(Segment(" ", cursor_cell))
    segments.append(Segment(after, base))
    if direction == "ltr":
        segments.append(Segment(" " * pad, base))
    return Strip(segments).adjust_cell_length(width, base)
