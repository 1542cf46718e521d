"""The command palette: articles by title and tags (Arabic queries, spelling variants), the
reader's commands (Latin queries), an Arabic query drawn right to left, and the theme kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from tui_support import NEWEST, SECOND, wait_loaded, write_corpus

from reader.layout import fit_line
from reader.settings import preferences
from reader.settings.config import Settings
from reader.tui import app as app_module
from reader.tui.app import make_app
from reader.tui.palette import PaletteInput, ReaderPalette
from reader.tui.screens.find import FindScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.found import FoundList
from reader.tui.widgets.headlines import HeadlineList

SIZE = (120, 30)


async def palette_query(pilot: Pilot, text: str) -> list[str]:
    """Open the palette, type `text`, and return the hits offered (as shown)."""
    await pilot.press("ctrl+p")
    assert isinstance(pilot.app.screen, ReaderPalette)
    pilot.app.screen.query_one(PaletteInput).value = text
    for _ in range(40):  # the palette searches in the background
        await pilot.pause(0.05)
        hits = pilot.app.screen.query_one(CommandList)
        if hits.option_count:
            break
    options = pilot.app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_title_typed_another_way_opens_its_article(tmp_path: Path) -> None:
    app = make_app([write_corpus(tmp_path / "dumps")], library=str(tmp_path / "lib.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        hits = await palette_query(pilot, "افتتاح معرض")  # the headline's opening words
        assert any(fit_line(SECOND, 60, "rtl") in hit for hit in hits)
        await pilot.press("enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.article_view.article is not None
        assert main.article_view.article.title == SECOND
        hits = await palette_query(pilot, "اردوغان يصل")  # no hamza, as people type it
        assert any(fit_line(NEWEST, 60, "rtl") in hit for hit in hits)


async def test_a_tag_filters_the_list(tmp_path: Path) -> None:
    app = make_app([write_corpus(tmp_path / "dumps")], library=str(tmp_path / "lib.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        hits = await palette_query(pilot, "اردوغان")
        tag_hit = next(i for i, hit in enumerate(hits) if "(2)" in hit)
        for _ in range(tag_hit):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.place.tag == "أردوغان"
        assert len(main.headlines.articles) == 2


async def test_a_source_opens_the_search_on_its_articles(tmp_path: Path) -> None:
    app = make_app([write_corpus(tmp_path / "dumps")], library=str(tmp_path / "lib.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        main = app.screen
        assert isinstance(main, MainScreen) and main.corpus is not None
        (source,) = main.corpus.search_sources("الافق")  # no hamza: the source's key matches
        assert source.tag == "صحيفة الأفق" and source.count >= 2
        hits = await palette_query(pilot, "الافق")
        source_hit = next(i for i, hit in enumerate(hits) if f"({source.count})" in hit)
        for _ in range(source_hit):
            await pilot.press("down")
        await pilot.press("enter")
        for _ in range(40):  # the search screen searches in a worker
            await pilot.pause(0.05)
            if isinstance(app.screen, FindScreen) and app.screen.query_one(FoundList).hits:
                break
        assert isinstance(app.screen, FindScreen)
        found = app.screen.query_one(FoundList).hits
        assert len(found) == source.count and {hit.source for hit in found} == {source.tag}
        assert found[0].title == NEWEST  # newest first


async def test_latin_queries_find_the_reader_commands(tmp_path: Path) -> None:
    app = make_app([write_corpus(tmp_path / "dumps")], library=str(tmp_path / "lib.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        main = app.screen
        assert isinstance(main, MainScreen) and main.rtl
        hits = await palette_query(pilot, "layout")
        assert any("Layout" in hit for hit in hits)
        await pilot.press("enter")
        await pilot.pause()
        assert not main.rtl  # the list moved to the left
        hits = await palette_query(pilot, "search tags")  # a key bar action
        assert any("Search tags" in hit for hit in hits)
        await pilot.press("escape")
        hits = await palette_query(pilot, "settings file")
        assert any("Settings file" in hit for hit in hits)


async def test_an_arabic_query_is_drawn_right_to_left(tmp_path: Path) -> None:
    app = make_app([write_corpus(tmp_path / "dumps")], library=str(tmp_path / "lib.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        field = app.screen.query_one(PaletteInput)
        for letter in "القاهرة":
            await pilot.press(letter)
        assert field.value == "القاهرة"
        drawn = field.render_line(0).text
        assert drawn.rstrip().endswith(fit_line("القاهرة", 20, "rtl"))  # shaped, at the right
        field.value = "theme"
        assert field.render_line(0).text.startswith("theme")  # Latin stays Textual's


async def test_a_theme_picked_in_the_reader_is_kept_until_the_settings_change(
    tmp_path: Path,
) -> None:
    folder = write_corpus(tmp_path / "dumps")
    library = str(tmp_path / "lib.sqlite3")
    app = make_app([folder], library=library, settings=Settings(theme="nord"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert app.theme == "nord"
        app.theme = "dracula"  # what the palette's theme command does
        await pilot.pause()
    saved = json.loads(preferences.default_path().read_text(encoding="utf-8"))
    assert saved == {"theme": "dracula", "settings_theme": "nord"}
    again = make_app([folder], library=library, settings=Settings(theme="nord"))
    assert again.theme == "dracula"
    edited = make_app([folder], library=library, settings=Settings(theme="gruvbox"))
    assert edited.theme == "gruvbox"  # the file named another theme since


def test_preferences_survive_damage_and_an_unwritable_directory(tmp_path: Path) -> None:
    path = tmp_path / "prefs" / "preferences.json"
    assert preferences.theme("nord", path) == "nord"
    assert preferences.remember_theme("dracula", None, path)
    assert preferences.theme(None, path) == "dracula"
    path.write_text("{broken", encoding="utf-8")
    assert preferences.theme("nord", path) == "nord"
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    assert not preferences.remember_theme("dracula", None, blocked / "preferences.json")


def headline_row(app, title: str) -> str:
    """The rendered row of the list that holds `title` (in either order)."""
    headlines = app.screen.query_one(HeadlineList)
    rows = [headlines.render_line(y).text for y in range(len(headlines.articles))]
    return next(row for row in rows if title in row or fit_line(title, 200) in row)


async def test_the_palette_switches_who_orders_right_to_left_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app([write_corpus(tmp_path / "dumps")], library=str(tmp_path / "lib.sqlite3"))
    told: list[str] = []  # what the terminal is told
    monkeypatch.setattr(app_module, "_write", told.append)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("enter")
        main = app.screen
        assert isinstance(main, MainScreen)
        assert fit_line(NEWEST, 200) in headline_row(app, NEWEST)  # shaped, reordered
        hits = await palette_query(pilot, "bidi")
        assert any("leave right-to-left text to the terminal" in hit for hit in hits)
        await pilot.press("enter")
        await pilot.pause()
        assert main.bidi == "terminal" and main.article_view.bidi == "terminal"
        assert app.bidi == "terminal" and told == [app_module.IMPLICIT_BIDI]
        assert NEWEST in headline_row(app, NEWEST)  # logical order, as the terminal wants
        lines = main.article_view.laid_out
        assert lines is not None and lines.line(0) is not None
        assert lines.line(0).text == NEWEST  # type: ignore[union-attr]
        hits = await palette_query(pilot, "bidi")
        assert any("the reader orders" in hit for hit in hits)
        await pilot.press("enter")
        await pilot.pause()
        assert main.bidi == "app"
        assert fit_line(NEWEST, 200) in headline_row(app, NEWEST)
    assert told == [app_module.IMPLICIT_BIDI, app_module.EXPLICIT_BIDI]
    assert app.bidi == "app" and app.explicit_bidi  # told again at exit, by `run`
