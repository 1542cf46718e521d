"""The order a site lists its tags in: a tag that sorts before the one it follows starts
no new tag."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, Protocol

from reader.parse.tags.tokens import MAX_TAG_LEN
from reader.text.arabic import strip_marks

_MIN_ORDER_PAIRS = 20  # fewer successive runs than this cannot show a site sorts no tags
# A site sorts its tags if one order fits this share of its pairs: sites that sort fit
# nearly all (a tag added late breaks a few), sites that do not about half.
_SORTED_SHARE = 0.9
# Words: a longer run is not searched for a split its order allows (a bound on the search,
# exponential in the run's length; longer runs are seldom one tag anyway).
_LONGEST_PROOF = 6

# How a site sorts its tags: by code point; by letters, hamza and marks second, as the
# Unicode collation algorithm (the default of many databases) does; or None, not at all.
CODE_POINTS: Final = "code points"
LETTERS: Final = "letters"
Order = Literal["code points", "letters"] | None


class Runs(Protocol):
    """A page's tag words and the tag boundaries it is sure of (`PageEvidence`)."""

    @property
    def words(self) -> tuple[str, ...]: ...

    @property
    def certain(self) -> tuple[bool, ...]: ...


# Hamza seats folded onto their letters, marks dropped: how a collation that sorts by
# letters first and marks second (the Unicode collation algorithm, so the default of many
# databases) orders Arabic. Sites sort their tags one way or the other; the corpus says which.
_HAMZA_SEATS = str.maketrans("أإآٱؤئ", "ااااوي")


@lru_cache(maxsize=1 << 16)
def _letters(text: str) -> str:
    return strip_marks(text).translate(_HAMZA_SEATS)


def before(earlier: str, later: str, order: Order) -> bool:
    """Whether `earlier` may come before `later`: strictly so by code point, or by letters
    with hamza seats and marks folded and then by code point; always, on a site whose tags
    come in no order."""
    if order == CODE_POINTS:
        return earlier < later
    if order is None:
        return True
    a, b = _letters(earlier), _letters(later)
    return a < b if a != b else earlier < later


def sorts_after(earlier: str, later: str) -> bool:
    """Whether `later` sorts strictly before `earlier` in both orders a site may use."""
    return later < earlier and before(later, earlier, LETTERS)


@dataclass(frozen=True, slots=True)
class SiteOrders:
    """How each source's pages sort their tags, and the corpus's order for the others."""

    by_source: dict[str | None, Order]
    default: Order = CODE_POINTS

    def of(self, source: str | None) -> Order:
        return self.by_source.get(source, self.default)


def site_orders(evidence: Iterable[Runs], sources: Iterable[str | None]) -> SiteOrders:
    """How the pages of each source sort their tags: by code point, by letters with hamza
    folded, or not at all (None), as most of its successive runs show.

    Each run of words between certain boundaries starts a tag, so the first words of
    successive runs come in the site's order. Code points, the common order, stand unless
    the pages show otherwise clearly: another order fits more pairs, or neither fits nine
    in ten of at least 20 pairs. A folder may hold dumps of several sites, each sorting its
    own way, so each source is judged on its own pages; one with too few pairs to tell
    takes the order of the whole corpus.
    """
    tallies: dict[str | None, Tally] = {}
    for item, source in zip(evidence, sources, strict=True):
        tallies[source] = add_tallies(tallies.get(source, (0, 0, 0)), order_tally(item))
    return orders_of(tallies)


Tally = tuple[int, int, int]  # successive runs, fitting code points, fitting letters


def order_tally(item: Runs) -> Tally:
    """One page's say on its site's order: its successive runs, and how many fit each."""
    words = item.words
    firsts = [words[i + 1] for i, cut in enumerate(item.certain) if cut]
    pairs = by_code = by_letters = 0
    for left, right in itertools.pairwise(words[:1] + tuple(firsts)):
        if left.startswith(right) or right.startswith(left):
            continue  # a longer tag may sort either way of a shorter one
        pairs += 1
        by_code += left < right
        by_letters += before(left, right, LETTERS)
    return pairs, by_code, by_letters


def add_tallies(tally: Tally, more: Tally, sign: int = 1) -> Tally:
    return (tally[0] + sign * more[0], tally[1] + sign * more[1], tally[2] + sign * more[2])


def orders_of(tallies: dict[str | None, Tally]) -> SiteOrders:
    """Each source's order from its pages' tallies (see `site_orders`)."""
    total = tuple(sum(column) for column in zip(*tallies.values(), strict=True)) or (0, 0, 0)
    return SiteOrders(
        {
            source: _vote(*tally)
            for source, tally in tallies.items()
            if tally[0] >= _MIN_ORDER_PAIRS
        },
        _vote(*total),
    )


def _vote(pairs: int, by_code: int, by_letters: int) -> Order:
    if pairs >= _MIN_ORDER_PAIRS and max(by_code, by_letters) < _SORTED_SHARE * pairs:
        return None
    return LETTERS if by_letters > by_code else CODE_POINTS


@lru_cache(maxsize=65536)
def only_whole(group: tuple[str, ...], order: Order = CODE_POINTS) -> bool:
    """Whether the site's order forbids every split of a run of words (`ديميتري بيسكوف`)."""
    if len(group) < 2 or len(group) > _LONGEST_PROOF or order is None:
        return False
    return not _any_ordered_split(group, 0, None, order)


def _any_ordered_split(
    group: Sequence[str], start: int, previous: str | None, order: Order
) -> bool:
    """Whether the words from `start` on split into strictly increasing tags after `previous`,
    with at least one cut overall."""
    for end in range(start + 1, len(group) + 1):
        tag = " ".join(group[start:end])
        if previous is not None and not before(previous, tag, order):
            continue
        if end == len(group):
            if previous is not None:
                return True
            continue
        if _any_ordered_split(group, end, tag, order):
            return True
    return False


def order_facts(
    words: Sequence[str], previous: str | None, following: str | None, order: Order = CODE_POINTS
) -> tuple[tuple[bool, ...], tuple[bool, ...]]:
    """Which first tags of a run sort after `previous`, and which last tags before `following`.

    Every run is checked here, so the common cases skip the joins: a tag sorts as its
    first word does against any string that word is not a prefix of.
    """
    n = len(words)
    first = min(n, MAX_TAG_LEN)
    if order != CODE_POINTS:
        return (
            tuple(
                previous is None or before(previous, " ".join(words[:b]), order)
                for b in range(1, first + 1)
            ),
            tuple(
                following is None or before(" ".join(words[a:]), following, order)
                for a in range(n - first, n)
            ),
        )
    if previous is None or (previous < words[0] and not words[0].startswith(previous)):
        in_order = _TRUE[first]
    else:
        in_order = tuple([previous < " ".join(words[:b]) for b in range(1, first + 1)])
    if following is None:
        return in_order, _TRUE[first]
    ahead: list[bool] = []
    for a in range(n - first, n):
        word = words[a]
        ahead.append(
            " ".join(words[a:]) < following if following.startswith(word) else word < following
        )
    return in_order, tuple(ahead)


_TRUE = tuple((True,) * n for n in range(MAX_TAG_LEN + 1))
