"""Reading a corpus from the library: every question is a query, answered a window at a time.

Nothing here holds a corpus in memory. The headline list asks for the rows it paints
(`HeadlineRows`, a sequence that fetches a window of rows at a time), an article is read
when it is opened, and tag lists and counts come from indexed tables, so the reader's
memory does not grow with the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import overload

from reader.arabic import compact, key, skeleton
from reader.corpus import LoadStats, TagMatch
from reader.library.ingest import read_path
from reader.model import Article, Diagnostic, Headline, Origin, ReadAlso

WINDOW = 256  # headlines fetched by one query
WINDOWS_KEPT = 16  # windows a list keeps, most recently used
_MIN_SKELETON = 3  # letters a query's skeleton needs before it may match loosely
_LISTED = 50  # tags a tag search returns


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class HeadlineRows(Sequence[Headline]):
    """The headlines of a corpus, or of one tag, newest first, fetched as they are asked for."""

    def __init__(self, connection: sqlite3.Connection, corpus: int, tag_key: str | None) -> None:
        self._connection = connection
        self._corpus = corpus
        self.tag_key = tag_key
        if tag_key is None:
            query = "SELECT count(*) FROM articles WHERE corpus = ?"
            args: tuple[object, ...] = (corpus,)
        else:
            query = (
                "SELECT count(*) FROM article_tags WHERE corpus = ? AND tag_key = ? "
                "AND rank IS NOT NULL"
            )
            args = (corpus, tag_key)
        self._length: int = connection.execute(query, args).fetchone()[0]
        self._windows: OrderedDict[int, list[Headline]] = OrderedDict()

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Headline: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Headline]: ...

    def __getitem__(self, index: int | slice) -> Headline | Sequence[Headline]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        start = index - index % WINDOW
        window = self._windows.get(start)
        if window is None:
            window = self._fetch(start)
            self._windows[start] = window
            if len(self._windows) > WINDOWS_KEPT:
                self._windows.popitem(last=False)
        else:
            self._windows.move_to_end(start)
        return window[index - start]

    def _fetch(self, start: int) -> list[Headline]:
        if self.tag_key is None:
            rows = self._connection.execute(
                "SELECT id, title, published, source FROM articles "
                "WHERE corpus = ? AND seq >= ? AND seq < ? ORDER BY seq",
                (self._corpus, start, start + WINDOW),
            )
        else:
            rows = self._connection.execute(
                "SELECT a.id, a.title, a.published, a.source FROM article_tags t "
                "JOIN articles a ON a.corpus = t.corpus AND a.id = t.article "
                "WHERE t.corpus = ? AND t.tag_key = ? AND t.rank >= ? AND t.rank < ? "
                "ORDER BY t.rank",
                (self._corpus, self.tag_key, start, start + WINDOW),
            )
        return [
            Headline(i, title, _date(published), source) for i, title, published, source in rows
        ]

    def index_of(self, article_id: str) -> int | None:
        """The row of an article in this list, or None."""
        if self.tag_key is None:
            row = self._connection.execute(
                "SELECT seq FROM articles WHERE corpus = ? AND id = ?", (self._corpus, article_id)
            ).fetchone()
        else:
            row = self._connection.execute(
                "SELECT rank FROM article_tags WHERE corpus = ? AND article = ? AND tag_key = ? "
                "AND rank IS NOT NULL",
                (self._corpus, article_id, self.tag_key),
            ).fetchone()
        return row[0] if row else None


class CorpusView:
    """One corpus of the library, read through one connection (one per thread)."""

    def __init__(self, connection: sqlite3.Connection, corpus: int) -> None:
        self.connection = connection
        self.corpus = corpus

    @property
    def stats(self) -> LoadStats:
        row = self.connection.execute(
            "SELECT pages, articles, merged, failed, warnings FROM corpora WHERE id = ?",
            (self.corpus,),
        ).fetchone()
        return LoadStats(*row) if row else LoadStats(0, 0, 0, 0, 0)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Problems met finding the files, then each file's, in the order files are read."""
        texts = self.connection.execute(
            "SELECT problems FROM corpora WHERE id = ? UNION ALL "
            "SELECT diagnostics FROM (SELECT diagnostics FROM files WHERE corpus = ? "
            "AND diagnostics != '[]' ORDER BY rank)",
            (self.corpus, self.corpus),
        ).fetchall()
        return [Diagnostic(*row) for (text,) in texts for row in json.loads(text)]

    def headlines(self, tag: str | None = None) -> HeadlineRows:
        """Every headline, or those of one tag (in any spelling)."""
        return HeadlineRows(self.connection, self.corpus, key(tag) if tag else None)

    def get(self, article_id: str) -> Article | None:
        """The article with this id, whole, or None."""
        row = self.connection.execute(
            "SELECT id, title, published, place, agency, source, body, keywords FROM articles "
            "WHERE corpus = ? AND id = ?",
            (self.corpus, article_id),
        ).fetchone()
        return self._article(row) if row else None

    def _article(self, row: tuple[object, ...]) -> Article:
        ident, title, published, place, agency, source, body, keywords = row
        assert isinstance(ident, str) and isinstance(title, str) and isinstance(body, str)
        args = (self.corpus, ident)
        run = self.connection.execute
        tags = tuple(
            t
            for (t,) in run(
                "SELECT tag FROM article_tags WHERE corpus = ? AND article = ? ORDER BY position",
                args,
            )
        )
        read_also = tuple(
            ReadAlso(t, target)
            for t, target in run(
                "SELECT title, target FROM links WHERE corpus = ? AND article = ? "
                "ORDER BY position",
                args,
            )
        )
        read_by = tuple(
            i
            for (i,) in run(
                # CROSS JOIN keeps the links outermost: SQLite would otherwise walk every
                # article in order to spare itself sorting the few that point here.
                "SELECT l.article FROM links l CROSS JOIN articles a ON a.corpus = l.corpus "
                "AND a.id = l.article WHERE l.corpus = ? AND l.target = ? ORDER BY a.seq",
                args,
            )
        )
        origins = tuple(
            Origin(read_path(path), line)
            for path, line in run(
                "SELECT path, line FROM origins WHERE corpus = ? AND article = ? ORDER BY position",
                args,
            )
        )
        return Article(
            ident,
            title,
            _date(published if isinstance(published, str) else None),
            place if isinstance(place, str) else None,
            agency if isinstance(agency, str) else None,
            source if isinstance(source, str) else None,
            tuple(body.split("\n")) if body else (),
            tags,
            tuple(json.loads(keywords)) if isinstance(keywords, str) else (),
            read_also,
            read_by,
            origins,
        )

    def articles(self) -> Iterator[Article]:
        """Every article, whole, in reading order (for export)."""
        rows = self.connection.execute(
            "SELECT id, title, published, place, agency, source, body, keywords FROM articles "
            "WHERE corpus = ? ORDER BY seq",
            (self.corpus,),
        ).fetchall()
        for row in rows:
            yield self._article(row)

    def find(self, ref: str) -> Article | None:
        """An article by id, by headline, or by a normalised headline prefix that is unique."""
        ref = ref.strip()
        if not ref:
            return None
        found = self.get(ref)
        if found is not None:
            return found
        wanted = compact(ref)
        if not wanted:
            return None
        exact = self.connection.execute(
            "SELECT id FROM articles WHERE corpus = ? AND title_key = ? ORDER BY title_key, seq "
            "LIMIT 1",
            (self.corpus, wanted),
        ).fetchone()
        if exact:
            return self.get(exact[0])
        matches = self.titles_starting(wanted, 2)
        return self.get(matches[0][0]) if len(matches) == 1 else None

    def titles_starting(self, wanted: str, limit: int) -> list[tuple[str, str]]:
        """(id, title) of articles whose headline key starts with `wanted` (a compact key)."""
        return self.connection.execute(
            "SELECT id, title FROM articles WHERE corpus = ? AND title_key >= ? "
            "AND substr(title_key, 1, ?) = ? ORDER BY title_key, seq LIMIT ?",
            (self.corpus, wanted, len(wanted), wanted, limit),
        ).fetchall()

    def tag_counts(self, limit: int | None = None) -> list[tuple[str, int]]:
        """Tags with their article counts, most used first."""
        return self.connection.execute(
            "SELECT name, count FROM tags WHERE corpus = ? ORDER BY count DESC, name LIMIT ?",
            (self.corpus, -1 if limit is None else limit),
        ).fetchall()

    def search_tags(self, query: str, limit: int = _LISTED) -> list[TagMatch]:
        """Tags matching `query`, as `Corpus.search_tags` ranks them: exact, tag prefix, word
        prefix, substring, then tags spelled like it but for long vowels."""
        wanted = key(query)
        if not wanted:
            return []
        loose = f" {skeleton(wanted)}"
        if len(loose.replace(" ", "")) < _MIN_SKELETON:
            loose = "\x00"  # matches nothing
        rows = self.connection.execute(
            """
            SELECT name, count, CASE
                WHEN tag_key = :w THEN 0
                WHEN substr(tag_key, 1, length(:w)) = :w THEN 1
                WHEN instr(' ' || tag_key, ' ' || :w) > 0 THEN 2
                WHEN instr(tag_key, :w) > 0 THEN 3
                WHEN skeleton = :l THEN 4
                WHEN substr(skeleton, 1, length(:l)) = :l THEN 5
                WHEN instr(skeleton, :l) > 0 THEN 6
            END AS kind
            FROM tags WHERE corpus = :c AND kind IS NOT NULL
            ORDER BY kind, count DESC, name LIMIT :n
            """,
            {"w": wanted, "l": loose, "c": self.corpus, "n": limit},
        ).fetchall()
        return [TagMatch(name, count) for name, count, _ in rows]
