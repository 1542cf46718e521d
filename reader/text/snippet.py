"""Where a query's words are in a text, and the passage of an article that shows them best.

Matching is by search term (`reader.text.analysis`), not by letters, so `للأطفال` in the text is
marked for the query `أطفال`. Marks are character ranges of the text as written: the
layout engine carries them to the cells on screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from reader.text.analysis import Token, terms, tokens

# The best passage is looked for in this much of an article's text: a 4 MB page read whole
# would hold its search results for over a second, and the opening is where news says most.
PASSAGE_SCAN_CHARS = 200_000
PASSAGE_WORDS = 24  # words a snippet shows: two lines of a results list, about
_ELLIPSIS = "…"

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Terms:
    """The terms a query looks for: whole terms, and the starts of terms (`word*`)."""

    whole: frozenset[str] = frozenset()
    starts: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.whole or self.starts)

    def match(self, term: str) -> bool:
        return term in self.whole or term.startswith(self.starts)

    def among(self, found: Iterable[str]) -> AbstractSet[str]:
        """Which of the terms `found` match: by set intersection when there is no prefix
        to try, since a snippet looks at every word of every paragraph of its article."""
        if not self.starts:
            return self.whole.intersection(found)
        return {t for t in set(found) if self.match(t)}


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of text and the ranges of it that match the query."""

    text: str
    marks: tuple[Span, ...]


def marks(text: str, wanted: Terms) -> tuple[Span, ...]:
    """The ranges of `text` whose words match `wanted`, in order."""
    if not wanted:
        return ()
    return tuple((t.start, t.end) for t in tokens(text) if wanted.match(t.term))


def passage(paragraphs: Sequence[str], wanted: Terms, words: int = PASSAGE_WORDS) -> Snippet:
    """The stretch of `words` words that holds the most distinct matched terms (then the
    most matches, then the earliest), cut at word boundaries, with an ellipsis where it
    leaves text out; the opening words when nothing matches."""
    best: tuple[int, int, int, int] | None = None  # distinct, matches, -paragraph, -start
    chosen = (0, 0)
    read = 0
    for number, text in enumerate(paragraphs):
        if read >= PASSAGE_SCAN_CHARS:
            break
        read += len(text)
        found = terms(text)  # the terms alone first: offsets only for the chosen one
        matching = wanted.among(found)
        if best is not None and len(matching) < best[0]:
            continue  # no window of it can do better
        hits = [i for i, t in enumerate(found) if t in matching]
        for first in hits or [0]:
            matched = [t for t in found[first : first + words] if t in matching]
            score = (len(set(matched)), len(matched), -number, -first)
            if best is None or score > best:
                best, chosen = score, (number, first)
    if best is None:
        return Snippet("", ())
    number, first = chosen
    return _cut(paragraphs[number], list(tokens(paragraphs[number])), first, words, wanted)


def _cut(text: str, found: list[Token], first: int, words: int, wanted: Terms) -> Snippet:
    if not found:
        return Snippet(text, ())
    # Start a few words before the first match, so that it is read in context.
    first = max(0, min(first - words // 4, len(found) - words))
    window = found[first : first + words]
    start = 0 if first == 0 else window[0].start
    end = len(text) if first + words >= len(found) else window[-1].end
    lead = _ELLIPSIS if start > 0 else ""
    tail = _ELLIPSIS if end < len(text) else ""
    shift = len(lead) - start
    spans = tuple((t.start + shift, t.end + shift) for t in window if wanted.match(t.term))
    return Snippet(lead + text[start:end] + tail, spans)
