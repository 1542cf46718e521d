"""Terminal cell widths, from the one place Rich and Textual also measure with.

If the layout measured differently from the widget that draws its lines, a line could wrap
or get cut a second time; using Rich's own measure keeps the three in agreement.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

__all__ = ["cell_len", "char_cells"]


def char_cells(char: str) -> int:
    """Cells taken by one character (0 for combining marks)."""
    return get_character_cell_size(char)
