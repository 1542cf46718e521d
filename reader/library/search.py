"""Full-text search of a corpus: a query read by `reader.text.query`, its words analysed as the
index's were, compiled to an FTS5 MATCH expression, ranked and paged by SQLite.

Nothing the user typed reaches FTS5 as syntax: every word becomes a term of letters and
digits (`reader.text.analysis`), written into the expression as a quoted string, so `NEAR(`,
`"*` or `AND` are words like any other. Ranking is BM25 with a headline match worth more
than a body match, then the newest first among equals; only a page of hits is read whole
for its snippets.

BM25 scores every match it ranks, so ranking all of a common word's matches would cost
in proportion to the library. Matches are ranked a window at a time instead: among the
newest `CANDIDATES` articles holding all of the query's words (the index's row numbers
run in order of publication, see `reader.library.indexing`; a phrase's word order is
only checked inside the window, where it costs little), then, when a page needs more,
the next older window. A word in fewer articles than that is ranked whole; a common one
among its newest matches, which is what a reader of news wants first anyway, and the
first page costs the same on a library of a hundred pages or of a million. For that,
a window whose words are common is scored from its stored terms (`reader.library.
ranking`), since FTS5's bm25() would first count every article that holds them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader import problems
from reader.library.backend import Connection
from reader.library.indexing import DAY_BITS, day_number, row_range
from reader.library.ranking import Phrase, scores
from reader.text.analysis import prefix_term, terms
from reader.text.arabic import key
from reader.text.query import Query, Words, parse
from reader.text.snippet import Snippet, Terms, passage

TITLE_WEIGHT = 4.0  # BM25 weight of a headline match, a body match weighing 1
CANDIDATES = 1000  # matches ranked at once: what a common word's first page costs
# Articles FTS5's bm25() counts (for its document frequencies) in about the time a window
# is scored from its stored terms instead; a phrase's or a prefix's count costs more each.
FTS5_COUNTS = 300_000
PHRASE_COUNTING = 3
PAGE = 20  # hits a page of results holds unless asked otherwise
SIMILAR_TERMS = 12  # an article's most telling terms that "more like this" searches for
SIMILAR_MIN_DOCUMENTS = 2  # a term in fewer articles than this finds nothing else
SIMILAR_MAX_SHARE = 0.5  # a term in more than this share of the articles tells little


@dataclass(frozen=True, slots=True)
class Hit:
    """One article found: what a results list shows, and its BM25 score (lower is better,
    as SQLite gives it; 0 for a query of filters only)."""

    id: str
    title: str
    published: dt.date | None
    source: str | None
    snippet: Snippet
    score: float


@dataclass(frozen=True, slots=True)
class Results:
    """A page of hits; the terms to mark in an opened article; what was read leniently."""

    hits: tuple[Hit, ...]
    terms: Terms
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Compiled:
    """A query as SQLite runs it: the MATCH expression (None for filters only), the SQL
    conditions of its filters with their parameters, the days of publication it spans
    (`reader.library.indexing.day_number`), and the terms it looks for."""

    match: str | None
    conditions: tuple[str, ...]
    parameters: tuple[object, ...]
    terms: Terms
    first_day: int = 0
    last_day: int = (1 << DAY_BITS) - 1
    # What every match matches, and cheaper: phrases as their words, no exclusions. The
    # windows are cut by it, since finding a phrase's matches means reading positions.
    loose: str | None = None
    phrases: tuple[Phrase, ...] = ()  # what the ranking counts in each match


def compile_query(query: Query) -> Compiled:
    """The MATCH expression and filter conditions of a query."""
    wanted: set[str] = set()
    starts: list[str] = []
    phrases: list[Phrase] = []
    groups, loose = [], []
    for group in query.groups:
        alternatives = [p for p in (_phrase(w, wanted, starts, phrases) for w in group) if p[0]]
        if alternatives:
            groups.append(_any(a for a, _ in alternatives))
            loose.append(_any(b for _, b in alternatives))
    excluded = [e for e, _ in (_phrase(w, set(), [], []) for w in query.excluded) if e]
    match = " AND ".join(groups) or None
    if match is not None and excluded:
        match = f"({match}) NOT ({' OR '.join(excluded)})"
    conditions: list[str] = []
    parameters: list[object] = []
    for tag in query.tags:
        conditions.append(  # `+`: by the article's own tags, not a walk down the tag's list
            "EXISTS (SELECT 1 FROM article_tags t WHERE t.corpus = d.corpus "
            "AND t.article = d.article AND +t.tag_key = ?)"
        )
        parameters.append(key(tag))
    for source in query.sources:
        conditions.append("instr(d.source_key, ?) > 0")
        parameters.append(key(source))
    # Dated articles only, once a date is asked for: an undated one is neither before
    # nor after it.
    dated = query.after is not None or query.before is not None
    first_day = max(day_number(query.after), 1 if dated else 0)
    last_day = day_number(query.before) - 1 if query.before else (1 << DAY_BITS) - 1
    return Compiled(
        match,
        tuple(conditions),
        tuple(parameters),
        Terms(frozenset(wanted), tuple(starts)),
        first_day,
        last_day,
        " AND ".join(loose) or None,
        tuple(dict.fromkeys(phrases)),
    )


def _any(expressions: Iterable[str]) -> str:
    listed = list(expressions)
    return listed[0] if len(listed) == 1 else f"({' OR '.join(listed)})"


def _phrase(
    words: Words, wanted: set[str], starts: list[str], phrases: list[Phrase]
) -> tuple[str, str]:
    """One word or phrase as an FTS5 string ("" when no word of it has a term), and as its
    words ANDed; its terms are added to `wanted`, a prefix to `starts`, and the phrase to
    `phrases`."""
    head = words.words[:-1] if words.prefix else words.words
    found = [t for w in head for t in terms(w)]
    last = prefix_term(words.words[-1]) if words.prefix else ""
    wanted.update(found)
    if last:
        starts.append(last)
    if not found and not last:
        return "", ""
    phrases.append(Phrase(tuple(found), last))
    quoted = [f'"{t}"' for t in found] + ([f'"{last}" *'] if last else [])
    exact = '"' + " ".join(found + ([last] if last else [])) + '"' + (" *" if last else "")
    return exact, " AND ".join(quoted) if len(quoted) > 1 else exact


def search(
    connection: Connection, corpus: int, text: str, limit: int = PAGE, offset: int = 0
) -> Results:
    """A page of the corpus's articles matching `text`, best first."""
    query = parse(text)
    notes = query.notes
    if query.empty:
        return Results((), Terms(), notes)
    compiled = compile_query(query)
    if compiled.match is None and query.groups:
        return Results((), compiled.terms, (*notes, problems.UNSEARCHABLE))
    rows = row_range(corpus, compiled.first_day, compiled.last_day)
    if rows.start >= rows.stop:
        return Results((), compiled.terms, notes)
    if compiled.match is None:
        ranked = _filtered(connection, compiled, rows, limit, offset)
    else:
        ranked = _ranked(connection, corpus, compiled, rows, limit, offset)
    return Results(hits_of(connection, corpus, ranked, compiled.terms), compiled.terms, notes)


def _filtered(
    connection: Connection, compiled: Compiled, rows: range, limit: int, offset: int
) -> list[tuple[str, float]]:
    """A query of filters only: its articles newest first, in row order."""
    where = " AND ".join(("d.id >= ? AND d.id < ?", *compiled.conditions))
    return connection.execute(
        f"SELECT d.article, 0.0 FROM search_docs d WHERE {where} ORDER BY d.id DESC "
        "LIMIT ? OFFSET ?",
        (rows.start, rows.stop, *compiled.parameters, limit, offset),
    ).fetchall()


def _ranked(
    connection: Connection,
    corpus: int,
    compiled: Compiled,
    rows: range,
    limit: int,
    offset: int,
) -> list[tuple[str, float]]:
    """The page of matches, ranked a window at a time from the newest, until the page is
    full or the matches run out: `CANDIDATES` matches first, each next window twice the
    last, so that a filter that lets few through costs few windows."""
    wanted = offset + limit
    if compiled.conditions:  # the filters read the narrow rows of search_docs
        source = "search_index JOIN search_docs d ON d.id = search_index.rowid"
        conditions = "".join(f" AND {c}" for c in compiled.conditions)
    else:
        source, conditions = "search_index", ""
    documents = _documents(connection, corpus, compiled.phrases)
    # FTS5's bm25() first counts every article holding each phrase: cheap for rare words,
    # dearer than scoring the window here (`reader.library.ranking`) for common ones.
    counted = sum(
        n * (1 if len(p.terms) == 1 and not p.start else PHRASE_COUNTING)
        for p, n in zip(compiled.phrases, documents, strict=True)
    )
    counted_by_fts5 = counted <= FTS5_COUNTS
    ranked: list[tuple[int, float]] = []
    top = rows.stop - 1
    window = CANDIDATES
    while len(ranked) < wanted and top >= rows.start:
        edge = connection.execute(
            "SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid BETWEEN ? AND ? "
            "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (compiled.loose or compiled.match, rows.start, top, window - 1),
        ).fetchone()
        low = rows.start if edge is None else edge[0]
        if counted_by_fts5:
            ranked += connection.execute(
                f"SELECT search_index.rowid, bm25(search_index, ?, 1.0) AS score FROM {source} "
                f"WHERE search_index MATCH ? AND search_index.rowid BETWEEN ? AND ?{conditions} "
                "ORDER BY score, search_index.rowid DESC LIMIT ?",
                (
                    TITLE_WEIGHT,
                    compiled.match,
                    low,
                    top,
                    *compiled.parameters,
                    wanted - len(ranked),
                ),
            ).fetchall()
        else:
            window_rows = (low, top, *compiled.parameters)
            scored = _scored(
                connection, corpus, compiled, documents, (source, conditions), window_rows
            )
            ranked += scored[: wanted - len(ranked)]
        top = low - 1
        window *= 2
    page = ranked[offset:wanted]
    ids = dict(
        connection.execute(
            "SELECT id, article FROM search_docs WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([rowid for rowid, _ in page]),),
        )
    )
    return [(ids[rowid], score) for rowid, score in page if rowid in ids]


def _scored(
    connection: Connection,
    corpus: int,
    compiled: Compiled,
    documents: list[int],
    tables: tuple[str, str],
    window: tuple[object, ...],
) -> list[tuple[int, float]]:
    """The window's matches scored from their stored terms, best (then newest) first;
    `tables`: what to read and the filters' conditions, `window`: the window's first and
    last rows, then the filters' parameters."""
    source, conditions = tables
    matched = [
        row
        for (row,) in connection.execute(
            f"SELECT search_index.rowid FROM {source} WHERE search_index MATCH ? "
            f"AND search_index.rowid BETWEEN ? AND ?{conditions}",
            (compiled.match, *window),
        )
    ]
    texts = connection.execute(
        "SELECT id, title, body FROM search_text WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(matched),),
    )
    total = connection.execute("SELECT articles FROM corpora WHERE id = ?", (corpus,)).fetchone()[0]
    scored = scores(texts, compiled.phrases, documents, total, TITLE_WEIGHT)
    scored.sort(key=lambda item: (item[1], -item[0]))
    return scored


def _documents(connection: Connection, corpus: int, phrases: Sequence[Phrase]) -> list[int]:
    """How many articles hold each phrase, as the vocabulary tells: a phrase is counted as
    its rarest word, a prefix as its commonest term (an article holds either, at most)."""
    counts = []
    for phrase in phrases:
        found = [_documents_of(connection, corpus, term) for term in phrase.terms]
        if phrase.start:
            row = connection.execute(
                "SELECT max(documents) FROM search_terms WHERE corpus = ? AND term >= ? "
                "AND term < ?",
                (corpus, phrase.start, phrase.start + "\U0010ffff"),
            ).fetchone()
            found.append(row[0] or 0)
        counts.append(min(found))
    return counts


def _documents_of(connection: Connection, corpus: int, term: str) -> int:
    row = connection.execute(
        "SELECT documents FROM search_terms WHERE corpus = ? AND term = ?", (corpus, term)
    ).fetchone()
    return int(row[0]) if row else 0


def hits_of(
    connection: Connection,
    corpus: int,
    ranked: Sequence[tuple[str, float]],
    wanted: Terms,
) -> tuple[Hit, ...]:
    """The ranked ids (a page of them) as hits: headline columns and the best passage of
    each."""
    rows: dict[str, tuple[str, str | None, str | None, str]] = {}
    marks = ",".join("?" * len(ranked))
    for ident, *row in connection.execute(
        f"SELECT id, title, published, source, body FROM articles WHERE corpus = ? "
        f"AND id IN ({marks or 'NULL'})",
        (corpus, *(ident for ident, _ in ranked)),
    ):
        rows[ident] = (row[0], row[1], row[2], row[3])
    hits = []
    for ident, score in ranked:
        row = rows.get(ident)
        if row is None:  # the articles are being replaced under this reader
            continue
        title, published, source, body = row
        hits.append(
            Hit(
                ident,
                title,
                dt.date.fromisoformat(published) if published else None,
                source,
                passage(body.split("\n") if body else (), wanted),
                float(score),
            )
        )
    return tuple(hits)


def similar(connection: Connection, corpus: int, article: str, limit: int) -> list[tuple[str, str]]:
    """(id, title) of the articles most like `article`: its most telling terms searched for
    with OR, ranked by BM25."""
    chosen = telling_terms(connection, corpus, article)
    if not chosen:
        return []
    phrases = tuple(Phrase((t,)) for t in chosen)
    compiled = Compiled(" OR ".join(f'"{t}"' for t in chosen), (), (), Terms(), phrases=phrases)
    ranked = _ranked(connection, corpus, compiled, row_range(corpus), limit + 1, 0)
    return titles_of(connection, corpus, [i for i, _ in ranked if i != article][:limit])


def telling_terms(connection: Connection, corpus: int, article: str) -> list[str]:
    """An article's most telling terms: frequent in it, rare in the corpus (by TF-IDF)."""
    row = connection.execute(
        "SELECT d.id, x.title, x.body, c.articles FROM search_docs d JOIN search_text x "
        "ON x.id = d.id JOIN corpora c ON c.id = d.corpus WHERE d.corpus = ? AND d.article = ?",
        (corpus, article),
    ).fetchone()
    if row is None:
        return []
    _, title, body, total = row
    counts = Counter(body.split())
    for term in title.split():
        counts[term] += int(TITLE_WEIGHT)
    weights = {}
    for term, count in counts.items():
        documents = _documents_of(connection, corpus, term)
        if SIMILAR_MIN_DOCUMENTS <= documents <= max(1, total) * SIMILAR_MAX_SHARE:
            weights[term] = count * math.log(max(1, total) / documents)
    return sorted(weights, key=lambda t: (-weights[t], t))[:SIMILAR_TERMS]


def titles_of(connection: Connection, corpus: int, found: Sequence[str]) -> list[tuple[str, str]]:
    """(id, title) of the articles `found`, in that order."""
    marks = ",".join("?" * len(found))
    titles = dict(
        connection.execute(
            f"SELECT id, title FROM articles WHERE corpus = ? AND id IN ({marks or 'NULL'})",
            (corpus, *found),
        )
    )
    return [(ident, titles[ident]) for ident in found if ident in titles]
