"""The public layout calls: a paragraph → screen lines in visual order.

Pipeline: sanitise → shape → levels of the whole paragraph → wrap in logical order →
reorder each line. Everything up to the levels does not depend on the width and is cached
apart from the wrap, so a resize only re-wraps and re-reorders. Emoji ZWJ sequences keep
their joiners until the last step, which drops them (see `reader.layout.cells`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from reader.layout.cells import cell_len, graphemes
from reader.layout.levels import char_levels, first_strong_rtl, level_runs
from reader.layout.reorder import visual_line
from reader.layout.sanitize import sanitize_joined, unjoin
from reader.layout.shaping import shape
from reader.layout.wrap import word_spans, wrap_spans

Direction = Literal["rtl", "ltr"]
ELLIPSIS = "…"
# Only a lone double-width character can be wider than a line (of one cell): it is shown
# as this stand-in rather than overflow.
_STAND_IN = "\ufffd"
_CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Screen lines in visual order, each at most the width cells, and the direction."""

    lines: tuple[str, ...]
    rtl: bool

    def aligned(self, width: int) -> tuple[str, ...]:
        """The lines padded on the left to `width` cells when the paragraph is right-to-left."""
        if not self.rtl:
            return self.lines
        return tuple(" " * max(0, width - cell_len(line)) + line for line in self.lines)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """The width-independent work on one newline-free piece of a paragraph."""

    text: str  # shaped, single spaces, no space at either end
    runs: tuple[tuple[int, int, int], ...]
    run_starts: tuple[int, ...]
    words: tuple[tuple[int, int, int], ...]
    base_level: int

    def visual(self, start: int, end: int) -> str:
        return visual_line(self.text, self.runs, self.run_starts, start, end, self.base_level)


def _rtl(direction: Direction | None, text: str) -> bool:
    if direction is None:
        return bool(first_strong_rtl(text))
    if direction not in ("rtl", "ltr"):
        raise ValueError(f"direction must be 'rtl', 'ltr' or None, not {direction!r}")
    return direction == "rtl"


def _prepare(piece: str, rtl: bool) -> _Prepared:
    shaped = shape(piece)
    runs = level_runs(char_levels(shaped, rtl))
    return _Prepared(
        shaped, runs, tuple(run[0] for run in runs), word_spans(shaped), 1 if rtl else 0
    )


@lru_cache(maxsize=_CACHE_SIZE)
def _prepared(text: str, direction: Direction | None) -> tuple[bool, tuple[_Prepared, ...]]:
    clean = sanitize_joined(text)
    rtl = _rtl(direction, clean)
    return rtl, tuple(_prepare(piece, rtl) for piece in clean.split("\n"))


@lru_cache(maxsize=_CACHE_SIZE)
def layout_paragraph(text: str, width: int, direction: Direction | None = None) -> Paragraph:
    """`text` laid out for `width` cells: shaped, wrapped, each line in visual order.

    The direction is the first strong character's unless forced; it applies to every
    newline-separated piece, and each piece starts new lines.
    """
    width = max(1, width)
    rtl, pieces = _prepared(text, direction)
    lines = []
    for piece in pieces:
        for start, end, cells in wrap_spans(piece.text, piece.words, width):
            lines.append(piece.visual(start, end) if cells <= width else _STAND_IN * width)
    return Paragraph(tuple(lines), rtl)


@lru_cache(maxsize=_CACHE_SIZE)
def _prepared_line(text: str, direction: Direction | None) -> tuple[bool, _Prepared]:
    clean = " ".join(line for line in sanitize_joined(text).split("\n") if line)
    rtl = _rtl(direction, clean)
    return rtl, _prepare(clean, rtl)


def _laid_out_as_is(text: str) -> bool:
    """Whether the layout gives `text` back unchanged on a left-to-right line: printable
    ASCII has nothing to sanitise, shape or reorder, and single inner spaces nothing to
    collapse. Most of the interface's own strings are such text (key names, dates, counts):
    they skip the engine, and the first frame does not wait for the shaper to be built."""
    return (
        text.isascii()
        and text.isprintable()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
    )


@lru_cache(maxsize=_CACHE_SIZE)
def fit_line(text: str, width: int, direction: Direction | None = None) -> str:
    """`text` on one visual line of at most `width` cells, cut at its logical end with "…"."""
    if width <= 0:
        return ""
    if direction != "rtl" and _laid_out_as_is(text):
        if len(text) <= width:
            return text
        return text[: width - 1].rstrip(" ") + ELLIPSIS
    rtl, piece = _prepared_line(text, direction)
    shaped = piece.text
    if cell_len(shaped) <= width:
        return piece.visual(0, len(shaped))
    cut, used = 0, 0
    for _first, last, size in graphemes(shaped):
        if used + size > width - 1:
            break
        cut, used = last, used + size
    while cut and shaped[cut - 1] == " ":
        cut -= 1
    kept = piece.visual(0, cut)
    return ELLIPSIS + kept if rtl else kept + ELLIPSIS


@lru_cache(maxsize=_CACHE_SIZE)
def logical_lines(text: str, width: int) -> tuple[str, ...]:
    """Sanitised lines in logical order, unshaped, wrapped at `width` cells.

    For terminals that do their own bidi and shaping, and for pipes.
    """
    width = max(1, width)
    lines: list[str] = []
    for piece in sanitize_joined(text).split("\n"):
        for start, end, cells in wrap_spans(piece, word_spans(piece), width):
            lines.append(unjoin(piece[start:end]) if cells <= width else _STAND_IN * width)
    return tuple(lines)
