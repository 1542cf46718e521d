"""Paragraph direction and UAX #9 embedding levels.

The levels come from python-bidi 0.6, which wraps the Rust unicode-bidi crate (the full
algorithm, bracket pairs included). It has no function returning levels, but
`get_display(text, debug=True)` returns the Debug dump of the crate's `BidiInfo`, whose
`levels` list holds one `Level(n)` per UTF-8 byte. We read that list. The dump's layout is
fixed by Rust's pretty Debug format; the version is pinned below 0.7 in pyproject.toml and
tests/test_layout_levels.py checks the interface, and anything unexpected raises
`BidiInterfaceError` instead of producing wrong levels.

Why not our own UAX #9: on the 605 distinct sample lines, reading the dump of each whole
line took about 110 ms, a pure-Python prototype of the implicit rules without bracket
pairs about 55 ms (same levels on every line). Handing the crate a skeleton of the line
instead (see `_SAME_CLASS_RUNS`) brings it to about 25 ms, so the complete, conformance-
tested implementation (N0 bracket pairs included) is also the fast one. Sanitising away
every explicit embedding leaves levels 0-2 only, so each dump entry has a fixed width and
the levels are read by one string slice.
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

# Levels depend only on bidi classes and on which characters are paired brackets. So the
# crate is given a skeleton of the paragraph: each character replaced by a short stand-in
# of its class (mirrored neutrals, brackets among them, kept as they are), and each run of
# one strong class or of one kind of digits, with the marks on them, cut to its first
# character. With a single embedding level such a run resolves exactly as that one
# character does. The dump's cost grows with every UTF-8 byte, and Arabic presentation
# forms take three; the skeleton is several times shorter.
_STAND_INS = {
    "L": "a",
    "R": "\u05d0",
    "AL": "\u0627",
    "EN": "0",
    "AN": "\u0660",
    "ES": "+",
    "ET": "#",
    "CS": ",",
    "NSM": "\u0300",
    "WS": " ",
    "ON": "!",
}
_SAME_CLASS_RUNS = re.compile(
    "a[a\u0300]+|\u0627[\u0627\u0300]+|\u05d0[\u05d0\u0300]+|0[0\u0300]+|\u0660[\u0660\u0300]+"
)


class _Skeleton(dict[int, str]):
    """A `str.translate` table filled on first sight of each character."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        kind = unicodedata.bidirectional(char)
        kept = kind == "ON" and unicodedata.mirrored(char)
        # Classes sanitising removes (controls, embeddings) and unassigned characters stay
        # as they are, classified by the crate itself.
        stand_in = char if kept else _STAND_INS.get(kind, char)
        self[codepoint] = stand_in
        return stand_in


_SKELETON = _Skeleton()


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


def dump_char_levels(text: str, rtl: bool) -> bytes:
    """The level of each character of `text`, read from the dump of the text itself."""
    if not text:
        return b""
    levels = byte_levels(text, rtl)
    if len(levels) == len(text):  # ASCII: one byte per character
        return levels
    return bytes(compress(levels, text.encode().translate(_STARTS)))


def char_levels(text: str, rtl: bool) -> bytes:
    """The resolved level of each character of `text` (a sanitised paragraph, one line)."""
    skeleton = text.translate(_SKELETON)
    pieces, runs, previous = [], [], 0
    for match in _SAME_CLASS_RUNS.finditer(skeleton):
        start, end = match.span()
        pieces.append(skeleton[previous : start + 1])
        runs.append((start, end))
        previous = end
    pieces.append(skeleton[previous:])
    short = dump_char_levels("".join(pieces), rtl)
    out, at, previous = [], 0, 0
    for start, end in runs:
        out.append(short[at : at + start - previous])
        at += start - previous
        out.append(short[at : at + 1] * (end - start))
        at += 1
        previous = end
    out.append(short[at:])
    return b"".join(out)


def level_runs(levels: bytes) -> tuple[tuple[int, int, int], ...]:
    """Maximal runs of one level: (start, end, level)."""
    return tuple((m.start(), m.end(), levels[m.start()]) for m in _RUNS.finditer(levels))
