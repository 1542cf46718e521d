"""The normalisation key: one spelling for the letters readers type interchangeably.

Matching titles across pages and searching tags both compare keys, never raw text, so that
`أردوغان` and `اردوغان`, `فى` and `في`, `الكونجو` with or without a harakah are one word.
Everything goes through `str.translate`, which keeps it fast enough to run on every title
and tag of a large corpus.
"""

from __future__ import annotations

_ALEFS = "أإآٱ"
_HARAKAT = (
    [chr(c) for c in range(0x064B, 0x0660)]  # tanween, short vowels, shadda, sukun, …
    + ["\u0670"]  # superscript alef
    + [chr(c) for c in range(0x0610, 0x061B)]  # honorific and Quranic marks
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + [chr(c) for c in range(0x06E7, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
# Invisible format characters that scrapers leave between letters.
_INVISIBLE = ["\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00ad"]
_INVISIBLE += [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]

_TABLE: dict[int, str | None] = {ord(a): "ا" for a in _ALEFS}
_TABLE[ord("ى")] = "ي"
_TABLE[ord("ئ")] = "ي"  # hamza seat dropped in casual typing: الموانئ / الموانى
_TABLE[ord("ؤ")] = "و"
_TABLE[ord("ة")] = "ه"
_TABLE.update({ord(c): None for c in _HARAKAT + _INVISIBLE})
_TABLE.update({0x0660 + d: str(d) for d in range(10)})  # Arabic-Indic digits
_TABLE.update({0x06F0 + d: str(d) for d in range(10)})  # Persian digits


def key(text: str) -> str:
    """The comparison form of `text`: alef forms, ى/ي, ة/ه, marks, digits, case, spaces folded."""
    return " ".join(text.translate(_TABLE).casefold().split())


def compact(text: str) -> str:
    """The key without spaces or punctuation, for titles whose spacing differs between pages."""
    return "".join(ch for ch in key(text) if ch.isalnum())
