"""Untrusted dump text → text that is safe to lay out and to send to a terminal.

Everything the layout does starts here, so that no escape sequence reaches the terminal and
no explicit bidi control in a dump can reorder what the reader sees. Format characters
(category Cf) go too: Rich and terminals disagree on how wide they are, and after shaping
none of them carries meaning for display.
"""

from __future__ import annotations

import re
import unicodedata

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


class _Removal(dict[int, str | None]):
    """A `str.translate` table deleting controls (but "\\n"), surrogates, noncharacters and
    format characters but ZWNJ, and keeping anything else; filled on first sight of each
    character, so nothing scans the Unicode database up front.

    ZWNJ survives until shaping, where it keeps two letters apart; `shaping` removes it.
    """

    def __missing__(self, codepoint: int) -> str | None:
        char = chr(codepoint)
        unwanted = char not in "\n" + ZWNJ and (
            unicodedata.category(char) in ("Cc", "Cf", "Cs")
            or 0xFDD0 <= codepoint <= 0xFDEF
            or codepoint & 0xFFFE == 0xFFFE
        )
        kept = None if unwanted else char
        self[codepoint] = kept
        return kept


class _MarkSkeleton(dict[int, str]):
    """A `str.translate` table: combining marks (bidi class NSM) → MARK, spaces and newlines
    kept, anything else → BASE; filled on first sight of each character."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        if char in " \n":
            stand_in = char
        else:
            stand_in = MARK if unicodedata.bidirectional(char) == "NSM" else BASE
        self[codepoint] = stand_in
        return stand_in


MARK, BASE = "m", "b"
_REMOVAL = _Removal()
MARK_SKELETON = _MarkSkeleton()
_ORPHAN_MARKS = re.compile(f"(?:^|(?<=[ \n])){MARK}", re.MULTILINE)


def _seat_orphan_marks(text: str) -> str:
    """A dotted circle before each combining mark that opens a line or follows a space."""
    skeleton = text.translate(MARK_SKELETON)
    if MARK not in skeleton:
        return text
    pieces, previous = [], 0
    for match in _ORPHAN_MARKS.finditer(skeleton):
        pieces += [text[previous : match.start()], DOTTED_CIRCLE]
        previous = match.start()
    pieces.append(text[previous:])
    return "".join(pieces)


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
    text = text.translate(_REMOVAL)
    text = unicodedata.normalize("NFC", text)
    text = _EDGE_SPACES.sub("", _SPACES.sub(" ", text))
    return _seat_orphan_marks(text)
