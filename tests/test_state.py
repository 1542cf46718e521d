"""Reading state in the library: marks that outlive re-ingests, moves and the corpus itself,
export and import between machines, several readers at once, and the commands. Tests
taking `library` run on both backends."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tui_support import NEWEST, PAGES, SECOND, write_corpus

from reader.library import state
from reader.library.reading import WINDOW, CorpusView
from reader.library.schema import MIGRATIONS, SCHEMA_VERSION, STATE
from reader.library.session import Session, open_corpus
from reader.library.store import open_library


@pytest.fixture
def library(library_url: str) -> str:
    return library_url


@pytest.fixture
def sqlite_library(tmp_path: Path) -> str:
    return str(tmp_path / "data" / "library.sqlite3")


@pytest.fixture
def dumps(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "dumps")


def newsreader(*args: str) -> subprocess.CompletedProcess[str]:
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    return subprocess.run(
        [script, *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def ids(view: CorpusView, **filters: bool) -> list[str]:
    return [h.id for h in view.headlines(**filters)]


def id_of(view: CorpusView, title: str) -> str:
    return next(h.id for h in view.headlines() if h.title == title)


def test_state_is_step_two_of_the_schema_and_an_old_library_is_brought_up_to_it(
    dumps: Path, sqlite_library: str
) -> None:
    library = sqlite_library
    session, view = open_corpus([dumps], library)
    article = id_of(view, NEWEST)
    session.close()
    old = sqlite3.connect(library)
    old.executescript("DROP TABLE marks; DROP TABLE places; PRAGMA user_version = 1;")
    old.close()
    assert MIGRATIONS[1] is STATE
    _, connection = open_library(library)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    state.mark(connection, [article], "read", True)  # the articles are still there, markable
    assert state.unknown_articles(connection, [article]) == []
    assert state.marks_of(connection, article) == {"read"}


def test_marks_show_in_the_windowed_list_and_filter_it(dumps: Path, library: str) -> None:
    session, view = open_corpus([dumps], library)
    newest, second = id_of(view, NEWEST), id_of(view, SECOND)
    state.mark(view.connection, [newest], "read", True)
    state.mark(view.connection, [second], "saved", True)
    rows = view.headlines()
    assert (rows[0].read, rows[0].saved, rows[1].read, rows[1].saved) == (True, False, False, True)
    assert newest not in ids(view, unread=True) and len(ids(view, unread=True)) == len(PAGES) - 1
    assert ids(view, saved=True) == [second]
    assert ids(view, saved=True, unread=True) == [second]
    assert rows.read_count() == 1
    tagged = view.headlines("أردوغان", unread=True)
    assert [h.id for h in tagged] == [id_of(view, "أردوغان يستقبل وفدا اقتصاديا في أنقرة")]
    assert view.headlines("أردوغان").read_count() == 1
    assert view.headlines("أردوغان").next_unread(0) == 1  # row numbers within the tag's list
    assert view.headlines("أردوغان").next_unread(1) == 1  # round to the top, and back to it
    assert view.headlines(saved=True).next_unread(0) == 0
    assert view.read_by_tag()["أردوغان"] == 1
    session.close()


def test_a_filtered_list_stays_as_it_was_made_while_marks_change(dumps: Path, library: str) -> None:
    """Rows never vanish from under the cursor: an article read in the unread list, or
    unsaved in the saved list, stays there until the list is made again."""
    session, view = open_corpus([dumps], library)
    second = id_of(view, SECOND)
    state.mark(view.connection, [second], "saved", True)
    unread, saved = view.headlines(unread=True), view.headlines(saved=True)
    state.mark(view.connection, [second], "read", True)
    state.mark(view.connection, [second], "saved", False)
    unread.forget()
    saved.forget()
    assert second in [h.id for h in unread] and [h.id for h in saved] == [second]
    assert unread.index_of(second) == 1 and unread[1].read and not saved[0].saved
    assert second not in ids(view, unread=True) and ids(view, saved=True) == []
    session.close()


def test_a_list_longer_than_a_window_filters_and_finds_the_next_unread(
    tmp_path: Path, library: str
) -> None:
    pages = {
        f"p{n:04d}.txt": "\n".join(
            [
                f"خبر رقم {n} عن الطقس",
                f"تاريخ النشر: {1 + n % 28}th, May 2024 GMT",
                f"القاهرة (خاص) – نص الخبر رقم {n}.",
                "Tags: الطقسالمصدر: صحيفة الأفق",
            ]
        )
        for n in range(WINDOW * 2 + 10)
    }
    dumps = write_corpus(tmp_path / "many", pages)
    session, view = open_corpus([dumps], library)
    rows = view.headlines()
    first_windows = [h.id for h in rows[: WINDOW + 5]]
    state.mark(view.connection, first_windows, "read", True)
    rows.forget()
    assert rows.next_unread(0) == WINDOW + 5
    unread = view.headlines(unread=True)
    assert len(unread) == len(pages) - WINDOW - 5
    assert [h.id for h in unread] == [h.id for h in rows][WINDOW + 5 :]
    assert unread.index_of(rows[WINDOW + 6].id) == 1
    # Read from the end back, from the middle after forgetting: the same rows.
    expected = [h.id for h in rows][WINDOW + 5 :]
    backwards = view.headlines(unread=True)
    assert [backwards[i].id for i in reversed(range(len(backwards)))] == expected[::-1]
    backwards.forget()
    assert backwards[WINDOW + 1].id == expected[WINDOW + 1]
    middle = view.headlines(unread=True)
    assert middle[WINDOW].id == expected[WINDOW] and middle[0].id == expected[0]
    unread.mark_all("read", True)
    assert view.headlines(unread=True).read_count() == 0 and len(view.headlines(unread=True)) == 0
    assert view.headlines().next_unread(3) is None
    session.close()


def test_state_survives_reingest_a_changed_dump_and_a_move_within_the_folder(
    dumps: Path, library: str
) -> None:
    session, view = open_corpus([dumps], library)
    newest, second = id_of(view, NEWEST), id_of(view, SECOND)
    state.mark(view.connection, [newest, second], "read", True)
    state.mark(view.connection, [second], "saved", True)
    session.close()
    (dumps / "inner").mkdir()
    (dumps / "baku.txt").rename(dumps / "inner" / "baku.txt")  # moved within the folder
    book = dumps / "book_fair.txt"  # and edited: another paragraph
    book.write_text(book.read_text(encoding="utf-8") + "\nفقرة أضيفت لاحقا.", encoding="utf-8")
    session, view = open_corpus([dumps], library)
    assert ids(view, unread=True) == [
        h.id for h in view.headlines() if h.id not in (newest, second)
    ]
    assert ids(view, saved=True) == [second]
    session.close()
    # The corpus forgotten and read again from scratch: the marks were never its own.
    assert newsreader("--library", library, "library", "forget", str(dumps)).returncode == 0
    # Meanwhile its marks can still be changed by id, though no corpus holds the article.
    assert newsreader("--library", library, "mark", "unread", second).returncode == 0
    assert newsreader("--library", library, "mark", "read", second).returncode == 0
    session, view = open_corpus([dumps], library)
    rows = view.headlines()
    assert [(h.read, h.saved) for h in rows[:2]] == [(True, False), (True, True)]
    session.close()


def test_export_import_round_trip_keeps_the_newer_mark(
    dumps: Path, tmp_path: Path, library: str
) -> None:
    here, there = library, str(tmp_path / "there.sqlite3")
    session, view = open_corpus([dumps], here)
    newest, second = id_of(view, NEWEST), id_of(view, SECOND)
    state.mark(view.connection, [newest], "read", True)
    state.mark(view.connection, [second], "saved", True)
    state.save_place(view.connection, [dumps], state.LastPlace("القمح", False, True, newest, 4))
    exported = tmp_path / "state.json"
    state.write_export(view.connection, exported)
    session.close()
    other, view2 = open_corpus([dumps], there)
    time.sleep(0.01)
    state.mark(view2.connection, [newest], "read", False)  # newer on the other machine
    marks, places = state.read_export(exported)
    assert state.import_state(view2.connection, marks, places) == 1  # the saved mark only
    assert state.marks_of(view2.connection, newest) == set()
    assert state.marks_of(view2.connection, second) == {"saved"}
    assert state.last_place(view2.connection, [dumps]) == state.LastPlace(
        "القمح", False, True, newest, 4
    )
    # And back: the unread mark, newer, replaces the read one; importing again changes nothing.
    back = tmp_path / "back.json"
    state.write_export(view2.connection, back)
    other.close()
    _, connection = open_library(here)
    assert state.import_state(connection, *state.read_export(back)) == 1
    assert state.marks_of(connection, newest) == set()
    assert state.import_state(connection, *state.read_export(back)) == 0
    assert state.export_state(connection)["marks"] == json.loads(back.read_text())["marks"]


@pytest.mark.parametrize(("articles", "times"), [(301, 4), (1201, 2)])
def test_an_import_naming_an_article_again_ends_as_if_read_in_order(
    library: str, articles: int, times: int
) -> None:
    """Each mark of an import is merged as if after the one before it, on either backend,
    however many a statement carries: a server takes many rows at once (here an article's
    marks within one statement's worth, then more rows than one takes), each article's
    marks saying it is read, then not, in turn."""
    _, connection = open_library(library)
    marks = [
        state.Mark(f"article-{n % articles}", "read", n % 2 == 0, float(n))
        for n in range(times * articles)
    ]
    kept: dict[str, tuple[bool, float]] = {}
    changed = 0
    for m in marks:  # the rule, one mark at a time: a newer mark that says otherwise wins
        held = kept.get(m.article)
        if held is None or (held[0] != m.value and m.at > held[1]):
            kept[m.article] = (m.value, m.at if held is None else max(m.at, held[1]))
            changed += 1
    assert state.import_state(connection, marks, []) == changed
    exported = state.export_state(connection)["marks"]
    assert isinstance(exported, list)
    assert {e["article"]: (e["value"], e["at"]) for e in exported} == kept
    connection.close()


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"marks": []}',
        '{"newsreader_state": 1, "marks": {}}',
        '{"newsreader_state": 1, "marks": [{"article": "a", "kind": "liked", "value": true, '
        '"at": 1}]}',
        '{"newsreader_state": 1, "marks": [{"article": "a", "kind": "read", "value": 1, "at": 1}]}',
        '{"newsreader_state": 1, "marks": [{"article": "a", "kind": "read", "value": true}]}',
        '{"newsreader_state": 1, "marks": [{"article": "a", "kind": "read", "value": true, '
        '"at": Infinity}]}',
        b"\xff\xfe not utf-8",
        '{"newsreader_state": 1, "places": [{"roots": "x", "place": {}, "at": 1}]}',
        '{"newsreader_state": 1, "places": [{"roots": [], "place": {"scroll": -1}, "at": 1}]}',
    ],
)
def test_a_bad_state_file_is_one_line_naming_it(
    text: str | bytes, tmp_path: Path, sqlite_library: str
) -> None:
    library = sqlite_library
    bad = tmp_path / "bad.json"
    bad.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(state.StateFileError, match=r"bad\.json"):
        state.read_export(bad)
    result = newsreader("--library", library, "state", "import", str(bad))
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "bad.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_readers_see_each_others_marks_and_lose_none(dumps: Path, library: str) -> None:
    one, view1 = open_corpus([dumps], library)
    two = Session([dumps], library)
    view2 = two.view()
    assert view2 is not None
    shown = view2.headlines()
    assert not shown[0].read
    state.mark(view1.connection, [id_of(view1, NEWEST)], "read", True)
    state.mark(view2.connection, [id_of(view2, SECOND)], "saved", True)
    shown.forget()  # the reader's next refresh
    assert shown[0].read and view1.headlines()[1].saved
    one.close()
    two.close()


def test_processes_marking_at_once_lose_no_mark(dumps: Path, library: str) -> None:
    session, view = open_corpus([dumps], library)
    every = [h.id for h in view.headlines()]
    session.close()
    code = (
        "import sys; from reader.library.store import open_library; "
        "from reader.library import state; _, c = open_library(sys.argv[1]); "
        "[state.mark(c, [a], sys.argv[2], True) for _ in range(20) for a in sys.argv[3:]]"
    )
    both = [
        subprocess.Popen([sys.executable, "-c", code, library, kind, *every])
        for kind in ("read", "saved")
    ]
    assert [p.wait(timeout=120) for p in both] == [0, 0]
    _, connection = open_library(library)
    assert state.counts(connection) == {"read": len(every), "saved": len(every)}


def test_a_session_that_goes_on_in_memory_keeps_its_marks(dumps: Path, library: str) -> None:
    session, view = open_corpus([dumps], library)
    article = id_of(view, NEWEST)
    state.mark(view.connection, [article], "saved", True)
    session._degrade("the disk is full")  # what a refused write leads to
    assert session.library.in_memory
    assert state.marks_of(session.connection, article) == {"saved"}
    session.close()


def test_a_mark_waits_for_an_ingest_writing_a_library_in_memory(dumps: Path) -> None:
    """Shared-cache memory answers "locked" at once while another connection writes."""
    session = Session([dumps], ":memory:")
    writer = session.library.connect()
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO corpora (roots, parser) VALUES ('[]', 0)")
    started = time.monotonic()
    release = __import__("threading").Timer(0.3, writer.commit)
    release.start()
    state.mark(session.connection, ["some-id"], "read", True)
    assert time.monotonic() - started >= 0.25
    assert state.marks_of(session.connection, "some-id") == {"read"}
    assert state.LOCKED_WAIT * state.LOCKED_TRIES >= 10  # a while, not one try
    writer.close()
    session.close()


def test_the_commands_mark_list_and_move_state(dumps: Path, library: str, tmp_path: Path) -> None:
    def listed(*flags: str) -> list[dict]:
        out = newsreader("--library", library, "list", "--json", *flags, str(dumps))
        assert out.returncode == 0, out.stderr
        return [json.loads(line) for line in out.stdout.splitlines()]

    rows = listed()
    assert all(r["read"] is False and r["saved"] is False for r in rows)
    first, second = rows[0]["id"], rows[1]["id"]
    assert newsreader("--library", library, "mark", "read", first).returncode == 0
    assert newsreader("--library", library, "mark", "saved", first, second).returncode == 0
    assert newsreader("--library", library, "mark", "unsaved", second).returncode == 0
    assert [r["id"] for r in listed("--saved")] == [first]
    assert first not in [r["id"] for r in listed("--unread")]
    assert len(listed("--unread")) == len(rows) - 1
    assert [r["id"] for r in listed("--unread", "--tag", "أردوغان")] == [
        r["id"] for r in rows if "أردوغان" in r["tags"] and r["id"] != first
    ]
    assert listed()[0]["read"] is True and listed()[0]["saved"] is True
    plain = newsreader("--library", library, "list", "--saved", "--logical", str(dumps))
    assert plain.stdout.splitlines() == [NEWEST]
    unknown = newsreader("--library", library, "mark", "read", first, "no-such\x1b[31m")
    assert unknown.returncode == 1 and "no-such" in unknown.stderr and "\x1b" not in unknown.stderr
    assert len(unknown.stderr.splitlines()) == 1
    assert newsreader("--library", library, "mark", "liked", first).returncode == 2
    assert "read: 1, saved: 1" in newsreader("--library", library, "state").stdout
    exported = tmp_path / "out.json"
    assert newsreader("--library", library, "state", "export", str(exported)).returncode == 0
    elsewhere = str(tmp_path / "elsewhere.sqlite3")
    newsreader("--library", elsewhere, "check", str(dumps))
    taken = newsreader("--library", elsewhere, "state", "import", str(exported))
    assert taken.returncode == 0 and "imported 3 of 3 marks" in taken.stderr
    assert (
        newsreader("--library", elsewhere, "state").stdout
        == newsreader("--library", library, "state").stdout
    )
    missing = newsreader("--library", library, "state", "import", str(tmp_path / "none.json"))
    assert missing.returncode == 1 and "none.json" in missing.stderr
    unwritable = newsreader("--library", library, "state", "export", str(tmp_path / "no" / "x"))
    assert unwritable.returncode == 1 and len(unwritable.stderr.splitlines()) == 1


def test_a_broken_pipe_ends_a_filtered_list_quietly(dumps: Path, library: str) -> None:
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    command = f"'{script}' --library '{library}' list --unread '{dumps}' | head -1"
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.strip() == NEWEST
