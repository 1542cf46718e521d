"""Full-text search, measured: what the index adds to an ingest, its size, and query
latencies by kind and frequency band, against a plain scan of the same texts.

A synthetic corpus (make_corpus.py, kept in the work folder) is ingested twice into fresh
libraries by child processes, once as newsreader does and once with the index update
left out, so the ratio compares within one run. Then 1% more pages are added and taken
in, counting how many articles the index wrote again. Queries are drawn from the
corpus's own vocabulary (FTS5's document counts): common words (the most frequent tenth
of the terms), rare words (in at most `RARE` articles), middle ones, two-word phrases
taken from articles, prefixes, and common words filtered by tag, source or date. Each is
timed as the reader asks it: one page of hits, with snippets. The plain scan looks for
the same single words with `instr` over the stored headlines and bodies, newest first,
one page.

    python benchmarks/bench_search.py --pages 100000 --workdir /tmp/newsreader-bench
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = 200  # queries of each kind
SCAN_SAMPLES = 20  # plain scans of each band: each reads the whole corpus
RARE = 3  # a rare term is in at most this many articles
PAGE = 20  # hits a query returns, as the reader's list asks


def child(mode: str, folder: Path, library: str) -> None:
    """Ingest in this fresh process (with or without the index) and print the seconds."""
    from reader.library import ingest
    from reader.library.session import Session

    if mode == "bare":
        ingest.update_index = lambda *args: None  # type: ignore[assignment]
    start = time.perf_counter()
    session = Session([folder], library)
    session.update()
    session.close()
    print(json.dumps({"seconds": time.perf_counter() - start}))


def measure(mode: str, folder: Path, library: str) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder), library],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    )
    return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def ensure_corpus(folder: Path, pages: int, seed: int) -> None:
    if not folder.exists():
        command = [sys.executable, str(HERE / "make_corpus.py"), str(folder)]
        subprocess.run([*command, "--pages", str(pages), "--seed", str(seed)], check=True)


def figures(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    return f"median {statistics.median(ms):7.2f} ms, 95% {ms[int(len(ms) * 0.95)]:7.2f} ms"


def index_bytes(library: str) -> int:
    with sqlite3.connect(library) as connection:
        try:
            row = connection.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%'"
            ).fetchone()
            return int(row[0] or 0)
        except sqlite3.OperationalError:  # SQLite built without dbstat
            return -1


def bands(library: str, rng: random.Random) -> dict[str, list[str]]:
    """Query words by frequency band, from the index's own vocabulary."""
    from reader.analysis import word_term

    with sqlite3.connect(library) as connection:
        vocabulary = connection.execute(
            "SELECT term, doc FROM search_vocabulary ORDER BY doc DESC"
        ).fetchall()
    usable = [(t, d) for t, d in vocabulary if word_term(t) == t and not t.isdigit()]
    numbers = [(t, d) for t, d in vocabulary if t.isdigit() and d <= RARE]
    tenth = max(1, len(usable) // 10)
    common = [t for t, _ in usable[:tenth]]
    middle = [t for t, _ in usable[tenth : len(usable) // 2]] or common
    rare = [t for t, d in usable if d <= RARE] or [t for t, _ in numbers]
    return {
        "common": [rng.choice(common) for _ in range(SAMPLES)],
        "middle": [rng.choice(middle) for _ in range(SAMPLES)],
        "rare": [rng.choice(rare) for _ in range(SAMPLES)],
    }


def phrases(view, rng: random.Random, total: int) -> list[str]:
    rows = view.headlines()
    out = []
    while len(out) < SAMPLES:
        article = view.get(rows[rng.randrange(total)].id)
        words = " ".join(article.paragraphs).split()
        at = rng.randrange(max(1, len(words) - 1))
        pair = [w.strip(".،%") for w in words[at : at + 2]]
        if len(pair) == 2 and all(pair):
            out.append(f'"{pair[0]} {pair[1]}"')
    return out


def time_queries(view, queries: list[str]) -> tuple[list[float], float]:
    times, found = [], 0
    for query in queries:
        start = time.perf_counter()
        results = view.search(query, limit=PAGE)
        times.append(time.perf_counter() - start)
        found += bool(results.hits)
    return times, found / len(queries)


def scan(view, words: list[str]) -> list[float]:
    """The plain scan: a word's letters anywhere in a headline or body, newest first."""
    times = []
    for word in words[:SCAN_SAMPLES]:
        start = time.perf_counter()
        view.connection.execute(
            "SELECT id FROM articles WHERE corpus = ? AND (instr(title, ?) OR instr(body, ?)) "
            "ORDER BY seq LIMIT ?",
            (view.corpus, word, word, PAGE),
        ).fetchall()
        times.append(time.perf_counter() - start)
    return times


def run(pages: int, workdir: Path) -> None:
    from reader.library.session import Session

    folder = workdir / f"corpus-{pages}"
    ensure_corpus(folder, pages, seed=1)
    full, bare = workdir / f"search-{pages}.sqlite3", workdir / f"bare-{pages}.sqlite3"
    for stale in (full, bare):
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{stale}{suffix}").unlink(missing_ok=True)
    print(f"{pages} pages")
    without = measure("bare", folder, str(bare))
    with_index = measure("full", folder, str(full))
    print(f"  ingest without the index: {without:7.1f} s")
    print(f"  ingest with the index:    {with_index:7.1f} s  (+{with_index / without - 1:.0%})")
    size = index_bytes(str(full))
    whole = os.path.getsize(full)
    if size >= 0:
        print(f"  index size: {size / 2**20:.1f} MiB of a {whole / 2**20:.1f} MiB library")
    with sqlite3.connect(full) as connection:
        before = {row for (row,) in connection.execute("SELECT id FROM search_docs")}
    extra = folder / "added"
    ensure_corpus(extra, max(1, pages // 100), seed=2)
    start = time.perf_counter()
    again = measure("full", folder, str(full))
    with sqlite3.connect(full) as connection:
        rewritten = sum(
            row not in before for (row,) in connection.execute("SELECT id FROM search_docs")
        )
    print(
        f"  adding 1% ({pages // 100} pages): {again:.1f} s; the index wrote {rewritten} "
        f"articles ({time.perf_counter() - start:.1f} s with the process start)"
    )
    subprocess.run(["rm", "-r", str(extra)], check=True)
    measure("full", folder, str(full))  # back to the corpus as made

    session = Session([folder], str(full))
    view = session.view()
    assert view is not None
    total = view.stats.articles
    rng = random.Random(7)
    words = bands(str(full), rng)
    tags = [name for name, _ in view.tag_counts()]
    kinds = {
        "common word": words["common"],
        "middle word": words["middle"],
        "rare word": words["rare"],
        "phrase": phrases(view, rng, total),
        "prefix": [w[:3] + "*" for w in words["middle"]],
        "common + tag:": [f'{w} tag:"{rng.choice(tags)}"' for w in words["common"]],
        "common + source:": [f'{w} source:"صحيفة الأفق"' for w in words["common"]],
        "common + after:": [f"{w} after:2025-06-01" for w in words["common"]],
        "two words": [f"{a} {b}" for a, b in zip(words["common"], words["middle"], strict=True)],
    }
    print(f"  queries, one page of {PAGE} hits with snippets ({SAMPLES} of each kind):")
    for name, queries in kinds.items():
        times, hit = time_queries(view, queries)
        print(f"    {name:18} {figures(times)}  ({hit:.0%} found something)")
    print(f"  plain scan (instr over headlines and bodies, {SCAN_SAMPLES} of each band):")
    for band in ("common", "rare"):
        print(f"    {band + ' word':18} {figures(scan(view, words[band]))}")
    session.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), sys.argv[4])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100_000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsreader-bench"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    for pages in args.pages:
        run(pages, args.workdir)


if __name__ == "__main__":
    main()
