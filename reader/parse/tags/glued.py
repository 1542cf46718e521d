"""Splitting a glued Tags token into the words run together in it."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from functools import lru_cache

from reader.parse.tags.order import sorts_after
from reader.parse.tags.page_text import PageText
from reader.text.arabic import key, strip_marks

# Longest word looked up when splitting a glued token: a bound on the search, not a weight.
# Arabic words with their clitics stay well under it, so no page tells 15 from 60 (the
# weights survey finds both pass); only 0, which looks nothing up, fails.
_MAX_PIECE = 30
SHORTEST_WORD = 2  # letters: no shorter piece is looked up as a known word
_SHORTEST_GLUED = 2 * SHORTEST_WORD  # a shorter token cannot hold two words
_LONGEST_GLUED = 4 * _MAX_PIECE  # a longer token is no tags run together
_GLUE_COST = 2.0  # each cut: a token is one word unless known words pay for the cut
_SHORT_PIECE = 3  # letters: a piece nothing names shorter than this …
_SHORT_UNKNOWN_COST = 5.0  # … costs this: no ordinary word is cut so
# What a known piece earns per letter: a word of the page's keywords (the unit), of any
# page's words shown whole, of the page's own text (which no other page confirms). Only
# the unit's ranking above the others matters, and a token the keywords cover is split by
# them alone, so halving or doubling it changes no split (the survey finds both pass).
_STRONG = 1.0
_CORPUS = 0.8
_TEXT = 0.6
# Letters that only end a word (ة, ى) or never begin one (a hamza on its own or on و or ي):
# no piece after a glue point starts with one, nor holds one of the first kind before its
# end. Alef with hamza below and alef madda only begin words: no piece before a glue point
# ends with one.
_ONLY_FINAL = "ةى"
_NEVER_INITIAL = _ONLY_FINAL + "ءؤئ"
_ONLY_INITIAL = "إآ"


def shown_words(
    tokens: Sequence[tuple[str, bool]], text: PageText, ordered: bool
) -> tuple[str, ...]:
    """Keys of the Tags words a page's text shows as whole words: tokens the text uses as
    words, and the words of a glued token that the text's words tile end to end (a page
    that names `الكويت` and `بكين` shows that `الكويتبكين` is the two run together)."""
    shown: list[str] = []
    for token, _ in tokens:
        if text.has_phrase(token):
            shown.append(key(token))
            continue
        bare = strip_marks(token)
        if not _SHORTEST_GLUED <= len(bare) <= _LONGEST_GLUED:  # as in split_token
            continue
        edges: dict[int, dict[int, float]] = {}
        _add_edges(bare, text.words, _TEXT, edges)
        if _covered(edges, len(bare)):
            pieces = _best_split(bare, None, edges, text.words, ordered)
            if len(pieces) > 1:
                shown.extend(map(key, pieces))
    return tuple(shown)


def split_token(
    token: str,
    strong: set[str],
    corpus: CorpusWords | None,
    text: PageText,
    group_first: str | None,
    unsure: list[bool],
    ordered: bool = True,
) -> tuple[str, ...]:
    """The words glued together in one token, by the best scoring split (a split into one
    piece may come back normalised; the caller keeps the token as written then).
    `ordered`: the site sorts its tags, so a piece may not sort before the one it follows."""
    k = key(token)
    n = len(k)
    if len(token) != n:  # harakat or tatweel inside: split the bare letters
        token = strip_marks(token)
    if k in strong or n < _SHORTEST_GLUED or n > _LONGEST_GLUED or len(token) != n:
        return (token,)  # too short to hold two words, too long to be tags, or unalignable
    # Known words inside the token: the page's keywords first.
    edges: dict[int, dict[int, float]] = {}
    for word in strong:
        i = k.find(word)
        while i >= 0:
            edges.setdefault(i, {})[i + len(word)] = _STRONG
            i = k.find(word, i + 1)
    if edges.get(0, {}).get(n):
        return (token,)
    by_keywords = _covered(edges, n)
    if not by_keywords and corpus is None:
        unsure[0] = True
        return (token,)
    # The same token with the same keywords recurs on many pages: its split is remembered.
    frozen = tuple(sorted((i, j) for i, ends in edges.items() for j in ends))
    if by_keywords or corpus is None:
        return _split_by_keywords(token, group_first, frozen, ordered)
    return corpus.split(token, k, group_first, frozen, text, ordered)


@lru_cache(maxsize=1 << 16)
def _split_by_keywords(
    token: str, group_first: str | None, frozen: tuple[tuple[int, int], ...], ordered: bool
) -> tuple[str, ...]:
    return _best_split(token, group_first, _keyword_edges(frozen), frozenset(), ordered)


def _keyword_edges(frozen: tuple[tuple[int, int], ...]) -> dict[int, dict[int, float]]:
    """The keyword words found in a token, as edges the split can take at full strength."""
    edges: dict[int, dict[int, float]] = {}
    for i, j in frozen:
        edges.setdefault(i, {})[j] = _STRONG
    return edges


class CorpusWords:
    """Words that some page shows whole, for splitting the glued tokens of every page.

    They are fixed once the first pass is over, and a glued token recurs with the same
    keywords on many pages, so a split they decide is made once per token.
    """

    __slots__ = ("_splits", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self._splits: dict[tuple, tuple[str, ...] | None] = {}

    def split(
        self,
        token: str,
        k: str,
        group_first: str | None,
        frozen: tuple[tuple[int, int], ...],
        text: PageText,
        ordered: bool,
    ) -> tuple[str, ...]:
        """Split `token` (key `k`, keyword edges `frozen`) with the corpus's words, then,
        where they leave a gap, with the page's own words (which no other page shares)."""
        memo_key = (token, group_first, frozen, ordered)
        found = self._splits.get(memo_key, ())
        if found:
            return found
        edges = _keyword_edges(frozen)
        # Words that start where a known word ends (or the token starts), or end the token.
        _add_edges(k, self.words, _CORPUS, edges)
        if found is None or not _covered(edges, len(k)):
            self._splits[memo_key] = None  # the page's words are needed: never remembered
            text_words = text.words
            _add_edges(token, text_words, _TEXT, edges)
            if not edges:
                return (token,)
            return _best_split(token, group_first, edges, text_words, ordered)
        found = _best_split(token, group_first, edges, frozenset(), ordered)
        self._splits[memo_key] = found
        return found


def _best_split(
    token: str,
    group_first: str | None,
    edges: dict[int, dict[int, float]],
    text_words: frozenset[str],
    ordered: bool = True,
) -> tuple[str, ...]:
    n = len(token)
    anchors = sorted({*edges, n})  # where a known word starts: an unknown piece ends there
    # best[i]: (score, cut positions) for token[:i]. A piece after a glue point starts a
    # tag, so it must not sort before the first word of the tag run it follows.
    best: dict[int, tuple[float, tuple[int, ...]]] = {0: (0.0, ())}
    for i in sorted({0, *anchors, *(j for ends in edges.values() for j in ends)}):
        if i not in best or i == n:
            continue
        score, cuts = best[i]
        first = None
        if i and ordered:
            first = token[cuts[-2] : cuts[-1]] if len(cuts) > 1 else group_first
        options = dict.fromkeys((a for a in anchors if a > i), 0.0)
        for j, strength in edges.get(i, {}).items():
            options[j] = strength
        for j, strength in options.items():
            piece = token[i:j]
            if not _a_word(piece, i > 0, j < n):
                continue
            # Either order a site may use: which one is known only once every page is read.
            # A keyword of the page's own is a word whatever its place: the order only keeps
            # pieces nothing names from cutting words in two.
            if strength < _STRONG and first is not None and sorts_after(first + " ", piece + " "):
                continue
            if strength == 0.0 and piece in text_words:
                strength = _TEXT
            gain = (j - i) * strength
            if strength == 0.0 and j - i < _SHORT_PIECE:
                gain -= _SHORT_UNKNOWN_COST
            total = score + gain - (_GLUE_COST if i else 0.0)
            if j not in best or total > best[j][0]:
                best[j] = (total, (*cuts, i) if i else cuts)
    if n not in best:
        return (token,)
    bounds = (0, *best[n][1], n)
    return tuple(token[a:b] for a, b in itertools.pairwise(bounds))


def _a_word(piece: str, after_glue: bool, before_glue: bool) -> bool:
    """Whether a piece cut from a token can be a word: its letters as words begin and end."""
    if after_glue and piece[0] in _NEVER_INITIAL:
        return False
    if before_glue and piece[-1] in _ONLY_INITIAL:
        return False
    return (not after_glue and not before_glue) or not any(c in _ONLY_FINAL for c in piece[:-1])


def _add_edges(
    k: str, lexicon: set[str] | frozenset[str], strength: float, edges: dict[int, dict[int, float]]
) -> None:
    """Add lexicon words of `k` that start where the token or a known word ends, or end it."""
    if not lexicon:
        return
    n = len(k)
    reach = {0}
    for ends in edges.values():
        reach.update(ends)
    for i in range(n - 1):
        if i in reach:
            for j in range(i + SHORTEST_WORD, min(n, i + _MAX_PIECE) + 1):
                if k[i:j] in lexicon:
                    ends = edges.setdefault(i, {})
                    ends[j] = max(ends.get(j, 0.0), strength)
                    reach.add(j)
        if i and n - i >= SHORTEST_WORD and k[i:] in lexicon:
            ends = edges.setdefault(i, {})
            ends[n] = max(ends.get(n, 0.0), strength)


def _covered(edges: dict[int, dict[int, float]], n: int) -> bool:
    """Whether known words alone tile positions 0..n."""
    reach = {0}
    for i in sorted(edges):
        if i in reach:
            reach.update(edges[i])
    return n in reach
