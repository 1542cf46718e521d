"""Paragraph direction and UAX #9 embedding levels.

The levels come from python-bidi 0.6, which wraps the Rust unicode-bidi crate (the full
algorithm, bracket pairs included). It has no function returning levels, but
`get_display(text, debug=True)` returns the Debug dump of the crate's `BidiInfo`, whose
`levels` list holds one `Level(n)` per UTF-8 byte. We read that list. The dump's layout is
fixed by Rust's pretty Debug format; the version is pinned below 0.7 in pyproject.toml and
tests/test_layout_levels.py checks the interface, and anything unexpected raises
`BidiInterfaceError` instead of producing wrong levels.

Why not our own UAX #9: measured on the 605 distinct sample lines, reading the dump takes
about 110 ms, a pure-Python prototype of the implicit rules without bracket pairs about
55 ms (and it agreed on every line). The crate is kept because it is complete (N0 bracket
pairs included) and conformance-tested, and the whole engine still costs under 3x bare
reshape + get_display (benchmarks/bench_layout.py). Sanitising away every explicit
embedding leaves levels 0-2 only, so each dump entry has a fixed width and the levels are
read by one string slice.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import compress

from bidi import get_display

_LEVELS_HEAD = "\n    levels: [\n"
_LEVELS_TAIL = "\n    ],\n    paragraphs: ["
_ENTRY = "        Level(\n            {},\n        ),"  # entries are joined by "\n"
_ENTRY_SIZE = len(_ENTRY.format(0)) + 1
_DIGIT_AT = _ENTRY.index("{")
_LEVEL_RE = re.compile(r"Level\(\s*(\d+),\s*\)")
# 1 for a byte that starts a UTF-8 character, 0 for a continuation byte.
_STARTS = bytes(0 if 0x80 <= b < 0xC0 else 1 for b in range(256))
_FROM_DIGIT = bytes.maketrans(b"0123456789", bytes(range(10)))
_RUNS = re.compile(rb"(.)\1*", re.DOTALL)


class BidiInterfaceError(RuntimeError):
    """python-bidi's debug dump no longer has the shape this module reads."""


def first_strong_rtl(text: str) -> bool | None:
    """UAX #9 P2-P3: True if the first strong character is right-to-left, None if none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return None


def byte_levels(text: str, rtl: bool) -> bytes:
    """The resolved level of each UTF-8 byte of `text`, as python-bidi's dump gives them."""
    dump = get_display(text, base_dir="R" if rtl else "L", debug=True)
    if not isinstance(dump, str):
        raise BidiInterfaceError(f"get_display(debug=True) returned {type(dump).__name__}")
    head = dump.find(_LEVELS_HEAD)
    if head < 0:
        raise BidiInterfaceError("no levels list in the get_display debug dump")
    start = head + len(_LEVELS_HEAD)
    size = len(text.encode())
    end = start + size * _ENTRY_SIZE - 1
    digits = dump[start + _DIGIT_AT : end : _ENTRY_SIZE]
    if (
        dump.startswith(_LEVELS_TAIL, end)
        and len(digits) == size
        and digits.isdigit()
        and dump.startswith(_ENTRY.format(digits[:1]), start)
    ):
        # Every entry has the one-digit width, since the list ends exactly where it must.
        return digits.encode("ascii").translate(_FROM_DIGIT)
    tail = dump.find(_LEVELS_TAIL, start)
    values = [int(v) for v in _LEVEL_RE.findall(dump, start, tail)]
    if tail < 0 or len(values) != size or max(values, default=0) > 125:
        raise BidiInterfaceError(f"expected {size} levels in the dump, read {len(values)}")
    return bytes(values)


def char_levels(text: str, rtl: bool) -> bytes:
    """The resolved level of each character of `text` (a paragraph without newlines)."""
    if not text:
        return b""
    levels = byte_levels(text, rtl)
    if len(levels) == len(text):  # ASCII: one byte per character
        return levels
    return bytes(compress(levels, text.encode().translate(_STARTS)))


def level_runs(levels: bytes) -> tuple[tuple[int, int, int], ...]:
    """Maximal runs of one level: (start, end, level)."""
    return tuple((m.start(), m.end(), levels[m.start()]) for m in _RUNS.finditer(levels))
