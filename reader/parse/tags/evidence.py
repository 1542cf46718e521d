"""What one page says on its own about where its tags end."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.parse.tags.glued import SHORTEST_WORD, CorpusWords, shown_words, split_token
from reader.parse.tags.keywords import mark_keyword_gaps
from reader.parse.tags.page_text import PageText
from reader.parse.tags.tokens import MAX_TAG_WORDS, SEPARATORS, line_tokens, script_parts
from reader.text.arabic import key


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
        items = [item for item in SEPARATORS.split(keywords_line) if item.strip()]
        if len(items) > 1:  # a site that separates its keywords says where each ends
            keyword_items = tuple(dict.fromkeys(" ".join(item.split()) for item in items))
        keyword_words = tuple(w for item in items for w in item.split())
    keyword_keys = tuple(map(key, keyword_words))
    if not tags_line:
        return PageEvidence(
            (), (), (), keyword_words, keyword_items=keyword_items, keyword_keys=keyword_keys
        )
    tokens = line_tokens(tags_line)
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
        shown = shown_words(tokens, text, ordered)
    strong = {word for word in keyword_keys if len(word) >= SHORTEST_WORD}
    words: list[str] = []
    certain: list[bool] = []
    group_first: str | None = None
    unsure = [False]
    for token, separated in script_parts(tokens):
        if separated is not False:  # a separator or a script seam: a new run of tags
            group_first = None
        first = group_first if ordered else None
        pieces = split_token(token, strong, corpus_words, text, first, unsure, ordered)
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
    left_out = mark_keyword_gaps(keys, certain, keyword_keys)
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
