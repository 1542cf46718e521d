"""Where the library lives, and opening it: WAL, a schema brought up to date, and every way
the file can fail turned into a warning and a library that still works.

A library that cannot be written (a read-only or full disk, a data directory that is a
file, a server that cannot be reached) degrades to one in memory for this session; a file
that is damaged, or was made by a newer newsreader, is moved aside and made again from the
dumps (a server's library of a newer schema is left as it is, for the newsreaders that
read it). None is worth a traceback: the dumps are the truth, the library saves time.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reader.library.backend import Connection, is_server
from reader.library.backend import Library as AnyLibrary
from reader.library.schema import MIGRATIONS, SCHEMA_VERSION
from reader.model import shown_path

ENVIRONMENT = "NEWSREADER_LIBRARY"
FILE_NAME = "library.sqlite3"
MEMORY = ":memory:"
BUSY_SECONDS = 30.0  # how long a reader waits for another process's write to commit
CACHE_KIB = 65536  # SQLite's page cache a connection may use: an ingest touches much
_memory_names = itertools.count()


def default_path() -> str:
    """`NEWSREADER_LIBRARY`, else `library.sqlite3` in the user's data directory."""
    chosen = os.environ.get(ENVIRONMENT, "").strip()
    if chosen:
        return chosen
    return str(Path(platformdirs.user_data_dir("newsreader", appauthor=False)) / FILE_NAME)


class LibraryError(RuntimeError):
    """The library file cannot serve: said once, in words, and then worked around."""


@dataclass(frozen=True, slots=True)
class Library:
    """A library file (or a named in-memory database) that connections are opened on.

    `uri` is what sqlite3 connects to; `path` is the file (None in memory); `warning` says
    why this is not the library asked for, when it is not.
    """

    uri: str
    path: Path | None
    warning: str | None = None

    @property
    def in_memory(self) -> bool:
        return self.path is None

    @property
    def location(self) -> str:
        return self.uri if self.path is None else str(self.path)

    def connect(self) -> sqlite3.Connection:
        """A new connection (one per thread): foreign keys on, waiting for writers."""
        connection = sqlite3.connect(
            self.uri, uri=True, timeout=BUSY_SECONDS, check_same_thread=False
        )
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if self.in_memory:
            # Shared-cache memory databases lock tables, not files: a reader must not
            # wait for the ingest thread's open transaction.
            connection.execute("PRAGMA read_uncommitted = ON")
        else:
            connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the library's write lock: one ingest at a time, across processes; a second
        waits, while readers keep reading the last committed state."""
        if self.path is None:
            yield
            return
        with open(f"{self.path}.lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def in_memory(warning: str | None = None) -> tuple[Library, sqlite3.Connection]:
    """A fresh library in memory, and the connection that keeps it alive: a shared-cache
    memory database lives as long as one connection to it is open."""
    name = f"newsreader-{os.getpid()}-{next(_memory_names)}"
    library = Library(f"file:{name}?mode=memory&cache=shared", None, warning)
    anchor = library.connect()
    _migrate(anchor)
    return library, anchor


def open_library(
    path: str | Path | None = None, user: str | None = None
) -> tuple[AnyLibrary, Connection]:
    """The library at `path` (default: `default_path()`), a file or a server's URL, up to
    date, and a connection to it; `user`: whose reading state a server's library keeps.

    Never raises for the library's sake: see the module's account of what happens instead.
    """
    chosen = str(path) if path is not None else default_path()
    if chosen == MEMORY:
        return in_memory()
    if is_server(chosen):
        return _open_server(chosen, user)
    file = Path(chosen).expanduser()
    try:
        return _open_file(file, None)
    except LibraryError as error:
        moved = _move_aside(file)
        if moved is None:
            return in_memory(f"{error}; reading without a library this time")
        note = f"{error}; it was moved to {shown_path(str(moved))} and is made again"
        try:
            return _open_file(file, note)
        except (LibraryError, OSError, sqlite3.Error) as again:
            return in_memory(f"{note}, which failed too ({again}); reading without a library")
    except (OSError, sqlite3.Error) as error:
        where = shown_path(str(file))
        return in_memory(
            f"the library {where} cannot be used ({_reason(error)}); reading without one this time"
        )


def _open_server(url: str, user: str | None) -> tuple[AnyLibrary, Connection]:
    """A server's library; one that cannot serve (unreachable, or of a newer schema, which
    is left as it is) gives its warning and a library in memory for this session."""
    try:
        return open_asked(url, user)
    except sqlite3.OperationalError as error:
        return in_memory(f"{error}; reading without it this time")


def open_asked(
    path: str | Path | None = None, user: str | None = None, *, prompt: bool = False
) -> tuple[AnyLibrary, Connection]:
    """As `open_library`, but a server's library that cannot serve is an error rather than
    one in memory, for what has nothing to do in one: LibraryUnavailable while the server
    does not answer, NewerSchema when its library is of a newer schema. `prompt`: the
    connection is an interface's, whose statements a server that hangs gives up (see
    `reader.library.watchdog`)."""
    chosen = str(path) if path is not None else default_path()
    if not is_server(chosen):
        return open_library(chosen, user)
    from reader.library.postgres import open_server  # psycopg: only for servers

    return open_server(chosen, user, prompt=prompt)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(error)


def _open_file(file: Path, warning: str | None) -> tuple[Library, sqlite3.Connection]:
    file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    library = Library(f"{file.resolve().as_uri()}", file, warning)
    connection: sqlite3.Connection | None = None
    try:
        connection = library.connect()
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise sqlite3.OperationalError(f"cannot use write-ahead logging ({mode})")
        _migrate(connection)
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        if isinstance(error, sqlite3.OperationalError) and not _damaged(error):
            raise
        raise LibraryError(f"the library {shown_path(str(file))} is damaged ({error})") from error
    except LibraryError:
        if connection is not None:
            connection.close()
        raise
    return library, connection


def _damaged(error: sqlite3.OperationalError) -> bool:
    """Whether an operational error means the file's content is bad (rather than the disk
    refusing a write, which a moved-aside file would not cure)."""
    text = str(error).lower()
    return any(s in text for s in ("malformed", "not a database", "no such table"))


def _migrate(connection: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION, each step in its own transaction."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"the library was made by a newer newsreader (schema {version}, "
            f"this one reads {SCHEMA_VERSION})"
        )
    if version == 0 and connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise LibraryError("the library file holds tables of something else")
    for number in range(version, SCHEMA_VERSION):
        connection.executescript(
            f"BEGIN; {MIGRATIONS[number]}; PRAGMA user_version = {number + 1}; COMMIT;"
        )


def _move_aside(file: Path) -> Path | None:
    """Rename a library that cannot serve (and its WAL files) out of the way; None when
    there was nothing to move or it could not be moved."""
    target = file.with_name(f"{file.name}.unusable-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(file, target)
    except OSError:
        return None
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.replace(f"{file}{suffix}", f"{target}{suffix}")
    return target
