"""The reader on a shared library whose server goes away while it reads, driven by Pilot on
a real PostgreSQL server: one notice, the screen kept, keys that need the library refused
(marks too: none is kept to be written later), and, once the server is back, the reader
carries on by itself and the library holds exactly what was marked. A server that is not
there when the reader starts is read without, in memory, and taken up once it answers,
with the marks made meanwhile. A library a newer newsreader migrates while the reader has
it open is said once in the words of a start, and the screen stays, with nothing written.
A server that hangs is an outage within seconds, not a reader that hangs with it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from postgres_support import Server
from test_postgres import drop_connections, migrate_newer
from textual.pilot import Pilot
from tui_support import NEWEST, PAGES, SECOND, main, screen_text, wait_loaded

from reader.layout import fit_line
from reader.library import state
from reader.library.backend import server_of
from reader.library.schema import SCHEMA_VERSION
from reader.library.session import open_corpus
from reader.settings.config import Settings
from reader.tui.app import make_app
from reader.tui.palette import PaletteInput, ReaderPalette
from reader.tui.screens import main as main_screen
from reader.tui.screens.find import FindScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.rtl_input import RtlInput

WIDE = (160, 40)
WAIT = 20.0  # seconds for the reader to notice on a busy machine
QUICK = 0.2  # the retry and marks refresh intervals here: the test waits for both
NEVER = 3600.0  # seconds before an article shown counts as read: only keys mark here
SETTINGS = Settings(mark_read_after=NEVER)

FRESH = "\n".join(
    [
        "بلدية المدينة تفتتح حديقة عامة جديدة",
        "تاريخ النشر: 9th, May 2024 GMT",
        "المدينة (خاص) – افتتحت البلدية حديقة عامة على ضفة النهر.",
        "Tags: البلدياتالحدائقالمصدر: صحيفة الأفق",
        "كلمات دلالية: البلديات الحدائق",
    ]
)


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main_screen, "RETRY_SECONDS", QUICK)
    monkeypatch.setattr(main_screen, "MARKS_REFRESH", QUICK)


async def until(pilot: Pilot, condition, what: str) -> None:
    waited = 0.0
    while not condition():
        assert waited < WAIT, f"not within {WAIT} s: {what}"
        await pilot.pause(0.05)
        waited += 0.05


def opened(screen: MainScreen) -> str | None:
    article = screen.article_view.article
    return article.title if article else None


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]  # Textual keeps them here; no public list


def marks(url: str) -> set[tuple[str, str, int]]:
    with psycopg.connect(url) as connection:
        rows = connection.execute("SELECT article, kind, value FROM reader_newsreader.marks")
        return {tuple(row) for row in rows}  # type: ignore[misc]


def listed(screen: MainScreen, *titles: str) -> bool:
    """Whether the headline list paints these headlines (not only the article pane, whose
    "read also" names one of them)."""
    rows = screen.headlines
    text = "\n".join(rows.render_line(y).text for y in range(len(rows.articles)))
    return all(fit_line(title, 200) in text for title in titles)


async def test_a_server_stopped_while_reading_keeps_the_screen_and_comes_back(
    corpus_dir: Path, postgres_server: Server, quick: None
) -> None:
    url = postgres_server.database()
    app = make_app([corpus_dir], library=url, settings=SETTINGS)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        screen = main(app)
        await pilot.press("enter")  # the newest, open
        assert opened(screen) == NEWEST
        count = len(screen.headlines.articles)
        postgres_server.pause()
        try:
            await pilot.press("down")  # the list moves on the rows it has
            assert screen.headlines.cursor == 1
            await pilot.press("enter")  # another article: refused, the open one stays
            await until(pilot, lambda: screen.status.outage is not None, "the outage noticed")
            assert opened(screen) == NEWEST
            await pilot.press("1", "s", "B", "u", "r", "b")  # a tag, tag search, filters, marks
            assert app.screen is screen and screen.place.tag is None
            assert not (screen.place.saved or screen.place.unread)
            await pilot.press("slash", *"القمح")  # the full-text search says why it finds none
            find = app.screen
            assert isinstance(find, FindScreen)
            await until(pilot, lambda: find.shown == find.query_one(RtlInput).value, "results")
            assert find.results is not None and not find.results.hits
            assert "unreachable" in find.results.notes[0] or "reached" in find.results.notes[0]
            await pilot.press("escape", "ctrl+p")  # the palette: its commands, no article
            assert isinstance(app.screen, ReaderPalette)
            app.screen.query_one(PaletteInput).value = "افتتاح معرض"
            await pilot.pause(QUICK * 3)  # the marks refreshed, the library retried, meanwhile
            assert isinstance(app.screen, ReaderPalette)
            await pilot.press("escape")
            assert listed(screen, NEWEST, SECOND)  # the rows painted as they were read
            assert len(screen.headlines.articles) == count
            assert opened(screen) == NEWEST
            said = [n for n in notices(app) if "library server" in n]
            assert len(said) == 1 and urlsplit(url).path.strip("/") in said[0]
            assert "does not answer" in screen_text(app).splitlines()[0]
        finally:
            postgres_server.resume()
        await until(pilot, lambda: screen.status.outage is None, "the library back, by itself")
        # Said by a notification, which Textual delivers by a message of its own: waited for.
        await until(pilot, lambda: "The library answers again." in notices(app), "it is said")
        assert marks(url) == set()  # the marks refused while it was gone: none half kept
        await pilot.press("r")  # the cursor's headline, the second
        await pilot.press("enter", "1")  # opened now, and its first tag followed
        assert opened(screen) == SECOND
        assert screen.place.tag is not None and len(screen.headlines.articles) < count
        second = screen.article_view.article
        assert second is not None
        assert marks(url) == {(second.id, "read", 1)}


async def test_a_server_that_turns_readers_away_defers_the_update_until_it_is_back(
    corpus_dir: Path, postgres_url: str, quick: None
) -> None:
    app = make_app([corpus_dir], library=postgres_url, settings=SETTINGS)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        screen = main(app)
        count = len(screen.headlines.articles)
        drop_connections(postgres_url, allow=False)  # cut off, and no new connection let in
        try:
            (corpus_dir / "park.txt").write_text(FRESH, encoding="utf-8")  # a scraper writes
            await until(pilot, lambda: screen.status.outage is not None, "the outage noticed")
            assert listed(screen, NEWEST, SECOND) and len(screen.headlines.articles) == count
            assert screen.session is not None and not screen.session.library.in_memory
        finally:
            drop_connections(postgres_url, allow=True)
        await until(pilot, lambda: screen.status.outage is None, "the library back")
        await until(
            pilot,
            lambda: screen.status.final and len(screen.headlines.articles) == count + 1,
            "the new page taken in",
        )
        assert screen.headlines.articles[0].title == FRESH.splitlines()[0]


async def test_an_article_read_while_the_server_was_gone_counts_once_it_is_back(
    corpus_dir: Path, postgres_url: str, quick: None
) -> None:
    moment = 0.5  # seconds an article is shown before it counts as read
    app = make_app([corpus_dir], library=postgres_url, settings=Settings(mark_read_after=moment))
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        screen = main(app)
        await pilot.press("enter")  # the newest, open: read in a moment
        drop_connections(postgres_url, allow=False)  # … but the server goes first
        try:
            await until(pilot, lambda: screen.status.outage is not None, "the outage noticed")
            await pilot.pause(moment * 2)  # its moment came while the server was gone
            assert opened(screen) == NEWEST and not screen.headlines.articles[0].read
        finally:
            drop_connections(postgres_url, allow=True)
        await until(pilot, lambda: screen.status.outage is None, "the library back")
        article = screen.article_view.article
        assert article is not None
        await until(pilot, lambda: (article.id, "read", 1) in marks(postgres_url), "read")


@contextlib.contextmanager
def stopped(server: Server) -> Iterator[Callable[[], None]]:
    """The server stopped; what is yielded starts it again (at the end, if not before)."""
    server.pause()
    running = False

    def resume() -> None:
        nonlocal running
        server.resume()
        running = True

    try:
        yield resume
    finally:
        if not running:
            server.resume()


def row(screen: MainScreen, title: str):
    return next(h for h in screen.headlines.articles if h.title == title)


def articles_on(url: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]


THIRD = "ارتفاع أسعار القمح في الأسواق المحلية"


async def test_a_server_down_at_the_start_is_read_without_then_taken_up_with_the_marks(
    corpus_dir: Path, postgres_server: Server, quick: None
) -> None:
    url = postgres_server.database()
    session, view = open_corpus([corpus_dir], url)  # the server holds the corpus …
    second = next(h.id for h in view.headlines() if h.title == SECOND)
    state.mark(view.connection, [second], "saved", True)  # … and a mark made there
    session.close()
    count = len(PAGES)
    app = make_app([corpus_dir], library=url, settings=SETTINGS)
    with stopped(postgres_server) as resume:
        async with app.run_test(size=WIDE) as pilot:
            await wait_loaded(pilot)
            screen = main(app)
            assert screen.session is not None and screen.session.library.in_memory
            said = [n for n in notices(app) if "library server" in n]
            assert len(said) == 1 and urlsplit(url).path.strip("/") in said[0]
            assert "cannot be reached" in said[0] and "tried every" in said[0]
            assert not row(screen, SECOND).saved  # the library in memory knows none of it
            assert "in memory: the library server is tried again" in screen_text(app)
            newest = row(screen, NEWEST).id
            await pilot.press("r")  # the newest, read: in memory for now
            assert row(screen, NEWEST).read
            (corpus_dir / "park.txt").write_text(FRESH, encoding="utf-8")  # a scraper writes
            await until(
                pilot,
                lambda: screen.status.final and len(screen.headlines.articles) == count + 1,
                "the new page taken in, in memory",
            )
            await pilot.pause(QUICK * 3)  # tried meanwhile, in vain: nothing more said
            assert screen.session.library.in_memory
            assert [n for n in notices(app) if "library server" in n] == said
            resume()
            await until(pilot, lambda: not screen.session.library.in_memory, "gone on there")
            await until(pilot, lambda: screen.status.final, "brought up to date there")
            taken = [n for n in notices(app) if "answers: the reader goes on there" in n]
            assert len(taken) == 1 and urlsplit(url).path.strip("/") in taken[0]
            assert screen.corpus is not None and server_of(screen.corpus.connection) is not None
            assert "in memory" not in screen_text(app)
            assert row(screen, SECOND).saved and row(screen, NEWEST).read  # both, from there
            assert listed(screen, NEWEST, SECOND, THIRD)
            assert articles_on(url) == count + 1  # the update ran there
            third = row(screen, THIRD)
            screen.headlines.move_to(screen.headlines.articles.index(third))
            await pilot.press("b")  # a mark made now is the server's
            assert marks(url) == {(newest, "read", 1), (second, "saved", 1), (third.id, "saved", 1)}
            assert screen.status.outage is None and app.is_running


async def test_an_empty_server_found_back_is_filled_from_the_dumps_before_it_is_read(
    corpus_dir: Path, postgres_server: Server, quick: None
) -> None:
    url = postgres_server.database()  # nothing there yet
    app = make_app([corpus_dir], library=url, settings=SETTINGS)
    with stopped(postgres_server) as resume:
        async with app.run_test(size=WIDE) as pilot:
            await wait_loaded(pilot)
            screen = main(app)
            assert screen.session is not None and screen.session.library.in_memory
            await pilot.press("enter")  # the newest, open
            await pilot.press("b")  # and saved, in memory
            newest = screen.article_view.article
            assert newest is not None and newest.title == NEWEST
            resume()
            await until(pilot, lambda: not screen.session.library.in_memory, "gone on there")
            await until(pilot, lambda: screen.status.final, "brought up to date there")
            assert articles_on(url) == len(PAGES)
            assert opened(screen) == NEWEST and listed(screen, NEWEST, SECOND)
            assert marks(url) == {(newest.id, "saved", 1)}


@pytest.mark.parametrize(
    ("change", "keys"),
    [
        ("ALTER TABLE articles RENAME COLUMN title TO headline", ("down", "enter")),  # a read
        (None, ("r",)),  # the version alone: a write
    ],
    ids=["a-table-changed", "the-version-raised"],
)
async def test_a_library_a_newer_newsreader_migrates_mid_session_is_said_once_and_kept(
    corpus_dir: Path, postgres_url: str, quick: None, change: str | None, keys: tuple[str, ...]
) -> None:
    app = make_app([corpus_dir], library=postgres_url, settings=SETTINGS)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        screen = main(app)
        await pilot.press("enter", "escape")  # the newest, open; the list has the keys
        count = len(screen.headlines.articles)
        migrate_newer(postgres_url, change)
        await pilot.press(*keys)  # a key that asks the library: refused
        await until(pilot, lambda: screen.status.outage is not None, "the newer library noticed")
        assert app.is_running and opened(screen) == NEWEST
        await pilot.press("r", "b", "1", "u")  # marks, a tag, a filter: refused at once
        await pilot.pause(QUICK * 3)  # no try at it meanwhile
        said = [n for n in notices(app) if "newer newsreader" in n]
        assert len(said) == 1, notices(app)
        assert f"schema {SCHEMA_VERSION + 1}, this one reads {SCHEMA_VERSION}" in said[0]
        assert "left as it is" in said[0] and "in this session" in said[0]
        assert not [n for n in notices(app) if "answers again" in n]
        assert listed(screen, NEWEST, SECOND) and len(screen.headlines.articles) == count
        assert screen.place.tag is None and not screen.place.unread
        assert "newer newsreader" in screen_text(app).splitlines()[0]
        assert marks(postgres_url) == set()  # nothing written


async def test_a_server_that_hangs_is_an_outage_in_seconds_and_the_reader_goes_on(
    corpus_dir: Path, postgres_server: Server, quick: None
) -> None:
    url = postgres_server.database()
    app = make_app([corpus_dir], library=url, settings=SETTINGS)
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        screen = main(app)
        await pilot.press("enter", "escape")  # the newest, open; the list has the keys
        with postgres_server.hung(at_most=WAIT):  # on the reader's own thread: given up
            await pilot.press("down", "enter")  # another article: refused, the open one stays
            await until(pilot, lambda: screen.status.outage is not None, "the hang noticed")
            assert app.is_running and opened(screen) == NEWEST
            await pilot.press("r")  # refused at once: nothing more is asked of it
            said = [n for n in notices(app) if "does not answer" in n]
            assert len(said) == 1 and urlsplit(url).path.strip("/") in said[0]
            assert listed(screen, NEWEST, SECOND)
        await until(pilot, lambda: screen.status.outage is None, "the library back, by itself")
        await pilot.press("enter")
        assert opened(screen) == SECOND
        assert marks(url) == set()  # the mark refused while it hung: none half kept
