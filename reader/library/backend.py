"""What the rest of the library sees of a database, whichever holds it: a DB-API connection
that takes SQLite's SQL (see `reader.library.postgres` for how a server is made to), and a
library that hands such connections out.

A location is a file (or `:memory:`), kept in SQLite, or a `postgresql://` URL, kept by a
PostgreSQL server. Errors of either are `sqlite3.Error`s: a server that cannot be reached
fails as a disk that cannot be read does, so views handle both alike; and one that has gone
away for now is a `LibraryUnavailable`, whichever backend it is, so that a view can keep
what it shows and try again later (a `NewerSchema`, when a newer newsreader has made it
its own: kept, and not tried again).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sized
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, TypeVar

SERVER_SCHEMES = ("postgresql://", "postgres://")
USER_ENVIRONMENT = "NEWSREADER_USER"  # whose reading state a shared library keeps
IN_LIST = 500  # values one statement's IN list takes (under SQLite's old limit of 999)
T = TypeVar("T")


class LibraryUnavailable(sqlite3.OperationalError):
    """The library does not answer for now (a server that refused or dropped the
    connection): what was read from it still holds, and a later try may find it back.
    Nothing is half written: a transaction it cut short was rolled back."""

    sqlite_errorcode = sqlite3.SQLITE_IOERR
    sqlite_errorname = "SQLITE_IOERR"


class NewerSchema(LibraryUnavailable):
    """A server's library made (or, mid-session, migrated) by a newer newsreader: left as
    it is, for good rather than for now (trying again would not help). Met mid-session, it
    is an outage that does not end: what was read still holds, and nothing more is asked
    of the library or written to it."""


def is_server(location: str | Path | None) -> bool:
    """Whether `location` names a PostgreSQL server rather than a file."""
    return isinstance(location, str) and location.strip().lower().startswith(SERVER_SCHEMES)


class Cursor(Protocol):
    """The rows of one statement, as sqlite3's cursor gives them."""

    @property
    def lastrowid(self) -> int | None: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """The part of `sqlite3.Connection` the library uses: statements with `?` or `:name`
    parameters, and `with connection:` for a transaction."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Any, /) -> Cursor: ...

    def __enter__(self) -> Any: ...

    def __exit__(self, kind: Any, error: Any, trace: Any, /) -> Any: ...

    def close(self) -> None: ...

    @property
    def total_changes(self) -> int: ...


class Library(Protocol):
    """A library connections are opened on: `location` is what another process opens it by,
    `warning` why it is not the library asked for, when it is not."""

    @property
    def warning(self) -> str | None: ...

    @property
    def in_memory(self) -> bool: ...

    @property
    def path(self) -> Path | None: ...

    @property
    def location(self) -> str: ...

    def connect(self) -> Connection: ...

    def writing(self) -> contextlib.AbstractContextManager[None]: ...


def chunks(values: Iterable[T], size: int = IN_LIST) -> Iterator[list[T]]:
    """`values` an IN list (`size` of them) at a time: a statement for many rows asks
    for them in a few statements, not one a row (on a server, each is a round trip)."""
    chunk: list[T] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def marks(values: Sized) -> str:
    """An IN list's parameters, one for each of `values`."""
    return ",".join("?" * len(values))


def server_of(connection: Connection) -> str | None:
    """The server a connection is on, None for a file: a server's connection says so in a
    `server` attribute, which sqlite3's connections do not have."""
    server: str | None = getattr(connection, "server", None)
    return server


def full_text(connection: Connection) -> ModuleType:
    """The module that searches this connection's library: FTS5's, or the server's."""
    if server_of(connection) is not None:
        from reader.library import postgres_search

        return postgres_search
    from reader.library import search

    return search
