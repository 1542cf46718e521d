"""Live folders: dumps added, changed or removed while the reader is open appear in it,
the reader keeps its place, and a notice says how many articles arrived."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from tui_support import NEWEST, SECOND, wait_loaded, write_corpus

from reader.layout import fit_line
from reader.tui.app import make_app
from reader.tui.screens.main import MainScreen

SIZE = (120, 30)
WAIT = 20.0  # seconds for a change to be noticed and taken in on a busy machine

FRESH = "\n".join(
    [
        "بلدية المدينة تفتتح حديقة عامة جديدة",
        "تاريخ النشر: 9th, May 2024 GMT",
        "المدينة (خاص) – افتتحت البلدية حديقة عامة على ضفة النهر.",
        "Tags: البلدياتالحدائقالمصدر: صحيفة الأفق",
        "كلمات دلالية: البلديات الحدائق",
    ]
)


async def until(pilot: Pilot, condition, what: str) -> None:
    waited = 0.0
    while not condition():
        assert waited < WAIT, f"not within {WAIT} s: {what}"
        await pilot.pause(0.1)
        waited += 0.1


def titles(main: MainScreen) -> list[str]:
    rows = main.headlines.articles
    return [rows[i].title for i in range(len(rows))]


async def test_dumps_arriving_changing_and_leaving_show_while_reading(
    arabic: None, tmp_path: Path
) -> None:
    folder = write_corpus(tmp_path / "dumps")
    app = make_app([folder], library=str(tmp_path / "lib.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("down", "enter")  # reading the second headline
        assert main.article_view.article is not None
        reading = main.article_view.article.title
        count = len(titles(main))

        (folder / "today").mkdir()
        (folder / "today" / "park.txt").write_text(FRESH, encoding="utf-8")
        await until(pilot, lambda: len(titles(main)) == count + 1, "a new page listed")
        await until(pilot, lambda: main.status.final, "the update finished")
        assert titles(main)[0] == "بلدية المدينة تفتتح حديقة عامة جديدة"  # newest first
        assert main.article_view.article is not None
        assert main.article_view.article.title == reading  # the place is kept
        assert main.headlines.current is not None and main.headlines.current.title == reading
        notices = [n.message for n in app._notifications]  # no public list of notices
        assert fit_line("خبر جديد واحد", 80, "rtl") in [n.strip() for n in notices]

        (folder / "today" / "park.txt").write_text(
            FRESH.replace("حديقة عامة جديدة", "حديقة عامة كبيرة"), encoding="utf-8"
        )
        await until(
            pilot, lambda: "بلدية المدينة تفتتح حديقة عامة كبيرة" in titles(main), "a change"
        )
        (folder / "today" / "park.txt").unlink()
        await until(pilot, lambda: len(titles(main)) == count, "a page gone")
        assert {NEWEST, SECOND} <= set(titles(main))
