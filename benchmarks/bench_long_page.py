"""How the reader and `show` feel on one very long page: first paint and key latency.

    python benchmarks/bench_long_page.py                 # 90,000 short paragraphs
    python benchmarks/bench_long_page.py --lines 20000

The page is the dump format's, ~4 MB at 90,000 lines. The app runs headless in-process
(see bench_tui.py); `show` runs as the real command, timed to its first line and its end.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench_tui import key_to_paint, summary, until  # noqa: E402
from tui_support import LONG_TITLE, long_page  # noqa: E402

from reader.tui.app import make_app  # noqa: E402
from reader.tui.widgets.article import ArticleView  # noqa: E402
from reader.tui.widgets.headlines import HeadlineList  # noqa: E402

FIRST_PAINT_LIMIT = 0.2  # seconds from Enter to the article's first lines on screen
KEY_LIMIT = 0.1  # seconds from a key to its effect while the rest is laid out
KEYS = 20


async def measure(folder: Path, library: Path) -> None:
    app = make_app([folder], library=str(library))
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: bool(app.screen.query_one(HeadlineList).articles))
        view = app.screen.query_one(ArticleView)
        start = time.perf_counter()
        first = await key_to_paint(
            pilot, "enter", lambda: view.article is not None and view.article.title == LONG_TITLE
        )
        flag = "ok" if first <= FIRST_PAINT_LIMIT else f"over {FIRST_PAINT_LIMIT * 1000:.0f} ms"
        print(f"  open to first paint:   {first * 1000:7.1f} ms ({flag})")
        print(f"  still laying out:      {view.laying_out}")
        await key_to_paint(pilot, "tab", lambda: app.focused is view)
        moves = []
        for _ in range(KEYS):
            if not view.laying_out:
                break
            top = view.scroll_y
            moves.append(await key_to_paint(pilot, "j", lambda t=top: view.scroll_y != t))
        if moves:
            print(f"  scroll key while laying out: {summary(moves)} (limit {KEY_LIMIT * 1000:.0f})")
        end = await key_to_paint(pilot, "end", lambda: view.scroll_y == view.max_scroll_y)
        print(f"  End key to the real end: {end * 1000:7.1f} ms")
        back = await key_to_paint(pilot, "escape", lambda: app.focused is not view)
        print(f"  Esc to the list:        {back * 1000:7.1f} ms (laying out: {view.laying_out})")
        await until(pilot, lambda: not view.laying_out)
        print(f"  whole page laid out:    {(time.perf_counter() - start):7.1f} s")


def show_timing(folder: Path, library: Path) -> None:
    start = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reader",
            "--library",
            str(library),
            "show",
            LONG_TITLE,
            str(folder),
            "--width",
            "80",
        ],
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.readline()
    first = time.perf_counter() - start
    lines = 1 + sum(1 for _ in process.stdout)
    process.wait()
    total = time.perf_counter() - start
    print(f"  show: first line {first * 1000:.0f} ms, all {lines} lines {total:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=90_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsreader-bench-long-") as scratch:
        folder = Path(scratch) / "dumps"
        folder.mkdir()
        (folder / "long.txt").write_text(long_page(args.lines), encoding="utf-8")
        library = Path(scratch) / "lib.sqlite3"
        print(f"one page of {args.lines} lines:")
        asyncio.run(measure(folder, library))
        show_timing(folder, library)


if __name__ == "__main__":
    main()
