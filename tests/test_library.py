"""The library: a real SQLite file or PostgreSQL server, real dump folders, real processes
killed mid-ingest. Tests taking `library` run on both backends."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tui_support import PAGES, write_corpus

from reader.commands.cli import article_record
from reader.library.ingest import BATCH_FILES
from reader.library.reading import WINDOW, WINDOWS_KEPT, CorpusView
from reader.library.schema import SCHEMA_VERSION
from reader.library.session import Session, open_corpus
from reader.library.store import open_library
from reader.parse.loader import load

ROOT = Path(__file__).resolve().parents[1]


def exported(view) -> list[dict]:
    return [article_record(a) for a in view.articles()]


def from_scratch(paths) -> list[dict]:
    return [article_record(a) for a in load(paths).articles]


@pytest.fixture
def library(library_url: str) -> str:
    return library_url


@pytest.fixture
def sqlite_library(tmp_path: Path) -> str:
    return str(tmp_path / "data" / "library.sqlite3")


@pytest.fixture
def feeds(tmp_path: Path) -> Path:
    return shutil.copytree(ROOT / "sample_feeds", tmp_path / "feeds")


def test_the_library_holds_what_a_load_from_scratch_makes(feeds: Path, library: str) -> None:
    _, view = open_corpus([feeds], library)
    assert exported(view) == from_scratch([feeds])
    assert view.stats == load([feeds]).stats


class Counting:
    """A library's connection, counting the statements it runs for a view."""

    def __init__(self, connection) -> None:
        self._connection = connection
        self.statements = 0

    def execute(self, sql: str, parameters=()):
        self.statements += 1
        return self._connection.execute(sql, parameters)

    def __getattr__(self, name: str):
        return getattr(self._connection, name)


def test_an_article_is_read_whole_in_one_statement(feeds: Path, library: str) -> None:
    """On a server, each statement is a round trip: opening an article costs one."""
    session, view = open_corpus([feeds], library)
    counting = Counting(view.connection)
    counted = CorpusView(counting, view.corpus)
    headlines = list(view.headlines())
    opened = [counted.get(h.id) for h in headlines]
    assert counting.statements == len(headlines)
    assert [a.id for a in opened if a is not None] == [h.id for h in headlines]
    assert all(any(getattr(a, part) for a in opened if a) for part in ("read_also", "read_by"))
    assert any(o.line is not None and o.url for a in opened if a for o in a.origins)
    assert counted.get("no such article") is None
    session.close()


def test_the_library_file_is_in_wal_mode_at_the_schema_version(
    feeds: Path, sqlite_library: str
) -> None:
    library = sqlite_library
    open_corpus([feeds], library)
    assert Path(library).is_file()
    connection = sqlite3.connect(library)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_ingest_in_two_halves_equals_one_ingest(feeds: Path, library: str, tmp_path: Path) -> None:
    files = sorted(p for p in feeds.rglob("*.txt"))
    held = tmp_path / "held"
    held.mkdir()
    for path in files[::2]:  # half the files are added later
        shutil.move(path, held / f"{path.parent.name}__{path.name}")
    first = Session([feeds], library).update()
    for moved in held.iterdir():
        folder, name = moved.name.split("__")
        shutil.move(moved, feeds / folder / name)
    second = Session([feeds], library).update()
    assert second.read == len(files[::2]) and second.unchanged == first.read
    _, view = open_corpus([feeds], library)
    assert exported(view) == from_scratch([feeds])


def test_unchanged_files_are_not_read_again(feeds: Path, library: str) -> None:
    open_corpus([feeds], library)
    again = Session([feeds], library).update()
    assert (again.read, again.removed, again.rebuilt) == (0, 0, False)
    assert again.unchanged > 0


def test_a_changed_and_a_removed_file_are_taken_in(feeds: Path, library: str) -> None:
    open_corpus([feeds], library)
    pages = sorted(feeds.rglob("*.txt"))
    pages[0].unlink()
    text = pages[1].read_text(encoding="utf-8").split("\n")
    text[0] = "عنوان جديد لخبر عدّله محرره"
    pages[1].write_text("\n".join(text), encoding="utf-8")
    report = Session([feeds], library).update()
    assert (report.read, report.removed, report.rebuilt) == (1, 1, True)
    _, view = open_corpus([feeds], library)
    assert exported(view) == from_scratch([feeds])
    assert view.find("عنوان جديد لخبر عدّله محرره") is not None


def test_an_article_keeps_its_id_when_a_story_with_its_headline_arrives(
    tmp_path: Path, library: str
) -> None:
    dumps = write_corpus(tmp_path / "dumps", {"wheat.txt": PAGES["wheat.txt"]})
    _, view = open_corpus([dumps], library)
    (before,) = [a.id for a in view.articles()]
    lines = PAGES["wheat.txt"].split("\n")
    lines[1] = "تاريخ النشر: 9th, September 2025 GMT"  # the same headline, another story
    lines[2] = "عمّان (النهار) – عادت أسعار القمح إلى الانخفاض مع وصول شحنات جديدة."
    (dumps / "wheat_again.txt").write_text("\n".join(lines), encoding="utf-8")
    _, view = open_corpus([dumps], library)
    ids = [a.id for a in view.articles()]
    assert len(ids) == 2 and before in ids
    assert view.get(before).published.year == 2024  # the id still names the first story
    # a load from scratch of both would have re-keyed it: the library is what keeps it
    assert before not in [a.id for a in load([dumps]).articles]


def test_tag_lists_counts_and_search_come_from_the_library(feeds: Path, library: str) -> None:
    corpus = load([feeds])
    _, view = open_corpus([feeds], library)
    assert view.tag_counts() == corpus.tag_counts()
    for tag, _ in corpus.tag_counts()[:10]:
        assert [h.id for h in view.headlines(tag)] == [a.id for a in corpus.with_tag(tag)]
    for query in ("مصر", "اقتصاد", "المناخ", "كارباخ", "ا", "x"):
        assert view.search_tags(query) == corpus.search_tags(query), query
    rows = view.headlines()
    assert [h.id for h in rows] == [a.id for a in corpus.articles]
    last = corpus.articles[-1]
    assert rows.index_of(last.id) == len(corpus.articles) - 1


def test_the_headline_list_reads_a_window_at_a_time(tmp_path: Path) -> None:
    """A 100 000-article corpus: any row is one indexed query away, and only a bounded
    number of windows is ever held."""
    from reader.library.reading import CorpusView
    from reader.library.writing import write_articles
    from reader.model import Article, Origin, Story
    from reader.parse.corpus import Merged

    count = 100_000
    articles = [
        Article(
            f"id{n:06}",
            Story(f"خبر رقم {n:06}", None, None, None, ("نص",)),
            "مصدر",
            ("وسم زوجي",) if n % 2 == 0 else (),
            (),
            (),
            (),
            (Origin(f"f{n}.txt"),),
        )
        for n in range(count)
    ]
    _, connection = open_library(tmp_path / "big.sqlite3")
    with connection:
        connection.execute("INSERT INTO corpora (roots, parser) VALUES ('[]', 0)")
        write_articles(connection, 1, Merged(articles, 0, {}), count, [])
    del articles
    view = CorpusView(connection, 1)
    rows = view.headlines()
    assert len(rows) == count
    assert rows[count - 1].title == f"خبر رقم {count - 1:06}"
    for index in range(0, count, count // (WINDOWS_KEPT * 4)):
        assert rows[index].id == f"id{index:06}"
    assert len(rows._windows) <= WINDOWS_KEPT
    even = view.headlines("وسم زوجي")
    assert len(even) == count // 2 and even[len(even) - 1].id == f"id{count - 2:06}"
    assert even.index_of("id050000") == 25_000 and even.index_of("id050001") is None
    assert count // 100 > WINDOW


def test_a_damaged_library_is_moved_aside_and_made_again(feeds: Path, sqlite_library: str) -> None:
    library = sqlite_library
    Path(library).parent.mkdir(parents=True)
    Path(library).write_bytes(b"this is no database, it is a shopping list\n" * 100)
    session, view = open_corpus([feeds], library)
    assert session.warnings and "damaged" in session.warnings[0]
    assert exported(view) == from_scratch([feeds])
    aside = [p for p in Path(library).parent.iterdir() if ".unusable-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is no database")


def test_a_library_from_a_newer_newsreader_is_moved_aside(feeds: Path, sqlite_library: str) -> None:
    library = sqlite_library
    open_corpus([feeds], library)
    with sqlite3.connect(library) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    session, view = open_corpus([feeds], library)
    assert "newer newsreader" in session.warnings[0]
    assert exported(view) == from_scratch([feeds])


def test_a_data_directory_that_is_a_file_means_a_session_in_memory(
    feeds: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine", encoding="utf-8")
    session, view = open_corpus([feeds], str(blocker / "library.sqlite3"))
    assert session.library.in_memory
    assert "cannot be used" in session.warnings[0]
    assert exported(view) == from_scratch([feeds])
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_the_cli_says_the_warning_once_and_still_works(feeds: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = newsreader("--library", str(blocker / "lib.sqlite3"), "list", str(feeds))
    assert result.returncode == 0
    assert result.stderr.count("warning:") == 1 and "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) == load([feeds]).stats.articles


def newsreader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    return subprocess.run(
        [script, *args], capture_output=True, text=True, timeout=300, check=False, env=env
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few thousand generated pages: enough that an ingest runs for a while."""
    out = tmp_path_factory.mktemp("generated") / "dumps"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "make_corpus.py"),
            str(out),
            "--pages",
            str(BATCH_FILES * 2),
        ],
        check=True,
        capture_output=True,
    )
    return out


ORPHAN_GRACE_SECONDS = 30.0  # for a helper to notice its ingest is gone and end


def children_of(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError, IndexError, ValueError):
            if entry.name.isdigit():
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(stat[1]) == parent:
                    found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped by init, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.0, 2.5])
def test_kill_9_mid_ingest_leaves_a_library_the_next_run_completes(
    generated: Path, tmp_path: Path, delay: float
) -> None:
    library = str(tmp_path / "library.sqlite3")
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    with subprocess.Popen(
        [script, "--library", library, "check", str(generated)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as victim:
        time.sleep(delay)
        helpers = children_of(victim.pid)
        victim.send_signal(signal.SIGKILL)
    # Its helper processes (the terms of the index) end with it, not later, not never.
    deadline = time.monotonic() + ORPHAN_GRACE_SECONDS
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in helpers)
    finished = newsreader("--library", library, "export", str(generated))
    assert finished.returncode == 0, finished.stderr
    records = [json.loads(line) for line in finished.stdout.splitlines()]
    assert records == from_scratch([generated])


def test_two_processes_at_once_never_corrupt_the_library(generated: Path, tmp_path: Path) -> None:
    library = str(tmp_path / "library.sqlite3")
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    both = [
        subprocess.Popen(
            [script, "--library", library, "export", str(generated)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in both]
    assert [p.returncode for p in both] == [0, 0], [err for _, err in outputs]
    assert outputs[0][0] == outputs[1][0]
    assert [json.loads(line) for line in outputs[0][0].splitlines()] == from_scratch([generated])
    check = sqlite3.connect(library).execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"


def test_library_command_names_the_file_and_forget_drops_a_folder(
    feeds: Path, tmp_path: Path
) -> None:
    library = str(tmp_path / "lib.sqlite3")
    newsreader("--library", library, "check", str(feeds))
    info = newsreader("--library", library, "library")
    assert library in info.stdout and "corpora: 1" in info.stdout
    assert f"{feeds}: " in info.stdout and " articles" in info.stdout
    forgot = newsreader("--library", library, "library", "forget", str(feeds))
    assert forgot.returncode == 0 and str(feeds) in forgot.stdout
    assert "corpora: 0" in newsreader("--library", library, "library").stdout
    assert newsreader("--library", library, "library", "forget", str(feeds)).returncode == 1
    with sqlite3.connect(library) as connection:
        assert connection.execute("SELECT count(*) FROM pages").fetchone()[0] == 0


def test_list_limit_and_json(feeds: Path, library: str) -> None:
    out = newsreader("--library", library, "list", "--limit", "3", "--json", str(feeds))
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    corpus = load([feeds])
    assert [r["id"] for r in rows] == [a.id for a in corpus.articles[:3]]
    assert set(rows[0]) == {"id", "title", "published", "source", "tags", "read", "saved"}
    assert rows[0]["tags"] == list(corpus.articles[0].tags)
    tagged = newsreader("--library", library, "list", "--tag", "مصر", "--limit", "2", str(feeds))
    assert len(tagged.stdout.splitlines()) == 2


def test_nothing_is_written_beside_the_dumps(feeds: Path, library: str) -> None:
    before = sorted(str(p) for p in feeds.rglob("*"))
    open_corpus([feeds], library)
    Session([feeds], library).update()
    assert sorted(str(p) for p in feeds.rglob("*")) == before
    assert not library.startswith(str(feeds))


def test_a_touched_file_is_read_again_but_changes_nothing(feeds: Path, library: str) -> None:
    open_corpus([feeds], library)
    page = sorted(feeds.rglob("*.txt"))[3]
    os.utime(page)
    page.write_bytes(page.read_bytes())  # same bytes, new times
    report = Session([feeds], library).update()
    assert (report.read, report.rebuilt) == (1, False)
    assert Session([feeds], library).update().read == 0


def test_an_update_in_a_process_of_its_own_is_the_same_update(feeds: Path, library: str) -> None:
    session = Session([feeds], library)
    seen = []
    report = session.update(seen.append, apart=True)
    assert report.read > 0 and report.rebuilt
    assert [s.phase for s in seen][-1] == "done" and "reading" in [s.phase for s in seen]
    assert exported(session.view()) == from_scratch([feeds])
    assert session.update(apart=True).read == 0


def test_an_unwritable_library_found_by_the_worker_means_memory(
    feeds: Path, tmp_path: Path
) -> None:
    session = Session([feeds], str(tmp_path / "lib.sqlite3"))
    os.replace(tmp_path / "lib.sqlite3", tmp_path / "elsewhere")
    (tmp_path / "lib.sqlite3").mkdir()  # the file is now a folder: nothing can open it
    report = session.update(apart=True)
    assert report.read > 0 and session.library.in_memory
    assert "cannot be written" in session.warnings[-1]
    assert exported(session.view()) == from_scratch([feeds])


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real file system of 512 KiB (tmpfs), mounted for the test: needs root. It holds
    the library of one page with its search index and write-ahead log, not the library
    of the sample feeds."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI runs as root and must mount a tmpfs: {done.stderr!r}")
        pytest.skip("mounting a small file system needs root")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_means_a_session_in_memory(feeds: Path, small_disk: Path) -> None:
    library = small_disk / "library.sqlite3"
    session, view = open_corpus([feeds], str(library))
    assert session.library.in_memory
    assert len(session.warnings) == 1 and "cannot be written" in session.warnings[0]
    assert exported(view) == from_scratch([feeds])
    assert session.awaiting is None and session.reopen() is None  # a disk is not awaited


def test_a_read_only_disk_means_a_session_in_memory(feeds: Path, small_disk: Path) -> None:
    library = small_disk / "library.sqlite3"
    tiny = write_corpus(small_disk.parent / "tiny", {"wheat.txt": PAGES["wheat.txt"]})
    first, _ = open_corpus([tiny], str(library))  # a library that fits
    first.close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    session, view = open_corpus([feeds], str(library))
    assert session.library.in_memory and len(session.warnings) == 1
    assert exported(view) == from_scratch([feeds])
    assert session.awaiting is None and session.reopen() is None  # a disk is not awaited


def fill(disk: Path) -> None:
    """Take the rest of the disk's room."""
    descriptor = os.open(disk / "ballast", os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(descriptor, b"\0" * 4096)
    finally:
        os.close(descriptor)


def test_the_worker_on_a_read_only_disk_hands_over_to_memory(feeds: Path, small_disk: Path) -> None:
    library = small_disk / "library.sqlite3"
    tiny = write_corpus(small_disk.parent / "tiny", {"wheat.txt": PAGES["wheat.txt"]})
    first, _ = open_corpus([tiny], str(library))
    # No room left to fold the write-ahead log in at close: it stays, with its index, as
    # it would beside a reader still running, so that the read-only library still opens.
    fill(small_disk)
    first.close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    session = Session([feeds], str(library))
    assert session.update(apart=True).read > 0
    assert session.library.in_memory and "cannot be written" in session.warnings[-1]
    assert exported(session.view()) == from_scratch([feeds])


def test_a_run_killed_before_it_ordered_its_files_is_put_in_order(
    feeds: Path, library: str
) -> None:
    """What a run killed between storing its files and ranking them leaves: pages stored,
    articles not yet made, ranks out of step. The next run makes them from scratch's order."""
    (feeds / "a-empty.txt").write_bytes(b"")
    (feeds / "z-empty.txt").write_bytes(b"")
    open_corpus([feeds], library)
    _, connection = open_library(library)
    with connection:
        connection.execute("UPDATE files SET rank = -rank")  # reading order, reversed
        connection.execute("UPDATE corpora SET resolved = 0")
    connection.close()
    report = Session([feeds], library).update()
    assert (report.read, report.rebuilt) == (0, True)
    _, view = open_corpus([feeds], library)
    assert exported(view) == from_scratch([feeds])
    assert view.diagnostics == list(load([feeds]).diagnostics)  # in reading order
