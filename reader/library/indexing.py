"""Keeping the full-text index in step with a corpus's articles, touching only those whose
text changed.

The ingest makes a corpus's articles again whenever any file changes (tags need the whole
corpus), but most articles come out as they were. Each indexed article keeps a digest of
what the index and its filters read of it (headline, paragraphs, date, source): an article
whose digest is unchanged is left alone, so adding 1% of the files costs about 1% of the
indexing. Ids are stable across ingests (see `docs/library.md`), which is what makes this
comparison possible.

The terms are computed here, by `reader.text.analysis`, and stored as space-separated words:
FTS5's own tokenizer then only has to split on spaces.

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
from collections.abc import Collection, Iterable

from reader.library.backend import Connection
from reader.model import Article
from reader.text.analysis import terms
from reader.text.arabic import key

_DIGEST_BYTES = 16  # of blake2b: enough that two texts never share one by chance
SLOT_BITS = 24  # of a row number: 16 million articles a corpus can hold of one day
DAY_BITS = 20  # days since 1 January of year 1 (undated: 0), up to the 29th century


def update_index(
    connection: Connection,
    corpus: int,
    articles: Iterable[Article],
    replaced: Collection[str] | None = None,
) -> None:
    """Index the corpus's articles as they now are (inside the caller's transaction):
    all of them, or, when `replaced` names the articles some of them replace, those."""
    if replaced is None:
        held = dict(
            connection.execute(
                "SELECT article, digest FROM search_docs WHERE corpus = ?", (corpus,)
            )
        )
    else:
        held = {}
        for ident in replaced:
            row = connection.execute(
                "SELECT digest FROM search_docs WHERE corpus = ? AND article = ?", (corpus, ident)
            ).fetchone()
            if row is not None:
                held[ident] = row[0]
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
    counts: Counter[str] = Counter()
    for gone in stale:  # what the vocabulary loses, read before the rows go
        row = connection.execute(
            "SELECT x.title, x.body FROM search_docs d JOIN search_text x ON x.id = d.id "
            "WHERE d.corpus = ? AND d.article = ?",
            (corpus, gone),
        ).fetchone()
        if row is not None:
            counts.subtract(set(row[0].split()) | set(row[1].split()))
    connection.executemany(
        "DELETE FROM search_docs WHERE corpus = ? AND article = ?", [(corpus, a) for a in stale]
    )
    slots = _Slots(connection, corpus)
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
    texts = []
    for rowid, a, _ in numbered:
        title, body = terms(a.title), terms("\n".join(a.paragraphs))
        counts.update(set(title).union(body))
        texts.append((rowid, " ".join(title), " ".join(body)))
    connection.executemany("INSERT INTO search_text (id, title, body) VALUES (?, ?, ?)", texts)
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
    connection.executemany(
        "DELETE FROM search_terms WHERE corpus = ? AND term = ? AND documents <= 0",
        [(corpus, term) for term, n in counts.items() if n < 0],
    )


def day_number(published: dt.date | None) -> int:
    return published.toordinal() if published else 0


def row_range(corpus: int, first_day: int = 0, last_day: int = (1 << DAY_BITS) - 1) -> range:
    """The row numbers of a corpus's articles published from `first_day` to `last_day`."""
    base = corpus << (DAY_BITS + SLOT_BITS)
    return range(base + (first_day << SLOT_BITS), base + ((last_day + 1) << SLOT_BITS))


class _Slots:
    """Row numbers for new rows: after the last taken on each day. A day whose numbers are
    all taken lends the next day's, which costs only its place in the order."""

    def __init__(self, connection: Connection, corpus: int) -> None:
        self._connection = connection
        self._corpus = corpus
        self._next: dict[int, int] = {}

    def take(self, article: Article) -> int:
        day = day_number(article.published)
        while True:
            rows = row_range(self._corpus, day, day)
            number = self._next.get(day)
            if number is None:
                last = self._connection.execute(
                    "SELECT max(id) FROM search_docs WHERE id >= ? AND id < ?",
                    (rows.start, rows.stop),
                ).fetchone()[0]
                number = rows.start if last is None else last + 1
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
