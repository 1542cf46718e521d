"""Full-text search of a corpus on a PostgreSQL server, as `reader.library.search` does it
on SQLite: the same query language, the same analysed terms, the same hits.

The index is `search_text.search_index`, a `tsvector` of the stored terms (the `simple`
configuration: the terms are already normalised and stemmed by `reader.text.analysis`), the
headline weighted A and the body D. A query becomes a `tsquery` of quoted terms (nothing
the user typed is read as its syntax), phrases with `<->`, a prefix with `:*`. Ranking is
`ts_rank_cd` with the headline worth `search.TITLE_WEIGHT` times the body and its length taken
into account, which orders hits as BM25 does in the main; then the newest first.
"""

from __future__ import annotations

from reader import problems
from reader.library import search as embedded
from reader.library.backend import Connection
from reader.library.indexing import DAY_BITS, day_number, row_range
from reader.library.search import PAGE, Results, hits_of, telling_terms, titles_of
from reader.text.analysis import prefix_term, terms
from reader.text.arabic import key
from reader.text.query import Query, Words, parse
from reader.text.snippet import Terms

LENGTH_NORMALISATION = 1  # ts_rank_cd divides by 1 + log(the article's length), as BM25 does


def compile_query(query: Query) -> tuple[str | None, list[str], list[object], Terms]:
    """The tsquery of a query (None for filters only), its filters' conditions and their
    parameters, and the terms it looks for."""
    wanted: set[str] = set()
    starts: list[str] = []
    groups = []
    for group in query.groups:
        alternatives = [p for p in (_phrase(w, wanted, starts) for w in group) if p]
        if alternatives:
            groups.append(_any(alternatives))
    excluded = [e for e in (_phrase(w, set(), []) for w in query.excluded) if e]
    match = " & ".join(groups) or None
    if match is not None and excluded:
        match = f"({match}) & !{_any(excluded)}"
    conditions: list[str] = []
    parameters: list[object] = []
    for tag in query.tags:
        conditions.append(
            "EXISTS (SELECT 1 FROM article_tags t WHERE t.corpus = d.corpus "
            "AND t.article = d.article AND t.tag_key = ?)"
        )
        parameters.append(key(tag))
    for source in query.sources:
        conditions.append("instr(d.source_key, ?) > 0")
        parameters.append(key(source))
    return match, conditions, parameters, Terms(frozenset(wanted), tuple(starts))


def _any(expressions: list[str]) -> str:
    return expressions[0] if len(expressions) == 1 else f"({' | '.join(expressions)})"


def _quoted(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _phrase(words: Words, wanted: set[str], starts: list[str]) -> str:
    """One word or phrase as a tsquery ("" when no word of it has a term)."""
    head = words.words[:-1] if words.prefix else words.words
    found = [t for w in head for t in terms(w)]
    last = prefix_term(words.words[-1]) if words.prefix else ""
    wanted.update(found)
    if last:
        starts.append(last)
    parts = [_quoted(t) for t in found] + ([f"{_quoted(last)}:*"] if last else [])
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else f"({' <-> '.join(parts)})"


def _days(query: Query) -> tuple[int, int]:
    dated = query.after is not None or query.before is not None
    first = max(day_number(query.after), 1 if dated else 0)
    last = day_number(query.before) - 1 if query.before else (1 << DAY_BITS) - 1
    return first, last


def search(
    connection: Connection, corpus: int, text: str, limit: int = PAGE, offset: int = 0
) -> Results:
    """A page of the corpus's articles matching `text`, best first."""
    query = parse(text)
    notes = query.notes
    if query.empty:
        return Results((), Terms(), notes)
    match, conditions, parameters, wanted = compile_query(query)
    if match is None and query.groups:
        return Results((), wanted, (*notes, problems.UNSEARCHABLE))
    rows = row_range(corpus, *_days(query))
    if rows.start >= rows.stop:
        return Results((), wanted, notes)
    where = "".join(f" AND {c}" for c in conditions)
    if match is None:
        ranked = connection.execute(
            "SELECT d.article, 0 FROM search_docs d WHERE d.id >= ? AND d.id < ?"
            f"{where} ORDER BY d.id DESC LIMIT ? OFFSET ?",
            (rows.start, rows.stop, *parameters, limit, offset),
        ).fetchall()
    else:
        ranked = _ranked(connection, match, (rows, where, parameters), limit, offset)
    return Results(hits_of(connection, corpus, ranked, wanted), wanted, notes)


def _ranked(
    connection: Connection,
    match: str,
    filters: tuple[range, str, list[object]],
    limit: int,
    offset: int,
) -> list[tuple[str, float]]:
    """(article, score) of a page of matches, best first (scores negated: lower is better,
    as BM25's are on SQLite), ranked a window at a time from the newest as the SQLite side
    does (see `reader.library.search`): `ts_rank_cd` reads each match's whole vector, and
    ranking every match of a common word took seconds."""
    rows, where, parameters = filters
    # ts_rank_cd's weights (each at most 1), in its order D, C, B, A: the body (D) against
    # the headline (A).
    scale = max(embedded.TITLE_WEIGHT, 1.0)
    weights = f"'{{{1 / scale}, 0, 0, {embedded.TITLE_WEIGHT / scale}}}'"
    wanted = offset + limit
    ranked: list[tuple[str, float]] = []
    top = rows.stop - 1
    window = embedded.CANDIDATES
    while len(ranked) < wanted and top >= rows.start:
        edge = connection.execute(
            "SELECT x.id FROM search_text x, to_tsquery('simple', ?) q "
            "WHERE x.search_index @@ q AND x.id >= ? AND x.id <= ? "
            "ORDER BY x.id DESC LIMIT 1 OFFSET ?",
            (match, rows.start, top, window - 1),
        ).fetchone()
        low = rows.start if edge is None else edge[0]
        ranked += connection.execute(
            f"SELECT d.article, -ts_rank_cd({weights}, x.search_index, q, "
            f"{LENGTH_NORMALISATION}) AS score FROM search_text x "
            "JOIN search_docs d ON d.id = x.id, to_tsquery('simple', ?) q "
            f"WHERE x.search_index @@ q AND x.id >= ? AND x.id <= ?{where} "
            "ORDER BY score, x.id DESC LIMIT ?",
            (match, low, top, *parameters, wanted - len(ranked)),
        ).fetchall()
        top = low - 1
        window *= 2
    return [(article, float(score)) for article, score in ranked[offset:wanted]]


def similar(connection: Connection, corpus: int, article: str, limit: int) -> list[tuple[str, str]]:
    """(id, title) of the articles most like `article`: its most telling terms searched for
    with OR, ranked as a search is."""
    chosen = telling_terms(connection, corpus, article)
    if not chosen:
        return []
    match = " | ".join(_quoted(t) for t in chosen)
    ranked = _ranked(connection, match, (row_range(corpus), "", []), limit + 1, 0)
    return titles_of(connection, corpus, [i for i, _ in ranked if i != article][:limit])
