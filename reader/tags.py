"""Recovering tag and keyword boundaries that the page lost.

The Tags line runs tags together with no separator (`أرمينياإقليم كاراباخديميتري`), and the
keywords line separates every word, so neither says where one tag ends. The method:

1. Words. Each space-separated token of the Tags line is split into words at *glue points*
   by a small dynamic programme that rewards pieces known as words: the page's keywords
   (strongest, they are the same words with spaces), other pages' tag words, then the page's
   own text. Short unknown pieces are penalised, and a piece that starts a new tag must not
   sort before the tag it follows, so ordinary words are not cut in two.
2. Certain boundaries. A glue point always separates two tags. So does the edge of a run of
   words the keywords line leaves out (the keywords are the tags less a few).
3. Spaces are ambiguous. Each run of words joined by spaces is segmented by scoring: a tag
   seen as a certain unit elsewhere in the corpus, or a run seen whole on other pages,
   scores per word it covers; a phrase found in the page text holds together; `A وB` in the
   text means A and B are listed separately; a piece starting with the conjunction و plus a
   known word continues the previous tag; and tags must come in codepoint order, strictly.

The corpus is read in two passes: `page_evidence` gathers what one page says on its own,
`TagIndex` pools the certain units of every page, and `resolve_tags` / `resolve_keywords`
then decide each page with the whole corpus as evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.arabic import key

_PUNCTUATION = re.compile(r"[^\w]+")

# A tags line longer than this is not a list of tags; it is kept as one unsplit string.
MAX_TAG_WORDS = 120
_MAX_PIECE = 30
_GLUE_COST = 2.0
_TAG_COST = 1.0
_ORDER_PENALTY = 8.0
_CONJUNCTION_PENALTY = 4.0
_CERTAIN_PER_WORD = 4.0
_PHRASE_BONUS = 2.0
_LISTING_BONUS = 3.0
_PAGE_TAG_PER_WORD = 10.0


@dataclass(frozen=True, slots=True)
class PageEvidence:
    """One page's tag words with the boundaries it proves, and what its text says."""

    words: tuple[str, ...]
    certain: tuple[bool, ...]  # certain[i]: a tag boundary after words[i]
    keyword_words: tuple[str, ...]
    text: str  # the page's headline and body as a key, padded with spaces
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
        """Pool one page's certain units, whole groups and words."""
        seen_groups: set[str] = set()
        for start, end in evidence.groups():
            group = evidence.words[start:end]
            group_key = key(" ".join(group))
            seen_groups.add(group_key)
            if end - start == 1 or _only_whole(group):
                self.certain[group_key] += 1
        self.groups.update(seen_groups)
        # Words known to be whole: keywords are space-separated, and a page whose keywords
        # all align with its tag words had its glue points found.
        self.words.update(key(w) for w in evidence.keyword_words)
        if evidence.aligned:
            self.words.update(key(w) for w in evidence.words)


def text_key(parts: Iterable[str]) -> str:
    """The page text as one key without punctuation, padded so phrases match as whole words."""
    return " " + " ".join(_PUNCTUATION.sub(" ", key(" ".join(parts))).split()) + " "


def page_evidence(
    tags_line: str | None,
    keywords_line: str | None,
    text: str,
    corpus_words: set[str] | frozenset[str] = frozenset(),
) -> PageEvidence:
    """Split the Tags line into words and mark the boundaries the page itself proves."""
    keyword_words = tuple(keywords_line.split()) if keywords_line else ()
    if not tags_line:
        return PageEvidence((), (), keyword_words, text)
    tokens = tags_line.split()
    if len(tokens) > MAX_TAG_WORDS:
        return PageEvidence((" ".join(tokens),), (), keyword_words, text)
    strong = {key(w) for w in keyword_words}
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
    aligned = _mark_keyword_gaps(words, certain, [key(w) for w in keyword_words])
    return PageEvidence(tuple(words), tuple(certain), keyword_words, text, aligned)


def _strength(
    piece_key: str, strong: set[str], corpus: set[str] | frozenset[str], text: str
) -> float:
    if piece_key in strong:
        return 1.0
    if piece_key in corpus:
        return 0.8
    if f" {piece_key} " in text or f" و{piece_key} " in text:
        return 0.6
    return 0.0


def _split_token(
    token: str,
    strong: set[str],
    corpus: set[str] | frozenset[str],
    text: str,
    group_first: str | None,
) -> list[str]:
    """The words glued together in one token, best scoring split first."""
    whole = key(token)
    if whole in strong or len(token) < 4 or len(token) > 4 * _MAX_PIECE:
        return [token]
    n = len(token)
    # best[i] = (score, pieces) for token[:i]; a new piece after a glue starts a tag, so it
    # must not sort before the first word of the tag run it follows.
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(n):
        current = best[i]
        if current is None:
            continue
        score, pieces = current
        first = pieces[-1] if len(pieces) > 1 else group_first
        for j in range(i + 1, min(n, i + _MAX_PIECE) + 1):
            piece = token[i:j]
            if i and first is not None and piece + " " < first + " ":
                continue
            strength = _strength(key(piece), strong, corpus, text)
            gain = len(piece) * strength
            if strength == 0.0 and len(piece) < 3:
                gain -= 5.0
            total = score + gain - (_GLUE_COST if i else 0.0)
            if best[j] is None or total > best[j][0]:
                best[j] = (total, [*pieces, piece])
    result = best[n]
    return result[1] if result is not None else [token]


def _mark_keyword_gaps(words: list[str], certain: list[bool], keywords: list[str]) -> bool:
    """Mark boundaries at the edges of runs the keywords line leaves out.

    Only when every keyword word is found, in order, among the tag words: the keywords are
    then the tags less a few, and a left-out run is whole tags. Returns whether they were.
    """
    if not keywords or not words:
        return False
    matched = [False] * len(words)
    k = 0
    for i, word in enumerate(words):
        if k < len(keywords) and key(word) == keywords[k]:
            matched[i] = True
            k += 1
    if k < len(keywords):
        return False
    for i in range(len(words) - 1):
        if matched[i] != matched[i + 1]:
            certain[i] = True
    return True


def _only_whole(group: Sequence[str]) -> bool:
    """Whether codepoint order forbids every split of a run of words (`ديميتري بيسكوف`)."""
    if len(group) < 2 or len(group) > 6:
        return False
    return not _any_ordered_split(group, 0, None)


def _any_ordered_split(group: Sequence[str], start: int, previous: str | None) -> bool:
    """Whether the words from `start` on split into ≥1 strictly increasing tags after `previous`,
    with at least one cut overall (previous is not None once a cut was made)."""
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


def resolve_tags(evidence: PageEvidence, index: TagIndex) -> tuple[str, ...]:
    """The page's tags: the best scoring segmentation of its words."""
    return _segment(evidence.words, evidence.certain, evidence.text, index, frozenset())


def resolve_keywords(
    evidence: PageEvidence, tags: Sequence[str], index: TagIndex
) -> tuple[str, ...]:
    """The page's keywords, segmented the same way with the page's own tags as best evidence."""
    words = evidence.keyword_words
    if len(words) > MAX_TAG_WORDS:
        return (" ".join(words),)
    return _segment(
        words, (False,) * max(0, len(words) - 1), evidence.text, index, {key(t) for t in tags}
    )


def _segment(
    words: Sequence[str],
    certain: Sequence[bool],
    text: str,
    index: TagIndex,
    page_tags: frozenset[str] | set[str],
) -> tuple[str, ...]:
    n = len(words)
    if n == 0:
        return ()
    keys = [key(w) for w in words]
    # A tag may not cross a certain boundary: the furthest end for each start.
    limit = [0] * n
    end = n
    for i in range(n - 1, -1, -1):
        if i < n - 1 and certain[i]:
            end = i + 1
        limit[i] = end
    scores: dict[tuple[int, int], float] = {}

    def score(s: int, e: int) -> float:
        cached = scores.get((s, e))
        if cached is None:
            cached = _tag_score(words, keys, s, e, text, index, page_tags)
            scores[s, e] = cached
        return cached

    # best[(s, e)]: best score of words[:e] whose last tag is words[s:e], with back-pointer.
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for e in range(1, limit[0] + 1):
        best[0, e] = (score(0, e), -1)
    for s in range(1, n):
        enders = [(p, sc) for (p, e), (sc, _) in best.items() if e == s]
        if not enders:
            continue
        bonus = 0.0 if certain[s - 1] else _listing_bonus(keys[s - 1], keys[s], text)
        for e in range(s + 1, limit[s] + 1):
            tag = " ".join(words[s:e])
            candidates = []
            for p, sc in enders:
                previous = " ".join(words[p:s])
                order = 0.0 if previous < tag else -_ORDER_PENALTY
                candidates.append((sc + order + bonus, p))
            top, back = max(candidates)
            best[s, e] = (top + score(s, e), back)
    finals = [(sc, s) for (s, e), (sc, _) in best.items() if e == n]
    _, s = max(finals)
    tags: list[str] = []
    e = n
    while s >= 0:
        tags.append(" ".join(words[s:e]))
        s, e = best[s, e][1], s
    tags.reverse()
    return tuple(dict.fromkeys(tags))


def _tag_score(
    words: Sequence[str],
    keys: Sequence[str],
    s: int,
    e: int,
    text: str,
    index: TagIndex,
    page_tags: frozenset[str] | set[str],
) -> float:
    n = e - s
    tag_key = " ".join(keys[s:e])
    total = -_TAG_COST
    if tag_key in page_tags:
        total += _PAGE_TAG_PER_WORD * n
    if index.certain[tag_key]:
        total += _CERTAIN_PER_WORD * n
    elif n > 1:
        seen = index.groups[tag_key]
        if seen >= 2:
            total += _CERTAIN_PER_WORD * n
        elif seen == 1:
            total += 1.0 * n
    if n > 1 and _in_text(tag_key, text):
        total += _PHRASE_BONUS
    first = keys[s]
    if (
        first.startswith("و")
        and len(first) > 2
        and not index.certain[tag_key]
        and tag_key not in page_tags
        and (first[1:] in index.words or f" {first[1:]} " in text)
    ):
        total -= _CONJUNCTION_PENALTY
    return total


def _in_text(phrase: str, text: str) -> bool:
    """Whether `phrase` occurs in the text as whole words (a و/ب/ل/ف prefix allowed)."""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before = text[start - 1]
        if text[end] == " " and (before == " " or (before in "وبلف" and text[start - 2] == " ")):
            return True
        start = text.find(phrase, start + 1)
    return False


def _listing_bonus(left: str, right: str, text: str) -> float:
    """Text listing two words as separate items (`أذربيجان وأرمينيا`) says they are two tags."""
    for joined in (f" {left} و{right} ", f" {left} و {right} ", f" {left}، {right} "):
        if joined in text:
            return _LISTING_BONUS
    return 0.0
