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
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from reader.arabic import MIN_SKELETON, compact, key, skeleton
from reader.library import search as full_text
from reader.library.files import file_identity, read_path, stored_path
from reader.model import Article, Diagnostic, Headline, LoadStats, Origin, ReadAlso, TagMatch
from reader.snippet import Terms

WINDOW = 256  # headlines fetched by one query
WINDOWS_KEPT = 16  # windows a list keeps, most recently used
_LISTED = 50  # tags a tag search returns


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class HeadlineRows(Sequence[Headline]):
    """Headlines newest first, fetched a window at a time as they are asked for: a corpus's,
    or one tag's (`tag_key`)."""

    def __init__(self, connection: sqlite3.Connection, corpus: int, tag_key: str | None) -> None:
        self._connection = connection
        self._corpus = corpus
        self.tag_key = tag_key
        self._length: int = self._count()
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
            window = [
                Headline(i, title, _date(published), source)
                for i, title, published, source in self._fetch(start)
            ]
            self._windows[start] = window
            if len(self._windows) > WINDOWS_KEPT:
                self._windows.popitem(last=False)
        else:
            self._windows.move_to_end(start)
        return window[index - start]

    def _count(self) -> int:
        """The length, as stored when the articles were made: counting a million rows at
        every start would show."""
        if self.tag_key is None:
            row = self._connection.execute(
                "SELECT articles FROM corpora WHERE id = ?", (self._corpus,)
            ).fetchone()
        else:
            row = self._connection.execute(
                "SELECT count FROM tags WHERE corpus = ? AND tag_key = ?",
                (self._corpus, self.tag_key),
            ).fetchone()
        return row[0] if row else 0

    def _fetch(self, start: int) -> Iterable[tuple[str, str, str | None, str | None]]:
        if self.tag_key is None:
            return self._connection.execute(
                "SELECT id, title, published, source FROM articles "
                "WHERE corpus = ? AND seq >= ? AND seq < ? ORDER BY seq",
                (self._corpus, start, start + WINDOW),
            )
        return self._connection.execute(
            "SELECT a.id, a.title, a.published, a.source FROM article_tags t "
            "JOIN articles a ON a.corpus = t.corpus AND a.id = t.article "
            "WHERE t.corpus = ? AND t.tag_key = ? AND t.rank >= ? AND t.rank < ? "
            "ORDER BY t.rank",
            (self._corpus, self.tag_key, start, start + WINDOW),
        )

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


PAGE_PREFIX = "page:"  # ids of pages shown before their corpus's articles are made


class PageRows(HeadlineRows):
    """The headlines of a corpus's pages as they are read, before tags and stories are made
    across the corpus: what a first ingest shows while it runs. Newest first."""

    _ORDER = "ORDER BY published DESC, title, id"

    def _count(self) -> int:
        count: int = self._connection.execute(
            "SELECT count(*) FROM pages WHERE corpus = ?", (self._corpus,)
        ).fetchone()[0]
        return count

    def _fetch(self, start: int) -> Iterable[tuple[str, str, str | None, str | None]]:
        return self._connection.execute(
            f"SELECT '{PAGE_PREFIX}' || id, title, published, source FROM pages "
            f"WHERE corpus = ? {self._ORDER} LIMIT ? OFFSET ?",
            (self._corpus, WINDOW, start),
        )

    def index_of(self, article_id: str) -> int | None:
        page = _page_number(article_id)
        row = self._connection.execute(
            "SELECT published, title FROM pages WHERE corpus = ? AND id = ?", (self._corpus, page)
        ).fetchone()
        if row is None:
            return None
        published, title = row
        # Rows before it in (published DESC NULLS LAST, title, id) order.
        before: int = self._connection.execute(
            "SELECT count(*) FROM pages WHERE corpus = ? AND ("
            "(? IS NOT NULL AND published > ?) OR (? IS NULL AND published IS NOT NULL) OR "
            "(published IS ? AND (title < ? OR (title = ? AND id < ?))))",
            (self._corpus, published, published, published, published, title, title, page),
        ).fetchone()[0]
        return before


def _page_number(ident: str) -> int:
    try:
        return int(ident.removeprefix(PAGE_PREFIX))
    except ValueError:
        return -1


class CorpusView:
    """One corpus of the library, read through one connection (one per thread).

    `provisional`: the corpus is being read for the first time and its articles are not
    made yet; it shows its pages (ids `page:N`), without tags or links.
    """

    def __init__(self, connection: sqlite3.Connection, corpus: int, provisional: bool = False):
        self.connection = connection
        self.corpus = corpus
        self.provisional = provisional

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
        if self.provisional:
            return PageRows(self.connection, self.corpus, None)
        return HeadlineRows(self.connection, self.corpus, key(tag) if tag else None)

    def get(self, article_id: str) -> Article | None:
        """The article with this id, whole, or None."""
        if article_id.startswith(PAGE_PREFIX):
            return self._page(article_id)
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

    def _page(self, ident: str) -> Article | None:
        """A page read but not yet part of an article: its own story, as the page has it."""
        row = self.connection.execute(
            "SELECT files.path, pages.line, pages.parsed FROM pages JOIN files "
            "ON files.id = pages.file WHERE pages.corpus = ? AND pages.id = ?",
            (self.corpus, _page_number(ident)),
        ).fetchone()
        if row is None:
            return None
        from reader.library import pages as stored  # the parser: not at start-up

        path, line, data = row
        origin = Origin(read_path(path), line)
        parsed = stored.decode(data, origin).parsed
        story = parsed.story
        return Article(
            ident,
            story.title,
            story.published,
            story.place or None,
            story.agency or None,
            parsed.source or None,
            story.paragraphs,
            (),
            (),
            tuple(ReadAlso(r.title, None) for r in parsed.related),
            (),
            (origin,),
        )

    def changed_files(self, article: Article) -> list[str]:
        """The article's files that changed since the library read them: what it holds of
        them may no longer be what they say, so they must be read again before it is shown
        as theirs."""
        changed = []
        for path in dict.fromkeys(o.path for o in article.origins):
            row = self.connection.execute(
                "SELECT identity FROM files WHERE corpus = ? AND path = ?",
                (self.corpus, stored_path(path)),
            ).fetchone()
            if row is None or row[0] != file_identity(path):
                changed.append(path)
        return changed

    def article_of_page(self, ident: str) -> str | None:
        """The article a page (`page:N`) became, once the corpus's articles are made."""
        row = self.connection.execute(
            "SELECT o.article FROM pages p JOIN files f ON f.id = p.file JOIN origins o "
            "ON o.corpus = p.corpus AND o.path = f.path AND o.line IS p.line "
            "WHERE p.corpus = ? AND p.id = ?",
            (self.corpus, _page_number(ident)),
        ).fetchone()
        return row[0] if row else None

    def articles(self) -> Iterator[Article]:
        """Every article, whole, in reading order (for export)."""
        # A window of rows at a time: a million articles' text is never held at once.
        for start in range(0, self.stats.articles, WINDOW):
            rows = self.connection.execute(
                "SELECT id, title, published, place, agency, source, body, keywords "
                "FROM articles WHERE corpus = ? AND seq >= ? AND seq < ? ORDER BY seq",
                (self.corpus, start, start + WINDOW),
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
        if len(loose.replace(" ", "")) < MIN_SKELETON:
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

    def search(self, text: str, limit: int = full_text.PAGE, offset: int = 0) -> full_text.Results:
        """A page of the articles matching a full-text query (see `reader.query`), best
        first; a corpus still being read for the first time has none yet."""
        if self.provisional:
            return full_text.Results((), Terms(), ())
        return full_text.search(self.connection, self.corpus, text, limit, offset)

    def similar(self, article_id: str, limit: int) -> list[tuple[str, str]]:
        """(id, title) of the articles most like this one, by the full-text index."""
        return full_text.similar(self.connection, self.corpus, article_id, limit)
