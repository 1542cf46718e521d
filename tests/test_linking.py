"""Linking only what changed: pages added, removed or rewritten in a generated corpus are
linked by their changes, and the library then holds what linking every page would make."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.library.linking import DELTA_SHARE
from reader.library.session import Session
from reader.library.store import open_library
from reader.library.tag_state import PageTags

ROOT = Path(__file__).resolve().parents[1]
PAGES = 400

# Every table a link writes, in an order that does not depend on how the rows were written.
TABLES = {
    "articles": "SELECT seq, id, title, title_key, published, place, agency, source, body, "
    "keywords, members FROM articles ORDER BY seq",
    "article_tags": "SELECT article, position, tag, tag_key, rank FROM article_tags "
    "ORDER BY article, position",
    "tags": "SELECT tag_key, name, count, skeleton FROM tags ORDER BY tag_key",
    "sources": "SELECT name, source_key, count FROM sources ORDER BY name",
    "links": "SELECT article, position, title, target FROM links ORDER BY article, position",
    "origins": "SELECT article, position, path, line, url FROM origins ORDER BY article, position",
    "story_ids": "SELECT story_key, article FROM story_ids ORDER BY story_key",
    "search_docs": "SELECT article, digest, published, source_key FROM search_docs "
    "ORDER BY article",
    "search_terms": "SELECT term, documents FROM search_terms ORDER BY term",
    "corpora": "SELECT pages, articles, merged, failed, warnings FROM corpora",
    "page_titles": "SELECT title_key, page, own FROM page_titles ORDER BY title_key, page",
}


def make_corpus(out: Path, pages: int, seed: int, *more: str) -> Path:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "make_corpus.py"),
            str(out),
            "--pages",
            str(pages),
            "--seed",
            str(seed),
            *more,
        ],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("linking") / "dumps", PAGES, 1)


@pytest.fixture(scope="module")
def extra(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pages of another seed: other stories, partly the same headlines and tags."""
    return make_corpus(tmp_path_factory.mktemp("linking") / "extra", PAGES, 2)


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pages dated after every page of the corpus: a crawl's next days."""
    return make_corpus(tmp_path_factory.mktemp("linking") / "later", 20, 3, "--years", "2026")


@pytest.fixture
def corpus(generated: Path, tmp_path: Path) -> Path:
    return shutil.copytree(generated, tmp_path / "corpus")


def contents(library: Path | str) -> dict[str, list]:
    """Every table a link writes, read through the library's own connection (a SQLite
    file or a database on a server)."""
    _, connection = open_library(library)
    held = {
        name: [tuple(row) for row in connection.execute(query).fetchall()]
        for name, query in TABLES.items()
    }
    held["page_tags"] = [
        (page, PageTags.decode(bytes(data)))
        for page, data in connection.execute("SELECT page, decided FROM page_tags ORDER BY page")
    ]
    connection.close()
    return held


def linked_whole(library: Path | str, corpus: Path) -> dict[str, list]:
    """What linking every page of the same stored pages makes: the library's pools
    forgotten and its corpus linked whole, in place."""
    _, connection = open_library(library)
    with connection:
        connection.execute("UPDATE corpora SET resolved = 0, tag_state = NULL")
    connection.close()
    report = Session([corpus], str(library)).update()
    assert report.rebuilt and not report.by_changes
    return contents(library)


def add_pages(corpus: Path, extra: Path, count: int, folder: str = "zz-added") -> None:
    files = sorted(extra.rglob("*.txt"))[:count]
    (corpus / folder).mkdir()
    for n, path in enumerate(files):
        shutil.copy(path, corpus / folder / f"{n:04}.txt")


def test_pages_added_are_linked_by_their_changes_as_linking_all_would(
    corpus: Path, extra: Path, library_url: str
) -> None:
    library = library_url
    first = Session([corpus], str(library)).update()
    assert first.rebuilt and not first.by_changes  # nothing to start from: linked whole
    add_pages(corpus, extra, PAGES // 50)
    report = Session([corpus], str(library)).update()
    assert report.read == PAGES // 50 and report.by_changes
    held = contents(library)
    assert len(held["articles"]) > PAGES
    assert held == linked_whole(library, corpus)


def test_later_news_takes_new_places_and_moves_no_other_row(
    corpus: Path, later: Path, library_url: str
) -> None:
    library = library_url
    Session([corpus], str(library)).update()
    before = {row[1]: row[0] for row in contents(library)["articles"]}
    add_pages(corpus, later, 20)
    assert Session([corpus], str(library)).update().by_changes
    held = contents(library)
    places = {row[1]: row[0] for row in held["articles"]}
    assert all(places[ident] == seq for ident, seq in before.items() if ident in places)
    newest = [row for row in held["articles"] if row[0] >= len(before)]
    assert newest and all(row[4] >= "2026" for row in newest)
    assert held == linked_whole(library, corpus)


def test_pages_removed_and_rewritten_are_linked_by_their_changes(
    corpus: Path, library_url: str
) -> None:
    library = library_url
    Session([corpus], str(library)).update()
    files = sorted(corpus.rglob("*.txt"))
    for path in files[:3]:
        path.unlink()
    for path in files[3:6]:  # another headline, and the first tag gone
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[0] = f"عنوان آخر {path.stem}"
        path.write_text("\n".join(lines).replace("الطاقة", "الكهرباء"), encoding="utf-8")
    report = Session([corpus], str(library)).update()
    assert (report.removed, report.read, report.by_changes) == (3, 3, True)
    held = contents(library)
    assert any(title.startswith("عنوان آخر") for _, _, title, *_ in held["articles"])
    assert held == linked_whole(library, corpus)


def test_a_change_beyond_the_delta_share_is_linked_whole(
    corpus: Path, extra: Path, tmp_path: Path
) -> None:
    library = tmp_path / "library.sqlite3"
    Session([corpus], str(library)).update()
    within = int(PAGES * DELTA_SHARE) - 1
    add_pages(corpus, extra, within, "zz-within")
    assert Session([corpus], str(library)).update().by_changes
    # more than the share of the corpus it makes: added / (held + added) > DELTA_SHARE
    beyond = int((PAGES + within) * DELTA_SHARE / (1 - DELTA_SHARE)) + 2
    (corpus / "zz-beyond").mkdir()
    for n, path in enumerate(sorted(extra.rglob("*.txt"))[within : within + beyond]):
        shutil.copy(path, corpus / "zz-beyond" / f"{n:04}.txt")
    report = Session([corpus], str(library)).update()
    assert report.rebuilt and not report.by_changes
    assert contents(library) == linked_whole(library, corpus)


def test_a_library_linked_before_its_pools_were_kept_is_linked_whole_once(
    corpus: Path, extra: Path, tmp_path: Path
) -> None:
    library = tmp_path / "library.sqlite3"
    Session([corpus], str(library)).update()
    connection = sqlite3.connect(library)
    with connection:  # as a library of the previous schema is, once upgraded
        connection.execute("UPDATE corpora SET tag_state = NULL")
        connection.execute("DELETE FROM page_tags")
    connection.close()
    add_pages(corpus, extra, 3)
    assert not Session([corpus], str(library)).update().by_changes
    add_pages(corpus, extra, 3, "zz-more")
    assert Session([corpus], str(library)).update().by_changes


def test_pages_of_a_source_new_to_the_corpus_are_linked_whole(
    corpus: Path, extra: Path, tmp_path: Path
) -> None:
    """A new source brings an order of its own (how its pages sort their tags), which every
    page of it is decided by: that is no change a few pages' parts can carry."""
    library = tmp_path / "library.sqlite3"
    Session([corpus], str(library)).update()
    (corpus / "zz-new-source").mkdir()
    sources = ("صحيفة الأفق", "وكالة النهار للأنباء", "موقع المرصد", "إذاعة الشرق", "جريدة الغد")
    for n, path in enumerate(sorted(extra.rglob("*.txt"))[:30]):
        text = path.read_text(encoding="utf-8")
        for source in sources:
            text = text.replace(f"المصدر: {source}", "المصدر: نشرة الواحة")
        (corpus / "zz-new-source" / f"{n:04}.txt").write_text(text, encoding="utf-8")
    report = Session([corpus], str(library)).update()
    assert report.rebuilt and not report.by_changes
    connection = sqlite3.connect(library)
    assert connection.execute(
        "SELECT count(*) FROM articles WHERE source = 'نشرة الواحة'"
    ).fetchone()[0]
    connection.close()
    assert contents(library) == linked_whole(library, corpus)


@pytest.mark.parametrize("delay", [0.4, 0.7, 1.0])
def test_kill_9_mid_link_leaves_a_library_the_next_run_links_as_a_whole_link_would(
    corpus: Path, extra: Path, tmp_path: Path, delay: float
) -> None:
    library = tmp_path / "library.sqlite3"
    Session([corpus], str(library)).update()
    add_pages(corpus, extra, PAGES // 25)
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    with subprocess.Popen(
        [script, "--library", str(library), "check", str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as victim:
        time.sleep(delay)
        victim.send_signal(signal.SIGKILL)
    Session([corpus], str(library)).update()
    integrity = sqlite3.connect(library).execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"
    assert contents(library) == linked_whole(library, corpus)
