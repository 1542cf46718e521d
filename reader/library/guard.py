"""Whether the library answers: an outage noticed once, and refused at once while it lasts.

A server can go away in the middle of a session and come back. The session's connections
are watched (`Guarded`): the first statement that finds the library gone tells the
session's listeners (the reader says so, once), and every statement after it fails at once
with the same words instead of dialling a server that is not there for each row painted,
until `Availability.retry` finds the library back on a connection of its own. The reader
retries on a timer, in a thread, since a server behind a dead network takes the
connection's whole timeout to give up. Then the listeners hear that it is back, and each
connection reconnects at its next statement. A library a newer newsreader has made its own
(`NewerSchema`) is an outage that never ends: no try could find it back.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

from reader.library.backend import (
    Connection,
    Cursor,
    LibraryUnavailable,
    NewerSchema,
    server_of,
)

Listener = Callable[[LibraryUnavailable | None], None]  # the outage begun, or None: it ended


class Availability:
    """Whether the library of a session answers, as its connections last found; `connect`
    opens a connection of its own to try it again."""

    def __init__(self, connect: Callable[[], Connection]) -> None:
        self._connect = connect
        self._down: LibraryUnavailable | None = None
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def listen(self, listener: Listener) -> None:
        """Call `listener` when an outage begins and when it ends (from the thread that
        found it: a listener hands it on to its own)."""
        self._listeners.append(listener)

    def check(self) -> None:
        """Refuse a statement at once while the library is known not to answer."""
        down = self._down
        if down is not None:
            raise type(down)(*down.args)  # a new one: each carries its own traceback

    def lost(self, error: LibraryUnavailable) -> None:
        """A statement found the library gone: the listeners hear of it once an outage (and
        once more if it turns out to be for good)."""
        with self._lock:
            down = self._down
            begun = down is None or (
                isinstance(error, NewerSchema) and not isinstance(down, NewerSchema)
            )
            self._down = error if begun else down
        if begun:
            self._tell(error)

    def retry(self) -> bool:
        """Try the library on a connection of its own; whether it answers (then the outage
        is over, and the listeners hear it). A newer newsreader's is not tried."""
        if self._down is None:
            return True
        if isinstance(self._down, NewerSchema):
            return False
        try:
            connection = self._connect()
            try:
                connection.execute("SELECT 1").fetchone()
            finally:
                connection.close()
        except LibraryUnavailable:
            return False
        with self._lock:
            ended = self._down is not None
            self._down = None
        if ended:
            self._tell(None)
        return True

    def connect(self) -> Guarded:
        """A new connection, watched (refused at once while the library does not answer)."""
        with self.watching():
            return Guarded(self._connect(), self)

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        """Run a statement: refused at once during an outage; one that finds the library
        gone begins one."""
        self.check()
        try:
            yield
        except LibraryUnavailable as error:
            self.lost(error)
            raise

    def _tell(self, error: LibraryUnavailable | None) -> None:
        for listener in list(self._listeners):
            listener(error)


class Guarded:
    """A connection whose statements `availability` watches (see the module's account)."""

    def __init__(self, connection: Connection, availability: Availability) -> None:
        self._connection = connection
        self._availability = availability

    @property
    def server(self) -> str | None:
        """The server it is on (None for a file): what `backend.full_text` asks."""
        return server_of(self._connection)

    @property
    def total_changes(self) -> int:
        return self._connection.total_changes

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor:
        with self._availability.watching():
            return self._connection.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> Cursor:
        with self._availability.watching():
            return self._connection.executemany(sql, parameters)

    def __enter__(self) -> Guarded:
        with self._availability.watching():
            self._connection.__enter__()
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any, /) -> Any:
        # Always handed on, outage or not: the transaction must end (rolled back, when
        # the library went away inside it).
        try:
            return self._connection.__exit__(kind, error, trace)
        except LibraryUnavailable as lost:
            self._availability.lost(lost)
            raise

    def close(self) -> None:
        self._connection.close()
