"""Bring a corpus in the library up to date with its dumps, reading only what changed.

A corpus is the set of paths a reader opened. Each file's identity (device, inode, size,
modification and change times) is kept; a file whose identity is unchanged is never read
again. New and changed files are parsed and stored a batch at a time, each batch in its
own transaction, so that `kill -9` loses at most the batch under way and the next run
carries on from there. When anything changed, the corpus's articles are made again from
the stored pages (tags need the whole corpus as evidence) and replace the old ones in one
transaction: readers see the old articles or the new, never half of each.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.collector import collector_paused
from reader.ingest.sources import discover
from reader.library import pages as stored
from reader.library.backend import Connection, Library, chunks, marks, server_of
from reader.library.files import as_json, corpus_roots, file_identity, read_path, stored_path
from reader.library.linking import link
from reader.library.progress import IngestProgress, IngestReport, Report
from reader.library.schema import PARSER_VERSION
from reader.model import Diagnostic
from reader.parse.loader import LoadedPage, read_pages
from reader.problems import NAME_NOT_UTF8

BATCH_SECONDS = 0.5  # longest a batch of parsed files waits for its commit
FIRST_BATCH_SECONDS = 0.2  # the first sooner: a reader shows its headlines at once
BATCH_FILES = 2000  # most files a batch holds
_CHECKED_AT_ONCE = 500  # files whose identity one query asks the library for (under
# SQLite's limit of 999 parameters a statement in older builds)


def _changes(
    connection: Connection,
    corpus: int,
    files: Sequence[str],
    same_parser: bool,
    progress: Report | None,
    started: float,
) -> tuple[list[str], set[str], list[int]]:
    """Which files to read (new, or changed since the library read them), which of those
    the library already held, and the ids of the files it held that are gone.

    Asked a slice of the files at a time, so that checking a million unchanged files holds
    no map of them all; the known files are listed whole only when some are gone.
    """
    to_read: list[str] = []
    known: set[str] = set()
    matched = 0
    deadline = time.monotonic() + BATCH_SECONDS
    for start in range(0, len(files), _CHECKED_AT_ONCE):
        if progress is not None and time.monotonic() >= deadline:
            progress(IngestProgress("checking", start, len(files), 0, started))
            deadline = time.monotonic() + BATCH_SECONDS
        chunk = files[start : start + _CHECKED_AT_ONCE]
        marks = ",".join("?" * len(chunk))
        held = {
            read_path(path): identity
            for path, identity in connection.execute(
                f"SELECT path, identity FROM files WHERE corpus = ? AND path IN ({marks})",
                (corpus, *map(stored_path, chunk)),
            )
        }
        matched += len(held)
        for path in chunk:
            identity = held.get(path)
            if identity is None or not same_parser or identity != file_identity(path):
                to_read.append(path)
                if identity is not None:
                    known.add(path)
    total = connection.execute("SELECT count(*) FROM files WHERE corpus = ?", (corpus,)).fetchone()
    removed: list[int] = []
    if total[0] > matched:
        wanted = set(files)
        removed = [
            ident
            for ident, path in connection.execute(
                "SELECT id, path FROM files WHERE corpus = ?", (corpus,)
            )
            if read_path(path) not in wanted
        ]
    return to_read, known, removed


def _diagnostics_json(diagnostics: Iterable[Diagnostic]) -> str:
    return as_json([(d.path, d.message, d.line, d.severity) for d in diagnostics])


def ingest(
    library: Library,
    connection: Connection,
    paths: Sequence[str | Path],
    progress: Report | None = None,
) -> IngestReport:
    """Bring the corpus of `paths` up to date; one ingest at a time per library."""
    with library.writing(), collector_paused():
        return _ingest(connection, paths, progress)


def _ingest(
    connection: Connection, paths: Sequence[str | Path], progress: Report | None
) -> IngestReport:
    started = time.monotonic()

    def found(count: int) -> None:
        if progress is not None:
            progress(IngestProgress("finding", count, 0, 0, started))

    files, problems = discover(paths, found)
    if server_of(connection) is not None:  # a server keeps text, not bytes
        text = [isinstance(stored_path(path), str) for path in files]
        problems = [
            *problems,
            *(Diagnostic(p, NAME_NOT_UTF8) for p, ok in zip(files, text, strict=True) if not ok),
        ]
        files = [path for path, ok in zip(files, text, strict=True) if ok]
    roots = corpus_roots(paths)
    with connection:
        connection.execute(
            "INSERT OR IGNORE INTO corpora (roots, parser) VALUES (?, ?)", (roots, PARSER_VERSION)
        )
        corpus, parser, resolved, old_problems = connection.execute(
            "SELECT id, parser, resolved, problems FROM corpora WHERE roots = ?", (roots,)
        ).fetchone()
        connection.execute("UPDATE corpora SET used = ? WHERE id = ?", (time.time(), corpus))
    same = parser == PARSER_VERSION
    to_read, known, removed = _changes(connection, corpus, files, same, progress, started)
    identities = {path: file_identity(path) for path in to_read}
    problems_json = _diagnostics_json(problems)
    added = [p for p in to_read if p not in known]
    # Files added or gone, other problems finding them, another parser: the corpus changes.
    # A file that was only touched, or rewritten with the same pages, changes nothing.
    reshaped = bool(added or removed) or problems_json != old_problems or parser != PARSER_VERSION
    if reshaped:
        with connection:
            for chunk in chunks(removed):
                connection.execute(f"DELETE FROM files WHERE id IN ({marks(chunk)})", chunk)
            connection.execute(
                "UPDATE corpora SET resolved = 0, problems = ?, parser = ? WHERE id = ?",
                (problems_json, PARSER_VERSION, corpus),
            )
        resolved = 0
    fresh, differed = _read_files(connection, corpus, files, to_read, identities, progress, started)
    if differed:
        resolved = 0
    by_changes = False
    if not resolved:  # every file's place in reading order, before the articles are made
        # (also after a run killed between storing its files and this)
        rank = {stored_path(path): n for n, path in enumerate(files)}
        moved = [
            (rank[kept], corpus, kept)
            for kept, held in connection.execute(
                "SELECT path, rank FROM files WHERE corpus = ?", (corpus,)
            ).fetchall()
            if rank.get(kept, held) != held
        ]
        with connection:  # only the files whose place changed: most keep theirs
            connection.executemany("UPDATE files SET rank = ? WHERE corpus = ? AND path = ?", moved)
        if progress is not None:
            progress(IngestProgress("linking", len(to_read), len(to_read), 0, started))
        by_changes = link(connection, corpus, fresh)
    if progress is not None:
        progress(IngestProgress("done", len(to_read), len(to_read), 0, started))
    return IngestReport(
        corpus,
        len(to_read),
        len(removed),
        len(files) - len(to_read),
        rebuilt=not resolved,
        by_changes=by_changes,
    )


def _read_files(
    connection: Connection,
    corpus: int,
    files: Sequence[str],
    to_read: Sequence[str],
    identities: dict[str, str],
    progress: Report | None,
    started: float,
) -> tuple[dict[str, list[LoadedPage]], bool]:
    """Parse and store the files to read, a batch a transaction. Their pages, by file (so
    that making the articles need not decode them again), and whether any file's pages or
    problems differ from what the library held."""
    rank = {path: n for n, path in enumerate(files)}
    batch: list[tuple[str, list[LoadedPage], list[Diagnostic]]] = []
    fresh: dict[str, list[LoadedPage]] = {}
    differed = False
    pages_done = 0
    deadline = time.monotonic() + FIRST_BATCH_SECONDS
    for done, path in enumerate(to_read, start=1):
        loaded: list[LoadedPage] = []
        diagnostics: list[Diagnostic] = []
        for item in read_pages(path):
            if isinstance(item, Diagnostic):
                diagnostics.append(item)
            else:
                loaded.append(item)
        batch.append((path, loaded, diagnostics))
        fresh[path] = loaded
        pages_done += len(loaded)
        now = time.monotonic()
        if len(batch) >= BATCH_FILES or now >= deadline or done == len(to_read):
            differed |= _store(connection, corpus, batch, rank, identities)
            batch = []
            deadline = now + BATCH_SECONDS
            if progress is not None:
                progress(IngestProgress("reading", done, len(to_read), pages_done, started))
    return fresh, differed


def _store(
    connection: Connection,
    corpus: int,
    batch: Sequence[tuple[str, list[LoadedPage], list[Diagnostic]]],
    rank: dict[str, int],
    identities: dict[str, str],
) -> bool:
    """One transaction: each file's row (identity last known) and its pages, replaced;
    whether any file's pages or problems differ from what the library held (the page
    digests tell), which the corpus's articles must then be made again for. A batch's
    rows go in a few statements, not a few a file: on a server each is a round trip."""
    kept = {path: stored_path(path) for path, _, _ in batch}
    rows = {path: [_page_row(corpus, page) for page in loaded] for path, loaded, _ in batch}
    problems = {path: _diagnostics_json(found) for path, _, found in batch}
    with connection:
        held = _held_files(connection, corpus, list(kept.values()))
        same_problems = {
            path: held[kept[path]][0]
            for path in kept
            if kept[path] in held and held[kept[path]][1] == problems[path]
        }
        digests = _digests(connection, list(same_problems.values()))
        unchanged = {
            path
            for path, file in same_problems.items()
            if digests.get(file, []) == [row[2] for row in rows[path]]
        }
        connection.executemany(
            "UPDATE files SET identity = ? WHERE id = ?",
            [(identities[path], same_problems[path]) for path in unchanged],
        )
        changed = [path for path, _, _ in batch if path not in unchanged]
        if not changed:
            return False
        connection.execute("UPDATE corpora SET resolved = 0 WHERE id = ?", (corpus,))
        first_file = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM files").fetchone()
        # The rows of the files held that changed go, with their pages; new ones had none.
        for chunk in chunks([held[kept[path]][0] for path in changed if kept[path] in held]):
            connection.execute(f"DELETE FROM files WHERE id IN ({marks(chunk)})", chunk)
        files = {path: int(first_file[0]) + n for n, path in enumerate(changed)}
        connection.executemany(
            "INSERT INTO files (id, corpus, path, rank, identity, diagnostics) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (files[path], corpus, kept[path], rank[path], identities[path], problems[path])
                for path in changed
            ],
        )
        first = _next_page(connection)
        page_rows = [(row[0], files[path], *row[1:]) for path in changed for row in rows[path]]
        connection.executemany(
            "INSERT INTO pages (id, corpus, file, line, digest, title, published, source, "
            "parsed, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(first + n, *row) for n, row in enumerate(page_rows)],
        )
    return True


def _held_files(
    connection: Connection, corpus: int, paths: Sequence[str | bytes]
) -> dict[str | bytes, tuple[int, str]]:
    """The files of the corpus the library holds among `paths` (as stored): id, problems."""
    held: dict[str | bytes, tuple[int, str]] = {}
    for start in range(0, len(paths), _CHECKED_AT_ONCE):
        chunk = paths[start : start + _CHECKED_AT_ONCE]
        for path, ident, diagnostics in connection.execute(
            "SELECT path, id, diagnostics FROM files "
            f"WHERE corpus = ? AND path IN ({','.join('?' * len(chunk))})",
            (corpus, *chunk),
        ):
            held[bytes(path) if isinstance(path, memoryview) else path] = (ident, diagnostics)
    return held


def _digests(connection: Connection, files: Sequence[int]) -> dict[int, list[str]]:
    """Each file's page digests, in the order its pages were stored."""
    found: dict[int, list[str]] = {}
    for start in range(0, len(files), _CHECKED_AT_ONCE):
        chunk = files[start : start + _CHECKED_AT_ONCE]
        for file, digest in connection.execute(
            "SELECT file, digest FROM pages "
            f"WHERE file IN ({','.join('?' * len(chunk))}) ORDER BY file, id",
            chunk,
        ):
            found.setdefault(file, []).append(digest)
    return found


def _next_page(connection: Connection) -> int:
    """A row number no page has had since the last link: the link tells a page from one
    gone by its number (see `reader.library.linking`), so none is given twice."""
    pages = connection.execute("SELECT coalesce(max(id), 0) FROM pages").fetchone()[0]
    kept = connection.execute("SELECT coalesce(max(page), 0) FROM page_tags").fetchone()[0]
    return max(int(pages), int(kept)) + 1


def _page_row(corpus: int, page: LoadedPage) -> tuple[object, ...]:
    """A page's row but for its file: corpus, line, digest, headline columns, stored form,
    web address (which the digest covers too: a page whose address changed has changed)."""
    story = page.parsed.story
    data = stored.encode(page)
    digest = hashlib.blake2b(data, digest_size=16)
    digest.update((page.origin.url or "").encode("utf-8", "surrogatepass"))
    return (
        corpus,
        page.origin.line,
        digest.hexdigest(),
        story.title,
        story.published.isoformat() if story.published else None,
        page.parsed.source,
        data,
        page.origin.url,
    )
