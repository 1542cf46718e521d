"""What the layout engine costs, against the bare libraries it is built on.

    python benchmarks/bench_layout.py [--repeat 5] [--width 80]

Lays out every distinct line of every sample dump (titles, dates, paragraphs, tags...) and prints:
  bare      reshape + python-bidi get_display of the same text (no wrapping: one line each)
  uncached  layout_paragraph with every cache cleared (sanitise, shape, levels, wrap, reorder)
  resize    layout_paragraph at another width, the width-independent work still cached
  cached    layout_paragraph again at the same width
Figures are the best of --repeat runs. The engine's one-time table builds are done before
timing. Goals: uncached within 3x of bare; cached at least 20x faster than uncached.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bidi import get_display

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.layout import layout_paragraph  # noqa: E402
from reader.layout import paragraph as paragraph_module  # noqa: E402
from reader.layout.shaping import _reshaper  # noqa: E402


def sample_lines() -> list[str]:
    """Every distinct non-blank line of the bundled sample dumps, JSON Lines pages included.

    Distinct, so the engine's cache cannot skip repeated lines the bare libraries redo.
    """
    texts = []
    for path in sorted((ROOT / "sample_feeds").rglob("*")):
        if path.suffix == ".txt":
            raw = path.read_bytes()
            try:
                texts.append(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                texts.append(raw.decode("cp1256"))
        elif path.name.endswith((".jsonl", ".jsonl.gz")):
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as lines:
                texts += [json.loads(line)["text"] for line in lines if line.strip()]
    lines = (line for text in texts for line in text.splitlines() if line.strip())
    return list(dict.fromkeys(lines))


def clear_all() -> None:
    paragraph_module.layout_paragraph.cache_clear()
    paragraph_module._prepared.cache_clear()


def best(repeat: int, setup: Callable[[], None], run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        setup()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--width", type=int, default=80)
    args = parser.parse_args()
    lines = sample_lines()
    width = args.width
    reshape = _reshaper().reshape
    layout_paragraph("تهيئة (warm-up) ١٢ كَتَبَ", width)  # one-time Unicode table builds

    def bare() -> None:
        for text in lines:
            get_display(reshape(text))

    def engine(at: int) -> Callable[[], None]:
        def run() -> None:
            for text in lines:
                layout_paragraph(text, at)

        return run

    def nothing() -> None:
        return None

    bare_s = best(args.repeat, nothing, bare)
    uncached_s = best(args.repeat, clear_all, engine(width))
    engine(width)()
    resize_s = best(args.repeat, paragraph_module.layout_paragraph.cache_clear, engine(width - 1))
    engine(width)()
    cached_s = best(args.repeat, nothing, engine(width))
    chars = sum(map(len, lines))
    print(f"{len(lines)} sample lines, {chars} characters, width {width}, best of {args.repeat}")
    print(f"bare reshape + get_display  {bare_s * 1e3:9.2f} ms")
    print(f"layout uncached             {uncached_s * 1e3:9.2f} ms")
    print(f"layout on resize            {resize_s * 1e3:9.2f} ms")
    print(f"layout from cache           {cached_s * 1e3:9.2f} ms")
    print(f"uncached / bare             {uncached_s / bare_s:9.2f}x  (goal <= 3)")
    print(f"uncached / cached           {uncached_s / cached_s:9.1f}x  (goal >= 20)")
    print(f"uncached / resize           {uncached_s / resize_s:9.1f}x")


if __name__ == "__main__":
    main()
