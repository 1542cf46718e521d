"""What loading a dump costs in Python before any decision is made, against the raw read.

The load target is a ratio to the raw read (read and decode every file). This prints, in one
process and one run, the cost of steps every loader of the dump format must take, each on top
of the one before: split a page into trimmed lines, then find its Tags and keywords lines and
look for each Tags token in the page's text, as the tag evidence requires (the synthetic
bodies never name their tags, so each search reads the whole page: on pages that name them
it stops sooner); then make one frozen record a page, and the spelling-tolerant key of each
title that finding one story on several pages requires. The real loader's cost comes last.
Figures are CPU seconds, best of several rounds, with the page cache warm.

    python benchmarks/bench_floor.py --pages 10000 --workdir /tmp/newsreader-bench
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from pathlib import Path

from bench_load import ensure_corpus, read_texts

from reader.model import Article, Origin, Story
from reader.parse.loader import load
from reader.text.arabic import key


def split_lines(texts: list[str]) -> list[list[str]]:
    return [[line.strip() for line in text.splitlines()] for text in texts]


def search_tag_words(texts: list[str], pages: list[list[str]]) -> int:
    """Find each page's Tags line and look for each of its words in the page's text."""
    found = 0
    for text, lines in zip(texts, pages, strict=True):
        tags = next((line for line in lines if line.startswith("Tags:")), "")
        found += sum(word in text for word in tags[5:].split())
    return found


def make_records(pages: list[list[str]]) -> list[Article]:
    """One record a page, its first line the title and the rest its paragraphs."""
    return [
        Article(
            "",
            Story(lines[0], None, None, None, tuple(lines[1:])),
            None,
            (),
            (),
            (),
            (),
            (Origin(""),),
        )
        for lines in pages
    ]


def key_titles(records: list[Article]) -> dict[str, Article]:
    """The normalised key of every title, to find one story on several pages."""
    return {key(record.title): record for record in records}


def best_of(rounds: int, step: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        step()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsreader-bench"))
    args = parser.parse_args()
    folder = ensure_corpus(args.workdir, args.pages)
    gc.disable()  # as the loader does while it builds a corpus
    texts = list(read_texts(folder))
    pages = split_lines(texts)
    records = make_records(pages)
    raw = best_of(args.rounds, lambda: list(read_texts(folder)))
    steps = [
        ("read and decode (raw)", raw),
        ("split into trimmed lines", best_of(args.rounds, lambda: split_lines(texts))),
        (
            "search the text for each tag word",
            best_of(args.rounds, lambda: search_tag_words(texts, pages)),
        ),
        ("one frozen record a page", best_of(args.rounds, lambda: make_records(pages))),
        ("a normalised key a title", best_of(args.rounds, lambda: key_titles(records))),
    ]
    floor = sum(seconds for _, seconds in steps)
    whole = best_of(min(args.rounds, 3), lambda: load([folder]))
    print(f"{args.pages} pages, CPU seconds (best of {args.rounds})")
    total = 0.0
    for name, seconds in steps:
        total += seconds
        print(f"  {name:38} {seconds:6.3f}   so far {total / raw:5.2f}× raw")
    print(f"  {'floor before any decision':38} {floor:6.3f}   {floor / raw:5.2f}× raw")
    print(f"  {'reader.parse.loader.load':38} {whole:6.3f}   {whole / raw:5.2f}× raw")


if __name__ == "__main__":
    main()
