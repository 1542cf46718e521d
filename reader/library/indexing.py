"""Keeping the full-text index in step with a corpus's articles, touching only those whose
text changed.

The ingest makes a corpus's articles again whenever any file changes (tags need the whole
corpus), but most articles come out as they were. Each indexed article keeps a digest of
what the index and its filters read of it (headline, paragraphs, date, source): an article
whose digest is unchanged is left alone, so adding 1% of the files costs about 1% of the
indexing. Ids are stable across ingests (see `docs/library.md`), which is what makes this
comparison possible.

The terms are computed here, by `reader.text.analysis`, and stored as space-separated words:
FTS5's own tokenizer then only has to split on spaces. The rows go into the FTS5 index in
one statement a batch, by the indexing, not by a trigger on `search_text`: a trigger's
insert a row made the index cost twice as much (10.5 s against 4.8 s for 100k articles).
Only their removal goes by trigger.

An indexed article's row number says where it stands: its corpus, then its day of
publication, then its place among that day's articles. FTS5 reads its matches in row
order, so one corpus is a range of rows, a date filter a narrower one, and the newest
matches of a word come first when read backwards: the search ranks a window of them
without reading a word's whole list (see `reader.library.search`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from reader.library.backend import IN_LIST, Connection, chunks, marks, server_of
from reader.library.terms_job import TermsJob
from reader.model import Article
from reader.text.arabic import key

_DIGEST_BYTES = 16  # of blake2b: enough that two texts never share one by chance
SLOT_BITS = 24  # of a row number: 16 million articles a corpus can hold of one day
DAY_BITS = 20  # days since 1 January of year 1 (undated: 0), up to the 29th century
_ROWS_AT_ONCE = 10_000  # index rows written by one statement: the text held at once


def update_index(
    connection: Connection,
    corpus: int,
    articles: Sequence[Article],
    replaced: Collection[str] | None = None,
) -> None:
    """Index the corpus's articles as they now are (inside the caller's transaction):
    all of them, or, when `replaced` names the articles some of them replace, those."""
    write_index(connection, plan_index(connection, corpus, articles, replaced))


@dataclass(frozen=True, slots=True)
class IndexUpdate:
    """What indexing a corpus's articles as they now are changes: the articles to index
    (with their digests), the terms of which are being computed, and those to drop; and
    the articles it was planned over, as they were given (the caller writes them next)."""

    corpus: int
    articles: Sequence[Article]
    fresh: list[tuple[Article, str]]
    stale: list[str]
    terms: TermsJob[Article]


def plan_index(
    connection: Connection,
    corpus: int,
    articles: Sequence[Article],
    replaced: Collection[str] | None = None,
) -> IndexUpdate:
    """Which articles `update_index` would index and drop, with their terms under way (on
    another core, for many), so that the caller can write the rest meanwhile."""
    if replaced is None:
        held = dict(
            connection.execute(
                "SELECT article, digest FROM search_docs WHERE corpus = ?", (corpus,)
            )
        )
    else:
        held = {}
        for chunk in chunks(sorted(replaced)):
            held.update(
                connection.execute(
                    "SELECT article, digest FROM search_docs "
                    f"WHERE corpus = ? AND article IN ({marks(chunk)})",
                    (corpus, *chunk),
                )
            )
    fresh = []
    stale = []
    for article in articles:
        digest = _digest(article)
        old = held.pop(article.id, None)
        if old == digest:
            continue
        if old is not None:
            stale.append(article.id)
        fresh.append((article, digest))
    stale += held  # articles gone from the corpus
    return IndexUpdate(corpus, articles, fresh, stale, TermsJob([a for a, _ in fresh], _text))


def _text(article: Article) -> tuple[str, str]:
    """What the index reads of an article: its headline, and its paragraphs as one text."""
    return article.title, "\n".join(article.paragraphs)


def write_index(connection: Connection, update: IndexUpdate) -> None:
    """Write what `plan_index` planned (inside the caller's transaction)."""
    corpus, fresh = update.corpus, update.fresh
    counts: Counter[str] = Counter()
    for chunk in chunks(sorted(update.stale)):  # what the vocabulary loses, read first
        listed = marks(chunk)
        for title, body in connection.execute(
            "SELECT x.title, x.body FROM search_docs d JOIN search_text x ON x.id = d.id "
            f"WHERE d.corpus = ? AND d.article IN ({listed})",
            (corpus, *chunk),
        ):
            counts.subtract(set(title.split()) | set(body.split()))
        connection.execute(
            f"DELETE FROM search_docs WHERE corpus = ? AND article IN ({listed})", (corpus, *chunk)
        )
    slots = _Slots(connection, corpus, {day_number(a.published) for a, _ in fresh})
    numbered = [(slots.take(a), a, digest) for a, digest in fresh]
    connection.executemany(
        "INSERT INTO search_docs (id, corpus, article, digest, published, source_key) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                rowid,
                corpus,
                a.id,
                digest,
                a.published.isoformat() if a.published else None,
                key(a.source) if a.source else None,
            )
            for rowid, a, digest in numbered
        ],
    )
    found, held = update.terms.result()
    counts.update(held)
    for start in range(0, len(numbered), _ROWS_AT_ONCE):
        texts = [
            (rowid, title, body)
            for (rowid, _, _), (title, body) in zip(
                numbered[start : start + _ROWS_AT_ONCE],
                found[start : start + _ROWS_AT_ONCE],
                strict=True,
            )
        ]
        connection.executemany("INSERT INTO search_text (id, title, body) VALUES (?, ?, ?)", texts)
        if server_of(connection) is None:  # a server's index is a column it keeps by itself
            connection.executemany(
                "INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", texts
            )
    _count_terms(connection, corpus, counts)


def _count_terms(connection: Connection, corpus: int, counts: Counter[str]) -> None:
    """Bring each term's count of the corpus's articles that hold it up to date. FTS5's own
    vocabulary counts by reading the term's whole list, at every question."""
    connection.executemany(
        "INSERT INTO search_terms (corpus, term, documents) VALUES (?, ?, ?) "
        "ON CONFLICT (corpus, term) DO UPDATE "
        "SET documents = search_terms.documents + excluded.documents",
        [(corpus, term, n) for term, n in counts.items() if n],
    )
    for chunk in chunks(sorted(term for term, n in counts.items() if n < 0)):
        connection.execute(
            f"DELETE FROM search_terms WHERE corpus = ? AND term IN ({marks(chunk)}) "
            "AND documents <= 0",
            (corpus, *chunk),
        )


def day_number(published: dt.date | None) -> int:
    return published.toordinal() if published else 0


def row_range(corpus: int, first_day: int = 0, last_day: int = (1 << DAY_BITS) - 1) -> range:
    """The row numbers of a corpus's articles published from `first_day` to `last_day`."""
    base = corpus << (DAY_BITS + SLOT_BITS)
    return range(base + (first_day << SLOT_BITS), base + ((last_day + 1) << SLOT_BITS))


class _Slots:
    """Row numbers for new rows: after the last taken on each day. A day whose numbers are
    all taken lends the next day's, which costs only its place in the order. The last
    numbers taken of the `days` the new rows are of are asked for at once, an IN list's
    worth of days a statement."""

    def __init__(self, connection: Connection, corpus: int, days: Collection[int]) -> None:
        self._connection = connection
        self._corpus = corpus
        self._next: dict[int, int] = {}
        self._ask(days)

    def _ask(self, days: Collection[int]) -> None:
        """The next number of each day, from the last taken (two parameters a day)."""
        for chunk in chunks(sorted(days), IN_LIST // 2):
            bounds = [row_range(self._corpus, day, day) for day in chunk]
            found = dict(
                self._connection.execute(
                    "SELECT v.column1, (SELECT max(id) FROM search_docs "
                    "WHERE id >= v.column1 AND id < v.column2) "
                    f"FROM (VALUES {', '.join(['(?, ?)'] * len(chunk))}) AS v",
                    [n for rows in bounds for n in (rows.start, rows.stop)],
                ).fetchall()
            )
            for day, rows in zip(chunk, bounds, strict=True):
                last = found.get(rows.start)
                self._next[day] = rows.start if last is None else last + 1

    def take(self, article: Article) -> int:
        day = day_number(article.published)
        while True:
            rows = row_range(self._corpus, day, day)
            if day not in self._next:  # a day lent past the days asked for
                self._ask([day])
            number = self._next[day]
            if number < rows.stop:
                self._next[day] = number + 1
                return number
            self._next[day] = number
            day += 1


def _digest(article: Article) -> str:
    parts = (
        article.title,
        "\n".join(article.paragraphs),
        article.published.isoformat() if article.published else "",
        article.source or "",
    )
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=_DIGEST_BYTES).hexdigest()
