"""Recovering tag and keyword boundaries that the page lost.

The Tags line runs tags together with no separator (`أرمينياإقليم كاراباخديميتري`), and the
keywords line separates every word, so neither says where one tag ends. The method:

1. Words. Each space-separated token of the Tags line is split into words at *glue points*
   by a small dynamic programme that rewards pieces known as words: the page's keywords
   (strongest: the same words, with spaces), words of other pages' keywords and of the
   glued tokens other pages' texts name, then the page's own text. Short unknown pieces are
   penalised, and a piece that starts a new tag must not sort before the tag run it
   follows, so ordinary words are not cut in two.
2. Certain boundaries. A glue point always separates two tags. So does the edge of a run of
   words the keywords line leaves out (the keywords are the tags less a few); where a
   recurring word lets the keywords sit in more than one place, the place whose left-out
   runs start and end at glue points wins.
3. Spaces are ambiguous. Each run of words joined by spaces is segmented by scoring: a tag
   seen as a certain unit elsewhere in the corpus (a single-word run, a run that order or
   the keywords prove whole), or a run seen whole on other pages (between certain
   boundaries, or on a site that glues its tags), scores per word it covers, unless its
   halves are tags seen far more often alone than together (two neighbours a site sometimes
   parts with a space); a phrase found in the page text holds together, and words it names
   only apart do not; `A وB` in the text means A and B are listed separately; a piece
   starting with the conjunction و plus a known word continues the previous tag; and tags
   must come in the site's order, strictly. What a space most likely is depends on the site:
   one that glues its tags leaves spaces mostly inside tags, so each tag costs; one that
   parts every tag with a space (no glue point on the page, none on any page of its source,
   no separator) leaves them mostly between tags, so each tag gains, and words hold together
   only by order or the evidence above, or because a page's text writes them together (this
   page's, or, more weakly, another's), or because the site's Tags lines keep them together
   far more often than chance neighbours meet.

Each source's order is learned from its pages (`site_orders`): most sites sort by code
point, a database using the Unicode collation sorts by letters with hamza folded, and some
list tags in no order, which then proves nothing.

The corpus is read in two passes: `page_evidence` gathers what one page says on its own
(tokens its keywords cannot explain are redone once every page's words are known),
`TagIndex` pools it over every page, and a `TagResolver` then decides each page with the
whole corpus as evidence. Keywords are segmented the same way, with the page's own tags as
the strongest evidence. The weights below are relative: evidence that proves a unit (the
page's tags, a certain unit, the site's order) outweighs hints (a phrase, a listing).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, Literal

from reader.arabic import key, strip_marks

# A tags or keywords line with more words than this is not a list of tags.
MAX_TAG_WORDS = 120
_MAX_PIECE = 30  # longest word looked up when splitting a glued token
_MAX_TAG_LEN = 8  # longest tag, in words
_MAX_PLACING_SEARCH = 40 * 40  # tag words × keyword words searched for the keywords' place
_GLUE_COST = 2.0
_SHORT_UNKNOWN_COST = 5.0
_TAG_COST = 1.0
_SPACED_TAG_GAIN = 1.0
_BRIDGE_PENALTY = 4.0  # spaced pages: a boundary between two words the text writes together
_CORPUS_BRIDGE_PENALTY = 2.0  # … or that another page's text writes together
_SPACED_MIN_WORDS = 3  # fewer words than this say too little about how a site parts tags
_ORDER_PENALTY = 8.0
_CONJUNCTION_PENALTY = 4.0
_CERTAIN_PER_WORD = 4.0
_SEEN_ONCE_PER_WORD = 1.0
_PHRASE_BONUS = 2.0
_APART_PENALTY = 3.0  # the text names each word of a run alone, never the run
_LISTING_BONUS = 3.0
_PAGE_TAG_PER_WORD = 10.0
# Words of spaced Tags lines keep company when each meets the other in at least this share
# of its meetings, at least so many times: a tag's words do; neighbours in a sorted list not.
_COMPANY_SHARE = 0.2
_COMPANY_MIN = 6
_CHANCE_PAIRING = 0.25  # a run seen whole less than this share as often as either half alone
_STRONG, _CORPUS, _TEXT = 1.0, 0.8, 0.6
_MIN_ORDER_PAIRS = 20  # fewer successive runs than this cannot show a site sorts no tags

# How a site sorts its tags: by code point; by letters, hamza and marks second, as the
# Unicode collation algorithm (the default of many databases) does; or None, not at all.
CODE_POINTS: Final = "code points"
LETTERS: Final = "letters"
Order = Literal["code points", "letters"] | None


_NON_WORD = re.compile(r"[\W_]+")
_SEPARATORS = re.compile(r"[،,|;؛•·]")
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
            words = set(_NON_WORD.split(self._text))
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


@dataclass(frozen=True, slots=True)
class PageEvidence:
    """One page's tag words with the boundaries it proves, and its keyword words."""

    words: tuple[str, ...]
    keys: tuple[str, ...]
    certain: tuple[bool, ...]  # certain[i]: a tag boundary after words[i]
    keyword_words: tuple[str, ...] = ()
    aligned: bool = False  # every keyword word was found, in order, among the tag words
    unsure: bool = False  # a glued token needs the corpus's words to be split
    keyword_items: tuple[str, ...] = ()  # keywords as the page separated them, if it did
    left_out: tuple[bool, ...] = ()  # when aligned: which tag words the keywords leave out
    keyword_keys: tuple[str, ...] = ()  # keys of keyword_words, pooled by every page's index
    glued: bool = False  # some token held two tags run together: the site glues its tags
    separated: bool = False  # punctuation or # separates the tags: spaces are inside them
    shown_words: tuple[str, ...] = ()  # keys of Tags tokens the text shows as whole words
    bridged: tuple[str, ...] = ()  # keys of spaced word pairs the text writes together

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
    glued_sources: set[str | None] = field(default_factory=set)  # sources that glue tags
    bridged: set[str] = field(default_factory=set)  # word pairs some page's text writes together
    # On lines of sites that part tags with spaces: each pair of neighbouring words, and how
    # often each word is followed and preceded by any.
    neighbours: Counter[str] = field(default_factory=Counter)
    followed: Counter[str] = field(default_factory=Counter)
    preceded: Counter[str] = field(default_factory=Counter)
    orders: SiteOrders = field(default_factory=lambda: SiteOrders({}))  # see site_orders

    @classmethod
    def pooled(
        cls,
        evidence: Sequence[PageEvidence],
        sources: Sequence[str | None],
        orders: SiteOrders,
    ) -> TagIndex:
        """The index of every page's evidence; `sources`: each page's (None: names none)."""
        glued = {source for item, source in zip(evidence, sources, strict=True) if item.glued}
        index = cls(orders=orders, glued_sources=glued)
        for item, source in zip(evidence, sources, strict=True):
            index.add(item, source)
        return index

    def counts_runs(self, runs: int, source: str | None) -> bool:
        """Whether a page's runs count as seen whole: where its site runs its tags together
        (a space then mostly sits inside a tag) or where certain boundaries close them. The
        whole Tags line of a site that parts its tags with spaces is as likely several tags
        as one."""
        return runs > 1 or source in self.glued_sources

    def keep_company(self, left: str, right: str) -> bool:
        """Whether two words of a site's spaced Tags lines are as likely one tag's: `left`
        is followed by `right`, and `right` preceded by `left`, in a good share of the times
        either is followed or preceded at all. Neighbours in a sorted list of tags meet by
        chance; both words of `صندوق النقد` meet nearly always."""
        together = self.neighbours.get(f"{left} {right}", 0)
        if together < _COMPANY_MIN:
            return False
        return together >= _COMPANY_SHARE * max(self.followed[left], self.preceded[right])

    def chance_pairing(self, keys: Sequence[str], seen: int) -> bool:
        """Whether a run seen whole `seen` times on other pages is more likely two tags the
        site now and then parts with a space: both halves are known on their own (as
        certain units, or as runs seen whole), each far more often than the two together
        (a tag's words keep their company; chance neighbours meet seldom, yet in a large
        corpus more than once)."""
        for c in range(1, len(keys)):
            left_key, right_key = " ".join(keys[:c]), " ".join(keys[c:])
            left = self.certain.get(left_key, 0) or self.groups.get(left_key, 0)
            right = self.certain.get(right_key, 0) or self.groups.get(right_key, 0)
            if left and right and seen < _CHANCE_PAIRING * min(left, right):
                return True
        return False

    def add(self, evidence: PageEvidence, source: str | None) -> None:
        """Pool one page's certain units, whole runs and words known to be whole."""
        self.bridged.update(evidence.bridged)
        if not evidence.glued and not evidence.separated and source not in self.glued_sources:
            for left, right in itertools.pairwise(evidence.keys):
                self.neighbours[f"{left} {right}"] += 1
                self.followed[left] += 1
                self.preceded[right] += 1
        groups = evidence.groups()
        counted = self.counts_runs(len(groups), source)
        seen_groups: set[str] = set()
        for start, end in groups:
            group_key = " ".join(evidence.keys[start:end])
            if counted:
                seen_groups.add(group_key)
            if (
                end - start == 1
                or (evidence.left_out and all(evidence.left_out[start:end]))
                or _only_whole(evidence.words[start:end], self.orders.of(source))
            ):
                self.certain[group_key] += 1
        self.groups.update(seen_groups)
        self.words.update(whole_words(evidence))


def whole_words(evidence: PageEvidence) -> Iterable[str]:
    """Keys of the page's words known to be whole words, for splitting other pages' tokens.

    Keywords are space-separated, so their words are whole; so are the tag words of a page
    whose keywords all aligned with them and explained every glued token, and, on a page
    without keywords, the Tags tokens its text uses as words.
    """
    words: Iterable[str] = evidence.keyword_keys
    if evidence.shown_words:
        words = itertools.chain(words, evidence.shown_words)
    if evidence.aligned and not evidence.unsure:
        return itertools.chain(words, evidence.keys)
    return words


def page_evidence(
    tags_line: str | None,
    keywords_line: str | None,
    text: PageText,
    corpus_words: CorpusWords | None = None,
    ordered: bool = True,
) -> PageEvidence:
    """Split the Tags line into words and mark the boundaries the page itself proves.

    Without `corpus_words` (the first pass), a token the keywords do not explain makes the
    evidence unsure: it holds only the keywords, and is redone with the corpus's words.
    """
    keyword_items: tuple[str, ...] = ()
    keyword_words: tuple[str, ...] = ()
    if keywords_line:
        items = [item for item in _SEPARATORS.split(keywords_line) if item.strip()]
        if len(items) > 1:  # a site that separates its keywords says where each ends
            keyword_items = tuple(dict.fromkeys(" ".join(item.split()) for item in items))
        keyword_words = tuple(w for item in items for w in item.split())
    keyword_keys = tuple(map(key, keyword_words))
    if not tags_line:
        return PageEvidence(
            (), (), (), keyword_words, keyword_items=keyword_items, keyword_keys=keyword_keys
        )
    tokens = _tokens(tags_line)
    if len(tokens) > MAX_TAG_WORDS:  # not a list of tags: keep its tokens, decide nothing
        kept = tuple(token for token, _ in tokens)
        return PageEvidence(kept, tuple(map(key, kept)), (True,) * (len(kept) - 1))
    if keyword_words and not any(separated for _, separated in tokens[1:]):
        exact = _same_words(tokens, keyword_words, keyword_keys, keyword_items, text)
        if exact is not None:
            return exact
    # Without keywords, only a page's text proves that a Tags token is one word (two tags
    # run together are no word of the text); pooled, such words split other pages' tokens.
    shown: tuple[str, ...] = ()
    if not keyword_words:
        shown = _shown_words(tokens, text, ordered)
    strong = {word for word in keyword_keys if len(word) >= 2}
    words: list[str] = []
    certain: list[bool] = []
    group_first: str | None = None
    unsure = [False]
    for token, separated in _script_parts(tokens):
        if separated is not False:  # a separator or a script seam: a new run of tags
            group_first = None
        first = group_first if ordered else None
        pieces = _split_token(token, strong, corpus_words, text, first, unsure, ordered)
        if len(pieces) == 1:
            pieces = (token,)
        if unsure[0]:  # to be redone with the corpus's words: only the keywords matter now
            return PageEvidence(
                (),
                (),
                (),
                keyword_words,
                unsure=True,
                keyword_items=keyword_items,
                keyword_keys=keyword_keys,
                shown_words=shown,
            )
        if words:
            certain.append(separated is not False)
        for n, piece in enumerate(pieces):
            if n:
                certain.append(True)
                group_first = piece
            elif group_first is None:
                group_first = piece
            words.append(piece)
    keys = tuple(map(key, words))
    glued = len(words) > len(tokens)
    parted = any(separated for _, separated in tokens[1:])
    bridged = () if glued or parted else _bridged(words, keys, text)
    left_out = _mark_keyword_gaps(keys, certain, keyword_keys)
    return PageEvidence(
        tuple(words),
        keys,
        tuple(certain),
        keyword_words,
        left_out is not None,
        unsure[0],
        keyword_items,
        left_out or (),
        keyword_keys,
        glued,
        parted,
        shown,
        bridged,
    )


def _shown_words(
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
        if not 4 <= len(bare) <= 4 * _MAX_PIECE:  # as in _split_token: two words at least,
            continue  # and no longer than tags run together could be
        edges: dict[int, dict[int, float]] = {}
        _add_edges(bare, text.words, _TEXT, edges)
        if _covered(edges, len(bare)):
            pieces = _best_split(bare, None, edges, text.words, ordered)
            if len(pieces) > 1:
                shown.extend(map(key, pieces))
    return tuple(shown)


def _tokens(line: str) -> list[tuple[str, bool]]:
    """Space-separated tokens, and whether an explicit separator comes before each.

    Separators are punctuation between tags (`،`, `,`, `|`, a lone `-`) and the `#` of
    hashtags; a hyphen inside a token (`كوفيد-19`) is part of it.
    """
    tokens: list[tuple[str, bool]] = []
    for segment in _SEPARATORS.split(line):
        separated = True
        for token in segment.split():
            if token.startswith("#"):
                token, separated = token.lstrip("#"), True
            if not _NON_WORD.sub("", token):
                separated = True  # a lone dash or bullet between tags
                continue
            tokens.append((token, separated))
            separated = False
    return tokens


# Inside a token, Arabic letters never touch Latin ones, nor follow a digit, within one
# word (`كوفيد-19`, `5G` and `G20` keep their digits): such a seam is a glue point.
_SCRIPT_SEAM = re.compile(
    r"(?<=[\u0621-\u065f\u0670-\u06d3])(?=[A-Za-z])|(?<=[A-Za-z0-9\u0660-\u0669])(?=[\u0621-\u064a])"
)


def _script_parts(tokens: Sequence[tuple[str, bool]]) -> Iterable[tuple[str, bool | None]]:
    """Tokens cut at script seams; a part after a seam comes with None: glued to the part
    before it, yet starting a tag of its own whose order the seam does not constrain."""
    for token, separated in tokens:
        parts = [token] if token.isascii() else _SCRIPT_SEAM.split(token)
        yield parts[0], separated
        for part in parts[1:]:
            yield part, None


def _bridged(words: Sequence[str], keys: Sequence[str], text: PageText) -> tuple[str, ...]:
    """Keys of the neighbouring words the text writes together, on a page that may part its
    tags with spaces: pooled, they hold such pairs together on pages that do not say."""
    return tuple(
        f"{keys[i]} {keys[i + 1]}"
        for i in range(len(words) - 1)
        if text.has_phrase(f"{words[i]} {words[i + 1]}")
    )


def _same_words(
    tokens: Sequence[tuple[str, bool]],
    keyword_words: tuple[str, ...],
    keyword_keys: tuple[str, ...],
    keyword_items: tuple[str, ...],
    text: PageText,
) -> PageEvidence | None:
    """Evidence when the keywords are the tags' very letters: their words are the words.

    The common case needs no search: a keyword boundary that falls inside a Tags token is a
    glue point, one that falls on a space stays ambiguous.
    """
    if "".join(token for token, _ in tokens) != "".join(keyword_words):
        return None
    spaces = set(itertools.accumulate(len(token) for token, _ in tokens[:-1]))
    ends = itertools.accumulate(len(word) for word in keyword_words[:-1])
    certain = tuple(end not in spaces for end in ends)
    left_out = (False,) * len(keyword_words)
    return PageEvidence(
        keyword_words,
        keyword_keys,
        certain,
        keyword_words,
        True,
        False,
        keyword_items,
        left_out,
        keyword_keys,
        glued=any(certain),
        bridged=() if any(certain) else _bridged(keyword_words, keyword_keys, text),
    )


def _split_token(
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
    if k in strong or n < 4 or n > 4 * _MAX_PIECE or len(token) != n:
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
            # Either order a site may use: which one is known only once every page is read.
            if first is not None and _sorts_after(first + " ", piece + " "):
                continue
            if strength == 0.0 and piece in text_words:
                strength = _TEXT
            gain = (j - i) * strength
            if strength == 0.0 and j - i < 3:
                gain -= _SHORT_UNKNOWN_COST
            total = score + gain - (_GLUE_COST if i else 0.0)
            if j not in best or total > best[j][0]:
                best[j] = (total, (*cuts, i) if i else cuts)
    if n not in best:
        return (token,)
    bounds = (0, *best[n][1], n)
    return tuple(token[a:b] for a, b in itertools.pairwise(bounds))


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


def _mark_keyword_gaps(
    keys: Sequence[str], certain: list[bool], keywords: Sequence[str]
) -> tuple[bool, ...] | None:
    """Mark boundaries at the edges of runs the keywords line leaves out.

    Only when every keyword word is found, in order, among the tag words: the keywords are
    then the tags less a few, and a left-out run is whole tags. Returns which words were
    left out, or None when the keywords do not align.
    """
    if not keywords or not keys:
        return None
    earliest = _embedding(keys, keywords)
    if earliest is None:
        return None
    # A word that recurs among the tags (`النفط`, `النفط المتحدة`) can leave the keywords
    # more than one place (without one, the first place is the only one); the first is
    # kept unless another fits the page's boundaries. The search costs tag words × keyword
    # words: a line longer than any news page's (crafted, or not a list of tags) keeps
    # the first placing.
    if len(set(keys)) < len(keys) and len(keys) * len(keywords) <= _MAX_PLACING_SEARCH:
        latest = _embedding(keys[::-1], keywords[::-1])
        if latest is not None and [len(keys) - 1 - i for i in reversed(latest)] != earliest:
            earliest = _best_embedding(keys, keywords, certain)
    matched = [False] * len(keys)
    for i in earliest:
        matched[i] = True
    for i in range(len(keys) - 1):
        if matched[i] != matched[i + 1]:
            certain[i] = True
    return tuple(not m for m in matched)


def _embedding(keys: Sequence[str], keywords: Sequence[str]) -> list[int] | None:
    """Where the keywords first occur in order among the tag words, or None."""
    found: list[int] = []
    for i, word in enumerate(keys):
        if len(found) < len(keywords) and word == keywords[len(found)]:
            found.append(i)
    return found if len(found) == len(keywords) else None


def _best_embedding(
    keys: Sequence[str], keywords: Sequence[str], certain: Sequence[bool]
) -> list[int]:
    """The placing of the keywords among the tag words whose left-out runs start and end
    where the page already has a tag boundary (a glue point or a separator); then the one
    with the fewest runs; then the earliest.

    cost[i][j][p]: (run edges on a mere space, runs) for placing keywords[j:] among
    keys[i:], where p says the word before i was placed (or i is the first word).
    """
    n, k = len(keys), len(keywords)
    never = (n + 1, n + 1)
    cost = [[[never, never] for _ in range(k + 1)] for _ in range(n + 1)]
    cost[n][k] = [(0, 0), (0, 0)]

    def options(i: int, j: int, placed: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """(cost if word i is placed, cost if it is left out)."""
        edge = 0 if i == 0 or certain[i - 1] else 1
        place = never
        if j < k and keys[i] == keywords[j] and cost[i + 1][j + 1][1] != never:
            edges, runs = cost[i + 1][j + 1][1]
            place = (edges + (0 if placed else edge), runs)
        skip = cost[i + 1][j][0]
        if skip != never and placed:
            skip = (skip[0] + edge, skip[1] + 1)
        return place, skip

    for i in range(n - 1, -1, -1):
        for j in range(k + 1):
            for placed in (0, 1):
                cost[i][j][placed] = min(options(i, j, placed))
    found: list[int] = []
    placed = 1
    for i in range(n):
        place, skip = options(i, len(found), placed)
        placed = int(place <= skip)  # a tie goes to the earlier placing
        if placed:
            found.append(i)
    return found


@lru_cache(maxsize=65536)
def _only_whole(group: tuple[str, ...], order: Order = CODE_POINTS) -> bool:
    """Whether the site's order forbids every split of a run of words (`ديميتري بيسكوف`)."""
    if len(group) < 2 or len(group) > 6 or order is None:
        return False
    return not _any_ordered_split(group, 0, None, order)


def _any_ordered_split(
    group: Sequence[str], start: int, previous: str | None, order: Order
) -> bool:
    """Whether the words from `start` on split into strictly increasing tags after `previous`,
    with at least one cut overall."""
    for end in range(start + 1, len(group) + 1):
        tag = " ".join(group[start:end])
        if previous is not None and not _before(previous, tag, order):
            continue
        if end == len(group):
            if previous is not None:
                return True
            continue
        if _any_ordered_split(group, end, tag, order):
            return True
    return False


class TagResolver:
    """Decides every page's tags and keywords against one corpus index.

    A run of words is decided by its words, the order of the tag before it, and a few
    yes/no facts about the page text; the same run with the same facts recurs on many pages,
    so decisions are remembered for the life of the resolver (one load).
    """

    def __init__(self, index: TagIndex) -> None:
        self.index = index
        self._memo: dict[tuple, tuple[str, ...]] = {}

    def tags(
        self, evidence: PageEvidence, text: PageText, source: str | None = None
    ) -> tuple[str, ...]:
        """The page's tags: each run between certain boundaries segmented by the best score.

        A site that runs its tags together leaves a space only inside a tag or, now and
        then, between two; so fewer, longer tags are the better guess. A site that parts
        every tag with a space leaves its spaces mostly between tags: on a page with no glue
        point and no separator, from a source never seen gluing, and with enough words to
        tell, more tags are the better guess, held back by order, the text and the corpus.
        """
        spaced = (
            not evidence.glued
            and not evidence.separated
            and len(evidence.words) >= _SPACED_MIN_WORDS
            and source not in self.index.glued_sources
        )
        order = self.index.orders.of(source)
        tags: list[str] = []
        groups = evidence.groups()
        counted = self.index.counts_runs(len(groups), source)
        for n, (start, end) in enumerate(groups):
            if end - start == 1:
                tags.append(evidence.words[start])
                continue
            previous = tags[-1] if tags else None
            # The next run's tags come after this run's last tag; the whole next run is the
            # latest its first tag can sort, so a last tag at or past it is out of order.
            following = None
            if n + 1 < len(groups):
                following = " ".join(evidence.words[slice(*groups[n + 1])])
            words = evidence.words[start:end]
            keys = evidence.keys[start:end]
            bounds = (previous, following)
            tags.extend(
                self._segment(words, keys, bounds, text, order, frozenset(), counted, spaced)
            )
        return tuple(dict.fromkeys(tags))

    def keywords(
        self,
        evidence: PageEvidence,
        tags: Sequence[str],
        text: PageText,
        source: str | None = None,
    ) -> tuple[str, ...]:
        """The page's keywords, segmented with the page's own tags as the best evidence."""
        if evidence.keyword_items:
            return evidence.keyword_items
        words = evidence.keyword_words
        if not words:
            return ()
        if len(words) > MAX_TAG_WORDS:
            return tuple(dict.fromkeys(words))
        covered = _cover_by_tags(words, tags)
        if covered is not None:
            return covered
        keys = tuple(map(key, words))
        page_tags = frozenset(map(key, tags))
        order = self.index.orders.of(source)
        segmented = self._segment(words, keys, (None, None), text, order, page_tags, False)
        return tuple(dict.fromkeys(segmented))

    def _segment(
        self,
        words: Sequence[str],
        keys: Sequence[str],
        bounds: tuple[str | None, str | None],
        text: PageText,
        order: Order,
        page_tags: frozenset[str],
        own_group: bool,
        spaced: bool = False,
    ) -> tuple[str, ...]:
        """Best segmentation of a run of words into tags sorting between `bounds` in `order`.

        `own_group`: the run is one of the page's own groups, counted in the index's groups,
        so its being seen whole must be counted on other pages only. `spaced`: the page
        parts its tags with spaces (see `tags`).
        """
        n = len(words)
        spans = _spans(n)
        # A word absent from the text rules out every phrase and listing it is part of, so
        # the search stops once fewer than two words can be present.
        body = text.text
        present: list[bool] = []
        missing = 0
        for word in words:
            found_word = word in body
            missing += not found_word
            if n - missing < 2:
                break
            present.append(found_word)
        phrase: dict[tuple[int, int], bool] = {}
        apart: dict[tuple[int, int], bool] = {}
        listed: tuple[bool, ...] = _FALSE[n - 1]
        if n - missing >= 2:
            phrase = {
                (a, b): all(present[a:b]) and text.has_phrase(" ".join(words[a:b]))
                for a, b in spans
                if b - a > 1
            }
            # Every word of a run named on its own, the run never: the text speaks of
            # separate things (a name's words, named together, make a phrase).
            whole = [hit and text.has_phrase(w) for hit, w in zip(present, words, strict=True)]
            apart = {span: not hit and all(whole[slice(*span)]) for span, hit in phrase.items()}
            listed = tuple(
                present[a - 1] and present[a] and text.lists(words[a - 1], words[a])
                for a in range(1, n)
            )
        known_after_wa = _FALSE[n]
        if " و" in " " + " ".join(keys):
            known_after_wa = tuple(
                len(k) > 2 and k[0] == "و" and (k[1:] in self.index.words or text.has_phrase(w[1:]))
                for w, k in zip(words, keys, strict=True)
            )
        in_order, before_next = _order_facts(words, *bounds, order)
        bridges: tuple[bool, ...] = ()
        if spaced:
            bridges = tuple(
                f"{keys[a - 1]} {keys[a]}" in self.index.bridged
                or self.index.keep_company(keys[a - 1], keys[a])
                for a in range(1, n)
            )
        on_page = tuple(" ".join(keys[a:b]) in page_tags for a, b in spans) if page_tags else ()
        facts = (
            tuple(phrase.values()) if any(phrase.values()) else (),
            tuple(apart.values()) if any(apart.values()) else (),
            listed,
            known_after_wa,
            in_order,
            before_next,
            on_page,
            own_group,
            spaced,
            bridges,
            order,
        )
        memo_key = (tuple(words), facts)
        found = self._memo.get(memo_key)
        if found is None:
            page = frozenset(s for s, hit in zip(spans, on_page, strict=False) if hit)
            found = _best_segmentation(
                words,
                keys,
                self.index,
                phrase,
                apart,
                listed,
                known_after_wa,
                (in_order, before_next, order),
                page,
                own_group,
                bridges if spaced else None,
            )
            self._memo[memo_key] = found
        return found


@lru_cache(maxsize=64)
def _spans(n: int) -> tuple[tuple[int, int], ...]:
    """Every (start, end) of a tag of at most _MAX_TAG_LEN words in a run of n words."""
    return tuple((a, b) for a in range(n) for b in range(a + 1, min(n, a + _MAX_TAG_LEN) + 1))


def _order_facts(
    words: Sequence[str], previous: str | None, following: str | None, order: Order = CODE_POINTS
) -> tuple[tuple[bool, ...], tuple[bool, ...]]:
    """Which first tags of a run sort after `previous`, and which last tags before `following`.

    Every run is checked here, so the common cases skip the joins: a tag sorts as its
    first word does against any string that word is not a prefix of.
    """
    n = len(words)
    first = min(n, _MAX_TAG_LEN)
    if order != CODE_POINTS:
        return (
            tuple(
                previous is None or _before(previous, " ".join(words[:b]), order)
                for b in range(1, first + 1)
            ),
            tuple(
                following is None or _before(" ".join(words[a:]), following, order)
                for a in range(n - first, n)
            ),
        )
    if previous is None or (previous < words[0] and not words[0].startswith(previous)):
        in_order = _TRUE[first]
    else:
        in_order = tuple([previous < " ".join(words[:b]) for b in range(1, first + 1)])
    if following is None:
        return in_order, _TRUE[first]
    before: list[bool] = []
    for a in range(n - first, n):
        word = words[a]
        before.append(
            " ".join(words[a:]) < following if following.startswith(word) else word < following
        )
    return in_order, tuple(before)


# Hamza seats folded onto their letters, marks dropped: how a collation that sorts by
# letters first and marks second (the Unicode collation algorithm, so the default of many
# databases) orders Arabic. Sites sort their tags one way or the other; the corpus says which.
_HAMZA_SEATS = str.maketrans("أإآٱؤئ", "ااااوي")


@lru_cache(maxsize=1 << 16)
def _letters(text: str) -> str:
    return strip_marks(text).translate(_HAMZA_SEATS)


def _before(earlier: str, later: str, order: Order) -> bool:
    """Whether `earlier` may come before `later`: strictly so by code point, or by letters
    with hamza seats and marks folded and then by code point; always, on a site whose tags
    come in no order."""
    if order == CODE_POINTS:
        return earlier < later
    if order is None:
        return True
    a, b = _letters(earlier), _letters(later)
    return a < b if a != b else earlier < later


def _sorts_after(earlier: str, later: str) -> bool:
    """Whether `later` sorts strictly before `earlier` in both orders a site may use."""
    return later < earlier and _before(later, earlier, LETTERS)


@dataclass(frozen=True, slots=True)
class SiteOrders:
    """How each source's pages sort their tags, and the corpus's order for the others."""

    by_source: dict[str | None, Order]
    default: Order = CODE_POINTS

    def of(self, source: str | None) -> Order:
        return self.by_source.get(source, self.default)


def site_orders(evidence: Iterable[PageEvidence], sources: Iterable[str | None]) -> SiteOrders:
    """How the pages of each source sort their tags: by code point, by letters with hamza
    folded, or not at all (None), as most of its successive runs show.

    Each run of words between certain boundaries starts a tag, so the first words of
    successive runs come in the site's order. Code points, the common order, stand unless
    the pages show otherwise clearly: another order fits more pairs, or neither fits nine
    in ten of at least 20 pairs. A folder may hold dumps of several sites, each sorting its
    own way, so each source is judged on its own pages; one with too few pairs to tell
    takes the order of the whole corpus.
    """
    tallies: dict[str | None, list[int]] = {}
    for item, source in zip(evidence, sources, strict=True):
        words = item.words
        firsts = [words[i + 1] for i, cut in enumerate(item.certain) if cut]
        tally = tallies.setdefault(source, [0, 0, 0])  # pairs, fitting code points, letters
        for left, right in itertools.pairwise(words[:1] + tuple(firsts)):
            if left.startswith(right) or right.startswith(left):
                continue  # a longer tag may sort either way of a shorter one
            tally[0] += 1
            tally[1] += left < right
            tally[2] += _before(left, right, LETTERS)
    total = [sum(column) for column in zip(*tallies.values(), strict=True)] or [0, 0, 0]
    return SiteOrders(
        {
            source: _vote(*tally)
            for source, tally in tallies.items()
            if tally[0] >= _MIN_ORDER_PAIRS
        },
        _vote(*total),
    )


def _vote(pairs: int, by_code: int, by_letters: int) -> Order:
    if pairs >= _MIN_ORDER_PAIRS and max(by_code, by_letters) < 0.9 * pairs:
        return None
    return LETTERS if by_letters > by_code else CODE_POINTS


_TRUE = tuple((True,) * n for n in range(_MAX_TAG_LEN + 1))
_FALSE = tuple((False,) * n for n in range(MAX_TAG_WORDS + 1))  # a run has at most so many


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


def _best_segmentation(
    words: Sequence[str],
    keys: Sequence[str],
    index: TagIndex,
    phrase: dict[tuple[int, int], bool],
    apart: dict[tuple[int, int], bool],
    listed: tuple[bool, ...],
    known_after_wa: tuple[bool, ...],
    order: tuple[tuple[bool, ...], tuple[bool, ...], Order],
    on_page: frozenset[tuple[int, int]],
    own_group: bool,
    bridges: tuple[bool, ...] | None,
) -> tuple[str, ...]:
    """Best tags for a run of words; `bridges` is None on a page that glues its tags, else
    which neighbouring words (before word 1, 2, …) some page's text writes together, or the
    site's Tags lines keep together."""
    spaced = bridges is not None
    n = len(words)
    in_order, before_next, site_order = order
    # Glued: every tag costs, so a tag must earn its place. Spaced: every tag pays, so
    # holding words together must be earned, by a phrase of the text as long as the tag.
    per_tag = _SPACED_TAG_GAIN if spaced else -_TAG_COST
    first_last = n - len(before_next)  # before_next[i] is about the last tag words[first_last + i:]

    def score(a: int, b: int) -> float:
        width = b - a
        tag_key = " ".join(keys[a:b])
        total = per_tag
        if (a, b) in on_page:
            total += _PAGE_TAG_PER_WORD * width
        certain = index.certain.get(tag_key, 0)
        if certain:
            total += _CERTAIN_PER_WORD * width
        elif width > 1:
            seen = index.groups.get(tag_key, 0) - (own_group and width == n)
            if seen >= 2 and index.chance_pairing(keys[a:b], seen):
                seen = 1
            if seen >= 2:
                total += _CERTAIN_PER_WORD * width
            elif seen == 1:
                total += _SEEN_ONCE_PER_WORD * width
        if phrase.get((a, b)):
            total += _PHRASE_BONUS * (width - 1 if spaced else 1)
        elif apart.get((a, b)) and not certain:
            total -= _APART_PENALTY
        if known_after_wa[a] and not certain and (a, b) not in on_page:
            total -= _CONJUNCTION_PENALTY
        return total

    # best[(a, b)]: best score of words[:b] whose last tag is words[a:b], with back-pointer.
    best: dict[tuple[int, int], tuple[float, int]] = {}
    ending: dict[int, list[int]] = {}
    for b in range(1, min(n, _MAX_TAG_LEN) + 1):
        first_in_order = 0.0 if in_order[b - 1] else -_ORDER_PENALTY
        best[0, b] = (score(0, b) + first_in_order, -1)
        ending.setdefault(b, []).append(0)
    for a in range(1, n):
        if a not in ending:
            continue
        bonus = _LISTING_BONUS if listed[a - 1] else 0.0
        if spaced and phrase.get((a - 1, a + 1)):
            bonus -= _BRIDGE_PENALTY  # the page's text writes these two words together
        elif bridges and bridges[a - 1]:
            bonus -= _CORPUS_BRIDGE_PENALTY  # another page's text does, or the site's lines
        for b in range(a + 1, min(n, a + _MAX_TAG_LEN) + 1):
            after = " ".join(words[a:b])
            top, back = max(
                (
                    best[p, a][0]
                    + (
                        0.0 if _before(" ".join(words[p:a]), after, site_order) else -_ORDER_PENALTY
                    ),
                    p,
                )
                for p in ending[a]
            )
            best[a, b] = (top + bonus + score(a, b), back)
            ending.setdefault(b, []).append(a)
    _, a = max(
        (best[a, n][0] - (0.0 if before_next[a - first_last] else _ORDER_PENALTY), a)
        for a in ending[n]
    )
    found: list[str] = []
    b = n
    while a >= 0:
        found.append(" ".join(words[a:b]))
        a, b = best[a, b][1], a
    found.reverse()
    return tuple(found)
