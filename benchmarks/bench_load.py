"""Time loading a corpus against merely reading its files, and measure peak memory.

For each corpus size, a synthetic corpus is made with make_corpus.py (once, kept in the
work folder), then fresh child processes run in turn: one reads and decodes every file
(the floor any loader pays); one runs `reader.parse.loader.load` (a load from scratch, in
memory); one brings an empty library up to date with the corpus (a first open: read,
link, store); one does it again (a reopen of unchanged dumps, answered by the library).
Each child reports its wall time and peak resident memory, so the figures do not mix.

    python benchmarks/bench_load.py --sizes 10000 100000 --workdir /tmp/newsreader-bench
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent


def read_texts(folder: Path) -> Iterator[str]:
    """Every file's text, walking in sorted order as the loader does.

    Files are read through bare descriptors, the cheapest way Python has (about a third
    cheaper than open() on small files), so that the floor is not flattered.
    """
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                data = os.read(fd, os.fstat(fd).st_size + 1)
            finally:
                os.close(fd)
            yield data.decode("utf-8", errors="replace")


def read_raw(folder: Path) -> dict[str, float]:
    """Read and decode every file: the floor any loader pays."""
    files = 0
    chars = 0
    start = time.perf_counter()
    for text in read_texts(folder):
        chars += len(text)
        files += 1
    return {"seconds": time.perf_counter() - start, "files": files, "chars": chars}


def run_load(folder: Path, mode: str) -> dict[str, float]:
    from reader.library.session import open_corpus
    from reader.parse.loader import load

    start, cpu = time.perf_counter(), time.process_time()
    if mode == "load":
        corpus = load([folder])
        stats, tags = corpus.stats, len(corpus.tag_counts())
    else:
        _, view = open_corpus([folder])
        stats, tags = view.stats, len(view.tag_counts())
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "pages": stats.pages,
        "articles": stats.articles,
        "merged": stats.merged,
        "failed": stats.failed,
        "tags": tags,
    }


def child(mode: str, folder: Path) -> None:
    result = read_raw(folder) if mode == "raw" else run_load(folder, mode)
    # ru_maxrss is in kilobytes on Linux; workers of a process pool count as children.
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["children_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def measure(mode: str, folder: Path, data_home: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "XDG_DATA_HOME": str(data_home)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def ensure_corpus(workdir: Path, pages: int) -> Path:
    folder = workdir / f"corpus_{pages}"
    if not folder.exists():
        workdir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(HERE / "make_corpus.py"), str(folder), "--pages", str(pages)],
            check=True,
        )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsreader-bench"))
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    # The machine may be shared: the load average and the load's CPU time tell whether the
    # wall times were slowed by other work.
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(
        f"{'pages':>8} {'run':>6} {'seconds':>8} {'× raw':>6} {'cpu s':>7} {'peak MB':>8}"
        "   (saved corpus MB)"
    )
    for pages in args.sizes:
        folder = ensure_corpus(args.workdir, pages)
        data_home = args.workdir / f"data_{pages}"
        shutil.rmtree(data_home, ignore_errors=True)
        read_raw(folder)  # warm the page cache so every child reads from memory
        raw = measure("raw", folder, data_home)
        print(
            f"{pages:>8} {'raw':>6} {raw['seconds']:>8.2f} {1:>6.2f} {'':>7} {raw['peak_mb']:>8.0f}"
        )
        for mode in ("load", "first", "again"):
            run = measure(mode, folder, data_home)
            peak = max(run["peak_mb"], run["children_peak_mb"])
            saved = sum(p.stat().st_size for p in data_home.rglob("corpus-*")) / 1e6
            print(
                f"{pages:>8} {mode:>6} {run['seconds']:>8.2f} "
                f"{run['seconds'] / raw['seconds']:>6.2f} {run['cpu_seconds']:>7.2f} "
                f"{peak:>8.0f}   ({saved:.0f}; {run['articles']} articles, "
                f"{run['merged']} merged, {run['tags']} tags, {run['failed']} failed)"
            )
        shutil.rmtree(data_home, ignore_errors=True)


if __name__ == "__main__":
    main()
