"""Making a corpus's articles from its stored pages: whole, or again only where pages changed.

Tags need the whole corpus as evidence and stories merge across pages, yet a few pages
added or gone change little: a link takes their parts out of the pooled evidence and puts
the new ones in (`reader.library.tag_state`), decides again the pages the new pool answers
differently, and merges again only the headlines whose stories changed, with those whose
"read also" points into them. The result is the articles linking the whole corpus would
make (the tests compare the two); the whole is still linked when the pools stored are
missing or from before, when a change moves how a source sorts or glues its tags (every
page of it would be decided again), and when more than `DELTA_SHARE` of the pages changed.
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, replace

from reader.library import pages as stored
from reader.library.backend import Connection, chunks, marks
from reader.library.files import read_path
from reader.library.tag_state import (
    PageTags,
    TagState,
    asked_numbers,
    pool,
    pooled_state,
)
from reader.library.writing import (
    index_plan,
    replace_headlines,
    write_articles,
    write_counts,
)
from reader.model import Origin
from reader.parse.corpus import Record, merge, story_key
from reader.parse.loader import LoadedPage, Tagged, corpus_records, decide, page_records, tag_pages
from reader.parse.loader import with_words as evidence_with_words
from reader.parse.tags import CorpusWords, PageEvidence, TagResolver, orders_of, whole_words
from reader.text.arabic import compact, key

DELTA_SHARE = 0.2  # pages added or gone, beyond this share of the corpus: link it whole


@dataclass(frozen=True, slots=True)
class _Page:
    """A stored page with its row's number and digest."""

    ident: int
    digest: str
    page: LoadedPage


def link(connection: Connection, corpus: int, fresh: dict[str, list[LoadedPage]]) -> bool:
    """Bring the corpus's articles in step with its stored pages (`fresh`: pages just read,
    by file, which need not be decoded again); whether only the changes were linked."""
    row = connection.execute("SELECT tag_state FROM corpora WHERE id = ?", (corpus,)).fetchone()
    state = TagState.decode(row[0]) if row and row[0] else None
    if state is not None and _link_changes(connection, corpus, state):
        return True
    _link_whole(connection, corpus, fresh)
    return False


def _diagnostics(connection: Connection, corpus: int) -> list[list[object]]:
    texts = connection.execute("SELECT problems FROM corpora WHERE id = ?", (corpus,)).fetchall()
    texts += connection.execute(
        "SELECT diagnostics FROM files WHERE corpus = ? AND diagnostics != '[]' ORDER BY rank",
        (corpus,),
    ).fetchall()
    return [row for (text,) in texts for row in json.loads(text)]


def _stored_pages(
    connection: Connection, corpus: int, fresh: dict[str, list[LoadedPage]]
) -> list[_Page]:
    """Every page of the corpus, in the order a load from scratch reads them: those just
    read as they are, the others decoded from the library; asked an IN list of files at a
    time, not a file at a time."""
    pages: list[_Page] = []
    files = connection.execute(
        "SELECT id, path FROM files WHERE corpus = ? ORDER BY rank", (corpus,)
    ).fetchall()
    for chunk in chunks(files):
        paths = {ident: read_path(kept) for ident, kept in chunk}
        just_read = [ident for ident, path in paths.items() if path in fresh]
        others = [ident for ident, path in paths.items() if path not in fresh]
        rows: dict[int, list[tuple[int, str]]] = {ident: [] for ident in just_read}
        for file, ident, digest in _file_pages(connection, "file, id, digest", just_read):
            rows[file].append((ident, digest))
        decoded: dict[int, list[_Page]] = {ident: [] for ident in others}
        columns = "file, id, digest, line, parsed, url"
        for file, ident, digest, line, data, url in _file_pages(connection, columns, others):
            origin = Origin(paths[file], line, url)
            decoded[file].append(_Page(ident, digest, stored.decode(data, origin)))
        for ident in paths:
            if ident in rows:
                pages += [
                    _Page(n, d, page)
                    for (n, d), page in zip(rows[ident], fresh[paths[ident]], strict=True)
                ]
            else:
                pages += decoded[ident]
    return pages


def _file_pages(connection: Connection, columns: str, files: list[int]) -> Iterable[tuple]:
    """Some columns of the pages of some files (as many as an IN list takes), by file and
    in the order each file's pages were stored."""
    if not files:
        return []
    return connection.execute(
        f"SELECT {columns} FROM pages WHERE file IN ({marks(files)}) ORDER BY file, id", files
    )


def _titles(page: LoadedPage) -> tuple[str, ...]:
    """The headline keys of a page's stories, its own first."""
    parsed = page.parsed
    return (compact(parsed.story.title), *(compact(r.title) for r in parsed.related))


def _page_tags(page: LoadedPage, decided: Tagged) -> PageTags:
    return PageTags(
        page.parsed.source,
        tuple(whole_words(page.evidence)),
        decided.evidence,
        decided.tags,
        decided.keywords,
        _titles(page),
    )


def _line_keys(page: LoadedPage) -> str | None:
    """For a page whose glued tokens wait on other pages' words: its Tags line's key, in
    which any word that changes its split appears."""
    if not page.evidence.unsure or not page.parsed.tags_line:
        return None
    return key(page.parsed.tags_line)


def _decisions(decided: Tagged) -> bytes:
    return array("I", sorted(decided.decisions)).tobytes()


def _write_pages(
    connection: Connection, corpus: int, rows: Iterable[tuple[_Page, Tagged, bytes]]
) -> None:
    """Each page's row in `page_tags`: its tags as decided, and the questions (`bytes`:
    their numbers) and decisions they rest on."""
    connection.executemany(
        "INSERT INTO page_tags (page, corpus, digest, decided, asked, decisions, line_keys) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (page) DO UPDATE SET digest = excluded.digest, "
        "decided = excluded.decided, asked = excluded.asked, decisions = excluded.decisions, "
        "line_keys = excluded.line_keys",
        (  # made as the library takes them: a list of them all is hundreds of megabytes
            (
                item.ident,
                corpus,
                item.digest,
                _page_tags(item.page, decided).encode(),
                asked,
                _decisions(decided),
                _line_keys(item.page),
            )
            for item, decided, asked in rows
        ),
    )


def _write_titles(
    connection: Connection, corpus: int, items: Iterable[tuple[int, tuple[str, ...]]]
) -> None:
    connection.executemany(
        "INSERT INTO page_titles (corpus, title_key, page, own) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [
            (corpus, title, ident, int(n == 0))
            for ident, titles in items
            for n, title in enumerate(titles)
        ],
    )


def _link_whole(connection: Connection, corpus: int, fresh: dict[str, list[LoadedPage]]) -> None:
    """Make the corpus's articles again from all its pages, and replace the old ones."""
    items = _stored_pages(connection, corpus, fresh)
    pages = [item.page for item in items]
    tag_pass = tag_pages(pages)
    known = dict(
        connection.execute("SELECT story_key, article FROM story_ids WHERE corpus = ?", (corpus,))
    )
    merged = merge(corpus_records(pages, tag_pass.tagged), known)
    index = index_plan(connection, corpus, merged)  # its terms computed meanwhile
    orders = tag_pass.index.orders
    # The pools hold only while every source sorts its tags (see the module's note).
    ordered = all(orders.of(page.parsed.source) is not None for page in pages)
    state = pooled_state(pages, tag_pass.tagged, tag_pass.index) if ordered else None
    with connection:
        write_articles(
            connection, corpus, merged, len(pages), _diagnostics(connection, corpus), index
        )
        connection.execute("DELETE FROM page_tags WHERE corpus = ?", (corpus,))
        connection.execute("DELETE FROM page_titles WHERE corpus = ?", (corpus,))
        if state is not None:
            state.keep_decisions(tag_pass.resolver)
        _write_pages(
            connection,
            corpus,
            (
                (item, decided, state.number(decided.answers) if state is not None else b"")
                for item, decided in zip(items, tag_pass.tagged, strict=True)
            ),
        )
        _write_titles(connection, corpus, ((item.ident, _titles(item.page)) for item in items))
        connection.execute(
            "UPDATE corpora SET tag_state = ? WHERE id = ?",
            (state.encode() if state is not None else None, corpus),
        )


def _decode_pages(connection: Connection, idents: Iterable[int]) -> dict[int, _Page]:
    """Stored pages by row number."""
    found: dict[int, _Page] = {}
    for chunk in chunks(sorted(set(idents))):
        rows = connection.execute(
            "SELECT p.id, p.digest, f.path, p.line, p.parsed, p.url FROM pages p "
            f"JOIN files f ON f.id = p.file WHERE p.id IN ({marks(chunk)})",
            chunk,
        )
        for ident, digest, path, line, data, url in rows:
            page = stored.decode(data, Origin(read_path(path), line, url))
            found[ident] = _Page(ident, digest, page)
    return found


def _kept_tags(connection: Connection, idents: Iterable[int]) -> dict[int, PageTags]:
    found: dict[int, PageTags] = {}
    for chunk in chunks(sorted(set(idents))):
        rows = connection.execute(
            f"SELECT page, decided FROM page_tags WHERE page IN ({marks(chunk)})",
            chunk,
        )
        found.update((ident, PageTags.decode(data)) for ident, data in rows)
    return found


def _link_changes(connection: Connection, corpus: int, state: TagState) -> bool:
    """Link only what the pages added and gone since the last link change, if that is
    the way (see the module's note); whether it was."""
    # Page rows are never rewritten nor their numbers given twice (see `ingest._next_page`):
    # pages new since the last link are those numbered after every page it kept.
    total = connection.execute("SELECT count(*) FROM pages WHERE corpus = ?", (corpus,)).fetchone()
    kept_count, last = connection.execute(
        "SELECT count(*), coalesce(max(page), 0) FROM page_tags WHERE corpus = ?", (corpus,)
    ).fetchone()
    added = [
        ident
        for (ident,) in connection.execute(
            "SELECT id FROM pages WHERE id > ? AND corpus = ?", (last, corpus)
        )
    ]
    gone_rows: list[tuple[int, bytes]] = []
    if kept_count > total[0] - len(added):
        gone_rows = connection.execute(
            "SELECT t.page, t.decided FROM page_tags t WHERE t.corpus = ? "
            "AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.id = t.page)",
            (corpus,),
        ).fetchall()
    if len(added) + len(gone_rows) > DELTA_SHARE * max(total[0], 1):
        return False
    gone = {ident: PageTags.decode(data) for ident, data in gone_rows}
    new = _decode_pages(connection, added)

    # The words pages show whole; the pages whose glued tokens hold one that came or went.
    came_or_went: set[str] = set()
    words = state.words
    for kept in gone.values():
        for word in kept.first_words:
            count = words[word] - 1
            if count > 0:
                words[word] = count
            else:
                del words[word]
                came_or_went.add(word)
    for item in new.values():
        for word in whole_words(item.page.evidence):
            if not words[word]:
                came_or_went.add(word)
            words[word] += 1
    corpus_words = CorpusWords(words)
    evidence: dict[int, PageEvidence] = {
        ident: evidence_with_words(item.page, corpus_words)
        if item.page.evidence.unsure
        else item.page.evidence
        for ident, item in new.items()
    }
    redone = _redone(connection, corpus, came_or_went, corpus_words, gone, new)

    # Orders and glued sources: a change there decides every page of the source again.
    for kept in gone.values():
        pool(state, kept.source, kept.evidence, -1)
    for ident, (kept, again, _) in redone.items():
        pool(state, kept.source, kept.evidence, -1)
        pool(state, kept.source, again, 1)
        evidence[ident] = again
    for ident, item in new.items():
        pool(state, item.page.parsed.source, evidence[ident], 1)
    index = state.index
    orders = orders_of(state.tallies)
    glued = {source for source, count in state.glued.items() if count > 0}
    if orders != index.orders or glued != index.glued_sources:
        return False
    if orders.default is None or None in orders.by_source.values():
        return False

    for kept in gone.values():
        index.apply(index.contribution(kept.evidence, kept.source), -1)
    for kept, again, _ in redone.values():
        index.apply(index.contribution(kept.evidence, kept.source), -1)
        index.apply(index.contribution(again, kept.source), 1)
    for ident, item in new.items():
        index.apply(index.contribution(evidence[ident], item.page.parsed.source), 1)

    # Pages to decide again: new, with new evidence, asked a question answered anew, or
    # using a decision that, made again with the new answers, comes out otherwise.
    changed = state.changed_answers()
    resolver = TagResolver(index, state.decisions)
    remade = state.changed_decisions(resolver, changed) if changed else set()
    asked_before: dict[int, tuple[bytes, bytes]] = {}
    if changed:
        for ident, data, used in connection.execute(
            "SELECT page, asked, decisions FROM page_tags WHERE corpus = ?", (corpus,)
        ):
            if ident not in gone and (
                not changed.isdisjoint(asked_numbers(data))
                or not remade.isdisjoint(asked_numbers(used))
            ):
                asked_before[ident] = (data, used)
    again_asked = set(asked_before)
    again_asked -= set(redone) | set(new)
    old_pages = _decode_pages(connection, again_asked)
    kept_tags = _kept_tags(connection, again_asked)
    for ident, (kept, again, item) in redone.items():
        old_pages[ident] = item
        kept_tags[ident] = kept
        evidence[ident] = again
    for ident in again_asked:
        evidence[ident] = kept_tags[ident].evidence

    decided: dict[int, Tagged] = {}
    affected: set[str] = set()
    for kept in gone.values():
        affected.update(kept.titles)
    for ident, item in new.items():
        decided[ident] = decide(resolver, item.page, evidence[ident])
        affected.update(_titles(item.page))
    for ident, item in old_pages.items():
        decided[ident] = decide(resolver, item.page, evidence[ident])
        kept = kept_tags[ident]
        if (decided[ident].tags, decided[ident].keywords) != (kept.tags, kept.keywords):
            affected.add(kept.titles[0])

    with connection:
        for chunk in chunks(sorted(gone)):
            connection.execute(f"DELETE FROM page_tags WHERE page IN ({marks(chunk)})", chunk)
            connection.execute(f"DELETE FROM page_titles WHERE page IN ({marks(chunk)})", chunk)
        state.keep_decisions(resolver)
        rows = []
        for ident, result in decided.items():
            item = new.get(ident) or old_pages[ident]
            asked = state.number(result.answers)
            if ident in asked_before and ident not in redone:
                kept = kept_tags[ident]
                same = (result.tags, result.keywords) == (kept.tags, kept.keywords)
                if same and (asked, _decisions(result)) == asked_before[ident]:
                    continue  # decided as before, on the same questions
            rows.append((item, result, asked))
        _write_pages(connection, corpus, rows)
        _write_titles(connection, corpus, ((i, _titles(item.page)) for i, item in new.items()))
        if affected:
            _merge_headlines(connection, corpus, affected, decided, new, old_pages)
        pages = total[0]
        connection.execute(
            "UPDATE corpora SET tag_state = ? WHERE id = ?", (state.encode(), corpus)
        )
        counts = connection.execute(
            "SELECT count(*), coalesce(sum(members), 0) FROM articles WHERE corpus = ?", (corpus,)
        ).fetchone()
        write_counts(
            connection,
            corpus,
            pages,
            counts[0],
            counts[1] - counts[0],
            _diagnostics(connection, corpus),
        )
    return True


def _redone(
    connection: Connection,
    corpus: int,
    came_or_went: set[str],
    corpus_words: CorpusWords,
    gone: dict[int, PageTags],
    new: dict[int, _Page],
) -> dict[int, tuple[PageTags, PageEvidence, _Page]]:
    """Stored pages whose glued tokens hold a word that came or went, whose evidence made
    with the words now known differs: each with what was kept, the new evidence, the page."""
    if not came_or_went:
        return {}
    pattern = re.compile("|".join(map(re.escape, sorted(came_or_went, key=len, reverse=True))))
    candidates = [
        ident
        for ident, line_keys in connection.execute(
            "SELECT page, line_keys FROM page_tags WHERE corpus = ? AND line_keys IS NOT NULL",
            (corpus,),
        )
        if ident not in gone and ident not in new and pattern.search(line_keys)
    ]
    pages = _decode_pages(connection, candidates)
    kept = _kept_tags(connection, candidates)
    redone = {}
    for ident, item in pages.items():
        again = evidence_with_words(item.page, corpus_words)
        if again != kept[ident].evidence:
            redone[ident] = (kept[ident], again, item)
    return redone


def _merge_headlines(
    connection: Connection,
    corpus: int,
    affected: set[str],
    decided: dict[int, Tagged],
    new: dict[int, _Page],
    old_pages: dict[int, _Page],
) -> None:
    """Merge again the stories of the headlines affected, and of those whose "read also"
    points into them, and replace their articles."""
    headlines = set(affected)
    for chunk in chunks(sorted(affected)):
        headlines.update(
            title
            for (title,) in connection.execute(
                "SELECT DISTINCT o.title_key FROM page_titles t JOIN page_titles o "
                "ON o.page = t.page AND o.own = 1 "
                f"WHERE t.corpus = ? AND t.title_key IN ({marks(chunk)})",
                (corpus, *chunk),
            )
        )
    members: set[int] = set()
    for chunk in chunks(sorted(headlines)):
        members.update(
            ident
            for (ident,) in connection.execute(
                f"SELECT page FROM page_titles WHERE corpus = ? AND title_key IN ({marks(chunk)})",
                (corpus, *chunk),
            )
        )
    pages = {ident: item for ident, item in {**old_pages, **new}.items() if ident in members}
    pages.update(_decode_pages(connection, members - set(pages)))
    kept = _kept_tags(connection, members - set(decided))
    records: list[Record] = []
    outside: list[int] = []  # records given only for "read also": of other headlines
    for ident in sorted(pages):
        page = pages[ident].page
        tags, keywords = (
            (decided[ident].tags, decided[ident].keywords)
            if ident in decided
            else (kept[ident].tags, kept[ident].keywords)
        )
        own, *related = page_records(page, tags, keywords, len(records))
        if compact(own.story.title) in headlines:
            records.append(own)
            for record in related:
                if compact(record.story.title) not in headlines:
                    outside.append(len(records))
                records.append(record)
        else:
            records += [
                replace(record, related_of=None)
                for record in related
                if compact(record.story.title) in headlines
            ]
    keys = [story_key(record) for record in records]
    known = _story_ids(connection, corpus, keys)  # read before the old articles go
    merged = merge(records, known, {n: known.get(keys[n]) for n in outside})
    replace_headlines(connection, corpus, headlines, merged)


def _story_ids(connection: Connection, corpus: int, keys: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in chunks(sorted(set(keys))):
        found.update(
            connection.execute(
                "SELECT story_key, article FROM story_ids "
                f"WHERE corpus = ? AND story_key IN ({marks(chunk)})",
                (corpus, *chunk),
            )
        )
    return found
