"""What `newsreader library` says of the library, and dropping a folder's corpora from it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from reader.library.backend import Connection, Library
from reader.model import shown_path

_MEGABYTE = 1024 * 1024


def describe(library: Library, connection: Connection) -> list[str]:
    """Lines for a person: the file, its size, then each corpus with its counts."""
    lines = []
    server, user = getattr(library, "server", None), getattr(library, "user", None)
    if server is not None:
        lines.append(f"library: the PostgreSQL server {server} (shared; the state of {user})")
    elif library.path is None:
        lines.append("library: in memory (nothing is kept)")
    else:
        size = sum(
            os.path.getsize(f"{library.path}{suffix}")
            for suffix in ("", "-wal")
            if os.path.exists(f"{library.path}{suffix}")
        )
        lines.append(f"library: {shown_path(str(library.path))} ({size / _MEGABYTE:.1f} MB)")
    if library.warning:
        lines.append(f"warning: {library.warning}")
    rows = connection.execute(
        "SELECT roots, pages, articles, failed, used, "
        "(SELECT count(*) FROM files WHERE corpus = corpora.id), "
        "(SELECT count(*) FROM tags WHERE corpus = corpora.id) "
        "FROM corpora ORDER BY used DESC"
    ).fetchall()
    lines.append(f"corpora: {len(rows)}")
    for roots, pages, articles, failed, used, files, tags in rows:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(used))
        shown = " ".join(shown_path(r) for r in json.loads(roots))
        lines.append(
            f"  {shown}: {files} files, {pages} pages, {articles} articles, {tags} tags, "
            f"{failed} failed; opened {when}"
        )
    return lines


def forget(connection: Connection, path: Path) -> list[list[str]]:
    """Drop every corpus one of whose roots is `path` or lies inside it; their roots."""
    target = os.path.abspath(path)
    dropped = []
    with connection:
        for ident, roots in connection.execute("SELECT id, roots FROM corpora").fetchall():
            paths = json.loads(roots)
            if any(p == target or p.startswith(target.rstrip(os.sep) + os.sep) for p in paths):
                for table in ("article_tags", "tags", "links", "origins", "story_ids"):
                    connection.execute(f"DELETE FROM {table} WHERE corpus = ?", (ident,))
                connection.execute("DELETE FROM corpora WHERE id = ?", (ident,))
                dropped.append(paths)
    return dropped
