"""What a corpus's pages pool for tag recovery, kept between links, and each page's part.

Tags are decided with the whole corpus as evidence, in three pooled steps: the words pages
show whole (to split other pages' glued tokens), how each source sorts its tags, and the
tag index. Each step's pool is a sum of the pages' parts, so a link takes the parts of
pages gone back out and adds those of pages new, instead of pooling every page again. The
questions the pages' decisions asked of the index are kept too, numbered, with the answers
they got: asked again of the new index, they tell which pages need deciding again.
"""

from __future__ import annotations

import marshal
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.library.pages import evidence_fields, evidence_of
from reader.parse.loader import LoadedPage, Tagged
from reader.parse.tags import (
    Answer,
    Decision,
    PageEvidence,
    Question,
    SiteOrders,
    TagIndex,
    TagResolver,
    Tally,
    add_tallies,
    order_tally,
    whole_words,
)

_MARSHAL_VERSION = 4
_COUNTERS = ("certain", "groups", "words", "bridged", "neighbours", "followed", "preceded")


@dataclass
class TagState:
    """A corpus's pools: words shown whole, order tallies and glued pages by source, the
    index, and every question asked of it with its answer (a question's number is its
    place in `questions`)."""

    words: Counter[str]
    tallies: dict[str | None, Tally]
    glued: Counter[str | None]
    index: TagIndex
    questions: list[Question]
    answers: list[Answer]
    decisions: list[Decision] = field(default_factory=list)  # how each run was decided
    asked: list[bytes] = field(default_factory=list)  # each decision's questions' numbers
    numbers: dict[Question, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.numbers:
            self.numbers = {question: n for n, question in enumerate(self.questions)}

    def number(self, answers: dict[Question, Answer]) -> bytes:
        """The numbers of a page's questions (new ones noted with their answers), stored in
        order: a page asked the same questions stores the same bytes."""
        numbers = []
        for question, answer in answers.items():
            n = self.numbers.get(question)
            if n is None:
                n = self.numbers[question] = len(self.questions)
                self.questions.append(question)
                self.answers.append(answer)
            numbers.append(n)
        return array("I", sorted(numbers)).tobytes()

    def keep_decisions(self, resolver: TagResolver) -> None:
        """The resolver's decisions, and the questions of those it made or made again."""
        self.decisions = resolver.decisions
        self.asked += [b""] * (len(self.decisions) - len(self.asked))
        for n, answers in resolver.asked.items():
            self.asked[n] = self.number(dict(answers))

    def changed_decisions(self, resolver: TagResolver, changed: set[int]) -> set[int]:
        """Make again the decisions whose questions are answered differently (`changed`);
        those that come out otherwise."""
        return {
            n
            for n, data in enumerate(self.asked)
            if not changed.isdisjoint(asked_numbers(data)) and resolver.remake(n)
        }

    def changed_answers(self) -> set[int]:
        """The questions the index now answers differently; their answers brought up to date."""
        changed = set()
        answer = self.index.answer
        for n, question in enumerate(self.questions):
            now = answer(question)
            if now != self.answers[n]:
                self.answers[n] = now
                changed.add(n)
        return changed

    def encode(self) -> bytes:
        index = self.index
        return marshal.dumps(
            (
                dict(self.words),
                self.tallies,
                dict(self.glued),
                tuple(dict(getattr(index, name)) for name in _COUNTERS),
                (index.orders.by_source, index.orders.default),
                self.questions,
                self.answers,
                self.decisions,
                self.asked,
            ),
            _MARSHAL_VERSION,
        )

    @classmethod
    def decode(cls, data: bytes) -> TagState | None:
        """The stored state, or None when it does not decode (the corpus is linked whole)."""
        try:
            (
                words,
                tallies,
                glued,
                counters,
                (by_source, default),
                questions,
                answers,
                decisions,
                asked,
            ) = marshal.loads(data)
            index = TagIndex(
                **{name: Counter(c) for name, c in zip(_COUNTERS, counters, strict=True)},
                glued_sources={source for source, count in glued.items() if count > 0},
                orders=SiteOrders(by_source, default),
            )
        except (EOFError, ValueError, TypeError):
            return None
        return cls(
            Counter(words), tallies, Counter(glued), index, questions, answers, decisions, asked
        )


def pooled_state(
    pages: Iterable[LoadedPage], tagged: Iterable[Tagged], index: TagIndex
) -> TagState:
    """The state of a corpus linked whole (its questions numbered as pages are stored)."""
    words: Counter[str] = Counter()
    tallies: dict[str | None, Tally] = {}
    glued: Counter[str | None] = Counter()
    for page, decided in zip(pages, tagged, strict=True):
        source = page.parsed.source
        words.update(whole_words(page.evidence))
        tallies[source] = add_tallies(tallies.get(source, (0, 0, 0)), order_tally(decided.evidence))
        glued[source] += decided.evidence.glued
    return TagState(words, tallies, glued, index, [], [])


def pool(state: TagState, source: str | None, evidence: PageEvidence, sign: int) -> None:
    """Add one page's order tally and glued mark (`sign` 1), or take them back (-1)."""
    state.tallies[source] = add_tallies(
        state.tallies.get(source, (0, 0, 0)), order_tally(evidence), sign
    )
    state.glued[source] += sign * evidence.glued


@dataclass(frozen=True, slots=True)
class PageTags:
    """What a link keeps of one page: its source, the words it shows whole, the evidence
    its tags were decided on, its tags and keywords, and the headlines its stories go by
    (its own first)."""

    source: str | None
    first_words: tuple[str, ...]
    evidence: PageEvidence
    tags: tuple[str, ...]
    keywords: tuple[str, ...]
    titles: tuple[str, ...]

    def encode(self) -> bytes:
        return marshal.dumps(
            (
                self.source,
                self.first_words,
                evidence_fields(self.evidence),
                self.tags,
                self.keywords,
                self.titles,
            ),
            _MARSHAL_VERSION,
        )

    @classmethod
    def decode(cls, data: bytes) -> PageTags:
        source, first_words, evidence, tags, keywords, titles = marshal.loads(data)
        return cls(source, first_words, evidence_of(evidence), tags, keywords, titles)


def asked_numbers(data: bytes) -> array[int]:
    numbers = array("I")
    numbers.frombytes(data)
    return numbers
