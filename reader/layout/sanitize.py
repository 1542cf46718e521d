"""Untrusted dump text → text that is safe to lay out and to send to a terminal.

Everything the layout does starts here, so that no escape sequence reaches the terminal and
no explicit bidi control in a dump can reorder what the reader sees. Format characters
(category Cf) go too: Rich and terminals disagree on how wide they are, and after shaping
none of them carries meaning for display.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Whole escape sequences, 7-bit and 8-bit (ECMA-48): CSI, the string commands (OSC, DCS,
# SOS, PM, APC) up to their terminator (BEL or ST) or the end of the line, and the short
# ESC sequences (ESC c, ESC ( B, ESC 7 ...). A lone ESC is a control and goes below.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)
# Line and paragraph separators of every kind become "\n" (bidi class B, plus U+2028).
_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACES = re.compile(" +")
_EDGE_SPACES = re.compile(r"^ | $", re.MULTILINE)
ZWNJ = "\u200c"
DOTTED_CIRCLE = "\u25cc"


def _ranges(codepoints: list[int]) -> str:
    """A regex character-class body for a sorted list of code points."""
    parts: list[str] = []
    start = prev = codepoints[0]
    for cp in [*codepoints[1:], -2]:
        if cp == prev + 1:
            prev = cp
            continue
        parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
        start = prev = cp
    return "".join(parts)


@cache
def marks_class() -> str:
    """Regex class body of the combining marks (bidi class NSM: Mn and Me)."""
    return _ranges([cp for cp in range(0x110000) if unicodedata.bidirectional(chr(cp)) == "NSM"])


@cache
def _orphan_marks() -> re.Pattern[str]:
    """The place before a combining mark that opens a line or follows a space."""
    return re.compile(f"(?:^|(?<=[ \\n]))(?=[{marks_class()}])", re.MULTILINE)


@cache
def _unwanted() -> re.Pattern[str]:
    """Controls (but "\\n"), surrogates, noncharacters and format characters but ZWNJ.

    ZWNJ survives until shaping, where it keeps two letters apart; `shaping` removes it.
    Built on first use, not at import, because it scans the Unicode database.
    """
    keep = {ord("\n"), ord(ZWNJ)}
    codepoints = [
        cp
        for cp in range(0x110000)
        if cp not in keep
        and (
            unicodedata.category(chr(cp)) in ("Cc", "Cf", "Cs")
            or 0xFDD0 <= cp <= 0xFDEF
            or cp & 0xFFFE == 0xFFFE
        )
    ]
    return re.compile(f"[{_ranges(codepoints)}]+")


def sanitize(text: str) -> str:
    """NFC text without escape sequences, controls, bidi/format characters or stray spaces.

    Newlines are kept as "\\n" (every kind of line or paragraph separator becomes one), tabs
    become spaces, runs of spaces collapse to one and no line starts or ends with a space.
    A combining mark with no letter before it gets a dotted circle to sit on, the usual
    way to show a lone mark: in a terminal it would otherwise land on a neighbouring cell.
    """
    text = _ESCAPES.sub("", text)
    text = _NEWLINES.sub("\n", text)
    text = text.replace("\t", " ")
    text = _unwanted().sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _EDGE_SPACES.sub("", _SPACES.sub(" ", text))
    return _orphan_marks().sub(DOTTED_CIRCLE, text)
