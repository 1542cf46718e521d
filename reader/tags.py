"""Recovering tag and keyword boundaries that the page lost.

The Tags line runs tags together with no separator (`أرمينياإقليم كاراباخديميتري`), and the
keywords line separates every word, so neither says where one tag ends. The method:

1. Words. Each space-separated token of the Tags line is split into words at *glue points*
   by a small dynamic programme that rewards pieces known as words: the page's keywords
   (strongest: the same words, with spaces), words of other pages' keywords, then the page's
   own text. Short unknown pieces are penalised, and a piece that starts a new tag must not
   sort before the tag run it follows, so ordinary words are not cut in two.
2. Certain boundaries. A glue point always separates two tags. So does the edge of a run of
   words the keywords line leaves out (the keywords are the tags less a few).
3. Spaces are ambiguous. Each run of words joined by spaces is segmented by scoring: a tag
   seen as a certain unit elsewhere in the corpus (a single-word run, a run that order or
   the keywords prove whole), or a run seen whole on other pages, scores per word it
   covers; a phrase found in the page text holds together; `A وB` in the text means A and
   B are listed separately; a piece starting with the conjunction و plus a known word
   continues the previous tag; and tags must come in codepoint order, strictly.

The corpus is read in two passes: `page_evidence` gathers what one page says on its own,
`TagIndex` pools it over every page, and `resolve_tags` / `resolve_keywords` then decide
each page with the whole corpus as evidence. Keywords are segmented the same way, with the
page's own tags as the strongest evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reader.arabic import key, word_key

# A tags line longer than this is not a list of tags; it is kept as one unsplit string.
MAX_TAG_WORDS = 120
_MAX_PIECE = 30  # longest word looked up when splitting a glued token
_MAX_TAG_LEN = 8  # longest tag, in words
_GLUE_COST = 2.0
_SHORT_UNKNOWN_COST = 5.0
_TAG_COST = 1.0
_ORDER_PENALTY = 8.0
_CONJUNCTION_PENALTY = 4.0
_CERTAIN_PER_WORD = 4.0
_SEEN_ONCE_PER_WORD = 1.0
_PHRASE_BONUS = 2.0
_LISTING_BONUS = 3.0
_PAGE_TAG_PER_WORD = 10.0
_STRONG, _CORPUS, _TEXT = 1.0, 0.8, 0.6


class PageText:
    """A page's headline and body as comparable words, computed only when a decision needs it."""

    __slots__ = ("_padded", "_parts", "_words")

    def __init__(self, parts: Sequence[str]) -> None:
        self._parts = parts
        self._padded: str | None = None
        self._words: frozenset[str] | None = None

    @property
    def padded(self) -> str:
        """The text as keys, punctuation removed, padded with spaces for whole-word lookups."""
        if self._padded is None:
            self._padded = " " + word_key("\n".join(self._parts)) + " "
        return self._padded

    @property
    def words(self) -> frozenset[str]:
        """Words of the text, also without a leading conjunction و (`وأرمينيا` → `أرمينيا`)."""
        if self._words is None:
            words = set(self.padded.split())
            words.update([w[1:] for w in words if w.startswith("و") and len(w) > 3])
            self._words = frozenset(words)
        return self._words

    def has_phrase(self, phrase: str) -> bool:
        """Whether `phrase` (a key) occurs as whole words, a و/ب/ل/ف prefix allowed."""
        text = self.padded
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            before = text[start - 1]
            whole_word = before == " " or (before in "وبلف" and text[start - 2] == " ")
            if whole_word and text[end] == " ":
                return True
            start = text.find(phrase, start + 1)
        return False


@dataclass(frozen=True, slots=True)
class PageEvidence:
    """One page's tag words with the boundaries it proves, and its keyword words."""

    words: tuple[str, ...]
    keys: tuple[str, ...]
    certain: tuple[bool, ...]  # certain[i]: a tag boundary after words[i]
    keyword_words: tuple[str, ...] = ()
    aligned: bool = False  # every keyword word was found, in order, among the tag words

    def groups(self) -> list[tuple[int, int]]:
        """Spans of words between certain boundaries."""
        spans, start = [], 0
        for i, cut in enumerate(self.certain):
            if cut:
                spans.append((start, i + 1))
                start = i + 1
        if self.words:
            spans.append((start, len(self.words)))
        return spans


@dataclass
class TagIndex:
    """What the whole corpus knows about tags, pooled from every page's evidence."""

    certain: Counter[str] = field(default_factory=Counter)
    groups: Counter[str] = field(default_factory=Counter)
    words: set[str] = field(default_factory=set)

    def add(self, evidence: PageEvidence) -> None:
        """Pool one page's certain units, whole runs and words known to be whole."""
        seen_groups: set[str] = set()
        for start, end in evidence.groups():
            group_key = " ".join(evidence.keys[start:end])
            seen_groups.add(group_key)
            if end - start == 1 or _only_whole(evidence.words[start:end]):
                self.certain[group_key] += 1
        self.groups.update(seen_groups)
        # Keywords are space-separated, so their words are whole; so are the tag words of
        # a page whose keywords all aligned with them.
        self.words.update(map(key, evidence.keyword_words))
        if evidence.aligned:
            self.words.update(evidence.keys)


def page_evidence(
    tags_line: str | None,
    keywords_line: str | None,
    text: PageText,
    corpus_words: set[str] | frozenset[str] = frozenset(),
) -> PageEvidence:
    """Split the Tags line into words and mark the boundaries the page itself proves."""
    keyword_words = tuple(keywords_line.split()) if keywords_line else ()
    if not tags_line:
        return PageEvidence((), (), (), keyword_words)
    tokens = tags_line.split()
    if len(tokens) > MAX_TAG_WORDS:
        whole = " ".join(tokens)
        return PageEvidence((whole,), (key(whole),), (), keyword_words)
    keyword_keys = [key(w) for w in keyword_words]
    strong = {word for word in keyword_keys if len(word) >= 2}
    words: list[str] = []
    certain: list[bool] = []
    group_first: str | None = None
    for token in tokens:
        pieces = _split_token(token, strong, corpus_words, text, group_first)
        if words:
            certain.append(False)
        for n, piece in enumerate(pieces):
            if n:
                certain.append(True)
                group_first = piece
            elif group_first is None:
                group_first = piece
            words.append(piece)
    keys = tuple(map(key, words))
    aligned = _mark_keyword_gaps(keys, certain, keyword_keys)
    return PageEvidence(tuple(words), keys, tuple(certain), keyword_words, aligned)


def _split_token(
    token: str,
    strong: set[str],
    corpus: set[str] | frozenset[str],
    text: PageText,
    group_first: str | None,
) -> list[str]:
    """The words glued together in one token, by the best scoring split."""
    k = key(token)
    n = len(k)
    if k in strong or n < 4 or n > 4 * _MAX_PIECE or len(token) != n:
        return [token]  # too short to hold two words, too long to be tags, or marks inside
    # Known words inside the token: the page's keywords first.
    edges: dict[int, dict[int, float]] = {}
    for word in strong:
        i = k.find(word)
        while i >= 0:
            edges.setdefault(i, {})[i + len(word)] = _STRONG
            i = k.find(word, i + 1)
    if edges.get(0, {}).get(n):
        return [token]
    text_words: frozenset[str] = frozenset()
    if not _covered(edges, n):
        # Words of other pages' keywords, then of the page's text, that start where a known
        # word ends (or the token starts), or that end the token.
        for lexicon, strength in ((corpus, _CORPUS), (None, _TEXT)):
            if lexicon is None:
                lexicon = text_words = text.words
            _add_edges(k, lexicon, strength, edges)
            if _covered(edges, n):
                break
    if not edges:
        return [token]
    anchors = sorted({*edges, n})  # where a known word starts: an unknown piece ends there
    # best[i]: (score, cut positions) for k[:i]. A piece after a glue point starts a tag,
    # so it must not sort before the first word of the tag run it follows.
    best: dict[int, tuple[float, tuple[int, ...]]] = {0: (0.0, ())}
    for i in sorted({0, *anchors, *(j for ends in edges.values() for j in ends)}):
        if i not in best or i == n:
            continue
        score, cuts = best[i]
        first = None
        if i:
            first = token[cuts[-2] : cuts[-1]] if len(cuts) > 1 else group_first
        options = dict.fromkeys((a for a in anchors if a > i), 0.0)
        for j, strength in edges.get(i, {}).items():
            options[j] = strength
        for j, strength in options.items():
            if first is not None and token[i:j] + " " < first + " ":
                continue
            if strength == 0.0 and k[i:j] in text_words:
                strength = _TEXT
            gain = (j - i) * strength
            if strength == 0.0 and j - i < 3:
                gain -= _SHORT_UNKNOWN_COST
            total = score + gain - (_GLUE_COST if i else 0.0)
            if j not in best or total > best[j][0]:
                best[j] = (total, (*cuts, i) if i else cuts)
    if n not in best:
        return [token]
    cuts = (*best[n][1], n)
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(token[start:cut])
        start = cut
    return pieces


def _add_edges(
    k: str, lexicon: set[str] | frozenset[str], strength: float, edges: dict[int, dict[int, float]]
) -> None:
    n = len(k)
    reach = {0}
    for ends in edges.values():
        reach.update(ends)
    for i in range(n - 1):
        if i in reach:
            for j in range(i + 2, min(n, i + _MAX_PIECE) + 1):
                if k[i:j] in lexicon:
                    ends = edges.setdefault(i, {})
                    ends[j] = max(ends.get(j, 0.0), strength)
                    reach.add(j)
        if i and n - i >= 2 and k[i:] in lexicon:
            ends = edges.setdefault(i, {})
            ends[n] = max(ends.get(n, 0.0), strength)


def _covered(edges: dict[int, dict[int, float]], n: int) -> bool:
    """Whether known words alone tile positions 0..n."""
    reach = {0}
    for i in sorted(edges):
        if i in reach:
            reach.update(edges[i])
    return n in reach


def _mark_keyword_gaps(keys: Sequence[str], certain: list[bool], keywords: Sequence[str]) -> bool:
    """Mark boundaries at the edges of runs the keywords line leaves out.

    Only when every keyword word is found, in order, among the tag words: the keywords are
    then the tags less a few, and a left-out run is whole tags. Returns whether they were.
    """
    if not keywords or not keys:
        return False
    matched = [False] * len(keys)
    k = 0
    for i, word in enumerate(keys):
        if k < len(keywords) and word == keywords[k]:
            matched[i] = True
            k += 1
    if k < len(keywords):
        return False
    for i in range(len(keys) - 1):
        if matched[i] != matched[i + 1]:
            certain[i] = True
    return True


@lru_cache(maxsize=65536)
def _only_whole(group: tuple[str, ...]) -> bool:
    """Whether codepoint order forbids every split of a run of words (`ديميتري بيسكوف`)."""
    if len(group) < 2 or len(group) > 6:
        return False
    return not _any_ordered_split(group, 0, None)


def _any_ordered_split(group: Sequence[str], start: int, previous: str | None) -> bool:
    """Whether the words from `start` on split into strictly increasing tags after `previous`,
    with at least one cut overall."""
    for end in range(start + 1, len(group) + 1):
        tag = " ".join(group[start:end])
        if previous is not None and not previous < tag:
            continue
        if end == len(group):
            if previous is not None:
                return True
            continue
        if _any_ordered_split(group, end, tag):
            return True
    return False


def resolve_tags(evidence: PageEvidence, index: TagIndex, text: PageText) -> tuple[str, ...]:
    """The page's tags: each run between certain boundaries segmented by the best score."""
    tags: list[str] = []
    for start, end in evidence.groups():
        previous = tags[-1] if tags else None
        if end - start == 1:
            tags.append(evidence.words[start])
        else:
            tags.extend(_segment(evidence, start, end, previous, index, text, frozenset()))
    return tuple(dict.fromkeys(tags))


def resolve_keywords(
    evidence: PageEvidence, tags: Sequence[str], index: TagIndex, text: PageText
) -> tuple[str, ...]:
    """The page's keywords, segmented the same way with the page's own tags as best evidence."""
    words = evidence.keyword_words
    if not words:
        return ()
    if len(words) > MAX_TAG_WORDS:
        return (" ".join(words),)
    covered = _cover_by_tags(words, tags)
    if covered is not None:
        return covered
    keys = tuple(map(key, words))
    as_line = PageEvidence(words, keys, (False,) * (len(words) - 1))
    page_tags = frozenset(map(key, tags))
    return tuple(dict.fromkeys(_segment(as_line, 0, len(words), None, index, text, page_tags)))


def _cover_by_tags(words: Sequence[str], tags: Sequence[str]) -> tuple[str, ...] | None:
    """The keywords as the page's tags less some, in order, when they are exactly that."""
    found: list[str] = []
    i = 0
    for tag in tags:
        parts = tag.split()
        if list(words[i : i + len(parts)]) == parts:
            found.append(tag)
            i += len(parts)
    return tuple(found) if i == len(words) else None


def _segment(
    evidence: PageEvidence,
    start: int,
    end: int,
    previous: str | None,
    index: TagIndex,
    text: PageText,
    page_tags: frozenset[str],
) -> list[str]:
    """Best segmentation of words[start:end] into tags that follow `previous` in order."""
    words, keys = evidence.words, evidence.keys
    raw = {}
    scores = {}

    def tag(a: int, b: int) -> str:
        found = raw.get((a, b))
        if found is None:
            found = raw[a, b] = " ".join(words[a:b])
        return found

    def score(a: int, b: int) -> float:
        found = scores.get((a, b))
        if found is None:
            found = scores[a, b] = _tag_score(keys, a, b, text, index, page_tags)
        return found

    def order(before: str | None, after: str) -> float:
        return 0.0 if before is None or before < after else -_ORDER_PENALTY

    # best[(a, b)]: best score of words[start:b] whose last tag is words[a:b], with back-pointer.
    best: dict[tuple[int, int], tuple[float, int]] = {}
    ending: dict[int, list[int]] = {}
    for b in range(start + 1, min(end, start + _MAX_TAG_LEN) + 1):
        best[start, b] = (score(start, b) + order(previous, tag(start, b)), -1)
        ending.setdefault(b, []).append(start)
    for a in range(start + 1, end):
        if a not in ending:
            continue
        bonus = _listing_bonus(keys[a - 1], keys[a], text)
        for b in range(a + 1, min(end, a + _MAX_TAG_LEN) + 1):
            after = tag(a, b)
            top, back = max((best[p, a][0] + order(tag(p, a), after), p) for p in ending[a])
            best[a, b] = (top + bonus + score(a, b), back)
            ending.setdefault(b, []).append(a)
    _, a = max((best[a, end][0], a) for a in ending[end])
    found: list[str] = []
    b = end
    while a >= 0:
        found.append(tag(a, b))
        a, b = best[a, b][1], a
    found.reverse()
    return found


def _tag_score(
    keys: Sequence[str],
    a: int,
    b: int,
    text: PageText,
    index: TagIndex,
    page_tags: frozenset[str],
) -> float:
    n = b - a
    tag_key = " ".join(keys[a:b])
    total = -_TAG_COST
    if tag_key in page_tags:
        total += _PAGE_TAG_PER_WORD * n
    certain = index.certain.get(tag_key, 0)
    if certain:
        total += _CERTAIN_PER_WORD * n
    elif n > 1:
        seen = index.groups.get(tag_key, 0)
        if seen >= 2:
            total += _CERTAIN_PER_WORD * n
        elif seen == 1:
            total += _SEEN_ONCE_PER_WORD * n
    if n > 1 and text.has_phrase(tag_key):
        total += _PHRASE_BONUS
    first = keys[a]
    if (
        first.startswith("و")
        and len(first) > 2
        and not certain
        and tag_key not in page_tags
        and (first[1:] in index.words or first[1:] in text.words)
    ):
        total -= _CONJUNCTION_PENALTY
    return total


def _listing_bonus(left: str, right: str, text: PageText) -> float:
    """Text listing two words as separate items (`أذربيجان وأرمينيا`) says they are two tags."""
    padded = text.padded
    for joined in (f" {left} و{right} ", f" {left} و {right} "):
        if joined in padded:
            return _LISTING_BONUS
    return 0.0
