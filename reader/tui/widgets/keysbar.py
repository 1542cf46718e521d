"""The bottom line: the keys that apply now, each with what it does.

Textual's Footer rebuilds a widget per key whenever the bindings change, which costs more
than opening an article; this bar draws one line and redraws only when the list changed.
Clicking a key runs its action. Names are looked up in the interface's language when drawn,
so a switch of language needs only a redraw; an Arabic bar reads from the right, each name
laid out by the RTL engine, the key names as the keyboard prints them.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from reader.language import right_to_left
from reader.tui.keys import named
from reader.tui.text import Bidi, fit, width_of

KEY_PADDING = 3  # cells around a key and its name: " key name "


class KeysBar(Widget):
    """One line of `key description` pairs for the focused widget, its screen and the app."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"keys-bar--key", "keys-bar--description"}

    DEFAULT_CSS = """
    KeysBar { dock: bottom; height: 1; background: $footer-background; }
    KeysBar > .keys-bar--key { color: $footer-key-foreground; text-style: bold; }
    KeysBar > .keys-bar--description { color: $footer-description-foreground; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[tuple[str, Binding, str, DOMNode]] = []
        self._spans: list[tuple[int, int, str, DOMNode]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        items: list[tuple[str, Binding, str, DOMNode]] = []
        seen: set[str] = set()
        for namespace, binding, enabled, _ in screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append((self.app.get_key_display(binding), binding, binding.action, namespace))
        if [i[:3] for i in items] != [i[:3] for i in self.items]:
            self.items = items
            self.refresh()
        else:
            self.items = items

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        base = self.rich_style
        if y or width <= 0:
            return Strip.blank(width, base)
        key_style = base + self.get_component_rich_style("keys-bar--key")
        text_style = base + self.get_component_rich_style("keys-bar--description")
        bidi: Bidi = getattr(self.app, "bidi", "app")
        rtl = right_to_left()
        pieces: list[tuple[Segment, Segment, int, str, DOMNode]] = []
        x = 0
        for key, binding, action, namespace in self.items:
            name = fit(named(binding), width, bidi, "rtl" if rtl else "ltr")
            piece = width_of(key) + width_of(name) + KEY_PADDING
            if x + piece > width:
                break
            if rtl:  # read from the right: the key, then its name on its left
                pair = (Segment(f" {name}", text_style), Segment(f" {key} ", key_style))
            else:
                pair = (Segment(f" {key} ", key_style), Segment(f"{name} ", text_style))
            pieces.append((*pair, piece, action, namespace))
            x += piece
        segments: list[Segment] = []
        spans: list[tuple[int, int, str, DOMNode]] = []
        start = width - x if rtl else 0
        if rtl:
            pieces.reverse()
            segments.append(Segment(" " * start, base))
        for first, second, piece, action, namespace in pieces:
            segments += [first, second]
            spans.append((start, start + piece, action, namespace))
            start += piece
        self._spans = spans
        return Strip(segments).adjust_cell_length(width, base)

    async def on_click(self, event: events.Click) -> None:
        for start, end, action, namespace in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action, namespace)
                return
