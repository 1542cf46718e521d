"""The right-to-left layout engine: paragraphs → terminal lines in visual order.

Knows nothing of articles. All output is plain text: callers wrap it in rich `Text` or
textual `Content`, never in markup.
"""

from reader.layout.cells import cell_len
from reader.layout.paragraph import (
    Direction,
    Paragraph,
    fit_line,
    layout_paragraph,
    logical_lines,
)
from reader.layout.sanitize import sanitize

__all__ = [
    "Direction",
    "Paragraph",
    "cell_len",
    "fit_line",
    "layout_paragraph",
    "logical_lines",
    "sanitize",
]
