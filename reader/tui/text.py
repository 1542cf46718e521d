"""Turning untrusted dump text into terminal lines, in the app's or the terminal's bidi mode.

In "app" mode the layout engine shapes and reorders Arabic so any terminal shows it right;
in "terminal" mode (a terminal doing its own bidi) text stays in logical order and only
gets sanitised and cut to width. Everything returned is plain text: callers wrap it in
rich `Text`/`Segment` objects, never in markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from reader.layout import Direction, cell_len, fit_line, layout_paragraph, logical_lines, sanitize
from reader.layout.marks import Span, layout_marked, mark_cells, visual_forms

Bidi = Literal["app", "terminal"]
ELLIPSIS = "…"


def _cut(text: str, width: int) -> str:
    """Logical-order truncation at the end, with an ellipsis, to at most `width` cells."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    out: list[str] = []
    used = 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + ELLIPSIS


def fit(text: str, width: int, bidi: Bidi, direction: Direction | None = None) -> str:
    """One display line of at most `width` cells, cut at its logical end when too long."""
    if width <= 0:
        return ""
    if bidi == "terminal":
        return _cut(sanitize(text).replace("\n", " "), width)
    return fit_line(text, width, direction)


def wrap(
    text: str, width: int, bidi: Bidi, direction: Direction | None = None
) -> tuple[list[str], bool]:
    """A paragraph as display lines of at most `width` cells, and whether it reads right to left."""
    width = max(1, width)
    if bidi == "terminal":
        return list(logical_lines(text, width)), direction != "ltr"
    paragraph = layout_paragraph(text, width, direction)
    return list(paragraph.lines), paragraph.rtl


def clean(text: str) -> str:
    """Sanitised text for places where Textual lays the text out itself (plain, short, LTR)."""
    return sanitize(text)


def width_of(text: str) -> int:
    return cell_len(text)


def marked_wrap(
    text: str, width: int, bidi: Bidi, spans: Sequence[Span], direction: Direction | None = None
) -> list[tuple[str, tuple[Span, ...]]]:
    """A paragraph as display lines with the cells of the words at `spans` on each."""
    width = max(1, width)
    if bidi == "terminal":
        words = _longest_first(sanitize(text[a:b]) for a, b in spans)
        return [(line, mark_cells(line, words)) for line in logical_lines(text, width)]
    laid = layout_marked(text, width, spans, direction)
    return list(zip(laid.lines, laid.marks, strict=True))


def match_forms(words: Iterable[str], bidi: Bidi) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """How `words` look on right-to-left lines and on left-to-right ones, to find on a line
    with `mark_cells`."""
    if bidi == "terminal":
        logical = _longest_first(sanitize(w) for w in words)
        return logical, logical
    words = list(words)
    return visual_forms(words, rtl=True), visual_forms(words, rtl=False)


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({w for w in words if w.strip()}, key=lambda w: (-len(w), w)))
