"""Notices (Textual's toasts) in the interface's language.

A toast wraps and prints its text left to right, as it was given: Arabic given to it would
show in logical order, its letters reversed and unjoined. In an Arabic interface the text
is laid out by the RTL engine at the toast's width instead, each line aligned to the right,
so the toast has nothing left to wrap.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel
from textual.widget import Widget

from reader.language import right_to_left
from reader.tui.text import Bidi, clean, fit, width_of, wrap

TOAST_CELLS = 60  # a toast's width in Textual's own style …
TOAST_SHARE = 2  # … at most half the screen's width …
TOAST_FRAME = 5  # … less its padding, its left border and the rack's margin
ARABIC = ("\u0600", "\u06ff")  # the Arabic block: text to lay out right to left


def _has_arabic(text: str) -> bool:
    return any(ARABIC[0] <= char <= ARABIC[1] for char in text)


def _aligned(line: str, width: int) -> str:
    return " " * max(0, width - width_of(line)) + line


def tell(
    node: App[Any] | Widget,
    message: str,
    *,
    title: str = "",
    severity: SeverityLevel = "information",
    timeout: float | None = None,
) -> None:
    """Show `message` (already in the interface's language; sanitised here) as a notice."""
    message, title = clean(message), clean(title)
    if right_to_left():
        bidi: Bidi = getattr(node.app, "bidi", "app")
        width = min(TOAST_CELLS, node.app.size.width // TOAST_SHARE) - TOAST_FRAME
        if _has_arabic(message):  # a path or an address alone is left as it is written
            lines, _rtl = wrap(message, width, bidi, "rtl")
            message = "\n".join(_aligned(line, width) for line in lines)
        if _has_arabic(title):
            title = _aligned(fit(title, width, bidi, "rtl"), width)
    node.notify(message, title=title, severity=severity, timeout=timeout, markup=False)
