"""Scoring the ways a run of words joined by spaces splits into tags."""

from __future__ import annotations

from collections.abc import Sequence

from reader.parse.tags.index import SEEN_OFTEN, Recorder, TagIndex
from reader.parse.tags.order import Order, before
from reader.parse.tags.tokens import MAX_TAG_LEN

# The unit of the scores: what a tag costs where the site glues its tags (a space there
# mostly sits inside a tag) and earns where it parts them with spaces. Every weight below
# is a multiple of it, so halving it only breaks ties another way (the weights survey
# finds that passes); at 0 a space would lean neither way, and doubled it outweighs what
# another page's text says of a spaced site's words, and tests fail.
_TAG = 1.0
_BRIDGE_PENALTY = 4.0  # spaced pages: a boundary between two words the text writes together
_CORPUS_BRIDGE_PENALTY = 2.0  # … or that another page's text writes together
_ORDER_PENALTY = 8.0  # a tag that sorts before the one it follows: dearer than any hint
_CONJUNCTION_PENALTY = 4.0  # a tag opening with و and a known word: it continues the last
_CERTAIN_PER_WORD = 4.0  # a certain unit elsewhere, per word it covers
_SEEN_ONCE_PER_WORD = 1.0  # a run seen whole on one other page, per word
_PHRASE_BONUS = 2.0  # the page's text writes the run (per word past the first, when spaced)
# The text names each word of a run alone, never the run; and lists two words (`A وB`).
# Each decides a test at 0; halved or doubled they still outweigh a tag's unit and stay
# under a certain unit of two words, which is all the tests ask: the survey finds both pass.
_APART_PENALTY = 3.0
_LISTING_BONUS = 3.0
# The page's own tags, per word, when its keywords are cut: proof, above every corpus
# weight (at half it still is, and doubling changes nothing; 0 fails a test).
_PAGE_TAG_PER_WORD = 10.0
_UNKNOWN_PART_COST = 4.0  # glued, with keywords: a tag split off a run nothing else names
_NAME_LINK_PENALTY = 8.0  # a boundary next to a word that links a name's parts
# Words that link a name's parts, as keys: بن, ابن, بنت join the words on either side; عبد,
# أبو, أبي, آل open a part, so no tag ends with one and, on a page that glues its tags (a
# space then mostly sits inside a tag) and whose keywords confirm its words, a tag seldom
# starts with one after a name.
_NAME_JOINS = frozenset({"بن", "ابن", "بنت"})
_NAME_OPENERS = frozenset({"عبد", "ابو", "ابي", "ال"})


def best_segmentation(
    words: Sequence[str],
    keys: Sequence[str],
    index: TagIndex | Recorder,
    phrase: dict[tuple[int, int], bool],
    apart: dict[tuple[int, int], bool],
    listed: tuple[bool, ...],
    named: tuple[bool, ...],
    known_after_wa: tuple[bool, ...],
    order: tuple[tuple[bool, ...], tuple[bool, ...], Order],
    on_page: frozenset[tuple[int, int]],
    own_group: bool,
    glues: bool,
    confirmed: bool,
    bridges: tuple[bool, ...] | None,
) -> tuple[str, ...]:
    """Best tags for a run of words; `glues`: the page or its site runs tags together
    (`confirmed`: and the page's keywords confirm its words);
    `bridges` is None unless the page parts its tags with spaces, else which neighbouring
    words (before word 1, 2, …) some page's text writes together, or the site's Tags lines
    keep together."""
    spaced = bridges is not None
    n = len(words)
    in_order, before_next, site_order = order
    # Glued: every tag costs, so a tag must earn its place. Spaced: every tag pays, so
    # holding words together must be earned, by a phrase of the text as long as the tag.
    per_tag = _TAG if spaced else -_TAG
    first_last = n - len(before_next)  # before_next[i] is about the last tag words[first_last + i:]

    # On a site that glues, other pages' tags are evidence, not proof: a tag inside a longer
    # phrase of this page's text earns nothing for being a tag elsewhere.
    inside: set[tuple[int, int]] = set()
    if glues:
        for (c, d), hit in phrase.items():
            if hit:
                inside.update((a, b) for a in range(c, d) for b in range(a + 1, d + 1))
                inside.discard((c, d))

    def score(a: int, b: int) -> float:
        width = b - a
        tag_key = " ".join(keys[a:b])
        total = per_tag
        if (a, b) in on_page:
            total += _PAGE_TAG_PER_WORD * width
        certain = False
        seen = 0
        if (a, b) not in inside:
            certain = index.is_certain(tag_key)
            if certain:
                total += _CERTAIN_PER_WORD * width
            elif width > 1:
                seen = index.seen_whole(tag_key, own_group and width == n)
                if seen >= SEEN_OFTEN:
                    total += _CERTAIN_PER_WORD * width
                elif seen == 1:
                    total += _SEEN_ONCE_PER_WORD * width
        if (
            confirmed
            and width < n
            and not (certain or seen > 0 or (a, b) in on_page)
            and not (named[a] if width == 1 else phrase.get((a, b)))
        ):
            total -= _UNKNOWN_PART_COST  # a part nothing names, cut from a run
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
    for b in range(1, min(n, MAX_TAG_LEN) + 1):
        first_in_order = 0.0 if in_order[b - 1] else -_ORDER_PENALTY
        best[0, b] = (score(0, b) + first_in_order, -1)
        ending.setdefault(b, []).append(0)
    for a in range(1, n):
        if a not in ending:
            continue
        bonus = _LISTING_BONUS if listed[a - 1] else 0.0
        if (
            keys[a - 1] in _NAME_OPENERS
            or keys[a - 1] in _NAME_JOINS
            or keys[a] in _NAME_JOINS
            or (keys[a] in _NAME_OPENERS and confirmed)
        ):
            bonus -= _NAME_LINK_PENALTY  # `سلطان بن سلمان`, `محمد عبد الله`: one name
        if spaced and phrase.get((a - 1, a + 1)):
            bonus -= _BRIDGE_PENALTY  # the page's text writes these two words together
        elif bridges and bridges[a - 1]:
            bonus -= _CORPUS_BRIDGE_PENALTY  # another page's text does, or the site's lines
        for b in range(a + 1, min(n, a + MAX_TAG_LEN) + 1):
            after = " ".join(words[a:b])
            top, back = max(
                (
                    best[p, a][0]
                    + (0.0 if before(" ".join(words[p:a]), after, site_order) else -_ORDER_PENALTY),
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
