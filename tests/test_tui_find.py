"""The reader's full-text search, driven by Pilot: `/`, typing, results with marked
passages, Enter, marks in the article, `n`/`N`, Escape, and tag search kept on `s`."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_support import NEWEST, screen_text, wait_loaded

from reader.language import _
from reader.layout import fit_line
from reader.render.article_lines import SIMILAR_LABEL
from reader.tui.app import make_app
from reader.tui.screens.find import FindScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.search import SearchScreen
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.found import ROWS_PER_HIT, FoundList
from reader.tui.widgets.rtl_input import RtlInput

WIDE = (160, 40)
ANKARA = "أردوغان يستقبل وفدا اقتصاديا في أنقرة"


async def found(pilot: Pilot, timeout: float = 10.0) -> FindScreen:
    """Wait until the results shown are those of the text in the field."""
    screen = pilot.app.screen
    assert isinstance(screen, FindScreen)
    waited = 0.0
    while waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
        value = screen.query_one(RtlInput).value
        if screen.results is not None and screen.shown == value:
            return screen
    raise AssertionError("no results arrived")


def marked_texts(strip, mark_style) -> list[str]:
    return [s.text for s in strip if s.style and s.style.bgcolor == mark_style.bgcolor and s.text]


async def test_typing_a_query_lists_articles_with_marked_passages(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, FindScreen)
        await pilot.press(*"اردوغان")  # bare alef: the text spells it with hamza
        screen = await found(pilot)
        results = screen.query_one(FoundList)
        assert {h.title for h in results.hits} == {NEWEST, ANKARA}
        query = "الرئيس"
        await pilot.press("ctrl+u", *query)
        screen = await found(pilot)
        mark = results.get_component_rich_style("found-list--match")
        snippet_rows = [r for r in range(results.size.height) if r % ROWS_PER_HIT == 2]
        marked = [t for r in snippet_rows for t in marked_texts(results.render_line(r), mark)]
        assert marked and set(marked) == {fit_line("الرئيس", 80, "rtl")}


async def test_keys_are_never_held_up_by_the_search(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, FindScreen)
        asked: list[str] = []
        searcher = screen.searcher
        screen.searcher = lambda text, limit: asked.append(text) or searcher(text, limit)
        await pilot.press(*"معرض الكتاب")
        field = screen.query_one(RtlInput)
        assert field.value == "معرض الكتاب"  # every key taken, none waited for a query
        await found(pilot)
        # Typed faster than DEBOUNCE: the library is asked once, for the whole text.
        assert asked == ["معرض الكتاب"]
        hits = screen.query_one(FoundList).hits
        assert hits[0].title == "افتتاح معرض الكتاب في القاهرة"


async def test_enter_opens_the_article_with_its_matches_marked(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *"الزيارة")
        await found(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.title == NEWEST
        assert view.marked is not None
        mark = view.get_component_rich_style("article-view--match")
        shown = [
            t for y in range(view.size.height) for t in marked_texts(view.render_line(y), mark)
        ]
        # زيارة in the headline and in the body, الزيارة in the body: all the query's word.
        visit, the_visit = fit_line("زيارة", 80, "rtl"), fit_line("الزيارة", 80, "rtl")
        assert sorted(shown) == sorted([visit, visit, the_visit])
        await pilot.press("n")
        first = view._match_row
        await pilot.press("n")
        assert view._match_row is not None and view._match_row != first
        await pilot.press("N")
        assert view._match_row == first
        await pilot.press("escape")  # the marks go; n is no longer the article's
        assert view.marked is None
        assert not view.check_action("next_match", (1,))
        assert isinstance(app.screen, MainScreen)


async def test_tag_search_stays_on_s_and_in_the_query_language(corpus_dir: Path) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape", "slash", *"tag:القمح")
        screen = await found(pilot)
        titles = [h.title for h in screen.query_one(FoundList).hits]
        assert titles == ["ارتفاع أسعار القمح في الأسواق المحلية"]


@pytest.mark.parametrize("typed", ['"رجب', "NEAR(", "-", '"*', "after:2024-99-01"])
async def test_bad_syntax_is_a_line_in_the_status_never_an_error(
    corpus_dir: Path, typed: str
) -> None:
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", *typed)
        screen = await found(pilot)
        assert app.is_running and isinstance(screen, FindScreen)
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, MainScreen)


async def test_an_article_without_read_also_lists_similar_ones(
    arabic: None, corpus_dir: Path
) -> None:
    """The Ankara visit has no "read also"; the Baku visit shares its rare name."""
    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        corpus = screen.corpus
        assert corpus is not None
        ankara = next(h for h in corpus.headlines() if h.title == ANKARA)
        baku = next(h for h in corpus.headlines() if h.title == NEWEST)
        screen.headlines.move_to(screen.headlines.index_of(ankara.id))
        await pilot.press("enter")
        view = screen.query_one(ArticleView)
        await app.workers.wait_for_complete()  # they are found in a thread
        await pilot.pause()
        assert ("article", baku.id) in [b.target for b in view.items]
        assert fit_line(_(SIMILAR_LABEL), 80, "rtl") in screen_text(app)
        await pilot.press("l", "enter")  # l selects it, as any link
        assert view.article is not None and view.article.title == NEWEST


async def test_the_spellings_to_mark_are_read_from_the_opening_of_a_long_article(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 4 MB page is not read whole when it opens from a search (it held the keys for over
    a second): the matched words' spellings come from its opening MARK_SCAN_CHARS."""
    import reader.tui.widgets.article as article_module

    app = make_app([corpus_dir])
    async with app.run_test(size=WIDE) as pilot:
        await wait_loaded(pilot)
        # The headline and the first paragraph hold زيارة; only the second, الزيارة.
        monkeypatch.setattr(article_module, "MARK_SCAN_CHARS", len(NEWEST) + 1)
        await pilot.press("slash", *"الزيارة")
        await found(pilot)
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        mark = view.get_component_rich_style("article-view--match")
        shown = [
            t for y in range(view.size.height) for t in marked_texts(view.render_line(y), mark)
        ]
        assert sorted(shown) == [fit_line("زيارة", 80, "rtl")] * 2
