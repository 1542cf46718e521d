"""A corpus opened for reading: the library, the corpus of the paths given, and keeping the
one up to date with the other.

Views (the command line, the reader) open a session, read its `view()` at once (the last
committed state: instant on a corpus seen before), and call `update()` (in a thread of
their own, for the reader) to take in what changed in the dumps. A library that refuses
writes mid-way (a full or read-only disk) is left as it is, and the session carries on in
memory with a warning.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from reader.library.files import find_corpus
from reader.library.progress import IngestReport, Report
from reader.library.reading import CorpusView
from reader.library.store import in_memory, open_library


class Session:
    """The library and the corpus of `paths` in it."""

    def __init__(self, paths: Sequence[str | Path], location: str | Path | None = None) -> None:
        self.paths = [str(p) for p in paths]
        self.library, self._anchor = open_library(location)
        self.warnings: list[str] = [self.library.warning] if self.library.warning else []

    def view(self) -> CorpusView | None:
        """The corpus as last committed: its articles; or, while a first ingest has made
        none yet, its pages read so far; None when the library holds nothing of it."""
        corpus = find_corpus(self._anchor, self.paths)
        if corpus is None:
            return None
        made, pages = self._anchor.execute(
            "SELECT resolved OR EXISTS (SELECT 1 FROM articles WHERE corpus = corpora.id), "
            "EXISTS (SELECT 1 FROM pages WHERE corpus = corpora.id) FROM corpora WHERE id = ?",
            (corpus,),
        ).fetchone()
        if made:
            return CorpusView(self._anchor, corpus)
        return CorpusView(self._anchor, corpus, provisional=True) if pages else None

    def update(self, progress: Report | None = None) -> IngestReport:
        """Take in what changed in the dumps (safe to call from another thread)."""
        from reader.library.ingest import ingest  # the parser: imported by the thread using it

        connection = self.library.connect()
        try:
            return ingest(self.library, connection, self.paths, progress)
        except sqlite3.OperationalError as error:
            if self.library.in_memory:
                raise
            connection.close()
            self._degrade(f"the library cannot be written ({error}); reading without it")
            connection = self.library.connect()
            return ingest(self.library, connection, self.paths, progress)
        finally:
            connection.close()

    def _degrade(self, warning: str) -> None:
        library, anchor = in_memory(warning)
        self.library, self._anchor = library, anchor
        self.warnings.append(warning)

    def close(self) -> None:
        self._anchor.close()


def open_corpus(
    paths: Sequence[str | Path],
    location: str | Path | None = None,
    progress: Report | None = None,
) -> tuple[Session, CorpusView]:
    """A session with its corpus brought up to date: what every command reads."""
    session = Session(paths, location)
    session.update(progress)
    view = session.view()
    assert view is not None, "an ingest always leaves its corpus resolved"
    return session, view
