"""What only a shared library on a PostgreSQL server does: several readers with their own
state on one corpus, ingests from several processes at once, and a server that is not
there, goes away, or holds a newer schema. (Everything else runs on both backends in the
library, state and search tests.)"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from postgres_support import Server
from tui_support import NEWEST, SECOND, write_corpus

from reader.library import postgres, state
from reader.library.backend import LibraryUnavailable, NewerSchema
from reader.library.reading import ABSENT_PREFIX, WINDOW
from reader.library.schema import SCHEMA_VERSION
from reader.library.session import Session, open_corpus
from reader.library.store import open_library
from reader.parse.loader import load

ROOT = Path(__file__).resolve().parents[1]
GENERATED_PAGES = 600  # enough that an ingest stores several batches
LOOKS = 10_000  # looks at the server's locks before a test gives up waiting for one


def newsreader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    return subprocess.run(
        [script, *args], capture_output=True, text=True, timeout=300, check=False, env=env
    )


@pytest.fixture
def dumps(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "dumps")


def id_of(view, title: str) -> str:
    return next(h.id for h in view.headlines() if h.title == title)


def test_two_readers_share_the_corpus_and_keep_their_own_marks(
    dumps: Path, postgres_url: str
) -> None:
    alice, view_a = open_corpus([dumps], postgres_url, user="alice")
    bob, view_b = open_corpus([dumps], postgres_url, user="bob")
    assert bob.update().read == 0  # the corpus alice's session read is bob's too
    newest, second = id_of(view_a, NEWEST), id_of(view_a, SECOND)
    state.mark(view_a.connection, [newest], "read", True)
    state.mark(view_b.connection, [second], "saved", True)
    state.save_place(view_a.connection, [dumps], state.LastPlace(article=newest, scroll=3))
    assert state.marks_of(view_a.connection, newest) == {"read"}
    assert state.marks_of(view_b.connection, newest) == set()
    assert state.marks_of(view_a.connection, second) == set()
    assert [h.id for h in view_b.headlines(saved=True)] == [second]
    assert len(view_a.headlines(unread=True)) == len(view_b.headlines(unread=True)) - 1
    assert state.last_place(view_b.connection, [dumps]) is None
    assert state.last_place(view_a.connection, [dumps]) == state.LastPlace(article=newest, scroll=3)
    # Without a name, the reader is the database role.
    role, view_r = open_corpus([dumps], postgres_url)
    assert role.library.user == "newsreader" and state.counts(view_r.connection)["read"] == 0
    for session in (alice, bob, role):
        session.close()


def test_the_commands_take_a_server_and_a_user(dumps: Path, postgres_url: str) -> None:
    listed = newsreader("--library", postgres_url, "--user", "carol", "list", "--json", str(dumps))
    assert listed.returncode == 0, listed.stderr
    first = json.loads(listed.stdout.splitlines()[0])["id"]
    marked = newsreader("--library", postgres_url, "--user", "carol", "mark", "read", first)
    assert marked.returncode == 0, marked.stderr
    again = newsreader("--library", postgres_url, "--user", "carol", "list", "--json", str(dumps))
    assert json.loads(again.stdout.splitlines()[0])["read"] is True
    other = newsreader("--library", postgres_url, "--user", "dave", "list", "--json", str(dumps))
    assert json.loads(other.stdout.splitlines()[0])["read"] is False
    found = newsreader("--library", postgres_url, "search", "القمح", str(dumps))
    assert found.returncode == 0 and found.stdout.strip(), found.stderr
    info = newsreader("--library", postgres_url, "library")
    assert "PostgreSQL server" in info.stdout and "corpora: 1" in info.stdout
    assert newsreader("--library", postgres_url, "library", "forget", str(dumps)).returncode == 0
    assert "corpora: 0" in newsreader("--library", postgres_url, "library").stdout


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "dumps"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "make_corpus.py"),
            str(out),
            "--pages",
            str(GENERATED_PAGES),
        ],
        check=True,
        capture_output=True,
    )
    return out


def test_two_processes_ingesting_one_folder_at_once_store_each_page_once(
    generated: Path, postgres_url: str
) -> None:
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    both = [
        subprocess.Popen(
            [script, "--library", postgres_url, "export", str(generated)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in both]
    assert [p.returncode for p in both] == [0, 0], [err for _, err in outputs]
    assert outputs[0][0] == outputs[1][0]
    expected = [a.id for a in load([generated]).articles]
    assert [json.loads(line)["id"] for line in outputs[0][0].splitlines()] == expected
    with psycopg.connect(postgres_url) as connection:
        counts = connection.execute(
            "SELECT (SELECT count(*) FROM corpora), (SELECT count(*) FROM files), "
            "(SELECT count(*) FROM pages), (SELECT count(DISTINCT file) FROM pages)"
        ).fetchone()
    files = len(list(generated.rglob("*.txt")))
    assert counts == (1, files, GENERATED_PAGES, files)


def test_a_server_that_refuses_means_one_warning_and_a_session_in_memory(
    dumps: Path, tmp_path: Path
) -> None:
    nowhere = f"postgresql://newsreader@/none?host={tmp_path}"  # no server listens there
    session, view = open_corpus([dumps], nowhere)
    assert session.library.in_memory and len(session.warnings) == 1
    assert str(tmp_path) in session.warnings[0] and "cannot be reached" in session.warnings[0]
    assert len(view.headlines()) == len(load([dumps]).articles)
    result = newsreader("--library", nowhere, "list", str(dumps))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stderr.count("warning:") == 1 and str(tmp_path) in result.stderr


def test_a_library_of_a_newer_schema_is_left_as_it_is(dumps: Path, postgres_url: str) -> None:
    open_corpus([dumps], postgres_url)[0].close()
    with psycopg.connect(postgres_url) as connection:
        connection.execute(
            f"UPDATE {postgres.VERSION_TABLE} SET version = %s", (SCHEMA_VERSION + 1,)
        )
    session, view = open_corpus([dumps], postgres_url)
    assert session.library.in_memory and session.awaiting is None  # not tried again
    assert "newer newsreader" in session.warnings[0] and "left as it is" in session.warnings[0]
    assert len(view.headlines()) == len(load([dumps]).articles)
    described = newsreader("--library", postgres_url, "library")  # nothing to say in memory
    assert described.returncode == 1 and "newer newsreader" in described.stderr
    assert "Traceback" not in described.stderr
    with psycopg.connect(postgres_url) as connection:
        version = connection.execute(f"SELECT version FROM {postgres.VERSION_TABLE}").fetchone()
        assert version == (SCHEMA_VERSION + 1,)
        assert connection.execute("SELECT count(*) FROM corpora").fetchone() == (1,)


def drop_connections(url: str, *, allow: bool) -> None:
    """End every other connection to the database; `allow`: whether new ones may come."""
    name = urlsplit(url).path.strip("/")
    with psycopg.connect(url.replace(f"/{name}?", "/postgres?"), autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS {str(allow).lower()}")
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid != pg_backend_pid()",
            (name,),
        )


def migrate_newer(url: str, change: str | None = None) -> None:
    """Migrate the library as a newer newsreader would: in one transaction, its version
    row locked first, a table changed (`change`, when given), the version raised."""
    with psycopg.connect(url) as connection:  # one transaction, committed as it closes
        connection.execute(f"SELECT version FROM {postgres.VERSION_TABLE} FOR UPDATE")
        if change is not None:
            connection.execute(change)
        connection.execute(
            f"UPDATE {postgres.VERSION_TABLE} SET version = %s", (SCHEMA_VERSION + 1,)
        )


def waiting_for_a_lock(url: str) -> int:
    """How many connections to the database wait for a lock another holds."""
    name = urlsplit(url).path.strip("/")
    with psycopg.connect(url) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
            (name,),
        ).fetchone()
        assert row is not None
        return int(row[0])


def test_a_newer_newsreaders_migration_waits_for_a_write_under_way_and_refuses_the_next(
    dumps: Path, postgres_url: str
) -> None:
    session, view = open_corpus([dumps], postgres_url)
    first, second = (h.id for h in view.headlines()[:2])
    connection = session.connection
    migrating = threading.Thread(target=migrate_newer, args=(postgres_url,))
    with connection:  # a write under way when the newer newsreader begins
        state.mark(connection, [first], "read", True)
        migrating.start()
        waited = 0
        while waiting_for_a_lock(postgres_url) == 0:
            assert migrating.is_alive() and waited < LOOKS, "the migration did not wait"
            waited += 1
    migrating.join()
    newer, ours = SCHEMA_VERSION + 1, SCHEMA_VERSION
    gone = f"made by a newer newsreader .*schema {newer}, this one reads {ours}.*left as it is"
    with pytest.raises(NewerSchema, match=gone):  # the next write: refused whole
        state.mark(connection, [second], "saved", True)
    with pytest.raises(NewerSchema, match=gone):  # … and every statement after it, at once
        view.headlines(unread=True)
    assert not session.retry()  # no try would help
    with pytest.raises(NewerSchema, match=gone):  # an update asks nothing more of it
        session.update(apart=True)
    with psycopg.connect(postgres_url) as check:
        rows = check.execute("SELECT article, kind, value FROM reader_newsreader.marks")
        assert rows.fetchall() == [(first, "read", 1)]  # the first, whole; nothing of the next
    session.close()


def test_a_read_a_newer_newsreaders_migration_broke_is_refused_in_the_same_words(
    dumps: Path, postgres_url: str
) -> None:
    session, view = open_corpus([dumps], postgres_url)
    first = view.headlines()[0]
    with pytest.raises(psycopg.errors.UndefinedColumn):  # a statement of its own making
        session.connection.execute("SELECT headline FROM articles")
    assert session.retry()  # … is not an outage
    migrate_newer(postgres_url, "ALTER TABLE articles RENAME COLUMN title TO headline")
    with pytest.raises(NewerSchema, match="made by a newer newsreader"):
        view.get(first.id)
    assert not session.retry()
    session.close()


def test_a_server_gone_mid_session_is_one_error_naming_it_then_retried(
    dumps: Path, postgres_url: str
) -> None:
    session, view = open_corpus([dumps], postgres_url)
    shown = view.headlines()
    first = shown[0]
    drop_connections(postgres_url, allow=False)  # gone, and not back yet
    gone = r"the library server /.* (is unreachable|cannot be reached)"
    with pytest.raises(postgres.ServerError, match=gone):
        state.mark(session.connection, [first.id], "read", True)
    assert shown[0] == first  # what the reader shows is kept
    shown.forget()
    assert shown[0] == first  # … even asked for again: the rows last read stand in
    # While it lasts, the outage refuses at once with the same words, and a try fails.
    with pytest.raises(LibraryUnavailable, match=gone):
        state.marks_of(session.connection, first.id)
    assert not session.retry()
    drop_connections(postgres_url, allow=True)  # back: a try finds it, and the mark is saved
    assert session.retry()
    state.mark(session.connection, [first.id], "read", True)
    shown.forget()
    assert shown[0].read
    drop_connections(postgres_url, allow=True)  # dropped between two statements: retried
    assert state.marks_of(session.connection, first.id) == {"read"}
    session.close()


def test_a_session_begun_without_its_server_goes_on_there_with_the_marks_made_meanwhile(
    dumps: Path, postgres_url: str
) -> None:
    open_corpus([dumps], postgres_url)[0].close()  # the server holds the corpus
    drop_connections(postgres_url, allow=False)  # … and turns readers away
    try:
        session, view = open_corpus([dumps], postgres_url)
        assert session.library.in_memory and session.awaiting is not None
        assert session.warnings == [session.awaiting.warning]
        assert "cannot be reached" in session.awaiting.reason
        first = view.headlines()[0].id
        state.mark(session.connection, [first], "read", True)  # in memory, for now
        assert session.reopen() is None
    finally:
        drop_connections(postgres_url, allow=True)
    reopened = session.reopen()
    assert reopened is not None
    drop_connections(postgres_url, allow=False)  # gone again before the session took it
    try:
        assert session.take(reopened) is None
        assert session.library.in_memory and session.awaiting is not None
        assert state.marks_of(session.connection, first) == {"read"}
    finally:
        drop_connections(postgres_url, allow=True)
    reopened = session.reopen()
    assert reopened is not None
    taken = session.take(reopened)
    assert taken is not None and not session.library.in_memory and session.awaiting is None
    assert session.warnings == [] and taken.connection is session.connection
    assert state.marks_of(session.connection, first) == {"read"}  # carried over
    assert len(taken.headlines()) == len(view.headlines())
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        state.mark(view.connection, [first], "saved", True)  # never where it would be lost
    session.retire()
    session.close()
    with psycopg.connect(postgres_url) as connection:
        marked = connection.execute("SELECT article, kind, value FROM reader_newsreader.marks")
        assert marked.fetchall() == [(first, "read", 1)]


def test_a_list_keeps_painting_while_the_server_is_gone(generated: Path, postgres_url: str) -> None:
    session, view = open_corpus([generated], postgres_url)
    rows = view.headlines()
    first = rows[0]
    assert len(rows) > WINDOW  # rows in more than one window: one never read
    drop_connections(postgres_url, allow=False)
    rows.forget()  # as the reader does every few seconds
    assert rows[0] == first  # the window last read stands in
    blank = rows[WINDOW]  # one never read: a blank row, said absent by its id
    assert blank.id.startswith(ABSENT_PREFIX) and blank.title == ""
    assert session.library.server is not None  # still the server's, not one in memory
    drop_connections(postgres_url, allow=True)
    assert session.retry()
    assert not rows[WINDOW].id.startswith(ABSENT_PREFIX) and rows[0] == first
    session.close()


def test_commands_on_a_server_that_turns_them_away_say_so_in_one_line(
    dumps: Path, postgres_url: str
) -> None:
    open_corpus([dumps], postgres_url)[0].close()  # a library there, with a corpus
    drop_connections(postgres_url, allow=False)
    try:
        for args in (["mark", "read", "x"], ["state"], ["library"], ["library", "forget", "/"]):
            result = newsreader("--library", postgres_url, *args)
            lines = result.stderr.strip().splitlines()
            assert result.returncode == 1 and "Traceback" not in result.stderr, args
            assert len(lines) == 1 and "cannot be reached" in lines[0], (args, lines)
    finally:
        drop_connections(postgres_url, allow=True)
    assert "corpora: 1" in newsreader("--library", postgres_url, "library").stdout


def test_sqlite_migrations_become_the_servers_ddl() -> None:
    """A migration written as the others are translates without help: types, identities,
    an FTS5 table as a tsvector column, a trigger as a function."""
    sql = postgres.server_ddl(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, data BLOB) WITHOUT ROWID",
        set(),
    )
    assert sql == [
        "CREATE TABLE notes (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
        'body TEXT COLLATE "C" NOT NULL, data BYTEA)'
    ]
    fts: set[str] = set()
    column = postgres.server_ddl(
        "CREATE VIRTUAL TABLE notes_index USING fts5 (body, content = 'notes')", fts
    )
    assert column[0].startswith("ALTER TABLE notes ADD COLUMN notes_index tsvector")
    assert fts == {"notes_index"}
    feeding = (
        "CREATE TRIGGER fed AFTER INSERT ON notes BEGIN "
        "INSERT INTO notes_index (rowid) VALUES (new.id); END"
    )
    assert postgres.server_ddl(feeding, fts) == []
    assert postgres.server_ddl("DROP TRIGGER IF EXISTS fed", fts) == []  # it was never made
    assert postgres.translate("SELECT x FROM a CROSS JOIN b ON b.k IS a.k WHERE y = :y") == (
        "SELECT x FROM a JOIN b ON b.k IS NOT DISTINCT FROM a.k WHERE y = %(y)s"
    )
    assert postgres.translate("INSERT OR IGNORE INTO t (a) VALUES (?)") == (
        "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"
    )


def test_psycopg_is_not_imported_for_a_file_library(tmp_path: Path) -> None:
    code = (
        "import sys; from reader.library.session import open_corpus; "
        f"open_corpus([{str(ROOT / 'sample_feeds')!r}], {str(tmp_path / 'l.sqlite3')!r}); "
        "print('psycopg' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_a_session_opened_for_a_user_goes_on_with_their_state(
    dumps: Path, postgres_url: str
) -> None:
    session = Session([dumps], postgres_url, user="erin")
    session.update(apart=True)  # the worker process opens the same server
    view = session.view()
    assert view is not None and len(view.headlines()) == len(load([dumps]).articles)
    session.close()


@pytest.mark.parametrize("count", [3, postgres.PIPELINED_ROWS * 2])
def test_an_import_counts_the_marks_it_took(postgres_url: str, count: int) -> None:
    """A few rows go one statement each, many in a pipeline: both count what changed."""
    _, connection = open_library(postgres_url, user="frank")
    marks = [state.Mark(f"article-{n}", "read", True, 1.0) for n in range(count)]
    assert state.import_state(connection, marks, []) == count
    assert state.import_state(connection, marks, []) == 0  # none newer than those held
    assert state.counts(connection)["read"] == count
    connection.close()


def test_an_insert_of_many_rows_keeps_under_the_servers_parameters(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many rows one insert is let carry, it never passes the parameters a statement
    may have on the server (rows of five here)."""
    monkeypatch.setattr(postgres, "ROWS_AT_ONCE", 10**6)
    _, connection = open_library(postgres_url, user="grace")
    count = postgres.MOST_PARAMETERS // 5 + 1000
    marks = [state.Mark(f"article-{n}", "read", True, 1.0) for n in range(count)]
    assert state.import_state(connection, marks, []) == count
    connection.close()


def test_a_file_name_a_server_cannot_keep_is_one_problem_and_the_rest_loads(
    dumps: Path, postgres_url: str
) -> None:
    odd = Path(dumps, "x" + b"\xff".decode("utf-8", "surrogateescape") + ".txt")
    shutil.copy(next(dumps.glob("*.txt")), odd)
    session, view = open_corpus([dumps], postgres_url)
    problems = [d for d in view.diagnostics if "not UTF-8" in d.message]
    assert len(problems) == 1 and problems[0].path == str(odd)
    assert view.stats.articles == load([dumps]).stats.articles  # the copy added no article
    session.close()


HANG = 30.0  # seconds at most a test lets its server hang


def in_thread(work) -> tuple[threading.Thread, list[object]]:
    """Run `work` in a thread of its own: the thread, and what it returned or raised."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as error:  # handed to the test, which asserts on it
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_a_server_that_hangs_gives_the_interfaces_statement_up_and_the_update_waits(
    dumps: Path, postgres_server: Server
) -> None:
    url = postgres_server.database()
    session, view = open_corpus([dumps], url)
    first, pages = view.headlines()[0], view.stats.pages
    _, ingests = open_library(url)  # a connection as an update has it
    with postgres_server.hung(at_most=HANG):
        update, updated = in_thread(
            lambda: ingests.execute("SELECT count(*) FROM pages").fetchone()
        )
        asked, answer = in_thread(lambda: view.get(first.id))  # as the interface opens it
        asked.join(HANG)
        assert not asked.is_alive() and isinstance(answer[0], postgres.Unanswered)
        assert "does not answer" in str(answer[0])
        assert update.is_alive()  # … while the update's statement waits on, not given up
    update.join(HANG)
    assert updated == [(pages,)]  # answered once the server went on
    assert session.retry()
    opened = view.get(first.id)
    assert opened is not None and opened.title == first.title
    ingests.close()
    session.close()


def test_a_slow_answer_on_a_server_that_answers_is_waited_for(postgres_url: str) -> None:
    """Slower than the watchdog's first look and its probe together, and not given up: the
    probe found the server answering."""
    _, connection = postgres.open_server(postgres_url, prompt=True)
    slow = (postgres.PROMPT_SECONDS + postgres.PROBE_SECONDS) * 2
    row = connection.execute("SELECT pg_sleep(?), 1", (slow,)).fetchone()
    assert row == ("", 1)
    connection.close()


def test_the_interfaces_connection_is_given_up_sooner_than_a_dead_network_is_seen(
    postgres_url: str,
) -> None:
    _, connection = postgres.open_server(postgres_url, prompt=True)
    given_up = postgres.PROMPT_SECONDS + postgres.PROBE_SECONDS
    assert given_up < postgres.DEAD_LINK_SECONDS
    drop_connections(postgres_url, allow=True)  # made again at its next statement …
    assert connection.execute("SELECT 1").fetchone() == (1,)
    asked = connection._raw.info.get_parameters()  # … waiting no longer than a probe
    assert asked["connect_timeout"] == str(postgres.PROBE_SECONDS)
    connection.close()


def test_a_server_behind_a_dead_network_is_noticed_in_seconds(postgres_url: str) -> None:
    """Keepalive probes and a limit on unacknowledged data are asked of every connection:
    a network that died sends no reset, and TCP alone would wait a quarter of an hour."""
    connection = postgres.open_server(postgres_url)[1]
    try:
        asked = connection._raw.info.get_parameters()  # what libpq was given
        assert asked["keepalives"] == "1"
        assert asked["keepalives_idle"] == str(postgres.KEEPALIVE_IDLE)
        assert asked["keepalives_interval"] == str(postgres.KEEPALIVE_EVERY)
        assert asked["keepalives_count"] == str(postgres.KEEPALIVE_PROBES)
        assert asked["tcp_user_timeout"] == str(postgres.DEAD_LINK_SECONDS * 1000)
        noticed = postgres.KEEPALIVE_IDLE + postgres.KEEPALIVE_EVERY * postgres.KEEPALIVE_PROBES
        assert max(noticed, postgres.DEAD_LINK_SECONDS) <= postgres.CONNECT_SECONDS + 1
    finally:
        connection.close()
