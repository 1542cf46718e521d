"""BM25 for one window of matches, computed from their stored terms.

FTS5's `bm25()` counts, on its first call in a query, every article of the library that
holds each phrase (for the inverse document frequency): on a million articles a common
word costs tens of milliseconds before one row is scored, and a phrase a hundred (its
positions read in every article that holds its words). The search scores a window of
matches only, so the scores are computed here, as FTS5 computes them (k1 and b as its
own, the columns' weighted counts summed into one frequency, the length of the whole
row), from the terms stored for each article; the document frequencies come from the
index's vocabulary (a phrase takes its rarest word's, a prefix its commonest term's) and
the average length from the window, so nothing here grows with the library.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

K1 = 1.2  # BM25's saturation of a term's frequency: FTS5's value
B = 0.75  # BM25's weight of an article's length: FTS5's value
MIN_IDF = 1e-6  # FTS5's floor for a term in more than half of the articles


@dataclass(frozen=True, slots=True)
class Phrase:
    """Terms in this order; `start`, when given, a last term known by its start only."""

    terms: tuple[str, ...]
    start: str = ""

    def counter(self) -> Callable[[str], int]:
        """Counts the phrase in a text of terms with a space at either end (C speed)."""
        if not self.start:
            needle = f" {' '.join(self.terms)} "
            return lambda text: text.count(needle)
        pattern = re.compile("(?<= )" + re.escape(" ".join((*self.terms, self.start))) + r"\S*")
        return lambda text: len(pattern.findall(text))


def scores(
    rows: Iterable[tuple[int, str, str]],
    phrases: Sequence[Phrase],
    documents: Sequence[int],
    total: int,
    title_weight: float,
) -> list[tuple[int, float]]:
    """(row, score) of each (row, title terms, body terms), lower better as `bm25()` gives
    it; `documents[i]` is the number of articles of `total` that hold phrase i."""
    counters = [p.counter() for p in phrases]
    idf = [max(MIN_IDF, math.log((total - n + 0.5) / (n + 0.5))) for n in documents]
    counted = []
    for row, title, body in rows:
        length = _length(title) + _length(body)
        title, body = f" {title} ", f" {body} "
        counted.append((row, length, [title_weight * c(title) + c(body) for c in counters]))
    if not counted:
        return []
    average = sum(length for _, length, _ in counted) / len(counted) or 1.0
    out = []
    for row, length, frequencies in counted:
        norm = K1 * (1 - B + B * length / average)
        score = sum(i * f * (K1 + 1) / (f + norm) for i, f in zip(idf, frequencies, strict=True))
        out.append((row, -score))
    return out


def _length(terms: str) -> int:
    return terms.count(" ") + 1 if terms else 0
