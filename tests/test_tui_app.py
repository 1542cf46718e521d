"""The reader driven through Textual's Pilot: every flow a reader uses, on a small corpus."""

from __future__ import annotations

import gc
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from tui_support import (
    LONG_TITLE,
    NEWEST,
    PAGES,
    SECOND,
    long_page,
    main,
    screen_strips,
    screen_text,
    wait_loaded,
    write_corpus,
)

import reader.tui.widgets.article
from reader import collector
from reader.layout import fit_line
from reader.library.progress import IngestProgress
from reader.library.reading import CorpusView
from reader.library.session import Opening, Session
from reader.library.writing import write_articles
from reader.model import Article, Origin, ReadAlso, Story
from reader.parse.corpus import Merged
from reader.tui.app import make_app
from reader.tui.keys import described
from reader.tui.screens.diagnostics import DiagnosticsScreen
from reader.tui.screens.find import FindScreen
from reader.tui.screens.help import HelpScreen, help_lines
from reader.tui.screens.main import MainScreen, Place
from reader.tui.screens.search import SearchScreen, TagResults
from reader.tui.widgets.article import AHEAD_PAGES, LAYOUT_SLICE, REACH_PAGES, ArticleView
from reader.tui.widgets.headlines import HeadlineList
from reader.tui.widgets.rtl_input import RtlInput

WIDE = (160, 40)


def titles(app) -> list[str]:
    return [a.title for a in app.screen.query_one(HeadlineList).articles]


def opened(app) -> str | None:
    article = app.screen.query_one(ArticleView).article
    return article.title if article else None


async def test_headlines_newest_first_and_visible_in_visual_order(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert titles(app)[:2] == [NEWEST, SECOND]
        text = screen_text(app)
        assert fit_line(NEWEST, 200) in text
        assert NEWEST not in text  # logical order would read backwards
        assert "5" in text.splitlines()[0]  # the status line counts the articles


async def test_move_and_open_an_article(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert opened(app) is None
        await pilot.press("down", "enter")
        assert opened(app) == SECOND
        assert fit_line(SECOND, 200) in screen_text(app)
        await pilot.press("up", "enter")
        assert opened(app) == NEWEST
        await pilot.press("end")
        assert app.screen.query_one(HeadlineList).cursor == len(titles(app)) - 1
        await pilot.press("home")
        assert app.screen.query_one(HeadlineList).cursor == 0


async def test_article_pane_scrolls_by_line_and_page(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=(160, 8)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter", "tab")
        view = app.screen.query_one(ArticleView)
        assert view.has_focus and view.max_scroll_y > 0
        await pilot.press("down")
        assert view.scroll_y == 1
        await pilot.press("pagedown")
        assert view.scroll_y > 1
        await pilot.press("end")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_y == 0


async def test_follow_a_tag_by_number_and_by_selection(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        article = app.screen.query_one(ArticleView).article
        assert article is not None and "أردوغان" in article.tags
        await pilot.press(str(article.tags.index("أردوغان") + 1))
        corpus = main(app).corpus
        assert main(app).place.tag == "أردوغان"
        assert titles(app) == [a.title for a in corpus.headlines("أردوغان")]
        assert len(titles(app)) == 2
        assert "أردوغان" in screen_text(app).splitlines()[0] or fit_line(
            "أردوغان", 50
        ) in screen_text(app)
        # Enter the tag row, move along it, follow the first tag.
        await pilot.press("t")
        view = app.screen.query_one(ArticleView)
        assert view.has_focus and view.selected == 0
        await pilot.press("left", "right", "enter")
        assert main(app).place.tag == article.tags[0]
        assert titles(app) == [a.title for a in corpus.headlines(article.tags[0])]


async def test_follow_read_also_then_read_by(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        assert opened(app) == NEWEST
        await pilot.press("l", "enter")
        assert opened(app) == SECOND
        article = app.screen.query_one(ArticleView).article
        assert article is not None and article.read_by
        await pilot.press("l", "enter")
        assert opened(app) == NEWEST


async def test_back_and_forward_drop_forward_entries(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")  # NEWEST
        await pilot.press("1")  # its first tag
        tag = main(app).place.tag
        assert tag is not None
        await pilot.press("l", "enter")  # read also: SECOND
        assert opened(app) == SECOND
        await pilot.press("[")
        assert opened(app) == NEWEST and main(app).place.tag == tag
        await pilot.press("[")
        assert main(app).place == Place(None, main(app).place.article)
        assert opened(app) == NEWEST
        await pilot.press("]", "]")
        assert opened(app) == SECOND
        await pilot.press("]")  # nothing further: stays
        assert opened(app) == SECOND
        # Back twice, then somewhere new: the forward entries are gone.
        await pilot.press("[", "[")
        history = main(app).history
        assert history.can_go_forward
        await pilot.press("c")  # no filter to clear: nothing happens
        await pilot.press("escape", "down", "down", "enter")  # to the list, open the third
        assert not history.can_go_forward
        await pilot.press("]")
        assert opened(app) == titles(app)[2]


async def test_search_tags_typed_in_arabic_with_spelling_variants(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SearchScreen)
        for char in "اردوغان":  # bare alef: the tag is spelt with hamza
            await pilot.press(char)
        field = app.screen.query_one(RtlInput)
        assert field.value == "اردوغان"
        results = app.screen.query_one(TagResults)
        assert results.current == "أردوغان"
        # The field shows the query shaped and right to left.
        assert fit_line("اردوغان", 40) in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert main(app).place.tag == "أردوغان"
        assert len(titles(app)) == 2
        await pilot.press("c")
        assert main(app).place.tag is None and len(titles(app)) == 5


@pytest.mark.parametrize(
    ("typed", "tag"),
    [("القاهره", "القاهرة"), ("مصطفي", "مصطفى"), ("الاقتصاد", "الاقتصاد"), ("قمح", "القمح")],
)
async def test_search_variants(corpus_dir: Path, typed: str, tag: str) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("s")
        for char in typed:
            await pilot.press(char)
        assert tag in [t for t, *_ in app.screen.query_one(TagResults).matches]
        results = app.screen.query_one(TagResults)
        while results.current != tag:
            await pilot.press("down")
        await pilot.press("enter")
        assert main(app).place.tag == tag


async def test_search_field_editing_and_cancel(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("s", "ا", "ل", "ق", "backspace")
        field = app.screen.query_one(RtlInput)
        assert field.value == "ال" and field.cursor == 2
        await pilot.press("left")  # towards the visual left: logically forward, at the end
        assert field.cursor == 2
        await pilot.press("right", "ا")  # back one letter, insert there
        assert field.value == "اال"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen) and main(app).place.tag is None


async def test_search_field_draws_arabic_shaped_with_the_cursor_on_the_left(
    corpus_dir: Path,
) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("s", *"القاهره")
        field = app.screen.query_one(RtlInput)
        line = field.render_line(0)
        width = field.content_region.width
        assert line.cell_length == width
        shaped = fit_line("القاهره", width)
        # Right-aligned, and the cursor (end of the logical text) just left of it.
        assert line.text.endswith(" " + shaped)
        segments = [seg for seg in line if seg.text]
        assert [seg.text for seg in segments[-2:]] == [" ", shaped]
        assert segments[-2].style.bgcolor != segments[-1].style.bgcolor  # the cursor cell
        await pilot.press("home")  # logical start: the cursor moves to the visual right end
        assert field.render_line(0).text.endswith(shaped + " ")
        # A query longer than the field still shows its end and the cursor there.
        await pilot.press("end", *("ب" * (width + 10)))
        line = field.render_line(0)
        assert line.cell_length == width
        assert line.text.lstrip().startswith(fit_line("ب" * 10, 10)[:5])  # the logical end
        segments = [seg for seg in line if seg.text]
        cursor = next(
            i
            for i, seg in enumerate(segments)
            if seg.style and seg.style.bgcolor and seg.style.bgcolor != segments[0].style.bgcolor
        )
        assert segments[cursor].text == " " and segments[cursor + 1].text.startswith("ﺐ")


async def test_layout_flip(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        headlines = app.screen.query_one(HeadlineList)
        article = app.screen.query_one(ArticleView)
        assert headlines.region.x > article.region.x  # list on the right
        await pilot.press("f")
        await pilot.pause()
        assert headlines.region.x < article.region.x
    app = make_app([corpus_dir], layout="ltr")
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        assert app.screen.query_one(HeadlineList).region.x == 0


async def test_narrow_terminal_shows_one_pane_at_a_time(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        headlines = app.screen.query_one(HeadlineList)
        article = app.screen.query_one(ArticleView)
        assert headlines.display and not article.display
        assert headlines.region.width >= 78
        await pilot.press("enter")
        await pilot.pause()
        assert article.display and not headlines.display and article.has_focus
        assert article.region.width >= 78
        assert fit_line(NEWEST, 76) in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert headlines.display and not article.display and headlines.has_focus
        await pilot.press("tab")
        await pilot.pause()
        assert article.display and not headlines.display


async def test_help_lists_every_key(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=(120, 60)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Quit the reader" in text
        assert "ت" in text  # the Arabic-layout twin of j is listed
        listed = "\n".join(row.text for row in help_lines())
        for owner in (MainScreen, HeadlineList, ArticleView, SearchScreen, FindScreen, RtlInput):
            for binding in owner.BINDINGS:
                assert isinstance(binding, Binding)
                assert described(binding) in listed
        await pilot.press("pagedown", "pagedown", "escape")
        assert isinstance(app.screen, MainScreen)


async def test_every_key_works_in_the_arabic_layout(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ت", "enter")  # j: down, then open
        assert opened(app) == SECOND
        await pilot.press("ن", "enter")  # k
        assert opened(app) == NEWEST
        await pilot.press("ف")  # t: the tag row
        assert app.screen.query_one(ArticleView).selected == 0
        await pilot.press("enter")
        first_tag = main(app).place.tag
        assert first_tag is not None
        await pilot.press("ج")  # [: back
        assert main(app).place.tag is None
        await pilot.press("د")  # ]: forward
        assert main(app).place.tag == first_tag
        await pilot.press("ؤ")  # c: clear the filter
        assert main(app).place.tag is None
        await pilot.press("ب")  # f: flip
        assert not main(app).rtl
        await pilot.press("ظ")  # /: full-text search
        assert isinstance(app.screen, FindScreen)
        await pilot.press("escape", "س")  # s: tag search
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape", "arabic_question_mark")  # ?: help
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ض")  # q: quit
    assert app.return_code == 0


HOSTILE = "[@click=app.quit]خبر [bold]عاجل[/bold] \x1b[2J\x1b]0;pwned\x07\u202e نهاية"


def _assert_inert(app) -> None:
    """Markup shows as text; no escape, bell or bidi control reaches the terminal."""
    text = screen_text(app)
    assert "[@click=app.quit]" in text or "]tiuq.ppa=kcilc@[" in text
    assert "[bold]" in text or "]dlob[" in text
    for strip in screen_strips(app):
        for segment in strip:
            assert not any(c in segment.text for c in "\x1b\x07\u202e\x9b"), segment


async def test_markup_in_a_dump_stays_text(tmp_path: Path) -> None:
    page = "\n".join(
        [
            "[@click=app.quit]خبر [bold]عاجل[/bold] \x1b[2J نهاية",
            "تاريخ النشر: 5th, June 2024 GMT",
            "تونس (خاص) – نص قصير [red]لا يلون[/red] ولا يمسح الشاشة.",
            "Tags: اختبارالمصدر: [link=http://x]موقع[/link]",
            "كلمات دلالية: اختبار",
        ]
    )
    folder = write_corpus(tmp_path / "hostile", {"hostile.txt": page})
    app = make_app([folder])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        await pilot.click(HeadlineList, offset=(5, 0))
        assert app.is_running  # the click did not run app.quit
        _assert_inert(app)
        assert "[red]" in screen_text(app) or "]der[" in screen_text(app)


async def test_escapes_in_article_text_never_reach_the_terminal(tmp_path: Path) -> None:
    """Even text that skipped the loader's cleaning is sanitised by the interface."""
    article = Article(
        id="x1",
        story=Story(
            title=HOSTILE,
            published=None,
            place="\x1b[31mمكان",
            agency=None,
            paragraphs=(f"فقرة {HOSTILE}", "\x1bcفقرة ثانية\x9b2J"),
        ),
        source="[link=http://x]مصدر\x1b]8;;http://x\x07[/link]",
        tags=("وسم\x1b[5m",),
        keywords=(),
        read_also=(ReadAlso("\x1b[1mعنوان", None),),
        read_by=(),
        origins=(Origin(str(tmp_path)),),
    )

    class Hostile(Session):
        """A library holding one article that never went through the loader."""

        def update(self, progress=None, **_):
            with self.library.connect() as connection:
                connection.execute("INSERT INTO corpora (roots, parser) VALUES ('[]', 0)")
                write_articles(connection, 1, Merged([article], 0, {}), 1, [])

        def view(self):
            return CorpusView(self._anchor, 1)

    for bidi in ("app", "terminal"):
        app = make_app([tmp_path], opener=lambda: Hostile([tmp_path], ":memory:"), bidi=bidi)
        async with app.run_test(size=WIDE) as pilot:
            await wait_loaded(pilot)
            await pilot.press("enter", "slash", "و")
            await pilot.press("escape")
            _assert_inert(app)
            await pilot.press("1")
            _assert_inert(app)
            assert app.is_running


async def test_diagnostics_are_counted_and_readable(arabic: None, corpus_dir: Path) -> None:
    (corpus_dir / "broken.txt").write_bytes(b"")
    (corpus_dir / "garbage.txt").write_bytes(b"\x00\x01\x02not a page")
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        diagnostics = main(app).corpus.diagnostics
        assert diagnostics
        assert len(diagnostics) == 2
        assert fit_line("⚠ ملاحظتان", 200) in screen_text(app).splitlines()[0]
        await pilot.press("d")
        assert isinstance(app.screen, DiagnosticsScreen)
        assert "broken.txt" in screen_text(app) or "garbage.txt" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def first_headlines(pilot: Pilot) -> MainScreen:
    """The main screen once a loader has handed it its first headlines."""
    for _ in range(100):
        await pilot.pause(0.02)
        if titles(pilot.app):
            break
    return main(pilot.app)


class GatedSession(Session):
    """A real session whose update waits for the test (and reports `progress` first)."""

    def __init__(self, paths, location, progress=None) -> None:
        super().__init__(paths, location)
        self.release = threading.Event()
        self.progress = progress

    def update(self, progress=None, **_):
        if progress is not None and self.progress is not None:
            progress(self.progress)
        self.release.wait(10)
        return super().update(progress)


async def test_the_library_shows_at_once_and_keys_work_while_it_updates(
    corpus_dir: Path, tmp_path: Path
) -> None:
    library = str(tmp_path / "library.sqlite3")
    dumps = write_corpus(tmp_path / "two", {n: PAGES[n] for n in ("wheat.txt", "coach.txt")})
    Session([dumps], library).update()  # an earlier session saw two pages
    earlier = [h.title for h in Session([dumps], library).view().headlines()]
    write_corpus(dumps)  # then three more were added
    reading = IngestProgress("reading", 2, 5, 2, time.monotonic())
    session = GatedSession([dumps], library, reading)
    app = make_app([dumps], opener=lambda: session)
    async with app.run_test(size=(160, 8)) as pilot:
        screen = await first_headlines(pilot)
        assert not screen.status.final
        status = app.screen.query_one("#status")
        for _ in range(100):  # the update starts once the library's headlines are painted
            if "2/5" in status.notice:
                break
            await pilot.pause(0.02)
        assert "2/5" in status.notice and "█" in status.notice
        assert titles(app) == earlier
        await pilot.press("down", "enter")  # keys work meanwhile
        assert opened(app) == earlier[1]
        await pilot.press("tab", "down")
        view = app.screen.query_one(ArticleView)
        scrolled = view.scroll_y
        assert scrolled > 0
        session.release.set()
        await wait_loaded(pilot)
        assert len(titles(app)) == 5
        assert opened(app) == earlier[1]  # the place survived the update
        assert view.scroll_y == scrolled  # and the article did not jump back to its top
        assert "█" not in status.notice


async def test_a_library_open_before_the_reader_starts_is_on_its_first_frame(
    corpus_dir: Path, tmp_path: Path
) -> None:
    """The command opens the library while it imports the interface: once mounted, the
    main screen (the app's only screen, not one pushed on a blank one) already lists the
    headlines, before the update has been asked for and before any message went round."""
    library = str(tmp_path / "library.sqlite3")
    Session([corpus_dir], library).update()
    session = GatedSession([corpus_dir], library)
    opening = Opening(lambda: session).start()
    assert opening.wait()[0] is session
    app = make_app([corpus_dir], opening=opening)
    async with app.run_test(size=WIDE) as pilot:
        assert app.screen_stack == [main(app)]
        assert titles(app)[:2] == [NEWEST, SECOND] and not main(app).status.final
        session.release.set()
        await wait_loaded(pilot)


def test_an_opening_hands_over_its_session_or_what_went_wrong(tmp_path: Path) -> None:
    gate = threading.Event()

    def slow() -> Session:
        gate.wait(10)
        return Session([tmp_path], ":memory:")

    opening = Opening(slow)
    assert opening.ready() is None  # not begun
    opening.start()
    assert opening.ready() is None  # not done: the screen does not wait for it
    gate.set()
    session, view = opening.wait()
    assert opening.ready() == (session, view) and view is None  # nothing ingested yet

    def broken() -> Session:
        raise OSError("the disk is gone")

    failed = Opening(broken).start()
    with pytest.raises(OSError, match="disk is gone"):
        failed.wait()
    assert failed.ready() is None


async def test_the_collector_is_back_on_once_the_first_frame_is_painted(
    corpus_dir: Path,
) -> None:
    """The command starts with the garbage collector off (`reader.commands.cli.main`); the reader
    turns it on again after its first frame, with what starting made set apart."""
    collector.pause_for_start()
    try:
        app = make_app([corpus_dir])
        async with app.run_test(size=WIDE) as pilot:
            await first_headlines(pilot)
            await pilot.pause()
            assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


class PausedAfterReading(Session):
    """A real first ingest that stops after its pages are stored, before tags are made."""

    def __init__(self, paths, location) -> None:
        super().__init__(paths, location)
        self.release = threading.Event()

    def update(self, progress=None, **_):
        def report(step):
            if progress is not None:
                progress(step)
            if step.phase == "reading":
                self.release.wait(10)

        return super().update(report)


async def test_a_first_ingest_shows_its_pages_before_tags_are_made(
    corpus_dir: Path, tmp_path: Path
) -> None:
    session = PausedAfterReading([corpus_dir], str(tmp_path / "library.sqlite3"))
    app = make_app([corpus_dir], opener=lambda: session)
    async with app.run_test(size=(160, 12)) as pilot:
        screen = await first_headlines(pilot)
        assert not screen.status.final and screen.corpus.provisional
        assert titles(app)[0] == NEWEST and len(titles(app)) == 5  # pages, newest first
        await pilot.press("enter", "down", "enter")  # two pages opened, one after the other
        assert opened(app) == SECOND
        assert main(app).place.article.startswith("page:")
        session.release.set()
        await wait_loaded(pilot)
        assert not screen.corpus.provisional
        assert opened(app) == SECOND  # the page became its article
        article = app.screen.query_one(ArticleView).article
        assert article.tags and not article.id.startswith("page:")
        assert main(app).place.article == article.id
        await pilot.press("left_square_bracket")  # back to the page opened first
        assert opened(app) == NEWEST
        assert not main(app).place.article.startswith("page:")  # it is an article now


async def test_an_article_whose_file_changed_is_read_again_before_it_is_trusted(
    corpus_dir: Path, tmp_path: Path
) -> None:
    app = make_app([corpus_dir], library=str(tmp_path / "library.sqlite3"))
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        changed = PAGES["baku.txt"].replace("مشاريع الطاقة", "مشاريع السكك الحديدية")
        (corpus_dir / "baku.txt").write_text(changed, encoding="utf-8")
        await pilot.press("enter")  # the newest headline: baku.txt's
        await wait_loaded(pilot)
        await pilot.pause(0.1)
        article = app.screen.query_one(ArticleView).article
        assert any("مشاريع السكك الحديدية" in p for p in article.paragraphs)
        assert not any("مشاريع الطاقة" in p for p in article.paragraphs)


async def test_a_failing_update_does_not_crash(corpus_dir: Path, tmp_path: Path) -> None:
    class Failing(Session):
        def update(self, progress=None, **_):
            raise OSError("disk on fire [@click=app.quit]x[/] [bold]")

    app = make_app([corpus_dir], opener=lambda: Failing([corpus_dir], ":memory:"))
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if main(app).status.error:
                break
        assert "disk on fire" in (main(app).status.error or "")
        await pilot.pause(0.3)
        toast = app.screen.query_one("Toast")  # by its type's name: Textual exports no Toast
        lines = screen_text(app).splitlines()[toast.region.y : toast.region.bottom]
        shown = "".join(line[toast.region.x : toast.region.right] for line in lines)
        assert "[@click=app.quit]x[/]" in shown  # the notification shows it as text
        await pilot.press("down", "enter", "slash", "question_mark")
        assert app.is_running


@pytest.mark.parametrize("size", [(20, 6), (300, 80), (40, 10)])
async def test_tiny_and_huge_terminals(corpus_dir: Path, size: tuple[int, int]) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter", "escape", "slash", "ا", "enter", "question_mark")
        await pilot.press("escape")
        text = screen_text(app)
        assert text.strip()
        assert len(text.splitlines()) == size[1]


async def test_terminal_bidi_mode_passes_logical_order(corpus_dir: Path) -> None:
    app = make_app([corpus_dir], bidi="terminal")
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        text = screen_text(app)
        assert NEWEST in text
        assert fit_line(NEWEST, 200) not in text


async def test_bindings_can_be_remapped_by_id(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        app.set_keymap({"list.down": "n", "reader.back": "b"})
        await pilot.press("n", "enter")
        assert opened(app) == SECOND
        await pilot.press("home", "enter", "b")
        assert opened(app) == SECOND


async def test_the_article_is_laid_out_again_on_resize(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        wide_lines = view.virtual_size.height
        await pilot.resize_terminal(110, 40)
        await pilot.pause()
        assert view.virtual_size.height > wide_lines
        width = view.scrollable_content_region.width
        lines = view.laid_out
        assert lines is not None and lines.done
        shown = [lines.line(y) for y in range(lines.height)]
        assert all(line is not None and len(line.text) <= width for line in shown)
        assert fit_line(NEWEST, width - 2) in screen_text(app)


async def test_an_empty_or_missing_corpus_is_calm(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for paths in ([empty], [tmp_path / "missing"]):
        app = make_app(paths)
        async with app.run_test(size=WIDE) as pilot:
            await wait_loaded(pilot)
            await pilot.press("down", "enter", "1", "t", "l", "[", "]", "c", "slash", "ا")
            await pilot.press("enter", "escape", "tab", "end", "f", "d", "escape")
            assert app.is_running
            assert titles(app) == []
            assert "0" in screen_text(app).splitlines()[0]


def test_the_status_line_names_each_phase_of_an_update(arabic: None) -> None:
    from reader.tui.status import PROGRESS_BAR, progress_notice

    started = time.monotonic() - 1
    finding = progress_notice(IngestProgress("finding", 20000, 0, 0, started))
    assert "البحث عن الملفات" in finding and "20000" in finding
    checking = progress_notice(IngestProgress("checking", 300, 1000, 0, started))
    assert "التحقق" in checking and "300/1000" in checking
    reading = progress_notice(IngestProgress("reading", 500, 1000, 700, started))
    assert "█" * (PROGRESS_BAR // 2) + "░" * (PROGRESS_BAR // 2) in reading
    assert "500/1000" in reading and "/ث" in reading and "متبقية" in reading
    assert "ربط" in progress_notice(IngestProgress("linking", 1000, 1000, 0, started))


def test_the_status_line_is_worded_from_its_state_alone() -> None:
    from reader.tui.status import Figures, Status

    figures = Figures(unread=2, unread_in_all=5, marks=frozenset({"saved"}), problems=1)
    listed = Status(Place("economy", unread=True), count=3, figures=figures, final=True)
    assert listed.line() == (
        "Tag: economy (unread) — 3 articles, unread: 2",
        "● unread  ★ saved  unread in all: 5  ⚠ 1 problem (d)",
    )
    down = replace(listed, figures=Figures(), awaiting=True, error="disk", outage="gone")
    assert down.line()[1] == "the library does not answer: trying again"  # said first
    assert replace(down, for_good=True).line()[1] == "the library is a newer newsreader's now"
    assert replace(down, outage=None).line()[1] == "in memory: the library server is tried again"
    assert replace(down, outage=None, awaiting=False).line()[1] == "Loading failed: disk"
    updating = Status(Place(saved=True), final=True).updating()
    assert updating.line() == ("Saved — 0 articles", "Loading…")


LONG_LINES = 90_000


@pytest.fixture
def long_corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "long", {"long.txt": long_page(LONG_LINES)})


async def test_a_long_page_paints_at_once_and_keys_act_while_it_is_laid_out(
    long_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Longer pauses between slices: Pilot waits for the app to go idle after each key (up
    # to a second while it lays out), and the layout must outlast the keys on any machine.
    monkeypatch.setattr(reader.tui.widgets.article, "LAYOUT_PAUSE", 0.05)
    app = make_app([long_corpus], library=str(tmp_path / "lib.sqlite3"))
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        width = view.scrollable_content_region.width
        assert opened(app) == LONG_TITLE
        assert view.laying_out  # painted before the layout is done
        shown = screen_text(app)
        assert fit_line(LONG_TITLE, width - 2) in shown
        assert fit_line("السطر رقم 1 من الصفحة.", width - 2) in shown
        await pilot.press("tab", "pagedown", "pagedown")
        assert app.focused is view
        assert fit_line("السطر رقم 45 من الصفحة.", width - 2) in screen_text(app)
        await pilot.press("end")  # the real end, laid out from the bottom
        shown = screen_text(app)
        assert fit_line(f"السطر رقم {LONG_LINES} من الصفحة.", width - 2) in shown
        assert fit_line("٢ الصفحات", width - 2) in shown
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("pageup")
        assert fit_line(f"السطر رقم {LONG_LINES - 20} من الصفحة.", width - 2) in screen_text(app)
        await pilot.press("escape")
        assert app.focused is app.screen.query_one(HeadlineList)
        assert view.laying_out  # the keys did not wait for the layout
        await pilot.press("q")
        assert not app.is_running
        assert view.laying_out


async def test_a_long_page_is_laid_out_whole_in_the_end(tmp_path: Path) -> None:
    """The slices reach the end: the estimate gives way to the exact height, the end stays."""
    folder = write_corpus(tmp_path / "long", {"long.txt": long_page(2_000)})
    app = make_app([folder], library=str(tmp_path / "lib.sqlite3"))
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter", "tab", "end")
        view = app.screen.query_one(ArticleView)
        for _ in range(400):
            if not view.laying_out:
                break
            await pilot.pause(0.05)
        assert not view.laying_out
        lines = view.laid_out
        assert lines is not None
        texts = [line.text for y in range(lines.height) if (line := lines.line(y))]
        assert len(texts) == lines.height == view.virtual_size.height
        width = view.scrollable_content_region.width
        assert texts[-1] == fit_line("٢ الصفحات", width - 2)
        assert view.scroll_y == view.max_scroll_y
        assert fit_line("السطر رقم 2000 من الصفحة.", width - 2) in screen_text(app)


def test_layout_slices_leave_room_for_keys() -> None:
    """A slice is the longest a key waits; the view's margins bound what a move lays out."""
    assert LAYOUT_SLICE == 0.02
    assert (AHEAD_PAGES, REACH_PAGES) == (2, 4)
