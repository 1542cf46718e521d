"""Terminal cell widths, from the one place Rich and Textual also measure with.

If the layout measured differently from the widget that draws its lines, a line could wrap
or get cut a second time; using Rich's own measure keeps the three in agreement.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size, split_graphemes

__all__ = ["cell_len", "graphemes", "width_digits"]
# The two characters that make Rich measure graphemes rather than add up characters.
GRAPHEME_JOINERS = ("\u200d", "\ufe0f")


class _Digits(dict[int, str]):
    """A `str.translate` table: each character → its cell count as a digit, found once."""

    def __missing__(self, codepoint: int) -> str:
        digit = str(get_character_cell_size(chr(codepoint)))
        self[codepoint] = digit
        return digit


_DIGITS = _Digits()


def width_digits(text: str) -> str | None:
    """One digit per character, its cells, so spans are measured by `str.count`.

    None when the text holds a joiner or variation selector: then only Rich's grapheme
    measure (`cell_len`) is right.
    """
    if any(joiner in text for joiner in GRAPHEME_JOINERS):
        return None
    return text.translate(_DIGITS)


def graphemes(text: str) -> list[tuple[int, int, int]]:
    """(start, end, cells) of each grapheme: a letter with its marks, an emoji with its
    variation selector. Cutting text anywhere else would change how wide Rich finds it."""
    return split_graphemes(text)[0]
