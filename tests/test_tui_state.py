"""Reading state in the reader, driven through Pilot: every key and filter, the read timer,
counts, where the reader left off, and marks made by another reader of the library."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest
from pty_support import newsreader_command, reader_env, reader_in_pty
from tui_support import NEWEST, PAGES, SECOND, main, screen_text, wait_loaded

from reader.layout import fit_line
from reader.library import state
from reader.library.store import open_library
from reader.settings.config import MARK_READ_AFTER, Settings
from reader.tui.app import make_app
from reader.tui.screens import main as main_module
from reader.tui.screens.confirm import ConfirmScreen
from reader.tui.screens.help import help_lines
from reader.tui.screens.main import MARKS_REFRESH, MainScreen
from reader.tui.screens.search import TagResults
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.headlines import SAVED_MARK, UNREAD_MARK, HeadlineList
from reader.tui.widgets.status import StatusBar

WIDE = (160, 40)
TAG = "أردوغان"


def rows(app) -> list:
    headlines = app.screen.query_one(HeadlineList).articles
    return [headlines[i] for i in range(len(headlines))]


def marks(app, title: str) -> set[str]:
    screen = main(app)
    assert screen.corpus is not None
    ident = next(h.id for h in screen.corpus.headlines() if h.title == title)
    return set(state.marks_of(screen.corpus.connection, ident))


def status(app) -> str:
    bar = app.screen.query_one("#status", StatusBar)
    return f"{bar.description} | {bar.notice}"


async def test_an_article_shown_for_a_moment_is_marked_read(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause(MARK_READ_AFTER / 3)
        assert marks(app, NEWEST) == set()  # not yet: it was only glanced at
        await pilot.pause(MARK_READ_AFTER)
        assert marks(app, NEWEST) == {"read"}
        assert rows(app)[0].read and not rows(app)[1].read


async def test_going_through_articles_and_headlines_marks_nothing(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("down", "down", "down")  # scrolling past headlines
        await pilot.press("enter", "up")
        await pilot.pause(MARK_READ_AFTER / 3)
        await pilot.press("enter")  # another article before the first counted
        await pilot.pause(MARK_READ_AFTER + 0.3)
        read = [h.title for h in rows(app) if h.read]
        assert read == [rows(app)[2].title]


async def test_r_toggles_read_on_the_cursor_and_on_the_open_article(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("r")
        assert marks(app, NEWEST) == {"read"} and rows(app)[0].read
        await pilot.press("ق")  # the same key on the Arabic layout
        assert marks(app, NEWEST) == set() and not rows(app)[0].read
        await pilot.press("down", "enter", "tab")
        assert app.screen.query_one(ArticleView).has_focus
        await pilot.press("r")  # the open article, not the cursor's
        assert marks(app, SECOND) == {"read"}
        await pilot.pause(MARK_READ_AFTER + 0.3)
        assert marks(app, SECOND) == {"read"}  # the timer did not undo or redo it
        await pilot.press("r")
        await pilot.pause(MARK_READ_AFTER + 0.3)
        assert marks(app, SECOND) == set()  # marked unread by hand stays unread
        await pilot.press("u")  # even when the list changes under the open article
        await pilot.pause(MARK_READ_AFTER + 0.3)
        assert marks(app, SECOND) == set()


async def test_unread_rows_stand_out_and_are_counted(arabic: None, corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        text = screen_text(app)
        assert text.count(UNREAD_MARK) == len(PAGES)
        assert f"غير مقروء: {len(PAGES)}" in status(app)
        await pilot.press("r")
        assert screen_text(app).count(UNREAD_MARK) == len(PAGES) - 1
        line = next(s for s in screen_text(app).splitlines() if fit_line(NEWEST, 200)[:10] in s)
        assert UNREAD_MARK not in line
        assert f"غير مقروء: {len(PAGES) - 1}" in status(app)
        main(app).choose_tag(TAG)
        await pilot.pause()
        assert "غير مقروء: 1" in status(app)  # the tag's
        assert f"غير مقروء في الكل: {len(PAGES) - 1}" in status(app)  # and overall
        style = app.screen.query_one(HeadlineList).get_component_rich_style("headline-list--unread")
        assert style.bold  # weight, not colour alone


async def test_b_saves_and_capital_b_shows_the_saved_articles(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("down", "b")
        assert marks(app, SECOND) == {"saved"} and rows(app)[1].saved
        await pilot.press("B")
        assert main(app).place.saved and [h.title for h in rows(app)] == [SECOND]
        await pilot.press("b")  # unsaved: it stays in the list until it is made again
        assert [h.title for h in rows(app)] == [SECOND] and not rows(app)[0].saved
        await pilot.press("B")
        assert not main(app).place.saved and len(rows(app)) == len(PAGES)
        await pilot.press("B")
        assert rows(app) == []


async def test_u_shows_only_unread_and_combines_with_a_tag(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("r", "u")
        assert main(app).place.unread
        assert [h.title for h in rows(app)] == [
            h.title for h in main(app).corpus.headlines() if h.title != NEWEST
        ]
        main(app).choose_tag(TAG)
        await pilot.pause()
        assert main(app).place.tag == TAG and main(app).place.unread
        assert [h.title for h in rows(app)] == ["أردوغان يستقبل وفدا اقتصاديا في أنقرة"]
        await pilot.press("ع")  # u on the Arabic layout: the whole tag again
        assert len(rows(app)) == 2
        await pilot.press("u", "c")
        assert main(app).place.tag is None and not main(app).place.unread
        assert len(rows(app)) == len(PAGES)


async def test_capital_r_asks_how_many_then_marks_the_list_read(
    arabic: None, corpus_dir: Path
) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        main(app).choose_tag(TAG)
        await pilot.pause()
        await pilot.press("R")
        assert isinstance(app.screen, ConfirmScreen)
        assert "خبران" in app.screen.question  # two, as Arabic says it
        await pilot.press("n")
        assert isinstance(app.screen, MainScreen) and not any(h.read for h in rows(app))
        await pilot.press("R", "y")
        assert isinstance(app.screen, MainScreen) and all(h.read for h in rows(app))
        assert marks(app, SECOND) == set()  # outside the list
        await pilot.press("R")  # nothing left to mark: no question
        assert isinstance(app.screen, MainScreen)


async def test_n_finds_the_next_unread_in_the_list_and_from_an_article(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("down", "r", "down", "r", "home")
        await pilot.press("n")
        headlines = app.screen.query_one(HeadlineList)
        assert headlines.cursor == 3
        await pilot.press("ى")  # n on the Arabic layout
        assert headlines.cursor == 4
        await pilot.press("n")  # round to the top
        assert headlines.cursor == 0
        await pilot.press("enter", "tab", "n")
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.title == rows(app)[3].title
        assert headlines.cursor == 3


async def test_tag_search_shows_each_tags_unread_count(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("r", "s")  # s: the tag search
        results = app.screen.query_one(TagResults)
        counts = {tag: (count, unread) for tag, count, unread in results.matches}
        assert counts[TAG] == (2, 1)
        assert counts["الثقافة"] == (1, 1)
        assert "1/2" in screen_text(app)


@pytest.mark.parametrize("size", [WIDE, (80, 24)], ids=["both-panes", "one-pane"])
async def test_the_reader_comes_back_where_it_left_off(
    corpus_dir: Path, size: tuple[int, int]
) -> None:
    long_page = "\n".join(
        [
            "صفحة طويلة للقراءة",
            "تاريخ النشر: 4th, May 2024 GMT",
            *(f"السطر رقم {n} من الصفحة الطويلة." for n in range(80)),
            "Tags: أردوغانالمصدر: صحيفة الأفق",
        ]
    )
    (corpus_dir / "long.txt").write_text(long_page, encoding="utf-8")
    app = make_app([corpus_dir])
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        main(app).choose_tag(TAG)
        await pilot.pause()
        await pilot.press("u", "enter")
        view = app.screen.query_one(ArticleView)
        if not view.has_focus:  # both panes: the list keeps the focus
            await pilot.press("tab")
        await pilot.press("pagedown")
        scrolled = round(view.scroll_y)
        assert scrolled > 0
    again = make_app([corpus_dir])
    async with again.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        await pilot.pause(0.2)
        place = main(again).place
        assert (place.tag, place.unread, place.saved) == (TAG, True, False)
        view = again.screen.query_one(ArticleView)
        assert view.article is not None and view.article.title == "صفحة طويلة للقراءة"
        assert round(view.scroll_y) == scrolled and main(again).reading
        # History is the session's own: nothing to go back to.
        assert not main(again).history.can_go_back
    elsewhere = make_app([corpus_dir / "baku.txt"])  # another corpus: a place of its own
    async with elsewhere.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert main(elsewhere).place.tag is None


async def test_marks_made_by_another_reader_show_on_the_next_refresh(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        first = rows(app)[0].id
        _, other = open_library()  # another process's connection, as `newsreader mark` has
        state.mark(other, [first], "saved", True)
        assert not rows(app)[0].saved
        await pilot.pause(MARKS_REFRESH + 0.5)
        assert rows(app)[0].saved
        other.close()


async def test_the_status_line_is_drawn_once_a_change_and_not_for_a_look_at_no_change(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line follows one state: a mark draws it once; the marks looked at again (every
    few seconds) and found as they were draw nothing."""
    monkeypatch.setattr(main_module, "MARKS_REFRESH", 0.05)
    drawn: list[str | None] = []
    draw = StatusBar.set

    def counting(bar: StatusBar, description: str | None = None, notice: str | None = None):
        drawn.append(description)
        draw(bar, description, notice)

    monkeypatch.setattr(StatusBar, "set", counting)
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.pause(0.3)
        drawn.clear()
        await pilot.pause(0.5)  # the marks looked at again, several times
        assert drawn == []
        await pilot.press("r")
        assert drawn == [f"All news — {len(PAGES)} articles, unread: {len(PAGES) - 1}"]


async def test_a_mark_the_library_refuses_is_said_not_fatal(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)

        def refused(*args: object) -> None:
            raise main_module.sqlite3.OperationalError("attempt to write a readonly database")

        monkeypatch.setattr(state, "mark", refused)
        await pilot.press("r")
        assert app.is_running and not rows(app)[0].read


async def test_a_reader_in_memory_marks_too(corpus_dir: Path) -> None:
    app = make_app([corpus_dir], library=":memory:")
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("r", "b")
        assert rows(app)[0].read and rows(app)[0].saved


def test_help_lists_the_new_keys() -> None:
    text = "\n".join(row.text for row in help_lines())
    for tooltip in (
        "Read, or unread again",
        "Mark every article",
        "Next unread",
        "Save the article",
        "The saved articles",
        "Only unread articles",
    ):
        assert tooltip in text


async def test_the_key_bar_shows_the_reading_keys(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        bar = screen_text(app).splitlines()[-1]
        for description in ("Read", "Next unread", "Save", "Unread only"):
            assert description in bar


@pytest.mark.slow
def test_kill_9_right_after_a_mark_loses_nothing(corpus_dir: Path, tmp_path: Path) -> None:
    """The real reader on a pty: once a mark shows, it is committed, whatever comes next."""
    home = tmp_path / "pty-home"
    with reader_in_pty([str(corpus_dir)], home, size=(160, 30)) as terminal:
        # The articles made: a first read's pages, shown before them, take no marks (nor
        # does its status line count the unread).
        terminal.wait_for(
            lambda screen: screen.count(UNREAD_MARK) == len(PAGES) and "unread: " in screen
        )
        terminal.keys("b", "r", "Down", "Enter")  # saved and read by key, then read by time
        terminal.wait_for(
            lambda screen: SAVED_MARK in screen and screen.count(UNREAD_MARK) == len(PAGES) - 2
        )
        terminal.process.send_signal(signal.SIGKILL)
        terminal.process.wait()
    listed = subprocess.run(
        [newsreader_command(), "list", "--json", str(corpus_dir)],
        env=reader_env(home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["read"], r["saved"]) for r in records[:3]] == [
        (True, True),
        (True, False),
        (False, False),
    ]


async def test_a_place_whose_tag_is_gone_comes_back_as_all_the_news(corpus_dir: Path) -> None:
    _, connection = open_library()
    left = state.LastPlace("وسم لم يعد موجودا", False, True, None, 0)
    state.save_place(connection, [str(corpus_dir)], left)
    connection.close()
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert main(app).place == main_module.Place(None, None, False, True)
        assert len(rows(app)) == len(PAGES)


async def test_one_pane_at_a_time_an_article_put_away_at_once_stays_unread(
    arabic: None,
    corpus_dir: Path,
) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        assert f"{UNREAD_MARK} غير مقروء" in status(app)  # the list is hidden: the status says
        await pilot.press("escape")
        await pilot.pause(MARK_READ_AFTER + 0.3)
        assert marks(app, NEWEST) == set()
        await pilot.press("tab")  # shown again: its moment starts again
        await pilot.pause(MARK_READ_AFTER + 0.3)
        assert marks(app, NEWEST) == {"read"}
        await pilot.press("b")
        assert f"{SAVED_MARK} محفوظ" in status(app) and UNREAD_MARK not in status(app)


async def test_the_settings_choose_how_long_an_article_is_shown_before_it_is_read(
    corpus_dir: Path,
) -> None:
    app = make_app([corpus_dir], settings=Settings(mark_read_after=MARK_READ_AFTER * 4))
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.pause(MARK_READ_AFTER + 0.3)
        assert marks(app, NEWEST) == set()  # the default's time is not enough now
        await pilot.pause(MARK_READ_AFTER * 3)
        assert marks(app, NEWEST) == {"read"}
