"""A corpus opened for reading: the library, the corpus of the paths given, and keeping the
one up to date with the other.

Views (the command line, the reader) open a session, read its `view()` at once (the last
committed state: instant on a corpus seen before), and call `update()` (in a thread of
their own, for the reader) to take in what changed in the dumps. A library that refuses
writes mid-way (a full or read-only disk) is left as it is, and the session carries on in
memory with a warning. A library that stops answering (a server gone away) is watched
(`reader.library.guard`): the reader keeps what it shows and tries again until it is back.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from reader.library.backend import Connection, LibraryUnavailable
from reader.library.files import find_corpus
from reader.library.guard import Availability, Guarded, Listener
from reader.library.progress import IngestProgress, IngestReport, Report
from reader.library.reading import CorpusView
from reader.library.state import copy_state
from reader.library.store import in_memory, open_library

if TYPE_CHECKING:
    from reader.library.search import Results


class Session:
    """The library and the corpus of `paths` in it; `user`: whose reading state, on a
    shared library (see `reader.library.postgres`)."""

    def __init__(
        self,
        paths: Sequence[str | Path],
        location: str | Path | None = None,
        user: str | None = None,
    ) -> None:
        self.paths = [str(p) for p in paths]
        self.library, anchor = open_library(location, user)
        self.availability = Availability(lambda: self.library.connect())
        self._anchor = Guarded(anchor, self.availability)
        self.warnings: list[str] = [self.library.warning] if self.library.warning else []
        self._worker: subprocess.Popen[str] | None = None

    def view(self) -> CorpusView | None:
        """The corpus as last committed: its articles; or, while a first ingest has made
        none yet, its pages read so far; None when the library holds nothing of it."""
        corpus = find_corpus(self._anchor, self.paths)
        if corpus is None:
            return None
        made, pages = self._anchor.execute(
            "SELECT resolved = 1 OR EXISTS (SELECT 1 FROM articles WHERE corpus = corpora.id), "
            "EXISTS (SELECT 1 FROM pages WHERE corpus = corpora.id) FROM corpora WHERE id = ?",
            (corpus,),
        ).fetchone()
        if made:
            return CorpusView(self._anchor, corpus)
        return CorpusView(self._anchor, corpus, provisional=True) if pages else None

    def update(self, progress: Report | None = None, *, apart: bool = False) -> IngestReport:
        """Take in what changed in the dumps (safe to call from another thread); `apart`:
        in a process of its own (see `reader.library.worker`), as the reader does."""
        if apart and not self.library.in_memory:
            return self._update_apart(progress)
        from reader.library.ingest import ingest  # the parser: imported by the thread using it

        connection = self.library.connect()
        try:
            return ingest(self.library, connection, self.paths, progress)
        except (sqlite3.OperationalError, OSError) as error:  # a full or read-only disk
            if self.library.in_memory:
                raise
            connection.close()
            self._degrade(f"the library cannot be written ({error}); reading without it")
            connection = self.library.connect()
            return ingest(self.library, connection, self.paths, progress)
        finally:
            connection.close()

    def _update_apart(self, progress: Report | None) -> IngestReport:
        command = [sys.executable, "-m", "reader.library.worker", self.library.location]
        with subprocess.Popen(
            [*command, *self.paths],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as worker:
            self._worker = worker
            report: IngestReport | None = None
            unwritable: str | None = None
            unavailable: str | None = None
            assert worker.stdout is not None and worker.stderr is not None
            for line in worker.stdout:
                message = json.loads(line)
                if "progress" in message and progress is not None:
                    progress(IngestProgress(**message["progress"]))
                elif "report" in message:
                    report = IngestReport(**message["report"])
                elif "unwritable" in message:
                    unwritable = str(message["unwritable"])
                elif "unavailable" in message:
                    unavailable = str(message["unavailable"])
            errors = worker.stderr.read()
        self._worker = None
        if unavailable is not None:  # gone for now, not unwritable: kept, and tried again
            error = LibraryUnavailable(unavailable)
            self.availability.lost(error)
            raise error
        if unwritable is not None:
            self._degrade(f"the library cannot be written ({unwritable}); reading without it")
            return self.update(progress)
        if report is None:
            last = errors.strip().splitlines()[-1:] or [f"exit status {worker.returncode}"]
            raise RuntimeError(f"the library could not be brought up to date: {last[0]}")
        return report

    def _degrade(self, warning: str) -> None:
        """Go on in memory, taking along the reader's marks and places (the file could
        still be read, only not written)."""
        library, anchor = in_memory(warning)
        try:
            copy_state(self._anchor, anchor)
        except sqlite3.Error as error:
            warning = f"{warning}; the marks made so far could not be carried over ({error})"
        self.library, self._anchor = library, Guarded(anchor, self.availability)
        self.warnings.append(warning)

    @property
    def connection(self) -> Connection:
        """The connection views read (and the reader marks) through."""
        return self._anchor

    def watch(self, listener: Listener) -> None:
        """Hear when the library stops answering, and when it answers again."""
        self.availability.listen(listener)

    def retry(self) -> bool:
        """Whether the library answers again, tried on a connection of its own (at once
        when there is no outage): safe to call from another thread."""
        return self.availability.retry()

    def search(self, corpus: int, text: str, limit: int) -> Results:
        """A full-text search of a corpus on a connection of its own (for a thread); a
        library that does not answer finds nothing, and its note says why."""
        from reader.library.search import Results  # the search: when first asked for
        from reader.text.snippet import Terms

        try:
            connection = self.availability.connect()
            try:
                return CorpusView(connection, corpus).search(text, limit)
            finally:
                connection.close()
        except LibraryUnavailable as error:
            return Results((), Terms(), (str(error),))

    def similar(self, corpus: int, article_id: str, limit: int) -> list[tuple[str, str]]:
        """(id, title) of the articles most like one, on a connection of its own (for a
        thread); none while the library does not answer: they are a help, not the news."""
        try:
            connection = self.availability.connect()
            try:
                return CorpusView(connection, corpus).similar(article_id, limit)
            finally:
                connection.close()
        except LibraryUnavailable:
            return []

    def close(self) -> None:
        """Close the library; an update under way in its own process is stopped (it is safe
        to stop at any moment, and the next run carries on)."""
        worker = self._worker
        if worker is not None and worker.poll() is None:
            worker.terminate()
        self._anchor.close()


Opened = tuple[Session, CorpusView | None]  # a session, and what its library already holds


class Opening:
    """A session being opened in a daemon thread of its own, with its first `view()`.

    The reader starts it before it imports and builds its interface, which takes longer
    than opening a library: the first frame can then show the headlines instead of an
    empty list that a moment later fills. A daemon thread, so that quitting never waits
    for a library that is slow to open.
    """

    def __init__(self, opener: Callable[[], Session]) -> None:
        self._opener = opener
        self._future: Future[Opened] = Future()
        self._started = False

    def start(self) -> Opening:
        """Begin opening, if not yet begun."""
        if not self._started:
            self._started = True
            threading.Thread(target=self._open, name="newsreader-open", daemon=True).start()
        return self

    def _open(self) -> None:
        try:
            session = self._opener()
            self._future.set_result((session, session.view()))
        except BaseException as error:  # handed to whoever waits, raised there
            self._future.set_exception(error)

    def ready(self) -> Opened | None:
        """The session and its view if they are open already and opening did not fail."""
        future = self._future
        return future.result() if future.done() and future.exception() is None else None

    def wait(self) -> Opened:
        """The session and its view once open; raises what opening raised."""
        return self.start()._future.result()


def open_corpus(
    paths: Sequence[str | Path],
    location: str | Path | None = None,
    progress: Report | None = None,
    user: str | None = None,
) -> tuple[Session, CorpusView]:
    """A session with its corpus brought up to date: what every command reads."""
    session = Session(paths, location, user)
    session.update(progress)
    view = session.view()
    assert view is not None, "an ingest always leaves its corpus resolved"
    return session, view
