"""A page's own text, searched for the words and phrases a tag may share with it."""

from __future__ import annotations

import re
from collections.abc import Sequence

NON_WORD = re.compile(r"[\W_]+")
_PREFIXES = "وبلف"  # one-letter conjunctions and prepositions written joined to a word
_CONJUNCTIONS = "وف"  # … of which these may come before one of the others
_PREPOSITIONS = "بل"
_SHORTEST_STEM = 3  # a word left shorter than this by a dropped proclitic is no word


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
        """Words of the text, also without their joined proclitics (`وأرمينيا` → `أرمينيا`,
        `وبالمغرب` → `المغرب`, `للمغرب` → `المغرب`)."""
        if self._words is None:
            words = set(NON_WORD.split(self._text))
            words.update([bare for w in words for bare in _without_proclitics(w)])
            self._words = frozenset(words)
        return self._words

    def has_phrase(self, phrase: str) -> bool:
        """Whether `phrase` occurs as whole words, behind a joined و/ب/ل/ف, و or ف then ب or
        ل, or, when it opens with the article, behind ل (`للمغرب` is ل + `المغرب`)."""
        if self._whole(phrase, _PREFIXES):
            return True
        return phrase.startswith("ال") and self._whole("ل" + phrase[1:], _CONJUNCTIONS)

    def _whole(self, phrase: str, prefixes: str) -> bool:
        text = self._text
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if not text[end].isalpha() and self._opens_word(start, prefixes):
                return True
            start = text.find(phrase, end)
        return False

    def _opens_word(self, start: int, prefixes: str) -> bool:
        """Whether a match at `start` opens a word, once the joined letters allowed go."""
        text = self._text
        one = text[start - 1]
        if not one.isalpha():
            return True
        if one not in prefixes:
            return False
        two = text[start - 2]
        if not two.isalpha():
            return True
        return one in _PREPOSITIONS and two in _CONJUNCTIONS and not text[start - 3].isalpha()

    def mentions(self, word: str) -> bool:
        """Whether the word occurs at all, even inside another word: a quick test that rules
        out every phrase the word is part of, asked for every tag word of every page."""
        body = self._text
        return word in body or (word.startswith("ال") and "ل" + word[1:] in body)

    def lists(self, left: str, right: str) -> bool:
        """Whether the text lists the two words as separate items (`أذربيجان وأرمينيا`)."""
        return self.has_phrase(f"{left} و{right}") or self.has_phrase(f"{left} و {right}")


def _without_proclitics(word: str) -> list[str]:
    """The word without the conjunctions and prepositions written joined to it."""
    forms = []
    if word[:1] in _PREFIXES and len(word) > _SHORTEST_STEM:
        forms.append(word[1:])
    stem = word[1:] if word[:1] in _CONJUNCTIONS else word
    if stem is not word and stem[:1] in _PREPOSITIONS and len(stem) > _SHORTEST_STEM:
        forms.append(stem[1:])
    if stem.startswith("لل") and len(stem) > _SHORTEST_STEM:
        forms.append("ا" + stem[1:])  # ل before the article drops its alef
    return forms
