"""Bytes of a dump → text, whatever encoding the scraper saved it in.

Dumps come as UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1256. Windows-1256
maps every byte to some character, so it is only accepted when the result reads like Arabic;
otherwise the bytes are binary or in an encoding we cannot name, and the caller says so
instead of showing mojibake. Terminal escape sequences (a scraper that saved coloured
console output) are formatting, not binary: they are left out when telling text from
binary, and `strip_escapes` takes them out of the text whole.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from reader import problems

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in text (tab, line and record separators excepted).
_CONTROLS = bytes(c for c in range(32) if c not in b"\t\n\r\f\v\x1c\x1d\x1e\x1f")
_TEXT_CONTROLS = dict.fromkeys(_CONTROLS)
# Text with more of those among its characters, outside escape sequences, is binary.
MAX_CONTROL_SHARE = 0.01
# Whole escape sequences, 7-bit and 8-bit (ECMA-48): CSI up to its final byte, the string
# commands (OSC, DCS, SOS, PM, APC) up to their terminator (BEL or ST) or the end of the
# line, and the two-character ESC sequences (ESC c, ESC ( B, ESC 7 ...).
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)
# Characters Windows-1256 produces from high bytes in genuine Arabic text.
_ARABIC_LIKE = frozenset(
    [chr(c) for c in range(0x0621, 0x0653)]
    + list("،؛؟«»–—‘’“”…\u00a0ـپچژگکیہ۰۱۲۳۴۵۶۷۸۹٪")
    + list("éèêëàâçîïôûüÉ×÷°")
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding dumps use."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding it was in, and how many bad bytes were replaced."""

    text: str
    encoding: str
    replaced: int = 0


def decode(data: bytes) -> Decoded:
    """Decode a dump's bytes, or raise DecodeError with a reason a person can act on."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError as error:
                raise DecodeError(problems.BYTE_ORDER_MARK.format(codec=codec)) from error
    controls = len(data) - len(data.translate(None, _CONTROLS))
    try:
        decoded = _undeclared(data)
    except DecodeError:
        if controls > len(data) * MAX_CONTROL_SHARE:
            raise DecodeError(problems.BINARY) from None
        raise
    # Counted first in bytes, which is cheap; only text that looks binary that way is
    # counted again in characters, its escape sequences left out.
    if controls > len(decoded.text) * MAX_CONTROL_SHARE and _control_heavy(
        strip_escapes(decoded.text)
    ):
        raise DecodeError(problems.BINARY)
    return decoded


def _control_heavy(text: str) -> bool:
    return len(text) - len(text.translate(_TEXT_CONTROLS)) > len(text) * MAX_CONTROL_SHARE


def _undeclared(data: bytes) -> Decoded:
    """Bytes without a byte-order mark: UTF-8, nearly UTF-8, or Windows-1256 Arabic."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch >= "\x80") - bad
    if good >= 8 * bad:
        return Decoded(text, "utf-8", replaced=bad)
    text = data.decode("cp1256")
    high = [ch for ch in text if ch >= "\x80"]
    arabic = sum(1 for ch in high if ch in _ARABIC_LIKE)
    if arabic * 10 >= len(high) * 9:
        return Decoded(text, "windows-1256")
    raise DecodeError(problems.UNDECODABLE)


def strip_escapes(text: str) -> str:
    """`text` without terminal escape sequences, each taken out whole: deleting only the
    ESC would leave `[31m` or `]0;title` in the words."""
    return _ESCAPES.sub("", text)
