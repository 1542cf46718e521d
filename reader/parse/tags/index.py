"""What the whole corpus knows about tags, pooled from every page's evidence."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.parse.tags.evidence import PageEvidence, whole_words
from reader.parse.tags.order import SiteOrders, only_whole

# Words of spaced Tags lines keep company when each meets the other in at least this share
# of its meetings, at least so many times: a tag's words do; neighbours in a sorted list not.
_COMPANY_SHARE = 0.2
_COMPANY_MIN = 6
_CHANCE_PAIRING = 0.25  # a run seen whole less than this share as often as either half alone


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
                or only_whole(evidence.words[start:end], self.orders.of(source))
            ):
                self.certain[group_key] += 1
        self.groups.update(seen_groups)
        self.words.update(whole_words(evidence))
