"""Untrusted dump text → text that is safe to lay out and to send to a terminal.

Everything the layout does starts here, so that no escape sequence reaches the terminal and
no explicit bidi control in a dump can reorder what the reader sees. Format characters
(category Cf) go too: Rich and terminals disagree on how wide they are, and after shaping
none of them carries meaning for display.

Emoji sequences are the same problem: their width depends on the terminal (see
`reader.layout.cells`), so they are brought to the one form every terminal and Rich draw
alike. The emoji presentation selector (VS16) and the skin-tone modifiers go. The zero-width
joiner of a ZWJ sequence (man ZWJ woman ZWJ girl) is the one format character kept, and only
between two pictographs: it ties the sequence into one unit through shaping, wrapping and
bidi reordering, and `unjoin` drops it when the line is drawn, its parts side by side.
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
ZWJ = "\u200d"
DOTTED_CIRCLE = "\u25cc"
# VARIATION SELECTOR-16, which asks for emoji presentation.
EMOJI_PRESENTATION = 0xFE0F
# EMOJI MODIFIER FITZPATRICK TYPE-1-2 to TYPE-6: the five skin tones.
SKIN_TONES = range(0x1F3FB, 0x1F3FF + 1)


class _Removal(dict[int, str | None]):
    """A `str.translate` table deleting controls (but "\\n"), surrogates, noncharacters,
    format characters but ZWNJ and ZWJ, VS16 and skin tones, and keeping anything else;
    filled on first sight of each character, so nothing scans the Unicode database up front.

    ZWNJ survives until shaping, where it keeps two letters apart; `shaping` removes it.
    ZWJ survives until `_drop_stray_joiners` keeps those between two pictographs.
    """

    def __missing__(self, codepoint: int) -> str | None:
        char = chr(codepoint)
        unwanted = char not in "\n" + ZWNJ + ZWJ and (
            unicodedata.category(char) in ("Cc", "Cf", "Cs")
            or 0xFDD0 <= codepoint <= 0xFDEF
            or codepoint & 0xFFFE == 0xFFFE
            or codepoint == EMOJI_PRESENTATION
            or codepoint in SKIN_TONES
        )
        kept = None if unwanted else char
        self[codepoint] = kept
        return kept


class _MarkSkeleton(dict[int, str]):
    """A `str.translate` table: combining marks (bidi class NSM) → MARK, ZWJ → JOINER,
    pictographs (category So) → PICTOGRAPH, spaces and newlines kept, anything else → BASE;
    filled on first sight of each character."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        if char in " \n":
            stand_in = char
        elif char == ZWJ:
            stand_in = JOINER
        elif unicodedata.category(char) == "So":
            stand_in = PICTOGRAPH
        else:
            stand_in = MARK if unicodedata.bidirectional(char) == "NSM" else BASE
        self[codepoint] = stand_in
        return stand_in


MARK, BASE, JOINER, PICTOGRAPH = "m", "b", "j", "p"
_REMOVAL = _Removal()
MARK_SKELETON = _MarkSkeleton()
_ORPHAN_MARKS = re.compile(f"(?:^|(?<=[ \n])){MARK}", re.MULTILINE)
_STRAY_JOINERS = re.compile(f"(?<!{PICTOGRAPH}){JOINER}|{JOINER}(?!{PICTOGRAPH})")


def _drop_stray_joiners(text: str) -> str:
    """`text` with every ZWJ removed but those between two pictographs."""
    if ZWJ not in text:
        return text
    skeleton = text.translate(MARK_SKELETON)
    pieces, previous = [], 0
    for match in _STRAY_JOINERS.finditer(skeleton):
        pieces.append(text[previous : match.start()])
        previous = match.end()
    pieces.append(text[previous:])
    return "".join(pieces)


def unjoin(text: str) -> str:
    """`text` as it is drawn: each ZWJ sequence as its parts side by side."""
    return text.replace(ZWJ, "") if ZWJ in text else text


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


def sanitize_joined(text: str) -> str:
    """`sanitize`, but each emoji ZWJ sequence keeps its joiners: the layout's first step,
    so that later steps can keep the sequence in one piece."""
    text = _ESCAPES.sub("", text)
    text = _NEWLINES.sub("\n", text)
    text = text.replace("\t", " ")
    text = text.translate(_REMOVAL)
    text = _drop_stray_joiners(unicodedata.normalize("NFC", text))
    text = _EDGE_SPACES.sub("", _SPACES.sub(" ", text))
    return _seat_orphan_marks(text)


def sanitize(text: str) -> str:
    """NFC text without escape sequences, controls, bidi/format characters or stray spaces.

    Newlines are kept as "\\n" (every kind of line or paragraph separator becomes one), tabs
    become spaces, runs of spaces collapse to one and no line starts or ends with a space.
    A combining mark with no letter before it gets a dotted circle to sit on, the usual
    way to show a lone mark: in a terminal it would otherwise land on a neighbouring cell.
    Emoji lose VS16, skin tones and joiners, so every terminal draws them as wide as Rich
    measures them.
    """
    return unjoin(sanitize_joined(text))
