"""One line of a paragraph, from logical to visual order (UAX #9 rules L1-L4).

The levels are those of the whole paragraph; each line is reordered on its own, which is
what makes a wrapped paragraph read right: the first logical words are on the first line.
Work is done per run of equal level with string operations, not per character, since this
is the hot path of every redraw after a resize.

A reversed run is reversed by grapheme clusters, not characters: a letter keeps its marks
after it, an emoji ZWJ sequence keeps its parts in their order (reversed, a family would
read girl, woman, man). The joiners go as the line is made (see `reader.layout.cells`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from bidi.mirror import MIRRORED

from reader.layout.sanitize import JOINER, MARK, MARK_SKELETON, unjoin

# Characters of bidi class WS (fixed since Unicode 6.3; a test checks them against the
# database). Sanitising already turned tabs and separators into spaces or newlines.
WHITESPACE = frozenset(" \x0c\u1680\u2028\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
_MIRROR = str.maketrans(MIRRORED)


# A cluster: a base with its marks, joined by ZWJ to the next base and its marks, if any.
_CLUSTERS = re.compile(f"{MARK}+|.(?:{MARK}|{JOINER}.)*", re.DOTALL)


def reverse_clusters(text: str) -> str:
    """`text` reversed by clusters: each combining mark still after its base (rule L3),
    each ZWJ sequence in its own order."""
    skeleton = text.translate(MARK_SKELETON)
    if MARK not in skeleton and JOINER not in skeleton:
        return text[::-1]
    spans = [match.span() for match in _CLUSTERS.finditer(skeleton)]
    return "".join(text[start:end] for start, end in reversed(spans))


def visual_line(
    text: str,
    runs: tuple[tuple[int, int, int], ...],
    run_starts: tuple[int, ...],
    start: int,
    end: int,
    base_level: int,
) -> str:
    """text[start:end] in visual order, given the paragraph's level runs, as drawn (no ZWJ)."""
    stop = end
    while stop > start and text[stop - 1] in WHITESPACE:  # L1: trailing whitespace
        stop -= 1
    items: list[tuple[int, str]] = []
    index = max(0, bisect_right(run_starts, start) - 1)
    while index < len(runs) and runs[index][0] < stop:
        run_start, run_end, level = runs[index]
        items.append((level, text[max(run_start, start) : min(run_end, stop)]))
        index += 1
    if stop < end:
        items.append((base_level, text[stop:end]))
    if not items:
        return ""
    highest = max(level for level, _ in items)
    lowest_odd = min(level for level, _ in items) | 1
    for level in range(highest, lowest_odd - 1, -1):  # L2
        at = 0
        while at < len(items):
            if items[at][0] < level:
                at += 1
                continue
            upto = at
            while upto < len(items) and items[upto][0] >= level:
                upto += 1
            items[at:upto] = items[at:upto][::-1]
            at = upto
    out = []
    for level, chunk in items:
        if level >= lowest_odd and (level - lowest_odd) % 2 == 0:  # reversed an odd number of times
            chunk = reverse_clusters(chunk)
        if level % 2:
            chunk = chunk.translate(_MIRROR)  # L4
        out.append(chunk)
    return unjoin("".join(out))
