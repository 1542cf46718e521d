"""Marked words through the layout: which cells of a laid-out line are a marked word's.

A word's characters are shaped (their count can change: lam-alef is one glyph), wrapped
and reordered, so a character range of the text says nothing about cells on screen. What
survives all three is the word itself: laid out alone in the paragraph's direction, it
is the same run of glyphs that the line holds (shaping looks no further than the word's
own letters, and a word of one script is one level run). So a mark is found again in the
laid-out line as that run, standing as a whole word. Every whole-word occurrence of a
marked word's text is marked; callers mark words, not single occurrences.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.layout.cells import cell_len
from reader.layout.paragraph import Direction, fit_line, layout_paragraph
from reader.layout.sanitize import sanitize

Span = tuple[int, int]
_ALONE = 1 << 16  # cells enough for any one word laid out alone: it is never cut


@dataclass(frozen=True, slots=True)
class MarkedParagraph:
    """Lines in visual order, as `layout_paragraph` makes them, and on each line the cell
    ranges (start, end) of its marked words, counted from the line's first cell."""

    lines: tuple[str, ...]
    rtl: bool
    marks: tuple[tuple[Span, ...], ...]


def visual_forms(words: Iterable[str], rtl: bool) -> tuple[str, ...]:
    """Each word as a laid-out line holds it, longest first (so a longer word is found
    before a shorter one inside it); words with nothing to show are left out."""
    direction: Direction = "rtl" if rtl else "ltr"
    forms = {fit_line(w, _ALONE, direction) for w in words if sanitize(w).strip()}
    return tuple(sorted((f for f in forms if f), key=lambda f: (-len(f), f)))


def mark_cells(line: str, forms: Sequence[str]) -> tuple[Span, ...]:
    """The cell ranges of `line` (in visual order) where one of `forms` stands as a whole
    word: not inside a longer run of letters, digits or marks."""
    taken: list[tuple[int, int]] = []
    for form in forms:
        at = line.find(form)
        while at >= 0:
            end = at + len(form)
            whole = (at == 0 or not _joins(line[at - 1])) and (
                end == len(line) or not _joins(line[end])
            )
            if whole and not any(a < end and at < b for a, b in taken):
                taken.append((at, end))
            at = line.find(form, at + 1)
    taken.sort()
    return tuple((cell_len(line[:a]), cell_len(line[:a]) + cell_len(line[a:b])) for a, b in taken)


def _joins(ch: str) -> bool:
    """A character that would make a found form part of a longer word."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def layout_marked(
    text: str, width: int, spans: Iterable[Span], direction: Direction | None = None
) -> MarkedParagraph:
    """`text` laid out as `layout_paragraph` does, with the words at the character ranges
    `spans` of `text` marked on the lines they fall on."""
    paragraph = layout_paragraph(text, width, direction)
    forms = visual_forms((text[a:b] for a, b in spans), paragraph.rtl)
    return MarkedParagraph(
        paragraph.lines, paragraph.rtl, tuple(mark_cells(line, forms) for line in paragraph.lines)
    )
