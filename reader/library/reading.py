"""Reading a corpus from the library: every question is a query, answered a window at a time.

Nothing here holds a corpus in memory. The headline list asks for the rows it paints
(`HeadlineRows`, a sequence that fetches a window of rows at a time), an article is read
when it is opened, and tag lists and counts come from indexed tables, so the reader's
memory does not grow with the corpus.

A library that stops answering (`LibraryUnavailable`) fails every question here but one:
the rows of a list, which are asked for as they are painted, are the rows last read, or
blank ones (`ABSENT_PREFIX`) where none were, until the library answers again.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, overload

from reader.library import backend, state
from reader.library.backend import Connection, LibraryUnavailable
from reader.library.files import file_identity, read_path, stored_path
from reader.library.story_columns import STORY_COLUMNS, row_story
from reader.model import Article, Diagnostic, Headline, LoadStats, Origin, ReadAlso, TagMatch
from reader.text.arabic import MIN_SKELETON, compact, key, skeleton

if TYPE_CHECKING:
    from reader.library.search import Results

WINDOW = 256  # headlines fetched by one query
WINDOWS_KEPT = 16  # windows a list keeps, most recently used
_LISTED = 50  # tags a tag search returns
ABSENT_PREFIX = "absent:"  # ids of blank rows: a list's rows the library could not be asked


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class HeadlineRows(Sequence[Headline]):
    """Headlines newest first, fetched a window at a time as they are asked for: a corpus's,
    or one tag's (`tag_key`); only the unread, or only the saved, when asked.

    Each row says whether its article is read and saved. A filtered list is the list as it
    was when it was made (`asof`): an article read since stays in the unread list, one
    unsaved since in the saved list, so rows never vanish from under the cursor; `forget`
    has the windows kept read again as they are next asked for, so that they show marks
    made since. A row is never refused: while the library does not answer, the window last
    read stands in, or a blank row (its id `ABSENT_PREFIX` and the row's number).
    """

    def __init__(
        self,
        connection: Connection,
        corpus: int,
        tag_key: str | None,
        *,
        unread: bool = False,
        saved: bool = False,
    ) -> None:
        self._connection = connection
        self._corpus = corpus
        self.tag_key = tag_key
        self.unread = unread
        self.saved = saved
        self.asof = time.time()
        # A filtered list's windows by their first row: the order values of their first and
        # last rows, kept when the rows are forgotten (the list's rows do not change).
        self._edges: dict[int, tuple[int, int]] = {}
        self._length: int = self._count()
        self._windows: OrderedDict[int, list[Headline]] = OrderedDict()
        self._stale: set[int] = set()  # windows kept to be read again: marks may have changed

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
        if window is None or start in self._stale:
            try:
                window = [
                    Headline(i, title, _date(published), source, bool(read), bool(saved))
                    for i, title, published, source, read, saved in self._fetch(start)
                ]
            except LibraryUnavailable:  # painted all the same: as last read, or blank
                if window is None:
                    return Headline(f"{ABSENT_PREFIX}{index}", "", None, None, True)
                self._windows.move_to_end(start)
                return window[index - start]
            self._stale.discard(start)
            self._windows[start] = window
            self._windows.move_to_end(start)
            if len(self._windows) > WINDOWS_KEPT:
                self._stale.discard(self._windows.popitem(last=False)[0])
        else:
            self._windows.move_to_end(start)
        return window[index - start]

    def forget(self) -> None:
        """Read the rows kept again as they are next asked for: marks may have changed
        (here or in another reader)."""
        self._stale = set(self._windows)

    @property
    def _filtered(self) -> bool:
        return self.unread or self.saved

    def _source(self) -> tuple[str, str]:
        """The list's rows (FROM and WHERE, with its filters) and the column it is in order
        of, backwards: the places count from the oldest, so that news arriving, which is
        mostly the newest, takes new places instead of moving every row."""
        if self.tag_key is None:
            rows, order = "FROM articles a WHERE a.corpus = :c", "a.seq"
        else:
            rows = (
                "FROM article_tags t JOIN articles a ON a.corpus = t.corpus AND a.id = t.article "
                "WHERE t.corpus = :c AND t.tag_key = :k AND t.rank IS NOT NULL"
            )
            order = "t.rank"
        return rows + "".join(f" AND {f}" for f in self._filters()), order

    def _filters(self) -> list[str]:
        return [
            f
            for f, on in ((state.UNREAD_AS_OF, self.unread), (state.SAVED_AS_OF, self.saved))
            if on
        ]

    def _params(self, **more: object) -> dict[str, object]:
        return {"c": self._corpus, "k": self.tag_key, "asof": self.asof, **more}

    def _count(self) -> int:
        """The length: as stored when the articles were made, unless filtered (counting a
        million rows at every start would show)."""
        if self._filtered:
            rows, _ = self._source()
            count: int = self._connection.execute(
                f"SELECT count(*) {rows}", self._params()
            ).fetchone()[0]
            return count
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

    def _fetch(self, start: int) -> Iterable[tuple[str, str, str | None, str | None, int, int]]:
        rows, order = self._source()
        columns = f"a.id, a.title, a.published, a.source, {state.READ_FLAG}, {state.SAVED_FLAG}"
        if self._filtered:
            return self._fetch_filtered(start, rows, order, columns)
        # The rows are numbered: ask for a range of numbers, from the index.
        return self._connection.execute(
            f"SELECT {columns} {rows} AND {order} <= :top AND {order} > :top - :n "
            f"ORDER BY {order} DESC",
            self._params(top=self._last - start, n=WINDOW),
        )

    @property
    def _last(self) -> int:
        """The place of the list's first (newest) row, when its rows are numbered."""
        return self._length - 1

    def _fetch_filtered(
        self, start: int, rows: str, order: str, columns: str
    ) -> list[tuple[str, str, str | None, str | None, int, int]]:
        """A window of a list whose rows are not numbered. Where a window's edges are known
        (it, or the one before or after it, was read), from there by the index, so reading
        on through a long list costs a window a time; else counted off from the nearer
        end of the list."""
        size = min(WINDOW, self._length - start)
        edges = self._edges
        # The list runs down its order column: a window read from the list's end up
        # (`upward`) runs up it.
        clause, value, upward = "", 0, start > self._length - start - size
        if start in edges:
            clause, value, upward = f"AND {order} <= :o", edges[start][0], False
        elif start - WINDOW in edges:
            clause, value, upward = f"AND {order} < :o", edges[start - WINDOW][1], False
        elif start + WINDOW in edges:
            clause, value, upward = f"AND {order} > :o", edges[start + WINDOW][0], True
        skip = 0 if clause else (self._length - start - size if upward else start)
        found = self._connection.execute(
            f"SELECT {columns}, {order} {rows} {clause} "
            f"ORDER BY {order}{'' if upward else ' DESC'} LIMIT :n OFFSET :skip",
            self._params(o=value, n=size, skip=skip),
        ).fetchall()
        if upward:
            found.reverse()
        if found:
            edges[start] = (found[0][-1], found[-1][-1])
        return [row[:-1] for row in found]

    def index_of(self, article_id: str) -> int | None:
        """The row of an article in this list, or None."""
        rows, order = self._source()
        row = self._connection.execute(
            f"SELECT {order} {rows} AND a.id = :id", self._params(id=article_id)
        ).fetchone()
        if row is None or not self._filtered:
            return self._last - row[0] if row else None
        before: int = self._connection.execute(
            f"SELECT count(*) {rows} AND {order} > :o", self._params(o=row[0])
        ).fetchone()[0]
        return before

    def read_count(self) -> int:
        """How many articles of the list are read: counted from the marks for the whole
        corpus's list (so that it costs what the reader has read, not what the corpus
        holds), from its rows for a tag's (which are fewer than the marks, mostly)."""
        if self.tag_key is not None:
            rows, _ = self._source()
            tagged: int = self._connection.execute(
                f"SELECT count(*) {rows} AND {state.READ_FLAG}", self._params()
            ).fetchone()[0]
            return tagged
        filters = "".join(f" AND {f}" for f in self._filters())
        count: int = self._connection.execute(
            "SELECT count(*) FROM marks m CROSS JOIN articles a ON a.corpus = :c "
            f"AND a.id = m.article WHERE m.kind = 'read' AND m.value = 1{filters}",
            self._params(),
        ).fetchone()[0]
        return count

    def mark_all(self, kind: state.Kind, value: bool) -> None:
        """Mark every article of the list, in one statement and one transaction."""
        rows, _ = self._source()
        state.mark_selected(self._connection, f"SELECT a.id {rows}", self._params(), kind, value)

    def next_unread(self, after: int) -> int | None:
        """The first unread row after row `after`, going round to the top; None if none."""
        if not self._filtered:  # a row's number is its place in order: the index answers
            rows, order = self._source()
            unread = f"SELECT max({order}) {rows} AND NOT {state.READ_FLAG} AND {order}"
            place = self._last - after
            below = self._connection.execute(f"{unread} < :o", self._params(o=place)).fetchone()
            if below[0] is None:
                below = self._connection.execute(
                    f"{unread} >= :o", self._params(o=place)
                ).fetchone()
            found = None if below[0] is None else self._last - below[0]
            return found if found is not None and 0 <= found < self._length else None
        length = self._length  # a filtered list: its rows are counted off, so look at them
        for step in range(1, length + 1):
            index = (after + step) % length
            if not self[index].read:
                return index
        return None


PAGE_PREFIX = "page:"  # ids of pages shown before their corpus's articles are made

# An article whole, in one statement: its row (`_ROW`), then its tags, "read also" links,
# the articles that link to it (newest first) and its origins, each in its order. Each
# part is a row of the same columns: a part, its order, the row's values (id, source,
# keywords, then the story's columns) and an integer. The other parts give two values and
# NULLs for the rest (`_NULLS`); the integer's NULL is cast in the first part, so that the
# server types the column alike across all five (a NULL alone would be text). CROSS JOIN
# keeps the links outermost: SQLite would otherwise walk every article to spare itself
# sorting the few that point here.
_ROW, _TAGS, _LINKS, _READ_BY, _ORIGINS = range(5)
_NULLS = ", NULL" * (3 + len(STORY_COLUMNS) - 2)
_WHOLE_ARTICLE = f"""
SELECT {_ROW}, 0, id, source, keywords, {", ".join(STORY_COLUMNS)}, CAST(NULL AS INTEGER)
    FROM articles WHERE corpus = :c AND id = :a
UNION ALL SELECT {_TAGS}, position, tag, NULL{_NULLS}, NULL
    FROM article_tags WHERE corpus = :c AND article = :a
UNION ALL SELECT {_LINKS}, position, title, target{_NULLS}, NULL
    FROM links WHERE corpus = :c AND article = :a
UNION ALL SELECT {_READ_BY}, -a.seq, l.article, NULL{_NULLS}, NULL
    FROM links l CROSS JOIN articles a ON a.corpus = l.corpus AND a.id = l.article
    WHERE l.corpus = :c AND l.target = :a
UNION ALL SELECT {_ORIGINS}, position, path, url{_NULLS}, line
    FROM origins WHERE corpus = :c AND article = :a
ORDER BY 1, 2
"""


class PageRows(HeadlineRows):
    """The headlines of a corpus's pages as they are read, before tags and stories are made
    across the corpus: what a first ingest shows while it runs. Newest first."""

    _ORDER = "ORDER BY published DESC, title, id"

    def _count(self) -> int:
        count: int = self._connection.execute(
            "SELECT count(*) FROM pages WHERE corpus = ?", (self._corpus,)
        ).fetchone()[0]
        return count

    def _fetch(self, start: int) -> Iterable[tuple[str, str, str | None, str | None, int, int]]:
        return self._connection.execute(
            f"SELECT '{PAGE_PREFIX}' || id, title, published, source, 0, 0 FROM pages "
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

    def read_count(self) -> int:
        return 0  # a page is not an article yet: it carries no marks


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

    def __init__(self, connection: Connection, corpus: int, provisional: bool = False):
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
            "AND diagnostics != '[]' ORDER BY rank) AS f",
            (self.corpus, self.corpus),
        ).fetchall()
        return [Diagnostic(*row) for (text,) in texts for row in json.loads(text)]

    def headlines(
        self, tag: str | None = None, *, unread: bool = False, saved: bool = False
    ) -> HeadlineRows:
        """Every headline, or those of one tag (in any spelling); only the unread, only the
        saved, or both, when asked."""
        if self.provisional:
            return PageRows(self.connection, self.corpus, None)
        return HeadlineRows(
            self.connection, self.corpus, key(tag) if tag else None, unread=unread, saved=saved
        )

    def get(self, article_id: str) -> Article | None:
        """The article with this id, whole, or None: its row and its tags, links, the
        links to it and its origins in one statement (on a server, one round trip)."""
        if article_id.startswith(PAGE_PREFIX):
            return self._page(article_id)
        rows = self.connection.execute(
            _WHOLE_ARTICLE, {"c": self.corpus, "a": article_id}
        ).fetchall()
        if not rows or rows[0][0] != _ROW:
            return None  # none, or only links to it from others
        tags: list[str] = []
        read_also: list[ReadAlso] = []
        read_by: list[str] = []
        origins: list[Origin] = []
        for part, _, first, second, *_, number in rows[1:]:
            if part == _TAGS:
                tags.append(first)
            elif part == _LINKS:
                read_also.append(ReadAlso(first, second))
            elif part == _READ_BY:
                read_by.append(first)
            else:
                origins.append(Origin(read_path(first), number, second))
        ident, source, keywords, *story = rows[0][2:-1]
        assert isinstance(ident, str)
        return Article(
            ident,
            row_story(story),
            source if isinstance(source, str) else None,
            tuple(tags),
            tuple(json.loads(keywords)) if isinstance(keywords, str) else (),
            tuple(read_also),
            tuple(read_by),
            tuple(origins),
        )

    def _page(self, ident: str) -> Article | None:
        """A page read but not yet part of an article: its own story, as the page has it."""
        row = self.connection.execute(
            "SELECT files.path, pages.line, pages.parsed, pages.url FROM pages JOIN files "
            "ON files.id = pages.file WHERE pages.corpus = ? AND pages.id = ?",
            (self.corpus, _page_number(ident)),
        ).fetchone()
        if row is None:
            return None
        from reader.library import pages as stored  # the parser: not at start-up

        path, line, data, url = row
        origin = Origin(read_path(path), line, url)
        parsed = stored.decode(data, origin).parsed
        return Article(
            ident,
            parsed.story,
            parsed.source,
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
        last = self.stats.articles - 1  # the newest's place: places count from the oldest
        for start in range(0, last + 1, WINDOW):
            rows = self.connection.execute(
                "SELECT id FROM articles WHERE corpus = ? AND seq <= ? AND seq > ? "
                "ORDER BY seq DESC",
                (self.corpus, last - start, last - start - WINDOW),
            ).fetchall()
            for (ident,) in rows:
                article = self.get(ident)
                if article is not None:  # made again meanwhile: gone from this corpus
                    yield article

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
            "SELECT id FROM articles WHERE corpus = ? AND title_key = ? "
            "ORDER BY title_key, seq DESC "
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
            "AND substr(title_key, 1, ?) = ? ORDER BY title_key, seq DESC LIMIT ?",
            (self.corpus, wanted, len(wanted), wanted, limit),
        ).fetchall()

    def tag_counts(self, limit: int | None = None) -> list[tuple[str, int]]:
        """Tags with their article counts, most used first."""
        listed = "SELECT name, count FROM tags WHERE corpus = ? ORDER BY count DESC, name"
        if limit is None:
            return self.connection.execute(listed, (self.corpus,)).fetchall()
        return self.connection.execute(f"{listed} LIMIT ?", (self.corpus, limit)).fetchall()

    def read_by_tag(self) -> dict[str, int]:
        """How many read articles each tag lists, by tag name: counted from the marks, so
        it costs what the reader has read."""
        if self.provisional:
            return {}
        rows = self.connection.execute(
            "SELECT g.name, r.n FROM (SELECT t.tag_key AS k, count(*) AS n FROM marks m "
            "CROSS JOIN article_tags t ON t.corpus = :c AND t.article = m.article "
            "AND t.rank IS NOT NULL WHERE m.kind = 'read' AND m.value = 1 GROUP BY t.tag_key) r "
            "JOIN tags g ON g.corpus = :c AND g.tag_key = r.k",
            {"c": self.corpus},
        ).fetchall()
        return {name: count for name, count in rows}

    def search_tags(self, query: str, limit: int = _LISTED) -> list[TagMatch]:
        """Tags matching `query`, as `Corpus.search_tags` ranks them: exact, tag prefix, word
        prefix, substring, then tags spelled like it but for long vowels."""
        wanted = key(query)
        if not wanted:
            return []
        loose: str | None = f" {skeleton(wanted)}"
        if len(skeleton(wanted).replace(" ", "")) < MIN_SKELETON:
            loose = None  # matches nothing
        rows = self.connection.execute(
            """
            SELECT name, count, kind FROM (SELECT name, count, CASE
                WHEN tag_key = :w THEN 0
                WHEN substr(tag_key, 1, length(:w)) = :w THEN 1
                WHEN instr(' ' || tag_key, ' ' || :w) > 0 THEN 2
                WHEN instr(tag_key, :w) > 0 THEN 3
                WHEN skeleton = :l THEN 4
                WHEN substr(skeleton, 1, length(:l)) = :l THEN 5
                WHEN instr(skeleton, :l) > 0 THEN 6
            END AS kind
            FROM tags WHERE corpus = :c) AS matched WHERE kind IS NOT NULL
            ORDER BY kind, count DESC, name LIMIT :n
            """,
            {"w": wanted, "l": loose, "c": self.corpus, "n": limit},
        ).fetchall()
        return [TagMatch(name, count) for name, count, _ in rows]

    def search_sources(self, query: str, limit: int = _LISTED) -> list[TagMatch]:
        """Sources whose name holds `query` (spellings folded), those it starts first, then
        the most prolific; each with its number of articles."""
        wanted = key(query)
        if not wanted:
            return []
        rows = self.connection.execute(
            "SELECT name, count, substr(source_key, 1, length(:w)) != :w AS later "
            "FROM sources WHERE corpus = :c AND instr(source_key, :w) > 0 "
            "ORDER BY later, count DESC, name LIMIT :n",
            {"w": wanted, "c": self.corpus, "n": limit},
        ).fetchall()
        return [TagMatch(name, count) for name, count, _ in rows]

    def search(self, text: str, limit: int | None = None, offset: int = 0) -> Results:
        """A page of the articles matching a full-text query (see `reader.text.query`), best
        first (`limit`: a page's worth unless said); a corpus still being read for the
        first time has none yet."""
        # The search (its analysis, query language and ranking) is not needed to open
        # the reader: it is imported by the first search.
        from reader.library import search as full_text
        from reader.text.snippet import Terms

        if self.provisional:
            return full_text.Results((), Terms(), ())
        wanted = full_text.PAGE if limit is None else limit
        searching = backend.full_text(self.connection)
        return searching.search(self.connection, self.corpus, text, wanted, offset)

    def similar(self, article_id: str, limit: int) -> list[tuple[str, str]]:
        """(id, title) of the articles most like this one, by the full-text index."""
        searching = backend.full_text(self.connection)
        return searching.similar(self.connection, self.corpus, article_id, limit)
