"""Writing a corpus's articles: all of them, or only the headlines a change touched.

An article's rows (its tags, links, origins, the story keys that name it) are keyed by its
id; its place in the list (`seq`) and in each of its tags' lists (`rank`) are numbers from
0, the oldest, up, so that the reader fetches any window of a list by range. Replacing a
few headlines renumbers: places only where they moved (news newer than all the rest moves
none), tag lists only where their members changed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from reader.library.backend import Connection, chunks, marks
from reader.library.files import as_json, stored_path
from reader.library.indexing import IndexUpdate, plan_index, update_index, write_index
from reader.library.story_columns import STORY_COLUMNS, story_row
from reader.model import Article
from reader.parse.corpus import Merged, order_key, reading_order
from reader.text.arabic import compact, key, skeleton

_PLACEHOLDER = -1  # the place of a new row until the list is numbered again


def write_articles(
    connection: Connection,
    corpus: int,
    merged: Merged,
    pages: int,
    diagnostics: Sequence[Sequence[object]],
    index: IndexUpdate | None = None,
) -> None:
    """Replace the corpus's articles, their tags, links and origins (inside the caller's
    transaction), and its counts, and bring its search index in step (only the articles
    whose text changed); the corpus is then up to date. `index`: that step, planned by the
    caller as soon as it had the articles (`index_plan`), so that their terms are computed
    while the rest is written."""
    if index is None:
        index = index_plan(connection, corpus, merged)
    ordered = index.articles  # in reading order, as the plan sorted them: sorted once
    for table in ("articles", "article_tags", "tags", "links", "origins", "story_ids", "sources"):
        connection.execute(f"DELETE FROM {table} WHERE corpus = ?", (corpus,))
    _insert(connection, corpus, ordered, merged, range(len(ordered) - 1, -1, -1))
    _write_tags(connection, corpus, ordered)
    _recount_sources(connection, corpus, {a.source for a in ordered if a.source})
    write_index(connection, index)
    write_counts(connection, corpus, pages, len(ordered), merged.merged, diagnostics)


def index_plan(connection: Connection, corpus: int, merged: Merged) -> IndexUpdate:
    """The search index's step of `write_articles`, its terms begun (see `plan_index`)."""
    return plan_index(connection, corpus, sorted(merged.articles, key=reading_order))


def replace_headlines(
    connection: Connection, corpus: int, title_keys: Collection[str], merged: Merged
) -> tuple[int, int]:
    """Replace the articles of some headlines (`title_keys`) by `merged`'s (inside the
    caller's transaction), renumber the lists they stand in and bring the search index in
    step. How many articles and merged stories that adds (or, below 0, takes away)."""
    old: dict[str, int] = {}
    lowest = _places(connection, corpus)  # the lowest place a row loses or moves from
    touched_sources = {a.source for a in merged.articles if a.source}
    for chunk in chunks(sorted(title_keys)):
        for ident, members, seq, source in connection.execute(
            "SELECT id, members, seq, source FROM articles "
            f"WHERE corpus = ? AND title_key IN ({marks(chunk)})",
            (corpus, *chunk),
        ):
            old[ident] = members
            lowest = min(lowest, seq)
            if source:
                touched_sources.add(source)
    ordered = sorted(merged.articles, key=reading_order)
    if ordered:  # the oldest newcomer takes the place after every row older than it
        lowest = min(lowest, _older_than(connection, corpus, reading_order(ordered[-1])))
    touched_tags: set[str] = set()
    for chunk in chunks(sorted(old)):
        touched_tags.update(
            tag_key
            for (tag_key,) in connection.execute(
                "SELECT tag_key FROM article_tags "
                f"WHERE corpus = ? AND article IN ({marks(chunk)})",
                (corpus, *chunk),
            )
        )
        for table, column in (
            ("articles", "id"),
            ("article_tags", "article"),
            ("links", "article"),
            ("origins", "article"),
            ("story_ids", "article"),
        ):
            connection.execute(
                f"DELETE FROM {table} WHERE corpus = ? AND {column} IN ({marks(chunk)})",
                (corpus, *chunk),
            )
    _insert(connection, corpus, ordered, merged, [_PLACEHOLDER] * len(ordered))
    rows = _tag_rows(corpus, ordered, placeholder=True)
    connection.executemany(
        "INSERT INTO article_tags (corpus, article, position, tag, tag_key, rank) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    touched_tags.update(str(row[4]) for row in rows)
    _renumber(connection, corpus, lowest)
    _recount_tags(connection, corpus, touched_tags)
    _recount_sources(connection, corpus, touched_sources)
    update_index(connection, corpus, ordered, replaced=old)
    added = len(ordered) - len(old)
    return added, merged.merged - (sum(old.values()) - len(old))


def write_counts(
    connection: Connection,
    corpus: int,
    pages: int,
    articles: int,
    merged: int,
    diagnostics: Sequence[Sequence[object]],
) -> None:
    """The corpus's counts, and its being up to date."""
    failed = sum(d[3] == "error" for d in diagnostics)
    connection.execute(
        "UPDATE corpora SET resolved = 1, pages = ?, articles = ?, merged = ?, failed = ?, "
        "warnings = ? WHERE id = ?",
        (pages, articles, merged, failed, len(diagnostics) - failed, corpus),
    )


def _insert(
    connection: Connection,
    corpus: int,
    ordered: Sequence[Article],
    merged: Merged,
    places: Iterable[int],
) -> None:
    """Each article's row at its place, and its links, origins and story keys. The rows
    of articles are made as the library takes them, not listed first: each holds its text
    joined again, and a list of them all was as large again as the corpus's pages."""
    connection.executemany(
        _INSERT_ARTICLE,
        (
            _article_row(corpus, n, a, merged.members.get(a.id, 1))
            for n, a in zip(places, ordered, strict=True)
        ),
    )
    # Tables keyed by article id take their rows in key order: SQLite then appends to
    # its B-trees instead of splitting pages all over them.
    by_id = sorted(ordered, key=lambda a: a.id)
    connection.executemany(
        "INSERT INTO links (corpus, article, position, title, target) VALUES (?, ?, ?, ?, ?)",
        ((corpus, a.id, n, ref.title, ref.id) for a in by_id for n, ref in enumerate(a.read_also)),
    )
    connection.executemany(
        "INSERT INTO origins (corpus, article, position, path, line, url) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            (corpus, a.id, n, stored_path(o.path), o.line, o.url)
            for a in by_id
            for n, o in enumerate(a.origins)
        ),
    )
    connection.executemany(
        "INSERT INTO story_ids (corpus, story_key, article) VALUES (?, ?, ?)",
        sorted((corpus, k, v) for k, v in merged.story_ids.items()),
    )


# An article's own columns, then its story's, as `_article_row` gives them.
_ARTICLE_COLUMNS = (
    "corpus",
    "seq",
    "id",
    "title_key",
    "source",
    "keywords",
    "members",
    *STORY_COLUMNS,
)
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({marks(_ARTICLE_COLUMNS)})"
)


def _article_row(corpus: int, seq: int, a: Article, members: int) -> tuple[object, ...]:
    head = (corpus, seq, a.id, compact(a.title), a.source, as_json(a.keywords), members)
    return (*head, *story_row(a.story))


def _places(connection: Connection, corpus: int) -> int:
    """How many places the corpus's list has (its articles, numbered 0 up, no gap)."""
    row = connection.execute("SELECT count(*) FROM articles WHERE corpus = ?", (corpus,))
    return int(row.fetchone()[0])


def _older_than(connection: Connection, corpus: int, wanted: tuple) -> int:
    """How many of the list's rows come after `wanted` in reading order (are older): found
    by halving the places, each a look-up by the index, since places count from the
    oldest."""
    low, high = 0, _places(connection, corpus)
    while low < high:
        middle = (low + high) // 2
        published, title_key, ident = connection.execute(
            "SELECT published, title_key, id FROM articles WHERE corpus = ? AND seq = ?",
            (corpus, middle),
        ).fetchone()
        day = dt.date.fromisoformat(published) if published else None
        if order_key(day, title_key, ident) > wanted:
            low = middle + 1
        else:
            high = middle
    return low


def _renumber(connection: Connection, corpus: int, lowest: int) -> None:
    """Number the corpus's articles again, from the last in reading order (`reading_order`
    puts the newest first, undated last, then orders by headline key and id) up to the
    first, from `lowest` on: the rows below it are older than every row that came, went or
    moved, and keep their places. News that is the newest renumbers only itself."""
    connection.execute(
        "UPDATE articles SET seq = o.n FROM ("
        "  SELECT id, :low - 1 + row_number() OVER ("
        "    ORDER BY published IS NULL DESC, published, title_key DESC, id DESC) AS n"
        "  FROM articles WHERE corpus = :c AND (seq >= :low OR seq = :new)) AS o "
        "WHERE articles.corpus = :c AND articles.id = o.id AND articles.seq != o.n",
        {"c": corpus, "low": lowest, "new": _PLACEHOLDER},
    )


def _recount_tags(connection: Connection, corpus: int, tag_keys: Iterable[str]) -> None:
    """Number each touched tag's list again in reading order, and its row in `tags`: its
    count and commonest spelling (gone when no article has it any more)."""
    for chunk in chunks(sorted(tag_keys)):
        listed = marks(chunk)
        connection.execute(
            "UPDATE article_tags SET rank = o.n FROM ("
            "  SELECT t.article, t.position, row_number() OVER ("
            "    PARTITION BY t.tag_key ORDER BY a.seq) - 1 AS n"
            "  FROM article_tags t JOIN articles a ON a.corpus = t.corpus AND a.id = t.article"
            f"  WHERE t.corpus = ? AND t.tag_key IN ({listed}) AND t.rank IS NOT NULL) AS o "
            "WHERE article_tags.corpus = ? AND article_tags.article = o.article "
            "AND article_tags.position = o.position AND article_tags.rank != o.n",
            (corpus, *chunk, corpus),
        )
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for tag_key, tag, count in connection.execute(
            "SELECT tag_key, tag, count(DISTINCT article) FROM article_tags "
            f"WHERE corpus = ? AND tag_key IN ({listed}) GROUP BY tag_key, tag",
            (corpus, *chunk),
        ):
            spellings[tag_key][tag] = count
        counts = dict(
            connection.execute(
                "SELECT tag_key, count(*) FROM article_tags "
                f"WHERE corpus = ? AND tag_key IN ({listed}) AND rank IS NOT NULL GROUP BY tag_key",
                (corpus, *chunk),
            ).fetchall()
        )
        connection.execute(
            f"DELETE FROM tags WHERE corpus = ? AND tag_key IN ({listed})", (corpus, *chunk)
        )
        connection.executemany(
            "INSERT INTO tags (corpus, tag_key, name, count, skeleton) VALUES (?, ?, ?, ?, ?)",
            [
                (corpus, k, _commonest(spellings[k]), counts[k], f" {skeleton(k)}")
                for k in chunk
                if k in counts
            ],
        )


def _recount_sources(connection: Connection, corpus: int, sources: Iterable[str]) -> None:
    """Each touched source's row in `sources`, with its articles counted (gone when no
    article names it any more)."""
    for chunk in chunks(sorted(set(sources))):
        listed = marks(chunk)
        counts = connection.execute(
            "SELECT source, count(*) FROM articles "
            f"WHERE corpus = ? AND source IN ({listed}) GROUP BY source",
            (corpus, *chunk),
        ).fetchall()
        connection.execute(
            f"DELETE FROM sources WHERE corpus = ? AND name IN ({listed})", (corpus, *chunk)
        )
        connection.executemany(
            "INSERT INTO sources (corpus, name, source_key, count) VALUES (?, ?, ?, ?)",
            [(corpus, source, key(source), count) for source, count in counts],
        )


def _commonest(spellings: Mapping[str, int]) -> str:
    """A tag's name: the spelling most articles use, the first in code points of a tie."""
    return min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]


def _tag_rows(
    corpus: int, ordered: Sequence[Article], placeholder: bool = False
) -> list[tuple[object, ...]]:
    """Each article's tags with their place in the tag's own list (an article counts once
    per tag, however many spellings it uses): the next of the tag's list among `ordered`,
    or a `placeholder` that renumbering the list replaces."""
    counts: Counter[str] = Counter()
    for article in ordered:
        counts.update({key(tag) for tag in article.tags})
    rows: list[tuple[object, ...]] = []
    for article in ordered:
        seen: set[str] = set()
        for position, tag in enumerate(article.tags):
            tag_key = key(tag)
            place = None
            if tag_key not in seen:  # places count down from the tag's newest article
                seen.add(tag_key)
                counts[tag_key] -= 1
                place = _PLACEHOLDER if placeholder else counts[tag_key]
            rows.append((corpus, article.id, position, tag, tag_key, place))
    rows.sort(key=lambda row: (row[1], row[2]))  # in key order, as `_insert` says
    return rows


def _write_tags(connection: Connection, corpus: int, ordered: Sequence[Article]) -> None:
    """Each article's tags with their place in the tag's own list, and each tag's commonest
    spelling and count."""
    rows = _tag_rows(corpus, ordered)
    connection.executemany(
        "INSERT INTO article_tags (corpus, article, position, tag, tag_key, rank) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    counts: Counter[str] = Counter(str(row[4]) for row in rows if row[5] is not None)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for article in ordered:
        for tag in dict.fromkeys(article.tags):
            spellings[key(tag)][tag] += 1
    connection.executemany(
        "INSERT INTO tags (corpus, tag_key, name, count, skeleton) VALUES (?, ?, ?, ?, ?)",
        [
            (corpus, tag_key, _commonest(spellings[tag_key]), count, f" {skeleton(tag_key)}")
            for tag_key, count in counts.items()
        ],
    )
