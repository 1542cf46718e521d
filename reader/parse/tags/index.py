"""What the whole corpus knows about tags, pooled from every page's evidence.

Pooled counts can be taken back as well as added (`Contribution`), so that a library can
bring the index in step with a few pages added or gone without pooling every page again.
A page's tags are decided by a handful of yes-or-no questions to the index (is this run a
certain unit elsewhere? seen whole how often? do these words keep company?); `Recorder`
notes each question with its answer, so that the library can ask them again of the next
index and re-decide only the pages where an answer changed.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.parse.tags.evidence import PageEvidence, whole_words
from reader.parse.tags.order import SiteOrders, only_whole

# Words of spaced Tags lines keep company when each meets the other in at least this share
# of its meetings, at least so many times: a tag's words do; neighbours in a sorted list not.
_COMPANY_SHARE = 0.2
_COMPANY_MIN = 6
_CHANCE_PAIRING = 0.25  # a run seen whole less than this share as often as either half alone
SEEN_OFTEN = 2  # pages: a run seen whole on so many earns as a certain unit does

# The questions a decision asks, as the tuples a `Recorder` notes: ("certain", key),
# ("seen", key of the run, the run's own page counted), ("word", key), ("bridge", left, right).
Question = tuple[str, ...] | tuple[str, str, bool]
Answer = bool | int


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one page adds to the index (and takes back when it goes)."""

    certain: tuple[str, ...]
    groups: tuple[str, ...]
    words: tuple[str, ...]
    bridged: tuple[str, ...]
    neighbours: tuple[str, ...]
    followed: tuple[str, ...]
    preceded: tuple[str, ...]


@dataclass
class TagIndex:
    """What the whole corpus knows about tags, pooled from every page's evidence."""

    certain: Counter[str] = field(default_factory=Counter)
    groups: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)  # known to be whole, by pages
    glued_sources: set[str | None] = field(default_factory=set)  # sources that glue tags
    bridged: Counter[str] = field(default_factory=Counter)  # pairs a text writes together
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

    def is_certain(self, tag_key: str) -> bool:
        """Whether some page proves the run a tag of its own."""
        return tag_key in self.certain

    def seen_whole(self, tag_key: str, own: bool) -> int:
        """How often other pages show the run whole, as the scores tell it apart: 0, once,
        or often (`SEEN_OFTEN`, unless its halves are a chance pairing); `own`: the run is
        the page's own whole group, counted in the index, so one sighting is the page's."""
        seen = self.groups.get(tag_key, 0) - own
        if seen >= SEEN_OFTEN:
            return 1 if self.chance_pairing(tag_key.split(" "), seen) else SEEN_OFTEN
        return max(seen, 0)

    def knows_word(self, word_key: str) -> bool:
        """Whether some page shows the word whole."""
        return word_key in self.words

    def bridges(self, left: str, right: str) -> bool:
        """Whether two neighbouring words hold together: some page's text writes them
        together, or the site's spaced Tags lines keep them in company."""
        return f"{left} {right}" in self.bridged or self.keep_company(left, right)

    def answer(self, question: Question) -> Answer:
        """The answer the index now gives to a question a `Recorder` noted."""
        kind = question[0]
        if kind == "certain":
            return self.is_certain(str(question[1]))
        if kind == "seen":
            return self.seen_whole(str(question[1]), bool(question[2]))
        if kind == "word":
            return self.knows_word(str(question[1]))
        return self.bridges(str(question[1]), str(question[2]))

    def contribution(self, evidence: PageEvidence, source: str | None) -> Contribution:
        """What one page adds: its certain units, whole runs and words known to be whole
        (which sources glue their tags, and how each sorts them, already known)."""
        neighbours: tuple[str, ...] = ()
        followed: tuple[str, ...] = ()
        preceded: tuple[str, ...] = ()
        if not evidence.glued and not evidence.separated and source not in self.glued_sources:
            pairs = list(itertools.pairwise(evidence.keys))
            neighbours = tuple(f"{left} {right}" for left, right in pairs)
            followed = tuple(left for left, _ in pairs)
            preceded = tuple(right for _, right in pairs)
        groups = evidence.groups()
        counted = self.counts_runs(len(groups), source)
        seen_groups: dict[str, None] = {}
        certain: list[str] = []
        for start, end in groups:
            group_key = " ".join(evidence.keys[start:end])
            if counted:
                seen_groups[group_key] = None
            if (
                end - start == 1
                or (evidence.left_out and all(evidence.left_out[start:end]))
                or only_whole(evidence.words[start:end], self.orders.of(source))
            ):
                certain.append(group_key)
        return Contribution(
            tuple(certain),
            tuple(seen_groups),
            tuple(whole_words(evidence)),
            evidence.bridged,
            neighbours,
            followed,
            preceded,
        )

    def apply(self, contribution: Contribution, sign: int = 1) -> None:
        """Add a page's contribution (`sign` 1) or take it back (-1); a count that comes to
        nothing is dropped, so that a key is in a counter exactly while some page gives it."""
        for counter, keys in (
            (self.certain, contribution.certain),
            (self.groups, contribution.groups),
            (self.words, contribution.words),
            (self.bridged, contribution.bridged),
            (self.neighbours, contribution.neighbours),
            (self.followed, contribution.followed),
            (self.preceded, contribution.preceded),
        ):
            for item in keys:
                count = counter.get(item, 0) + sign
                if count > 0:
                    counter[item] = count
                else:
                    counter.pop(item, None)

    def add(self, evidence: PageEvidence, source: str | None) -> None:
        """Pool one page's certain units, whole runs and words known to be whole."""
        self.apply(self.contribution(evidence, source))


class Recorder:
    """The index, asked through a notebook: each question a decision asks, with the answer.

    A decision made with the same answers comes out the same, so a page needs deciding
    again only when the index answers one of its questions differently.
    """

    __slots__ = ("index", "noted")

    def __init__(self, index: TagIndex) -> None:
        self.index = index
        self.noted: dict[Question, Answer] = {}

    def is_certain(self, tag_key: str) -> bool:
        answer = self.index.is_certain(tag_key)
        self.noted["certain", tag_key] = answer
        return answer

    def seen_whole(self, tag_key: str, own: bool) -> int:
        answer = self.index.seen_whole(tag_key, own)
        self.noted["seen", tag_key, own] = answer
        return answer

    def knows_word(self, word_key: str) -> bool:
        answer = self.index.knows_word(word_key)
        self.noted["word", word_key] = answer
        return answer

    def bridges(self, left: str, right: str) -> bool:
        answer = self.index.bridges(left, right)
        self.noted["bridge", left, right] = answer
        return answer

    def note(self, answers: Iterable[tuple[Question, Answer]]) -> None:
        """Questions asked before, by a decision remembered instead of made again."""
        self.noted.update(answers)
