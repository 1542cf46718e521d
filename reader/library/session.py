"""A corpus opened for reading: the library, the corpus of the paths given, and keeping the
one up to date with the other.

Views (the command line, the reader) open a session, read its `view()` at once (the last
committed state: instant on a corpus seen before), and call `update()` (in a thread of
their own, for the reader) to take in what changed in the dumps. A library that refuses
writes mid-way (a full or read-only disk) is left as it is, and the session carries on in
memory with a warning. A library that stops answering (a server gone away) is watched
(`reader.library.guard`): the reader keeps what it shows and tries again until it is back.

A server that cannot be reached when the session opens gives a session in memory too, with
a warning; the session remembers the server (`awaiting`), for a view that stays open (the
reader) to try it again (`reopen`, in a thread) and go on there once it answers (`take`),
taking along the marks and places made in memory meanwhile, as the fall into memory takes
the file's along. Those marks are kept rather than refused: the reader was told that they
live in memory, a server that comes back keeps them after all, and a mark newer on the
server (made elsewhere meanwhile) is kept over them, as `state import` keeps it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.library.backend import Connection, LibraryUnavailable, NewerSchema, server_of
from reader.library.backend import Library as AnyLibrary
from reader.library.files import find_corpus
from reader.library.guard import Availability, Guarded, Listener
from reader.library.progress import IngestProgress, IngestReport, Report
from reader.library.reading import CorpusView
from reader.library.state import copy_state
from reader.library.store import default_path, in_memory, open_asked

if TYPE_CHECKING:
    from reader.library.search import Results


class Unwritable(sqlite3.OperationalError):
    """The library refused an ingest's writes (a full or read-only disk), as its worker
    process said."""


@dataclass(frozen=True, slots=True)
class Awaited:
    """A server a session could not reach as it opened, and reads without until it answers:
    its URL, whose state, why it was not there, and the session's warning of it."""

    location: str
    user: str | None
    reason: str
    warning: str


@dataclass(frozen=True, slots=True)
class Reopened:
    """The library on an awaited server, opened (by `Session.reopen`) and holding the
    corpus, for the session to go on in (`Session.take`); `server` names it."""

    library: AnyLibrary
    connection: Connection
    server: str


class Session:
    """The library and the corpus of `paths` in it; `user`: whose reading state, on a
    shared library (see `reader.library.postgres`). Its `connection` is the one a view
    reads as it paints and as keys ask: on a server that hangs, its statements are given up
    in seconds (see `reader.library.watchdog`); an update's and a search's wait on."""

    def __init__(
        self,
        paths: Sequence[str | Path],
        location: str | Path | None = None,
        user: str | None = None,
    ) -> None:
        self.paths = [str(p) for p in paths]
        self.awaiting: Awaited | None = None  # the server, while it has not answered yet
        chosen = str(location) if location is not None else default_path()
        try:
            self.library, anchor = open_asked(chosen, user, prompt=True)
        except NewerSchema as error:  # left as it is, for good: not tried again
            self.library, anchor = in_memory(f"{error}; reading without it this time")
        except LibraryUnavailable as error:
            warning = f"{error}; reading without it this time"
            self.library, anchor = in_memory(warning)
            self.awaiting = Awaited(chosen, user, str(error), warning)
        self.availability = Availability(lambda: self.library.connect())
        self._anchor = Guarded(anchor, self.availability)
        self._retired: Connection | None = None  # the library in memory `take` went on from
        self.warnings: list[str] = [self.library.warning] if self.library.warning else []
        self._worker: subprocess.Popen[str] | None = None

    def view(self) -> CorpusView | None:
        """The corpus as last committed: its articles; or, while a first ingest has made
        none yet, its pages read so far; None when the library holds nothing of it."""
        found = self._corpus_in(self._anchor)
        if found is None:
            return None
        corpus, provisional = found
        return CorpusView(self._anchor, corpus, provisional=provisional)

    def _corpus_in(self, connection: Connection) -> tuple[int, bool] | None:
        """The corpus of the paths in a library, and whether it is provisional (see
        `view`); None when the library holds nothing of it to show."""
        corpus = find_corpus(connection, self.paths)
        if corpus is None:
            return None
        made, pages = connection.execute(
            "SELECT resolved = 1 OR EXISTS (SELECT 1 FROM articles WHERE corpus = corpora.id), "
            "EXISTS (SELECT 1 FROM pages WHERE corpus = corpora.id) FROM corpora WHERE id = ?",
            (corpus,),
        ).fetchone()
        if made:
            return corpus, False
        return (corpus, True) if pages else None

    def update(self, progress: Report | None = None, *, apart: bool = False) -> IngestReport:
        """Take in what changed in the dumps (safe to call from another thread); `apart`:
        in a process of its own (see `reader.library.worker`), as the reader does."""
        if apart and not self.library.in_memory:
            try:
                return self._ingest_apart(self.library.location, progress)
            except LibraryUnavailable as error:  # gone for now (or for good): kept, not degraded
                self.availability.lost(error)
                raise
            except Unwritable as error:
                self._degrade(f"the library cannot be written ({error}); reading without it")
                return self.update(progress)
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

    def _ingest_apart(self, location: str, progress: Report | None) -> IngestReport:
        """Bring the corpus up to date in the library at `location`, in a worker process:
        LibraryUnavailable (or NewerSchema) or Unwritable when it says so."""
        command = [sys.executable, "-m", "reader.library.worker", location]
        with subprocess.Popen(
            [*command, *self.paths],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as worker:
            self._worker = worker
            report: IngestReport | None = None
            failure: sqlite3.OperationalError | None = None
            assert worker.stdout is not None and worker.stderr is not None
            for line in worker.stdout:
                message = json.loads(line)
                if "progress" in message and progress is not None:
                    progress(IngestProgress(**message["progress"]))
                elif "report" in message:
                    report = IngestReport(**message["report"])
                elif "unwritable" in message:
                    failure = Unwritable(str(message["unwritable"]))
                elif "unavailable" in message:
                    failure = LibraryUnavailable(str(message["unavailable"]))
                elif "newer" in message:
                    failure = NewerSchema(str(message["newer"]))
            errors = worker.stderr.read()
        self._worker = None
        if failure is not None:
            raise failure
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

    def reopen(self) -> Reopened | None:
        """Try the awaited server again (safe in a thread of its own): its library opened,
        and holding the corpus (brought up to date there first when it held none, so that
        there is something to show from it at once); None while it does not answer, or
        when nothing is awaited. NewerSchema when it answers with a library this newsreader
        cannot read, Unwritable or RuntimeError when the corpus could not be made there."""
        awaited = self.awaiting
        if awaited is None:
            return None
        try:
            library, connection = open_asked(awaited.location, awaited.user, prompt=True)
        except NewerSchema:
            raise
        except LibraryUnavailable:
            return None
        try:
            if self._corpus_in(connection) is None:
                self._ingest_apart(library.location, None)
        except BaseException as error:
            connection.close()
            if isinstance(error, LibraryUnavailable) and not isinstance(error, NewerSchema):
                return None  # gone again: tried again later
            raise
        return Reopened(library, connection, server_of(connection) or library.location)

    def take(self, reopened: Reopened) -> CorpusView | None:
        """Go on in the awaited server's library (from the thread that uses `connection`),
        taking along the marks and places made in memory meanwhile, in one transaction
        there: its view of the corpus. None, with the session as it was, when the server
        has gone again or holds no corpus of the paths now (it is tried again).

        The library in memory is kept, read only (a mark is never written where it would
        be lost), until `retire`: a view may still show its rows.
        """
        awaited, connection = self.awaiting, reopened.connection
        assert awaited is not None, "a server is taken once, when it was awaited"
        try:
            found = self._corpus_in(connection)
            if found is not None:
                copy_state(self._anchor, connection)
        except LibraryUnavailable:
            found = None
        if found is None:
            connection.close()
            return None
        self._anchor.execute("PRAGMA query_only = ON")
        self._retired = self._anchor
        self.library, self.awaiting = reopened.library, None
        self._anchor = Guarded(connection, self.availability)
        self.warnings = [w for w in self.warnings if w != awaited.warning]
        corpus, provisional = found
        return CorpusView(self._anchor, corpus, provisional=provisional)

    def retire(self) -> None:
        """Close the library in memory the session went on from, once nothing shows it."""
        retired, self._retired = self._retired, None
        if retired is not None:
            retired.close()

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
            with self._apart(corpus) as view:
                return view.search(text, limit)
        except LibraryUnavailable as error:
            return Results((), Terms(), (str(error),))

    def similar(self, corpus: int, article_id: str, limit: int) -> list[tuple[str, str]]:
        """(id, title) of the articles most like one, on a connection of its own (for a
        thread); none while the library does not answer: they are a help, not the news."""
        try:
            with self._apart(corpus) as view:
                return view.similar(article_id, limit)
        except LibraryUnavailable:
            return []

    @contextlib.contextmanager
    def _apart(self, corpus: int) -> Iterator[CorpusView]:
        """A corpus read through a connection of its own, closed after: for a thread."""
        connection = self.availability.connect()
        try:
            yield CorpusView(connection, corpus)
        finally:
            connection.close()

    def close(self) -> None:
        """Close the library; an update under way in its own process is stopped (it is safe
        to stop at any moment, and the next run carries on)."""
        worker = self._worker
        if worker is not None and worker.poll() is None:
            worker.terminate()
        self.retire()
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
