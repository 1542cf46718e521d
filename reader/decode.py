"""Bytes of a dump → text, whatever encoding the scraper saved it in.

Dumps come as UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1256. Windows-1256
maps every byte to some character, so it is only accepted when the result reads like Arabic;
otherwise the bytes are binary or in an encoding we cannot name, and the caller says so
instead of showing mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in text (tab, line and record separators excepted).
_CONTROLS = bytes(c for c in range(32) if c not in b"\t\n\r\f\v\x1c\x1d\x1e\x1f")
_SNIFF = 1 << 16
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
                raise DecodeError(f"starts with a {codec} mark but is not {codec}") from error
    head = data[:_SNIFF]
    if head and (len(head) - len(head.translate(None, _CONTROLS))) * 100 > len(head):
        raise DecodeError("binary data, not text")
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
    raise DecodeError("undecodable bytes: neither UTF-8, UTF-16 nor Windows-1256 text")
