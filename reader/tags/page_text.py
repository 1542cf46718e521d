"""A page's own text, searched for the words and phrases a tag may share with it."""

from __future__ import annotations

import re
from collections.abc import Sequence

NON_WORD = re.compile(r"[\W_]+")
_PREFIXES = "وبلف"  # one-letter conjunctions and prepositions written joined to a word


class PageText:
    """A page's headline and body, searched for words and phrases as the page spells them.

    Tags, keywords and text of one page come from one site and share its spelling, so the
    raw text is searched directly; the word set is built only when a glued token needs it.
    """

    __slots__ = ("_text", "_words")

    def __init__(self, parts: Sequence[str]) -> None:
        self._text = "\n" + "\n".join(parts) + "\n"
        self._words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        """Words of the text, also without a joined conjunction (`وأرمينيا` → `أرمينيا`)."""
        if self._words is None:
            words = set(NON_WORD.split(self._text))
            words.update([w[1:] for w in words if w[:1] in _PREFIXES and len(w) > 3])
            self._words = frozenset(words)
        return self._words

    def has_phrase(self, phrase: str) -> bool:
        """Whether `phrase` occurs as whole words, a joined و/ب/ل/ف allowed before it."""
        text = self._text
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            before = text[start - 1]
            whole = not before.isalpha() or (before in _PREFIXES and not text[start - 2].isalpha())
            if whole and not text[end].isalpha():
                return True
            start = text.find(phrase, end)
        return False

    @property
    def text(self) -> str:
        """The text itself: whether a word occurs in it at all (even inside another word)
        is asked for every tag word of every page, so callers test it directly."""
        return self._text

    def lists(self, left: str, right: str) -> bool:
        """Whether the text lists the two words as separate items (`أذربيجان وأرمينيا`)."""
        return self.has_phrase(f"{left} و{right}") or self.has_phrase(f"{left} و {right}")
