"""Terminal cell widths, from the one place Rich and Textual also measure with.

If the layout measured differently from the widget that draws its lines, a line could wrap
or get cut a second time; using Rich's own measure keeps the three in agreement.

Emoji sequences are where Rich and terminals part. Rich counts `❤️` (a narrow heart with
VS16) as two cells, a skin-toned `👍🏽` as two and a ZWJ family as two; xterm, tmux, the
Linux console and pyte draw the first in one cell, the second in four and the third in six,
while kitty or WezTerm draw all three in two. A line drawn narrower than Rich counts leaves
stale cells at its end, one drawn wider pushes into the next pane. No single width is right
for every terminal, so the layout does not pick one: `sanitize` rewrites each sequence into
characters every terminal draws as wide as Rich counts (the heart without VS16, the hand
without its tone, the family as three people side by side). A ZWJ sequence still holds its
joiners inside the layout, so that it is wrapped and reordered as one unit; it is measured
as drawn, joiners dropped (`unjoin`), and the lines the layout returns hold none.
"""

from __future__ import annotations

from rich.cells import cell_len as rich_cell_len
from rich.cells import get_character_cell_size, split_graphemes

from reader.layout.sanitize import ZWJ, unjoin

__all__ = ["cell_len", "graphemes", "width_digits"]


class _Digits(dict[int, str]):
    """A `str.translate` table: each character → its cell count as a digit, found once."""

    def __missing__(self, codepoint: int) -> str:
        digit = str(get_character_cell_size(chr(codepoint)))
        self[codepoint] = digit
        return digit


_DIGITS = _Digits()


def cell_len(text: str) -> int:
    """The cells `text` takes once drawn: Rich's measure, each ZWJ sequence as its parts."""
    return rich_cell_len(unjoin(text))


def width_digits(text: str) -> str:
    """One digit per character of sanitised text, its cells, so spans are measured by
    `str.count`. A ZWJ counts 0, so a sequence counts as its parts drawn side by side."""
    return text.translate(_DIGITS)


def graphemes(text: str) -> list[tuple[int, int, int]]:
    """(start, end, cells) of each grapheme: a letter with its marks, an emoji ZWJ sequence
    whole. Cutting text anywhere else would change how wide it is or what it shows."""
    spans = split_graphemes(text)[0]
    if ZWJ not in text:
        return spans
    # Rich measures a ZWJ sequence by its first part; drawn unjoined, it is all its parts.
    return [(start, end, cell_len(text[start:end])) for start, end, _cells in spans]
