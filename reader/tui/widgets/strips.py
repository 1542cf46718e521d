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
