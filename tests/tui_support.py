"""Shared by the reader's interface tests: a small corpus of original dump pages, and helpers
to wait for loading and read what the screen shows."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.strip import Strip

from reader.tui.screens.main import MainScreen

# Original sentences written for these tests, in the dump format (FORMAT.md).
PAGES: dict[str, str] = {
    "baku.txt": "\n".join(
        [
            "أردوغان يصل إلى باكو في زيارة رسمية",
            "تاريخ النشر: 3rd, May 2024 GMT",
            "باكو (خاص) – وصل الرئيس التركي إلى العاصمة الأذربيجانية في زيارة تستمر يومين.",
            "ويبحث الجانبان خلال الزيارة مشاريع الطاقة والنقل بين البلدين.",
            "Tags: أذربيجانأردوغانالمصدر: صحيفة الأفق",
            "كلمات دلالية: أذربيجان أردوغان",
            "إقرأ أيضاً:",
            "افتتاح معرض الكتاب في القاهرة",
            "القاهرة (وكالات)",
            "أخبار ذات صلةافتتح معرض الكتاب أبوابه أمام الزوار بمشاركة مئات الناشرين.",
        ]
    ),
    "book_fair.txt": "\n".join(
        [
            "افتتاح معرض الكتاب في القاهرة",
            "تاريخ النشر: 2nd, May 2024 GMT",
            "القاهرة (وكالات) – افتتح معرض الكتاب أبوابه أمام الزوار بمشاركة مئات الناشرين.",
            "ويستمر المعرض أسبوعين وتقام على هامشه ندوات وأمسيات شعرية.",
            "وقال المنظمون إن عدد الزوار في اليوم الأول تجاوز التوقعات.",
            "Tags: الثقافةالقاهرةالمصدر: موقع المرصد",
            "كلمات دلالية: الثقافة القاهرة",
        ]
    ),
    "wheat.txt": "\n".join(
        [
            "ارتفاع أسعار القمح في الأسواق المحلية",
            "تاريخ النشر: 1st, May 2024 GMT",
            "عمّان (النهار) – سجلت أسعار القمح ارتفاعا جديدا بنسبة 12% خلال الشهر الماضي.",
            "ويعزو التجار الارتفاع إلى تراجع المحصول وزيادة تكاليف النقل.",
            "Tags: الاقتصادالقمحالمصدر: جريدة الغد",
            "كلمات دلالية: الاقتصاد القمح",
        ]
    ),
    "ankara.txt": "\n".join(
        [
            "أردوغان يستقبل وفدا اقتصاديا في أنقرة",
            "تاريخ النشر: 22nd, April 2024 GMT",
            "أنقرة (وكالات) – استقبل الرئيس التركي وفدا اقتصاديا لبحث فرص الاستثمار.",
            "وتناول اللقاء التعاون في مجالات الصناعة والزراعة.",
            "Tags: أردوغانالاقتصادتركياالمصدر: صحيفة الأفق",
            "كلمات دلالية: أردوغان الاقتصاد تركيا",
        ]
    ),
    "coach.txt": "\n".join(
        [
            "المدرب مصطفى يعلن تشكيلة الفريق",
            "تاريخ النشر: 11th, March 2024 GMT",
            "الرباط (خاص) – أعلن المدرب مصطفى قائمة اللاعبين المشاركين في البطولة المقبلة.",
            "وضمت القائمة ثلاثة لاعبين جدد من الأندية المحلية.",
            "Tags: الرياضةمصطفىالمصدر: إذاعة الشرق",
            "كلمات دلالية: الرياضة مصطفى",
        ]
    ),
}

LONG_TITLE = "صفحة طويلة من سطور قصيرة"


def long_page(lines: int) -> str:
    """A dump page of `lines` short paragraphs: one page the size of the longest dumps."""
    return "\n".join(
        [
            LONG_TITLE,
            "تاريخ النشر: 1st, May 2024 GMT",
            "القاهرة (خاص) – تبدأ الصفحة الطويلة بهذا السطر.",
            *(f"السطر رقم {n} من الصفحة." for n in range(1, lines + 1)),
            "Tags: طويلالصفحاتالمصدر: صحيفة الأفق",
            "كلمات دلالية: طويل الصفحات",
        ]
    )


NEWEST = "أردوغان يصل إلى باكو في زيارة رسمية"
SECOND = "افتتاح معرض الكتاب في القاهرة"


def write_corpus(directory: Path, pages: dict[str, str] | None = None) -> Path:
    """Write the pages as dump files (UTF-8, no final newline) and return the folder."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in (pages or PAGES).items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


async def wait_loaded(pilot: Pilot, timeout: float = 20.0) -> None:
    """Wait until the loading worker has delivered the final corpus."""
    app = pilot.app
    waited = 0.0
    while waited < timeout:
        screen = app.screen
        if isinstance(screen, MainScreen) and screen.status.final and screen.corpus is not None:
            await pilot.pause()
            return
        await pilot.pause(0.05)
        waited += 0.05
    raise AssertionError("the corpus did not finish loading")


def screen_strips(app: App[object]) -> list[Strip]:
    """The screen's lines as the terminal is sent them. Textual has no public call for
    them (a snapshot is SVG): its compositor's, as Textual's own tests read them."""
    return app.screen._compositor.render_strips()


def screen_text(app: App[object]) -> str:
    """Everything the screen shows, as lines of plain text (what a terminal would hold)."""
    return "\n".join(strip.text for strip in screen_strips(app))


def main(app: App[object]) -> MainScreen:
    """The app's main screen (asserting that it is the one on top)."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen
