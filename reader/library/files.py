"""Files as the library knows them: a path it can store, the identity that tells a file
changed without reading it, and the key of a corpus (the paths it was opened on).

Apart from the ingest so that the reader can check a file without importing the parser.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from reader.library.backend import Connection


def corpus_roots(paths: Sequence[str | Path]) -> str:
    """The key of a corpus: its paths, absolute, in the order given."""
    return as_json([os.path.abspath(p) for p in paths])


def as_json(value: object) -> str:
    """JSON for a text column: Arabic as itself, but a file name's bytes that are not UTF-8
    (lone surrogates, which SQLite cannot store as text) escaped, so they read back."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text


def stored_path(path: str) -> str | bytes:
    """A path as SQLite can keep it: text, or its bytes when it is not UTF-8."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape")
    return path


def read_path(value: str | bytes) -> str:
    """A path back from `stored_path`."""
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else value


def find_corpus(connection: Connection, paths: Sequence[str | Path]) -> int | None:
    """The id of the corpus of `paths`, if the library has one."""
    row = connection.execute(
        "SELECT id FROM corpora WHERE roots = ?", (corpus_roots(paths),)
    ).fetchone()
    return row[0] if row else None


def file_identity(path: str) -> str:
    """What tells a file changed without reading it: device, inode, size, both times."""
    try:
        info = os.stat(path)
    except OSError as error:
        return f"unreadable {error.errno}"
    return f"{info.st_dev} {info.st_ino} {info.st_size} {info.st_mtime_ns} {info.st_ctime_ns}"
