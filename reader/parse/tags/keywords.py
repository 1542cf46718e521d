"""Aligning the keywords line with the Tags words: the keywords are the tags less a few."""

from __future__ import annotations

from collections.abc import Sequence

# Tag words × keyword words searched for the keywords' best place: a bound on the cost of a
# crafted line, far above any news page's (which is why halving or doubling it changes no
# test), not a weight.
_MAX_PLACING_SEARCH = 40 * 40


def mark_keyword_gaps(
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


def cover_by_tags(words: Sequence[str], tags: Sequence[str]) -> tuple[str, ...] | None:
    """The keywords as the page's tags less some, in order, when they are exactly that."""
    found: list[str] = []
    i = 0
    for tag in tags:
        parts = tag.split()
        if list(words[i : i + len(parts)]) == parts:
            found.append(tag)
            i += len(parts)
    return tuple(found) if i == len(words) else None
