"""The normalisation key: one spelling for the letters readers type interchangeably.

Matching titles across pages and searching tags both compare keys, never raw text, so that
`أردوغان` and `اردوغان`, `فى` and `في`, `الكونجو` with or without a harakah are one word.
It runs on every title, tag and page text of a corpus, so it is built from operations
that stay at C speed on Arabic text.
"""

from __future__ import annotations

import re
from functools import lru_cache

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

_FOLDS: tuple[tuple[str, str], ...] = (
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("ٱ", "ا"),
    ("ى", "ي"),
    ("ة", "ه"),
)
# A hamza seat dropped in casual typing: الموانئ / الموانى, مؤتمر / موتمر.
_FOLDS += (("ئ", "ي"), ("ؤ", "و"))
_DIGITS = {0x0660 + d: str(d) for d in range(10)} | {0x06F0 + d: str(d) for d in range(10)}
_DROP = re.compile("[" + "".join(_HARAKAT + _INVISIBLE) + "]")
_HAS_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_HAS_CASE = re.compile("[^\u0000-\u0040\u005b-\u0060\u007b-\u00bf\u0600-\u06ff\\s]")
_NOT_ALNUM = re.compile(r"[\W_]+")
_PUNCTUATION = re.compile(
    "[" + re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~،؛؟«»“”‘’„‹›–—‒―…•·٪٫٬") + "]"
)


MIN_SKELETON = 3  # letters a query's skeleton needs before it may match loosely


def _fold(text: str) -> str:
    # str.replace and compiled regexes run at C speed on Arabic text, where str.translate
    # with a table is several times slower; a key is computed for every page's whole text.
    if _DROP.search(text):
        text = _DROP.sub("", text)
    for letter, plain in _FOLDS:
        if letter in text:
            text = text.replace(letter, plain)
    if _HAS_DIGIT.search(text):
        text = text.translate(_DIGITS)
    if _HAS_CASE.search(text):
        text = text.casefold()
    return text


def strip_marks(text: str) -> str:
    """Text without harakat, tatweel and invisible format characters; letters untouched."""
    return _DROP.sub("", text)


def key(text: str) -> str:
    """The comparison form of `text`: alef forms, ى/ي, ة/ه, marks, digits, case, spaces folded."""
    if len(text) <= _CACHED_LENGTH:
        return _short_key(text)
    return " ".join(_fold(text).split())


# Tags and their words recur on thousands of pages: their keys are worth remembering.
_CACHED_LENGTH = 48


@lru_cache(maxsize=1 << 17)
def _short_key(text: str) -> str:
    return " ".join(_fold(text).split())


def compact(text: str) -> str:
    """The key without spaces or punctuation, for titles whose spacing differs between pages."""
    return _NOT_ALNUM.sub("", _fold(text))  # the key's spacing, dropped here anyway, unmade


def word_key(text: str) -> str:
    """The key with punctuation turned into spaces: text as a sequence of comparable words."""
    return " ".join(_PUNCTUATION.sub(" ", _fold(text)).split())


# A long vowel after a word's first letter, or a word-final ه (the folded taa marbuta).
_WEAK_LETTERS = re.compile(r"(?<=\w)[اوي]|(?<=\w)ه\b")
# Foreign g is written غ in the Levant and the Gulf, ج in Egypt (أردوغان, أردوجان; الكونغو,
# الكونجو), now and then گ; v and p borrow Persian letters or make do with ف and ب.
_FOREIGN_SOUNDS = str.maketrans("غگڤپ", "ججفب")


def skeleton(text: str) -> str:
    """The key without the letters a name's spellings disagree on most: long vowels inside a
    word, a final taa marbuta and the letter for a foreign g, so `كارباخ` meets `كاراباخ`,
    `بوتن` meets `بوتين` and `اردوجان` meets `أردوغان`.

    Far looser than the key, so only for suggesting matches after the exact ones.
    """
    return _WEAK_LETTERS.sub("", key(text)).translate(_FOREIGN_SOUNDS)
