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
    python benchmarks/bench_search.py --pages 100000 --reuse --copies 10
        (the queries again on a library of the same articles copied to ten times the size:
        a million articles without a million-page ingest; kept in the work folder)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
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
    from reader.library import indexing, writing
    from reader.library.session import Session

    if mode == "bare":  # the index planned (the articles sorted), but no terms, no rows

        class NoTerms:
            def __init__(self, *args: object) -> None:
                pass

        def nothing(*args: object) -> None:
            return None

        indexing.TermsJob = NoTerms  # type: ignore[assignment,misc]
        writing.write_index = nothing  # type: ignore[assignment]
        writing.update_index = nothing  # type: ignore[assignment]
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
    from reader.text.analysis import word_term

    with sqlite3.connect(library) as connection:
        vocabulary = connection.execute(
            "SELECT term, doc FROM search_vocabulary ORDER BY doc DESC"
        ).fetchall()
    usable = [(t, d) for t, d in vocabulary if word_term(t) == t and not t.isdigit()]
    # In a library of copies every term is in at least as many articles as there are copies.
    rare_at = max(RARE, min(d for _, d in vocabulary))
    numbers = [(t, d) for t, d in vocabulary if t.isdigit() and d <= rare_at]
    tenth = max(1, len(usable) // 10)
    common = [t for t, _ in usable[:tenth]]
    middle = [t for t, _ in usable[tenth : len(usable) // 2]] or common
    rare = [t for t, d in usable if d <= rare_at] or [t for t, _ in numbers]
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


def run(pages: int, workdir: Path, copies: int, reuse: bool) -> None:
    folder = workdir / f"corpus-{pages}"
    ensure_corpus(folder, pages, seed=1)
    full = workdir / f"search-{pages}.sqlite3"
    print(f"{pages} pages")
    if not (reuse and full.exists()):
        ingest_figures(folder, full, workdir / f"bare-{pages}.sqlite3")
    query_figures(folder, full)
    if copies > 1:  # kept, so that --reuse queries it again without copying
        copied = workdir / f"copies-{pages}x{copies}.sqlite3"
        if not (reuse and copied.exists()):
            shutil.copyfile(full, copied)
            start = time.perf_counter()
            replicate(copied, copies)
            print(f"  copied {copies} times under new ids: {time.perf_counter() - start:.0f} s")
        size = index_bytes(str(copied))
        print(f"{pages * copies} articles (copies), index {size / 2**20:.0f} MiB")
        query_figures(folder, copied)


def ingest_figures(folder: Path, full: Path, bare: Path) -> None:
    for stale in (full, bare):
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{stale}{suffix}").unlink(missing_ok=True)
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
    ensure_corpus(extra, max(1, len(before) // 100), seed=2)
    start = time.perf_counter()
    again = measure("full", folder, str(full))
    with sqlite3.connect(full) as connection:
        rewritten = sum(
            row not in before for (row,) in connection.execute("SELECT id FROM search_docs")
        )
    print(
        f"  adding 1% ({len(before) // 100} pages): {again:.1f} s; the index wrote {rewritten} "
        f"articles ({time.perf_counter() - start:.1f} s with the process start)"
    )
    shutil.rmtree(extra)
    measure("full", folder, str(full))  # back to the corpus as made


def replicate(library: Path, copies: int) -> None:
    """Make a library `copies` times the size from one: every article, its tags and its
    index rows copied under new ids, on the same days (so the vocabulary, its frequencies
    and the dates scale as a larger archive of the same news would)."""
    from reader.library.indexing import SLOT_BITS

    with sqlite3.connect(library) as connection:
        (corpus, articles) = connection.execute("SELECT id, articles FROM corpora").fetchone()
        slots = connection.execute(
            "SELECT max(id & ?) + 1 FROM search_docs", ((1 << SLOT_BITS) - 1,)
        ).fetchone()[0]
        for copy in range(1, copies):
            suffix, shift = f"~{copy}", copy * slots
            # Copied whole, whatever its columns: only the place and the id change.
            connection.execute(
                "CREATE TEMP TABLE copied AS SELECT * FROM articles "
                "WHERE corpus = ? AND instr(id, '~') = 0",
                (corpus,),
            )
            connection.execute(
                "UPDATE copied SET seq = seq + ?, id = id || ?", (copy * articles, suffix)
            )
            connection.execute("INSERT INTO articles SELECT * FROM copied")
            connection.execute("DROP TABLE copied")
            connection.execute(
                "INSERT INTO article_tags SELECT corpus, article || ?, position, tag, tag_key, "
                "NULL FROM article_tags WHERE corpus = ? AND instr(article, '~') = 0",
                (suffix, corpus),
            )
            connection.execute(
                "INSERT INTO search_docs SELECT id + ?, corpus, article || ?, digest, "
                "published, source_key FROM search_docs WHERE instr(article, '~') = 0",
                (shift, suffix),
            )
            connection.execute(
                "INSERT INTO search_text SELECT t.id + ?, t.title, t.body FROM search_text t "
                "JOIN search_docs d ON d.id = t.id WHERE instr(d.article, '~') = 0",
                (shift,),
            )
        connection.execute("UPDATE search_terms SET documents = documents * ?", (copies,))
        connection.execute("UPDATE corpora SET articles = ?", (articles * copies,))


def query_figures(folder: Path, library: Path) -> None:
    from reader.library.session import Session

    session = Session([folder], str(library))
    view = session.view()
    assert view is not None
    total = view.stats.articles
    rng = random.Random(7)
    words = bands(str(library), rng)
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
    parser.add_argument(
        "--copies",
        type=int,
        default=1,
        help="also query a library this many times larger, made by copying the articles",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="query the library of an earlier run, no ingest"
    )
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    for pages in args.pages:
        run(pages, args.workdir, args.copies, args.reuse)


if __name__ == "__main__":
    main()
