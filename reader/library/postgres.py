"""A library on a PostgreSQL server: a connection that takes the SQLite SQL the rest of the
library writes, and the schema's migrations made into the server's DDL.

One body of SQL serves both backends. Statements are translated as they run (and cached):
`?` and `:name` parameters become psycopg's, `INSERT OR IGNORE` an `ON CONFLICT DO
NOTHING`, `CROSS JOIN` (SQLite's hint to keep the join order) a join, `instr` `strpos`,
a scalar `max`/`min` `greatest`/`least`, `IS x` `IS NOT DISTINCT FROM x`, and a
descending order puts NULLs last, as SQLite does. A statement run for many rows at once
goes in a few round trips, not one a row: a plain insert as a COPY, an insert that meets
conflicts as inserts of many rows each, anything else in a pipeline. The migrations in
`schema` are SQLite DDL; each is made into PostgreSQL's when it runs: integers are 64-bit,
an `INTEGER PRIMARY KEY` an identity, BLOB BYTEA, text compared by code point (SQLite's
order), an FTS5 table over another table's columns a weighted `tsvector` column of that
table with a GIN index, and a trigger a PL/pgSQL function (triggers that only feed FTS5
are dropped: the column keeps itself). New migrations written in the same style translate
alike.

Reading state is per reader: the tables `schema.READER_TABLES` live in a schema of each
reader's own (`reader_NAME`, first on the connection's search path), the corpus in
`public`, so the same SQL reads one reader's marks beside everyone's articles.

A newer newsreader may migrate the library while this one has it open. Each schema's
version row is the token: a migration locks it before it changes a table and updates it
in the same transaction; every transaction of this newsreader's (every write) begins by
sharing that lock and reading the versions, so a write either ends before a migration
begins or finds the newer version and is refused whole (`NewerSchema`): nothing of this
newsreader's lands in a library it does not know. A statement outside a transaction (a
read) that the server refuses asks the versions too: one a migration broke is refused in
the same words.

psycopg is imported here only, and this module only when a location is a server's URL.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

import psycopg

from reader.library.backend import USER_ENVIRONMENT, LibraryUnavailable, NewerSchema
from reader.library.schema import MIGRATIONS, READER_TABLES, SCHEMA_VERSION
from reader.library.watchdog import Watchdog

SHARED_SCHEMA = "public"
VERSION_TABLE = "newsreader_schema"  # one row: the version of the tables of its schema
PIPELINED_ROWS = 64  # rows from which a statement for many rows is sent in a batch
ROWS_AT_ONCE = 1000  # rows one insert of many carries (fewer when they would pass …)
MOST_PARAMETERS = 65535  # … the parameters one statement may have on the server
CONNECT_SECONDS = 10  # how long a reader waits for a server before saying it is not there
# A server behind a network that died sends no reset: without these, a statement would wait
# for TCP's own timeout (a quarter of an hour) before the outage is seen. Keepalive probes
# after this many idle seconds, every KEEPALIVE_EVERY seconds, KEEPALIVE_PROBES of them,
# notice a silent peer; data sent and not acknowledged for DEAD_LINK_SECONDS ends the
# connection. A unix socket ignores all four.
KEEPALIVE_IDLE = 5
KEEPALIVE_EVERY = 2
KEEPALIVE_PROBES = 3
DEAD_LINK_SECONDS = 10
# A server that hangs is noticed by none of those (its kernel still acknowledges): the
# interface's statements are watched instead (`reader.library.watchdog`). One that has run
# PROMPT_SECONDS has the server asked, on a connection of its own, whether it answers at
# all; no answer within PROBE_SECONDS (libpq's least connect timeout) gives it up. The
# interface's connection, made again after an outage, waits as long for the server.
PROMPT_SECONDS = 1
PROBE_SECONDS = 2
# Keys of the advisory locks (any 64-bit numbers no other program on the server uses).
MIGRATION_LOCK = 0x6E65_7773_0001  # one process brings the schema up to date at a time
WRITE_LOCK = 0x6E65_7773_0002  # one ingest at a time, across machines
WRITE_WAIT = 0.2  # seconds between tries at the write lock while another ingest holds it
_READER_NAME = re.compile(r"[a-z_][a-z0-9_]{0,40}")  # a role name kept as it is in a schema's
_FTS_WEIGHTS = "ABCD"  # a full-text table's columns weigh, in order, A, B, C; the last D
_TOKEN = re.compile(
    r"'(?:[^']|'')*'"  # a string
    r'|"(?:[^"]|"")*"'  # a quoted name
    r"|[A-Za-z_][A-Za-z0-9_$]*"  # a word
    r"|:[A-Za-z_][A-Za-z0-9_]*"  # a named parameter
    r"|\s+"
    r"|."
)
_SQLITE_TYPES = {"INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION", "BLOB": "BYTEA"}
_NOT_COMPARED = {"NULL", "NOT", "TRUE", "FALSE", "DISTINCT"}  # what may follow IS as it is


class ServerError(LibraryUnavailable):
    """The server refused or dropped the connection: a library that cannot be used for now,
    as an unreadable file is one (`sqlite3.Error`, so that views handle both alike)."""


class Unanswered(ServerError):
    """A statement of the interface's given up: the server answered neither it nor a probe
    (see `reader.library.watchdog`)."""


def server_name(url: str) -> str:
    """The server and database of a URL, for messages: never its password."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    if host.startswith("%2f") or host.startswith("/"):
        host = host.replace("%2f", "/").replace("%2F", "/")
    query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
    host = query.get("host", host)
    port = f":{parts.port}" if parts.port else ""
    return f"{host}{port}{parts.path or '/'}"


# ----- SQL ------------------------------------------------------------------------------
def _tokens(sql: str) -> list[str]:
    return _TOKEN.findall(sql)


def _word(token: str) -> str:
    return token.upper() if token[:1].isalpha() or token[:1] == "_" else ""


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """SQLite's SQL as PostgreSQL (with psycopg's parameters) runs it."""
    tokens = _tokens(sql)
    out: list[str] = []
    ignore = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        word = _word(token)
        following = _next_words(tokens, i, 2)
        if token == "?":
            out.append("%s")
        elif token.startswith(":") and len(token) > 1:
            out.append(f"%({token[1:]})s")
        elif token == "%":
            out.append("%%")
        elif word == "INSERT" and following == ["OR", "IGNORE"]:
            out.append("INSERT")
            i = _skip_words(tokens, i, 2)
            ignore = True
        elif word == "CROSS" and following[:1] == ["JOIN"]:
            i += 2 if i + 1 < len(tokens) and tokens[i + 1].isspace() else 1
            continue
        elif word == "INSTR" and _opens(tokens, i):
            out.append("strpos")
        elif word in ("MAX", "MIN") and _opens(tokens, i) and _arguments(tokens, i) > 1:
            out.append("greatest" if word == "MAX" else "least")
        elif (
            word == "IS"
            and following[:1] == ["NOT"]
            and _next_words(tokens, i, 2)[1:]
            and (_next_words(tokens, i, 2)[1] not in _NOT_COMPARED)
        ):
            out.append("IS DISTINCT FROM")
            i = _skip_words(tokens, i, 1)
        elif word == "IS" and not (following[:1] and following[0] in _NOT_COMPARED):
            out.append("IS NOT DISTINCT FROM")
        elif word == "DESC" and following[:1] != ["NULLS"]:
            out.append("DESC NULLS LAST")
        else:
            out.append(token.replace("%", "%%"))
        i += 1
    text = "".join(out)
    return f"{text.rstrip().rstrip(';')} ON CONFLICT DO NOTHING" if ignore else text


def _next_words(tokens: list[str], i: int, count: int) -> list[str]:
    """The next `count` tokens after token i that are not spaces, as words (upper case)."""
    found: list[str] = []
    for token in tokens[i + 1 :]:
        if token.isspace():
            continue
        found.append(_word(token) or token)
        if len(found) == count:
            break
    return found


def _skip_words(tokens: list[str], i: int, count: int) -> int:
    """The index of the `count`-th token after i that is not a space (i itself for 0)."""
    for _ in range(count):
        i += 1
        while tokens[i].isspace():
            i += 1
    return i


def _opens(tokens: list[str], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1] == "("


def _arguments(tokens: list[str], i: int) -> int:
    """How many arguments the call whose name is token i takes (its top-level commas + 1)."""
    depth, commas = 0, 0
    for token in tokens[i + 1 :]:
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
            if depth == 0:
                break
        elif token == "," and depth == 1:
            commas += 1
    return commas + 1


# ----- DDL ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Step:
    """One migration as the server runs it: statements on the shared tables, and on each
    reader's own."""

    shared: tuple[str, ...]
    reader: tuple[str, ...]


def statements(script: str) -> list[str]:
    """A script's statements (a trigger's body, between BEGIN and END, is one)."""
    found: list[str] = []
    current: list[str] = []
    depth = 0
    for token in _tokens(script):
        word = _word(token)
        if word == "BEGIN" and any(_word(t) == "TRIGGER" for t in current):
            depth += 1
        elif word == "END" and depth:
            depth -= 1
        if token == ";" and not depth:
            text = "".join(current).strip()
            if text:
                found.append(text)
            current = []
            continue
        current.append(token)
    text = "".join(current).strip()
    if text:
        found.append(text)
    return found


def target_table(statement: str) -> str:
    """The table a DDL or DML statement works on (lower case), '' when none is named."""
    words = [w for w in (_word(t) or t for t in _tokens(statement)) if not w.isspace()]
    for before in ("TABLE", "ON", "INTO", "UPDATE", "FROM"):
        if before in words:
            at = words.index(before)
            if at + 1 < len(words):
                name = words[at + 1]
                if name in ("IF", "NOT", "EXISTS") and "EXISTS" in words:
                    name = words[words.index("EXISTS") + 1]
                return name.lower().strip('"')
    return ""


@functools.lru_cache(maxsize=1)
def steps() -> tuple[Step, ...]:
    """Every migration made into the server's DDL (still in SQLite's dialect otherwise:
    the connection translates it as it runs it, as any statement)."""
    fts: set[str] = set()
    made = []
    for script in MIGRATIONS:
        shared: list[str] = []
        reader: list[str] = []
        for statement in statements(script):
            for ddl in server_ddl(statement, fts):
                (reader if target_table(ddl) in READER_TABLES else shared).append(ddl)
        made.append(Step(tuple(shared), tuple(reader)))
    return tuple(made)


def server_ddl(statement: str, fts: set[str]) -> list[str]:
    """One SQLite statement as the server's statements (none for what it does by itself).
    `fts` gathers the names the server has no object for: FTS5 tables, and the triggers
    that only feed them."""
    words = [w for w in (_word(t) for t in _tokens(statement)) if w]
    if words[:3] == ["CREATE", "VIRTUAL", "TABLE"]:
        return _full_text_column(statement, fts)
    if words[:2] == ["CREATE", "TRIGGER"]:
        return _trigger(statement, fts)
    if words[:2] == ["DROP", "TRIGGER"]:
        name = words[-1].lower()
        assert name in fts, statement  # the server's own triggers need their table named
        return []
    if words[:2] in (["CREATE", "TABLE"], ["ALTER", "TABLE"]):
        statement = _server_types(statement)
    return [statement]


def _server_types(statement: str) -> str:
    tokens = _tokens(statement)
    out = []
    for n, token in enumerate(tokens):
        word = _word(token)
        rest = _next_words(tokens, n, 2)
        if word == "INTEGER" and rest == ["PRIMARY", "KEY"]:
            out.append("BIGINT GENERATED BY DEFAULT AS IDENTITY")
        elif word in _SQLITE_TYPES:
            out.append(_SQLITE_TYPES[word])
        elif word == "TEXT":
            out.append('TEXT COLLATE "C"')
        else:
            out.append(token)
    text = "".join(out)
    return re.sub(r"\)\s*WITHOUT\s+ROWID\s*$", ")", text, flags=re.IGNORECASE)


def _full_text_column(statement: str, fts: set[str]) -> list[str]:
    """An FTS5 table over another table's columns as a weighted tsvector column of that
    table, kept by the server, with its GIN index; its vocabulary tables are left out."""
    match = re.match(
        r"CREATE\s+VIRTUAL\s+TABLE\s+(\w+)\s+USING\s+(\w+)\s*\((.*)\)\s*$",
        statement,
        flags=re.IGNORECASE | re.DOTALL,
    )
    assert match is not None, statement
    name, module, body = match.group(1), match.group(2).lower(), match.group(3)
    if module != "fts5":
        return []
    fts.add(name.lower())
    columns, options = [], {}
    for part in (p.strip() for p in body.split(",")):
        if "=" in part:
            option, value = (s.strip() for s in part.split("=", 1))
            options[option.lower()] = value.strip("'")
        else:
            columns.append(part)
    weights = [_FTS_WEIGHTS[min(n, 2)] for n in range(len(columns) - 1)] + ["D"]
    vector = " || ".join(
        f"setweight(to_tsvector('simple', {c}), '{w}')"
        for c, w in zip(columns, weights, strict=True)
    )
    table = options["content"]
    return [
        f"ALTER TABLE {table} ADD COLUMN {name} tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX {name}_terms ON {table} USING gin ({name})",
    ]


def _trigger(statement: str, fts: set[str]) -> list[str]:
    """A SQLite trigger as a PL/pgSQL function and the trigger that calls it."""
    match = re.match(
        r"CREATE\s+TRIGGER\s+(\w+)\s+(BEFORE|AFTER)\s+(INSERT|UPDATE|DELETE)\s+ON\s+(\w+)"
        r"\s+BEGIN\s+(.*)\s+END\s*$",
        statement,
        flags=re.IGNORECASE | re.DOTALL,
    )
    assert match is not None, statement
    name, when, event, table, body = match.groups()
    actions = statements(body)
    if all(target_table(a) in fts for a in actions):
        fts.add(name.lower())
        return []
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"{'; '.join(actions)}; RETURN NULL; END $$",
        f"CREATE TRIGGER {name} {when} {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


@functools.lru_cache(maxsize=1)
def rowid_tables() -> frozenset[str]:
    """Tables whose `id` the server numbers (SQLite's `INTEGER PRIMARY KEY`): an insert
    into one returns its row's id, as SQLite's `lastrowid`."""
    found = set()
    for script in MIGRATIONS:
        for statement in statements(script):
            if re.search(r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b", statement, re.IGNORECASE):
                found.add(target_table(statement))
    return frozenset(found)


# ----- connections ----------------------------------------------------------------------
class ServerCursor:
    """A statement's rows, and the id of the row it inserted."""

    def __init__(self, cursor: psycopg.Cursor[Any], lastrowid: int | None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class ServerConnection:
    """A connection to the server that takes the library's SQLite SQL. Statements outside
    `with connection:` commit at once; inside, they are one transaction (nested ones are
    savepoints).

    A connection the server dropped is made again at the next statement outside a
    transaction (the statement is then run on the new one); inside one, the transaction is
    lost with it, and its error says so: the server rolled it back, nothing is half written.

    `prompt`: the interface's connection, whose statements are watched and given up when
    the server does not answer (see `PROMPT_SECONDS`); the others (the ingest's, a
    search's) wait as long as the network lets them.
    """

    def __init__(self, url: str, server: str, *, prompt: bool = False) -> None:
        self._url = url
        self.server = server
        self._schema = ""
        self._transactions: list[contextlib.AbstractContextManager[Any]] = []
        self._types: dict[tuple[str, str], list[int]] = {}  # columns' types, for a COPY
        self.total_changes = 0
        self._watchdog = Watchdog(self._answers, PROMPT_SECONDS, PROBE_SECONDS) if prompt else None
        self._raw = self._open(CONNECT_SECONDS)

    def _open(self, timeout: int) -> psycopg.Connection[Any]:
        try:
            raw = psycopg.connect(
                self._url,
                autocommit=True,
                cursor_factory=psycopg.ClientCursor,
                connect_timeout=timeout,
                keepalives=1,
                keepalives_idle=KEEPALIVE_IDLE,
                keepalives_interval=KEEPALIVE_EVERY,
                keepalives_count=KEEPALIVE_PROBES,
                tcp_user_timeout=DEAD_LINK_SECONDS * 1000,  # milliseconds, for libpq
            )
            if self._schema:
                raw.execute(f'SET search_path TO "{self._schema}", {SHARED_SCHEMA}')
        except psycopg.Error as error:
            raise ServerError(
                f"the library server {self.server} cannot be reached ({_first_line(error)})"
            ) from error
        return raw

    def use_schema(self, schema: str) -> None:
        """Read the reader's own tables from `schema`, the corpus's from the shared one; from
        now on, a migration by a newer newsreader is watched for (see the module's account)."""
        self._schema = schema
        self.execute(f'SET search_path TO "{schema}", {SHARED_SCHEMA}')

    def _reopen(self) -> None:
        """Connect again (the interface's connection waits no longer than a probe)."""
        self._raw = self._open(CONNECT_SECONDS if self._watchdog is None else PROBE_SECONDS)

    def _answers(self) -> bool:
        """Whether the server answers a connection of its own: the watchdog's probe."""
        try:
            with psycopg.connect(
                self._url, autocommit=True, connect_timeout=PROBE_SECONDS
            ) as probe:
                probe.execute("SELECT 1").fetchone()
        except psycopg.Error:
            return False
        return True

    def _give_up(self) -> None:
        """Cut the connection under a statement the server does not answer (from the
        watchdog's thread): the statement fails at once, as on a connection dropped."""
        try:
            descriptor = self._raw.pgconn.socket
        except psycopg.OperationalError:  # lost already: the statement fails by itself
            return
        # A socket of its own on the connection's (closed, it leaves libpq's open); one the
        # server has closed meanwhile is cut already.
        with socket.socket(fileno=os.dup(descriptor)) as cut, contextlib.suppress(OSError):
            cut.shutdown(socket.SHUT_RDWR)

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        watchdog, started = self._watchdog, time.monotonic()
        with watchdog.watching(self._give_up) if watchdog else contextlib.nullcontext() as watch:
            try:
                yield
            except psycopg.OperationalError as error:
                if watch is not None and watch.given_up:
                    waited = f"{time.monotonic() - started:.0f}"
                    raise Unanswered(
                        f"the library server {self.server} does not answer (nothing for {waited} s)"
                    ) from error
                raise self._unreachable(error) from error
            except psycopg.Error as error:
                # Refused outside a transaction (inside one, its start made sure no
                # migration commits under it): a table or column a newer one changed?
                if self._schema and not self._transactions:
                    try:
                        newer = self._newer_schema(lock=False)
                    except psycopg.OperationalError as lost:
                        raise self._unreachable(lost) from lost
                    if newer is not None:
                        raise newer from error
                raise

    def _unreachable(self, error: psycopg.Error) -> ServerError:
        return ServerError(
            f"the library server {self.server} is unreachable ({_first_line(error)})"
        )

    def _newer_schema(self, *, lock: bool) -> NewerSchema | None:
        """NewerSchema when a newer newsreader has migrated the shared tables or this
        reader's own; `lock`: and keep any from doing so until the transaction ends."""
        row = self._raw.execute(
            f"SELECT s.version, r.version FROM {SHARED_SCHEMA}.{VERSION_TABLE} s, "
            f'"{self._schema}".{VERSION_TABLE} r{" FOR SHARE" if lock else ""}'
        ).fetchone()
        newest = max(row) if row else SCHEMA_VERSION
        return newer_schema(self.server, newest) if newest > SCHEMA_VERSION else None

    def _cursor(self) -> psycopg.Cursor[Any]:
        """A cursor, on a new connection when the server dropped the last one (outside a
        transaction: inside, the transaction is gone and the statement must fail)."""
        if self._raw.closed and not self._transactions:
            self._reopen()
        return self._raw.cursor()

    def execute(self, sql: str, parameters: Any = (), /) -> ServerCursor:
        text = translate(sql)
        returning = _returns_id(text)
        if returning:
            text = f"{text} RETURNING id"
        cursor = self._cursor()
        try:
            with self._errors():
                cursor.execute(text, parameters)
        except Unanswered:
            raise  # not dropped: given up, and not asked again of a server that hangs
        except ServerError:
            if self._transactions or not self._raw.closed:
                raise
            cursor = self._cursor()  # dropped since its last statement: once more
            with self._errors():
                cursor.execute(text, parameters)
        lastrowid = None
        if returning:
            row = cursor.fetchone()
            lastrowid = row[0] if row else None
        if cursor.rowcount > 0 and not cursor.description:
            self.total_changes += cursor.rowcount
        return ServerCursor(cursor, lastrowid)

    def executemany(self, sql: str, parameters: Any, /) -> ServerCursor:
        rows = list(parameters)
        text = translate(sql)
        with self._errors():
            cursor = self._cursor()
            insert = insert_parts(text) if rows and isinstance(rows[0], list | tuple) else None
            if len(rows) < PIPELINED_ROWS:
                for row in rows:
                    cursor.execute(text, row)
                    self.total_changes += max(0, cursor.rowcount)
            elif insert is not None and not insert.tail:
                # A plain insert: the rows stream in as a binary COPY (text or bytes as
                # they are, not written out and escaped), in the columns' own types.
                types = self._column_types(insert.table, insert.columns)
                command = f"COPY {insert.table} ({insert.columns}) FROM STDIN (FORMAT BINARY)"
                with cursor.copy(command) as copy:
                    copy.set_types(types)
                    for row in rows:
                        copy.write_row(row)
                self.total_changes += len(rows)
            elif insert is not None:
                # Bound by the server, many rows a statement.
                cursor = psycopg.Cursor(self._raw)
                for chunk in _chunks_of(rows, insert):
                    many = ", ".join([insert.values] * len(chunk))
                    flat = [value for row in chunk for value in row]
                    cursor.execute(f"{insert.head}{many} {insert.tail}", flat)
                    self.total_changes += max(0, cursor.rowcount)
            else:
                # Bound by the server, in a pipeline: the rows go without a round trip
                # each, and without each being written out as a statement of its own.
                cursor = psycopg.Cursor(self._raw)
                cursor.executemany(text, rows)
                self.total_changes += max(0, cursor.rowcount)
        return ServerCursor(cursor, None)

    def _column_types(self, table: str, columns: str) -> list[int]:
        """The types (oids) of some columns of a table, as the search path finds it."""
        known = self._types.get((table, columns))
        if known is None:
            rows = self._raw.execute(
                "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attnum > 0 AND NOT attisdropped",
                (table,),
            ).fetchall()
            oids = {str(name).lower(): int(oid) for name, oid in rows}
            known = [oids[c.strip().lower()] for c in columns.split(",")]
            self._types[(table, columns)] = known
        return known

    def __enter__(self) -> ServerConnection:
        with self._errors():
            if self._raw.closed and not self._transactions:
                self._reopen()
            transaction = self._raw.transaction()
            transaction.__enter__()
        self._transactions.append(transaction)
        if len(self._transactions) == 1 and self._schema:
            try:
                with self._errors():
                    newer = self._newer_schema(lock=True)
                if newer is not None:
                    raise newer
            except BaseException as error:  # refused whole: rolled back at once
                self.__exit__(type(error), error, error.__traceback__)
                raise
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any, /) -> Literal[False]:
        transaction = self._transactions.pop()
        with self._errors():
            transaction.__exit__(kind, error, trace)
        return False

    def commit(self) -> None:
        """Nothing to do: outside a `with`, every statement has committed."""

    def close(self) -> None:
        if self._watchdog is not None:
            self._watchdog.close()
        self._raw.close()


@dataclass(frozen=True, slots=True)
class _Insert:
    """An insert of one row of parameters, as a statement for many rows takes it apart:
    `head` up to VALUES, the row's `values`, and what follows (`tail`: ON CONFLICT …);
    `table` and `columns` for a COPY, `keys` the places in a row of the conflict target
    of an update (rows sharing them cannot be in one insert)."""

    head: str
    values: str
    tail: str
    table: str
    columns: str
    keys: tuple[int, ...]


_INSERT = re.compile(
    r"\s*(INSERT\s+INTO\s+(\w+)\s*\(([^)]*)\)\s*VALUES\s*)(\((?:\s*%s\s*,)*\s*%s\s*\))"
    r"\s*(.*?)\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_CONFLICT_UPDATE = re.compile(r"ON\s+CONFLICT\s*\(([^)]*)\)\s*DO\s+UPDATE\b", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def insert_parts(sql: str) -> _Insert | None:
    """A translated insert of one row of positional parameters, taken apart (None for any
    other statement)."""
    match = _INSERT.fullmatch(sql)
    if match is None:
        return None
    head, table, columns, values, tail = match.groups()
    if tail and not tail.upper().startswith("ON CONFLICT"):
        return None  # RETURNING, or anything else not a row's own
    names = [c.strip().lower() for c in columns.split(",")]
    update = _CONFLICT_UPDATE.search(tail)
    keys = (
        tuple(names.index(c.strip().lower()) for c in update.group(1).split(",")) if update else ()
    )
    return _Insert(head, values, tail, table, columns, keys)


def _chunks_of(rows: list[Any], insert: _Insert) -> Iterator[list[Any]]:
    """The rows in inserts of many: as many as one statement takes, and no two rows of
    one with the same conflict target when it updates (the server updates a row once a
    statement; run one after the other, the second would update what the first wrote)."""
    most = max(1, min(ROWS_AT_ONCE, MOST_PARAMETERS // max(1, len(rows[0]))))
    chunk: list[Any] = []
    seen: set[tuple[Any, ...]] = set()
    for row in rows:
        key = tuple(row[n] for n in insert.keys)
        if len(chunk) == most or (insert.keys and key in seen):
            yield chunk
            chunk, seen = [], set()
        chunk.append(row)
        seen.add(key)
    if chunk:
        yield chunk


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _returns_id(sql: str) -> bool:
    match = re.match(r"\s*INSERT\s+INTO\s+(\w+)", sql, re.IGNORECASE)
    return (
        match is not None
        and match.group(1).lower() in rowid_tables()
        and "RETURNING" not in sql.upper()
        and "ON CONFLICT" not in sql.upper()
    )


def reader_schema(user: str) -> str:
    """The schema of a reader's own tables: `reader_NAME`, or a hash of a name that is not
    a plain identifier."""
    name = user.lower()
    if _READER_NAME.fullmatch(name) and name == user:
        return f"reader_{name}"
    return f"reader_{hashlib.blake2b(user.encode(), digest_size=8).hexdigest()}"


@dataclass(frozen=True, slots=True)
class ServerLibrary:
    """A library on a server: `url` is what libpq connects to, `user` whose state it keeps
    (None until it is opened: then the one chosen, or the login role), in `schema`."""

    url: str
    user: str | None = None
    warning: str | None = None
    schema: str = field(default="", compare=False)

    path = None
    in_memory = False

    @property
    def location(self) -> str:
        return self.url

    @property
    def server(self) -> str:
        return server_name(self.url)

    def connect(self, *, prompt: bool = False) -> ServerConnection:
        """A new connection, its search path on the reader's tables, then the corpus's
        (`prompt`: the interface's; see `ServerConnection`)."""
        connection = ServerConnection(self.url, self.server, prompt=prompt)
        if self.schema:
            connection.use_schema(self.schema)
        return connection

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the library's write lock on the server: one ingest at a time, from any
        machine; readers keep reading the last committed state.

        The lock is tried, not waited for in one statement: a statement that waits holds
        its snapshot, and the server then cannot prune the row versions the ingest under
        way leaves (it updates its corpus's row for every file it stores): it would crawl.
        """
        connection = self.connect()
        try:
            while not connection.execute(
                "SELECT pg_try_advisory_lock(?)", (WRITE_LOCK,)
            ).fetchone()[0]:
                time.sleep(WRITE_WAIT)
            yield
        finally:
            connection.close()


def newer_schema(server: str, version: int) -> NewerSchema:
    """What a library of a newer schema is said to be, at a start or mid-session alike."""
    return NewerSchema(
        f"the library on {server} was made by a newer newsreader (schema {version}, "
        f"this one reads {SCHEMA_VERSION}); it is left as it is"
    )


def open_server(
    url: str, user: str | None = None, *, prompt: bool = False
) -> tuple[ServerLibrary, ServerConnection]:
    """The library on the server at `url`, up to date, and a connection to it (ServerError
    when the server cannot serve it); `prompt`: the interface's (see `ServerConnection`)."""
    chosen = user or os.environ.get(USER_ENVIRONMENT, "").strip() or None
    library = ServerLibrary(url, chosen)
    connection = library.connect(prompt=prompt)
    try:
        # The role logged in as: a team's logins may all act as the role that owns the
        # library (ALTER ROLE … SET role), and each keeps their own state still.
        role = chosen or connection.execute("SELECT session_user").fetchone()[0]
        library = ServerLibrary(url, role, schema=reader_schema(role))
        migrate(connection, library.schema, library.server)
        connection.use_schema(library.schema)
    except BaseException:
        connection.close()
        raise
    return library, connection


def migrate(connection: ServerConnection, schema: str, server: str) -> None:
    """Bring the shared tables, then the reader's own, to SCHEMA_VERSION: each in one
    transaction (nothing is ever half migrated), one process at a time."""
    for where, part in ((SHARED_SCHEMA, "shared"), (schema, "reader")):
        with connection:
            connection.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            connection.execute(f'CREATE SCHEMA IF NOT EXISTS "{where}"')
            connection.execute(f'SET LOCAL search_path TO "{where}"')
            connection.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER)")
            row = connection.execute(f"SELECT version FROM {VERSION_TABLE}").fetchone()
            version = row[0] if row else 0
            if version > SCHEMA_VERSION:
                raise newer_schema(server, version)
            if row is not None and version < SCHEMA_VERSION:
                # Before any table changes: the readers' writes under way end first, and
                # the next ones wait, then find the new version (see the module's account).
                connection.execute(f"SELECT version FROM {VERSION_TABLE} FOR UPDATE")
            for number in range(version, SCHEMA_VERSION):
                for statement in getattr(steps()[number], part):
                    connection.execute(statement)
            if row is None:
                connection.execute(
                    f"INSERT INTO {VERSION_TABLE} (version) VALUES (?)", (SCHEMA_VERSION,)
                )
            elif version < SCHEMA_VERSION:
                connection.execute(f"UPDATE {VERSION_TABLE} SET version = ?", (SCHEMA_VERSION,))
