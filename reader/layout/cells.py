"""Terminal cell widths, from the one place Rich and Textual also measure with.

If the layout measured differently from the widget that draws its lines, a line could wrap
or get cut a second time; using Rich's own measure keeps the three in agreement.
"""

from __future__ import annotations

from rich.cells import cell_len, split_graphemes

__all__ = ["cell_len", "graphemes"]


def graphemes(text: str) -> list[tuple[int, int, int]]:
    """(start, end, cells) of each grapheme: a letter with its marks, an emoji with its
    variation selector. Cutting text anywhere else would change how wide Rich finds it."""
    return split_graphemes(text)[0]
