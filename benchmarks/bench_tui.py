"""How fast the reader feels on large corpora: first headlines, full load, key-to-paint.

    python benchmarks/bench_tui.py                 # 10k and 100k pages
    python benchmarks/bench_tui.py --pages 10000   # one size

Corpora come from benchmarks/make_corpus.py and are kept under --cache (default: the
system temp folder) so reruns skip generating them. Each corpus is opened twice, with a
data directory of the benchmark's own: from scratch, then reopened from the saved corpus.
The app runs headless in-process: a "paint" is Textual compositing the frame (what it would
write to a terminal). The start time of the real command, Python start-up included, is
measured in tmux when available.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.pilot import Pilot

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.tui.app import NewsReaderApp, make_app  # noqa: E402
from reader.tui.screens.main import MainScreen  # noqa: E402
from reader.tui.widgets.article import ArticleView  # noqa: E402
from reader.tui.widgets.headlines import HeadlineList  # noqa: E402

REPEATS = 50


def corpus(pages: int, cache: Path) -> Path:
    out = cache / f"newsreader-bench-{pages}"
    if not out.exists():
        print(f"generating {pages} pages in {out} …", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "make_corpus.py"),
                str(out),
                "--pages",
                str(pages),
            ],
            check=True,
        )
    return out


async def until(pilot: Pilot, check: Callable[[], bool], timeout: float = 300) -> None:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app never reached the awaited state")
        # Poll gently: a busy loop would steal the interpreter from the loading thread.
        await asyncio.sleep(0.01)


def paint(app: NewsReaderApp) -> None:
    """Composite the frame now (what the update timer would do next)."""
    app.screen._on_timer_update()


async def key_to_paint(pilot: Pilot, key: str, done: Callable[[], bool]) -> float:
    """Seconds from a key event reaching the app to the frame that shows its effect."""
    app = pilot.app
    event = events.Key(key, key if len(key) == 1 else ("\r" if key == "enter" else None))
    event.set_sender(app)
    start = time.perf_counter()
    app._driver.send_message(event)  # the path real terminal input takes
    deadline = start + 30
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"key {key!r} had no visible effect within 30 s")
        await asyncio.sleep(0)
    paint(app)
    return time.perf_counter() - start


def summary(samples: list[float]) -> str:
    ms = [s * 1000 for s in samples]
    return f"median {statistics.median(ms):7.1f} ms, worst {max(ms):7.1f} ms (n={len(ms)})"


async def measure(folder: Path) -> None:
    start = time.perf_counter()
    app = make_app([folder])
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen

        def headlines() -> HeadlineList:
            return app.screen.query_one(HeadlineList)

        await until(
            pilot,
            lambda: (
                isinstance(app.screen, MainScreen)
                and bool(app.screen.query_one(HeadlineList).articles)
            ),
        )
        paint(app)
        first = time.perf_counter() - start
        screen = app.screen
        assert isinstance(screen, MainScreen)
        preview = len(headlines().articles)
        print(f"  first headlines painted: {first * 1000:7.0f} ms ({preview} shown)")

        # Keys work while loading: move the cursor and time it.
        moving = []
        while not screen.status.final and len(moving) < 20:
            cursor = headlines().cursor
            if cursor >= len(headlines().articles) - 1:
                await asyncio.sleep(0.01)
                continue
            moving.append(
                await key_to_paint(pilot, "down", lambda c=cursor: headlines().cursor != c)
            )
        if moving:
            print(f"  cursor key while loading:   {summary(moving)}")

        await until(pilot, lambda: screen.status.final)
        paint(app)
        print(
            f"  everything loaded:       {(time.perf_counter() - start) * 1000:7.0f} ms "
            f"({screen.corpus.stats.articles if screen.corpus else 0} articles)"
        )

        view = app.screen.query_one(ArticleView)
        opening = []
        for _ in range(REPEATS):
            cursor = headlines().cursor
            await key_to_paint(pilot, "down", lambda c=cursor: headlines().cursor != c)
            target = headlines().current
            opening.append(
                await key_to_paint(
                    pilot,
                    "enter",
                    lambda t=target: view.article is not None and view.article.id == t.id,
                )
            )
        print(f"  open an article:         {summary(opening)}")

        filtering = []
        for _ in range(REPEATS):
            article = view.article
            assert article is not None and article.tags
            tag = article.tags[0]
            filtering.append(await key_to_paint(pilot, "1", lambda t=tag: screen.place.tag == t))
            await key_to_paint(pilot, "c", lambda: screen.place.tag is None)
            cursor = headlines().cursor
            await key_to_paint(pilot, "down", lambda c=cursor: headlines().cursor != c)
            target = headlines().current
            await key_to_paint(
                pilot,
                "enter",
                lambda t=target: view.article is not None and view.article.id == t.id,
            )
        print(f"  apply a tag filter:      {summary(filtering)}")

        scrolling = []
        total = len(headlines().articles)
        for key in ["end", "home"] * 5 + ["pagedown"] * 40:
            before = (headlines().cursor, headlines().scroll_y)
            expect_change = not (key == "home" and before[0] == 0) and not (
                key in ("end", "pagedown") and before[0] == total - 1
            )
            scrolling.append(
                await key_to_paint(
                    pilot,
                    key,
                    lambda b=before, e=expect_change: (
                        not e or (headlines().cursor, headlines().scroll_y) != b
                    ),
                )
            )
        print(f"  scroll the full list:    {summary(scrolling)}")


def real_start(folder: Path) -> None:
    """Spawn the real command in tmux and time until a headline is on the terminal."""
    tmux = shutil.which("tmux")
    newsreader = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    if not tmux or not newsreader:
        print("  real command start: skipped (needs tmux and the installed command)")
        return
    socket = f"bench-{time.monotonic_ns()}"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [tmux, "-L", socket, *args], capture_output=True, text=True, check=False
        )

    start = time.perf_counter()
    run("new-session", "-d", "-s", "b", "-x", "160", "-y", "48", newsreader, str(folder))
    seen = None
    try:
        while time.perf_counter() - start < 60:
            screen = run("capture-pane", "-p", "-t", "b").stdout
            rows = [r for r in screen.splitlines()[1:-1] if r.strip()]
            if any(ch.isdigit() for r in rows for ch in r) and len(rows) > 5:
                seen = time.perf_counter() - start
                break
            time.sleep(0.05)
    finally:
        run("kill-server")
    print(
        f"  real command, spawn to headlines on screen: "
        f"{'timeout' if seen is None else f'{seen * 1000:.0f} ms'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, action="append")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    # A data directory of the benchmark's own: the first open of each corpus loads it from
    # scratch and saves it there, the reopen reads it back.
    with tempfile.TemporaryDirectory(prefix="newsreader-bench-data-") as data:
        os.environ["XDG_DATA_HOME"] = data
        os.environ.pop("NEWSREADER_LIBRARY", None)
        saved = Path(data) / "newsreader"
        for pages in args.pages or [10_000, 100_000]:
            folder = corpus(pages, args.cache)
            shutil.rmtree(saved, ignore_errors=True)
            for label in ("first open", "reopen"):
                print(f"{pages} pages, {label}:")
                asyncio.run(measure(folder))
            for label in ("first open", "reopen"):
                if label == "first open":
                    shutil.rmtree(saved, ignore_errors=True)
                print(f"{pages} pages, {label} of the real command:")
                real_start(folder)


if __name__ == "__main__":
    main()
