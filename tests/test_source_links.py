"""Source links: the web address a crawl gave a page (JSON Lines `url`) reaches its article,
the library, the export and the reader (`o` opens it, `y` copies it); anything but a plain
web link is dropped."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from tui_support import PAGES, wait_loaded

from reader.ingest.sources import MAX_URL, web_address
from reader.library.schema import MIGRATIONS, SCHEMA_VERSION
from reader.library.session import open_corpus
from reader.library.store import open_library
from reader.parse.loader import load
from reader.tui.app import make_app

URL = "https://news.example/ar/2024/05/03/باكو?id=7#top"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (URL, URL),
        ("  http://example.org  ", "http://example.org"),
        ("HTTPS://EXAMPLE.ORG/a", "HTTPS://EXAMPLE.ORG/a"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("https://", None),
        ("https://user@host/", None),
        ("https://example.org/a b", None),
        ("https://example.org/\x1b]0;x\x07", None),
        ("https://example.org/\u202eevil", None),  # a bidi control
        ("https://example.org/" + "a" * MAX_URL, None),
        (7, None),
        (None, None),
    ],
)
def test_only_plain_web_links_are_kept(given: object, kept: str | None) -> None:
    assert web_address(given) == kept


def write_jsonl(folder: Path, url: object = URL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"text": PAGES["baku.txt"], "url": url}, ensure_ascii=False),
        json.dumps({"text": PAGES["book_fair.txt"]}, ensure_ascii=False),
    ]
    (folder / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_the_address_reaches_the_article_and_not_its_read_also_stories(tmp_path: Path) -> None:
    corpus = load([write_jsonl(tmp_path / "dumps")])
    by_title = {a.title: a for a in corpus.articles}
    assert by_title["أردوغان يصل إلى باكو في زيارة رسمية"].url == URL
    # The book fair is in baku's "read also" block, and on a line of its own without a url.
    assert by_title["افتتاح معرض الكتاب في القاهرة"].url is None


def test_the_library_keeps_addresses_and_notices_when_one_changes(tmp_path: Path) -> None:
    folder = write_jsonl(tmp_path / "dumps")
    library = str(tmp_path / "lib.sqlite3")
    session, view = open_corpus([folder], library)
    found = view.find("أردوغان يصل إلى باكو في زيارة رسمية")
    assert found is not None and found.url == URL
    session.close()
    write_jsonl(folder, "https://news.example/moved")
    session, view = open_corpus([folder], library)
    found = view.find("أردوغان يصل إلى باكو في زيارة رسمية")
    assert found is not None and found.url == "https://news.example/moved"
    session.close()


def test_an_older_library_gets_the_address_columns(tmp_path: Path) -> None:
    library = str(tmp_path / "lib.sqlite3")
    old = sqlite3.connect(library)
    old.executescript(f"{MIGRATIONS[0]}; {MIGRATIONS[1]}; PRAGMA user_version = 2;")
    old.close()
    opened, connection = open_library(library)
    assert not opened.in_memory  # migrated, not given up for one in memory
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    columns = {row[1] for row in connection.execute("PRAGMA table_info(origins)")}
    assert "url" in columns


async def test_o_opens_the_page_and_y_copies_its_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_jsonl(tmp_path / "dumps")
    app = make_app([folder], library=str(tmp_path / "lib.sqlite3"))
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")  # the newest: baku, with its address
        await pilot.press("o")
        assert opened == [URL]
        await pilot.press("y")
        assert app.clipboard == URL
        await pilot.press("down", "enter")  # the book fair: no address
        await pilot.press("o", "y")
        assert opened == [URL]  # nothing more was opened
        await pilot.press("خ")  # o in the Arabic layout
        assert opened == [URL]
        await pilot.press("up", "enter", "خ")
        assert opened == [URL, URL]
