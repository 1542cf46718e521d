"""Breaking a paragraph into lines, in logical order, by terminal cells.

Lines break at spaces (U+0020 only: no-break spaces hold), and the space at a break is
dropped. A word wider than the line is the one thing split inside, between characters,
never inside a grapheme (a letter and its marks stay together, and so does an emoji ZWJ
sequence).
"""

from __future__ import annotations

from reader.layout.cells import graphemes, width_digits

Span = tuple[int, int, int]  # start, end, cells


def word_spans(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, cells) of each space-separated word of `text`."""
    digits = width_digits(text)
    spans = []
    start = 0
    for word in text.split(" "):
        end = start + len(word)
        cells = end - start - digits.count("0", start, end) + digits.count("2", start, end)
        spans.append((start, end, cells))
        start = end + 1
    return tuple(spans)


def _split_word(text: str, start: int, end: int, width: int) -> list[Span]:
    """A too-wide word cut into pieces of at most `width` cells (a lone wider char aside)."""
    pieces: list[Span] = []
    piece_start, used = start, 0
    for first, _last, size in graphemes(text[start:end]):
        index = start + first
        if used + size > width and index > piece_start:
            pieces.append((piece_start, index, used))
            piece_start, used = index, 0
        used += size
    pieces.append((piece_start, end, used))
    return pieces


def wrap_spans(text: str, words: tuple[tuple[int, int, int], ...], width: int) -> list[Span]:
    """Greedy (start, end, cells) lines of `text` (single spaces between words)."""
    lines: list[Span] = []
    line_start = line_end = -1
    used = 0
    for start, end, cells in words:
        if line_start >= 0 and used + 1 + cells <= width:
            line_end, used = end, used + 1 + cells
            continue
        if line_start >= 0:
            lines.append((line_start, line_end, used))
        if cells <= width:
            line_start, line_end, used = start, end, cells
            continue
        *full, (line_start, line_end, used) = _split_word(text, start, end, width)
        lines += full
    if line_start >= 0:
        lines.append((line_start, line_end, used))
    return lines or [(0, 0, 0)]
