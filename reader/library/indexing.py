"""Keeping the full-text index in step with a corpus's articles, touching only those whose
text changed.

The ingest makes a corpus's articles again whenever any file changes (tags need the whole
corpus), but most articles come out as they were. Each indexed article keeps a digest of
what the index and its filters read of it (headline, paragraphs, date, source): an article
whose digest is unchanged is left alone, so adding 1% of the files costs about 1% of the
indexing. Ids are stable across ingests (see `docs/library.md`), which is what makes this
comparison possible.

The terms are computed here, by `reader.analysis`, and stored as space-separated words:
FTS5's own tokenizer then only has to split on spaces.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from reader.analysis import terms
from reader.arabic import key
from reader.model import Article

_DIGEST_BYTES = 16  # of blake2b: enough that two texts never share one by chance


@dataclass(frozen=True, slots=True)
class IndexChange:
    """What one update did: articles indexed for the first time, again, and dropped."""

    added: int
    changed: int
    removed: int


def update_index(
    connection: sqlite3.Connection, corpus: int, articles: Iterable[Article]
) -> IndexChange:
    """Index the corpus's articles as they now are (inside the caller's transaction)."""
    held = dict(
        connection.execute("SELECT article, digest FROM search_docs WHERE corpus = ?", (corpus,))
    )
    rows = []
    stale = []
    added = 0
    for article in articles:
        digest = _digest(article)
        old = held.pop(article.id, None)
        if old == digest:
            continue
        if old is None:
            added += 1
        else:
            stale.append(article.id)
        rows.append(_row(corpus, article, digest))
    stale += held  # articles gone from the corpus
    connection.executemany(
        "DELETE FROM search_docs WHERE corpus = ? AND article = ?", [(corpus, a) for a in stale]
    )
    connection.executemany(
        "INSERT INTO search_docs (corpus, article, digest, published, source_key, title, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return IndexChange(added, len(stale) - len(held), len(held))


def _digest(article: Article) -> str:
    parts = (
        article.title,
        "\n".join(article.paragraphs),
        article.published.isoformat() if article.published else "",
        article.source or "",
    )
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=_DIGEST_BYTES).hexdigest()


def _row(corpus: int, article: Article, digest: str) -> tuple[object, ...]:
    return (
        corpus,
        article.id,
        digest,
        article.published.isoformat() if article.published else None,
        key(article.source) if article.source else None,
        " ".join(terms(article.title)),
        " ".join(terms("\n".join(article.paragraphs))),
    )
