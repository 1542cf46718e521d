"""Deciding every page's tags and keywords with the whole corpus as evidence."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reader.parse.tags.evidence import PageEvidence
from reader.parse.tags.index import Answer, Question, Recorder, TagIndex
from reader.parse.tags.keywords import cover_by_tags
from reader.parse.tags.order import Order, order_facts
from reader.parse.tags.page_text import PageText
from reader.parse.tags.segment import best_segmentation
from reader.parse.tags.tokens import MAX_TAG_LEN, MAX_TAG_WORDS
from reader.text.arabic import key

_SPACED_MIN_WORDS = 3  # fewer words than this say too little about how a site parts tags


class TagResolver:
    """Decides every page's tags and keywords against one corpus index.

    A run of words is decided by its words, the order of the tag before it, and a few
    yes/no facts about the page text; the same run with the same facts recurs on many pages,
    so decisions are remembered (`decisions`: each run's words and facts, and how it was
    split), with the questions each asked the index. A page is decided by its own facts,
    the questions the page itself asked (`take_answers`), and the decisions it used
    (`take_decisions`): when neither its answers nor its decisions change, nor does it.
    """

    def __init__(self, index: TagIndex, decisions: Sequence[Decision] = ()) -> None:
        self.index = index
        self.decisions: list[Decision] = list(decisions)
        # The questions of each decision made in this resolver's life, with their answers.
        self.asked: dict[int, tuple[tuple[Question, Answer], ...]] = {}
        self._memo = {run: n for n, (run, _) in enumerate(self.decisions)}
        self._asked = Recorder(index)
        self._used: list[int] = []

    def take_answers(self) -> dict[Question, Answer]:
        """The questions the page asked itself since the last call, with their answers."""
        noted = self._asked.noted
        self._asked.noted = {}
        return noted

    def take_decisions(self) -> tuple[int, ...]:
        """The decisions the page used since the last call, by number."""
        used = tuple(dict.fromkeys(self._used))
        self._used = []
        return used

    def remake(self, number: int) -> bool:
        """Make a remembered decision again against the index as it now is (its questions
        are answered differently); whether it comes out otherwise."""
        run, found = self.decisions[number]
        again, asked = _decide(run, self.index)
        self.decisions[number] = (run, again)
        self.asked[number] = asked
        return again != found

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
        glues = evidence.glued or source in self.index.glued_sources
        # A page whose keywords confirm its words: a part no page names is then news, where
        # on a page without keywords its words are as often glued tokens left unsplit.
        confirmed = glues and bool(evidence.keyword_words)
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
                self._segment(
                    words, keys, bounds, text, order, frozenset(), counted, spaced, glues, confirmed
                )
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
        covered = cover_by_tags(words, tags)
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
        glues: bool = False,
        confirmed: bool = False,
    ) -> tuple[str, ...]:
        """Best segmentation of a run of words into tags sorting between `bounds` in `order`.

        `own_group`: the run is one of the page's own groups, counted in the index's groups,
        so its being seen whole must be counted on other pages only. `spaced`: the page
        parts its tags with spaces (see `tags`); `glues`: it or its site runs tags together;
        `confirmed`: it glues, and has keywords that confirm its words.
        """
        n = len(words)
        spans = tag_spans(n)
        # A word absent from the text rules out every phrase and listing it is part of, so
        # the search stops once fewer than two words can be present.
        present: list[bool] = []
        missing = 0
        for word in words:
            found_word = text.mentions(word)
            missing += not found_word
            if n - missing < 2:
                break
            present.append(found_word)
        phrase: dict[tuple[int, int], bool] = {}
        apart: dict[tuple[int, int], bool] = {}
        listed: tuple[bool, ...] = FALSE[n - 1]
        named: tuple[bool, ...] = FALSE[n]
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
            named = (*whole, *FALSE[n - len(whole)])
            listed = tuple(
                present[a - 1] and present[a] and text.lists(words[a - 1], words[a])
                for a in range(1, n)
            )
        known_after_wa = FALSE[n]
        if " و" in " " + " ".join(keys):
            known_after_wa = tuple(
                k[0] == "و"
                and len(k) > 1
                and (self._asked.knows_word(k[1:]) or text.has_phrase(w[1:]))
                for w, k in zip(words, keys, strict=True)
            )
        in_order, before_next = order_facts(words, *bounds, order)
        bridges: tuple[bool, ...] = ()
        if spaced:
            bridges = tuple(self._asked.bridges(keys[a - 1], keys[a]) for a in range(1, n))
        on_page = tuple(" ".join(keys[a:b]) in page_tags for a, b in spans) if page_tags else ()
        facts = (
            tuple(phrase.values()) if any(phrase.values()) else (),
            tuple(apart.values()) if any(apart.values()) else (),
            listed,
            named,
            known_after_wa,
            in_order,
            before_next,
            on_page,
            own_group,
            spaced,
            glues,
            confirmed,
            bridges,
            order,
        )
        run = (tuple(words), facts)
        number = self._memo.get(run)
        if number is None:
            number = self._memo[run] = len(self.decisions)
            found, self.asked[number] = _decide(run, self.index)
            self.decisions.append((run, found))
        self._used.append(number)
        return self.decisions[number][1]


# A run decided: its words and the facts of its page (the memo key of `_segment`), and the
# tags it was split into.
Run = tuple[tuple[str, ...], tuple]
Decision = tuple[Run, tuple[str, ...]]


def _decide(
    run: Run, index: TagIndex
) -> tuple[tuple[str, ...], tuple[tuple[Question, Answer], ...]]:
    """A run's best segmentation from its words and facts alone, and the questions that
    took, answered: the page's text is in the facts already."""
    words, facts = run
    (
        phrase_hits,
        apart_hits,
        listed,
        named,
        known_after_wa,
        in_order,
        before_next,
        on_page,
        own_group,
        spaced,
        glues,
        confirmed,
        bridges,
        order,
    ) = facts
    spans = tag_spans(len(words))
    wide = [span for span in spans if span[1] - span[0] > 1]
    phrase = dict(zip(wide, phrase_hits, strict=True)) if phrase_hits else {}
    apart = dict(zip(wide, apart_hits, strict=True)) if apart_hits else {}
    page = frozenset(span for span, hit in zip(spans, on_page, strict=False) if hit)
    asked = Recorder(index)
    found = best_segmentation(
        words,
        tuple(map(key, words)),
        asked,
        phrase,
        apart,
        listed,
        named,
        known_after_wa,
        (in_order, before_next, order),
        page,
        own_group,
        glues,
        confirmed,
        bridges if spaced else None,
    )
    return found, tuple(asked.noted.items())


@lru_cache(maxsize=64)
def tag_spans(n: int) -> tuple[tuple[int, int], ...]:
    """Every (start, end) of a tag of at most MAX_TAG_LEN words in a run of n words."""
    return tuple((a, b) for a in range(n) for b in range(a + 1, min(n, a + MAX_TAG_LEN) + 1))


FALSE = tuple((False,) * n for n in range(MAX_TAG_WORDS + 1))  # a run has at most so many
