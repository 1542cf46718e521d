"""One-row strips shared by the widgets that draw their own lines."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip


def two_ends(left: Segment, right: Segment, width: int, base: Style, row: Style) -> Strip:
    """`left` and `right` pushed to the two ends of a row, a space of margin on each side."""
    gap = max(1, width - 2 - left.cell_length - right.cell_length)
    return Strip(
        [Segment(" ", base), left, Segment(" " * gap, base), right, Segment(" ", base)]
    ).adjust_cell_length(width, row)


def marked_strip(
    text: str,
    marks: tuple[tuple[int, int], ...],
    width: int,
    rtl: bool,
    style: Style,
    mark: Style,
    pad: Style | None = None,
) -> Strip:
    """A line of text in `width` cells with a space of margin, aligned to its side, the
    cells of `marks` (start, end, from the text's first cell) drawn in `mark` on top."""
    pad = style if pad is None else pad
    used = Strip([Segment(text, style)])
    lead = max(0, width - 2 - used.cell_length) + 1 if rtl else 1
    segments = [Segment(" " * lead, pad)]
    at = 0
    for start, end in marks:
        segments += list(used.crop(at, start))
        segments += [Segment(s.text, style + mark) for s in used.crop(start, end)]
        at = end
    segments += list(used.crop(at, used.cell_length))
    return Strip(segments).adjust_cell_length(width, pad)
