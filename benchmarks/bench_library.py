"""The library, measured: first ingest, reopen, adding 1%, query latencies, and start-up.

For each size a synthetic corpus is made with make_corpus.py (kept in the work folder) and
ingested into a fresh library by a child process, which reports when the headlines phase
ended (every page stored and listed) and when the articles were made; the raw read of the
same files and `reader.parse.loader.load` (the in-memory load from scratch) run in the same way
beside it, so the ratios compare within one run. Then:

- reopen: a child opens the library, brings the corpus up to date (nothing changed) and
  reads the first screenful of headlines;
- adding 1%: new pages (another seed) are put in a folder of the corpus and taken in, once
  dated after the corpus (a crawl's next days: they take new places at the top of the
  lists) and once spread over the same years (they move rows in every list), each then
  removed again;
- queries, in one process on the library: open an article, apply a tag filter (count and
  first window), page through the list (a window anywhere), with medians;
- start-up in tmux (when tmux is there): `newsreader` on the library until its first
  headline is on the terminal, against a bare Textual app that paints one line, and the
  reader's peak memory after paging through the list; `--newsboat` also times newsboat
  relaunching on an RSS file of the first 10,000 articles, in the same tmux.

- two at once: two children ingest the corpus into a fresh library at the same time (as
  two machines of a team would), until both are done.

    python benchmarks/bench_library.py --pages 100000 --workdir /tmp/newsreader-bench
    python benchmarks/bench_library.py --library /path/to/library.sqlite3 --folder DUMPS
        (measure an existing library, made beforehand, without ingesting)
    python benchmarks/bench_library.py --pages 10000 --library postgresql://USER@HOST/DB
        (SQLite and that server side by side: each size in a fresh database
        newsreader_bench_PAGES made beside DB, which the role must be allowed to create)
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
SAMPLES = 200  # queries of each kind
TMUX_TRIES = 9  # start-ups timed for each command: the median of a noisy few
SIZE = (160, 48)


def child(mode: str, folder: Path, library: str) -> None:
    """Run one measurement in this fresh process and print it as JSON."""
    start = time.perf_counter()
    result: dict[str, float] = {}
    if mode == "raw":
        from bench_load import read_raw

        read_raw(folder)
    elif mode == "load":
        from reader.parse.loader import load

        load([folder])
    else:
        from reader.library.session import Session

        session = Session([folder], library)

        def progress(step) -> None:
            if step.phase == "linking" and "headlines" not in result:
                result["headlines"] = time.perf_counter() - start

        report = session.update(progress)
        view = session.view()
        assert view is not None
        rows = view.headlines()
        _ = [rows[i].title for i in range(min(len(rows), SIZE[1]))]
        result["read"] = report.read
        result["by_changes"] = report.by_changes
    result["seconds"] = time.perf_counter() - start
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(mode: str, folder: Path, library: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder), library],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def ensure_corpus(
    folder: Path, pages: int, seed: int = 1, years: tuple[int, ...] | None = None
) -> Path:
    if not folder.exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_corpus.py"),
                str(folder),
                "--pages",
                str(pages),
                "--seed",
                str(seed),
                *(["--years", *map(str, years)] if years else []),
            ],
            check=True,
            capture_output=True,
        )
    return folder


def median_ms(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    return f"median {statistics.median(ms):6.2f} ms, 95% {ms[int(len(ms) * 0.95)]:6.2f} ms"


def is_server(library: str) -> bool:
    return library.startswith(("postgresql://", "postgres://"))


def fresh_server_library(url: str, label: str) -> str:
    """A new, empty database beside the one `url` names, for one run: its URL."""
    import psycopg

    name = f"newsreader_bench_{label}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def fresh_library(library: str, label: str) -> str:
    """An empty library of the same kind as `library`: a database beside it on the server,
    or a file of that name (removed first, with its WAL) with `label` added."""
    if is_server(library):
        return fresh_server_library(library, label)
    file = Path(library).with_name(f"{Path(library).stem}{label}.sqlite3")
    for path in file.parent.glob(file.name + "*"):
        path.unlink()
    return str(file)


def library_size(library: str) -> float:
    """Bytes the library takes: its files, or its database on the server."""
    if is_server(library):
        import psycopg

        with psycopg.connect(library) as connection:
            row = connection.execute("SELECT pg_database_size(current_database())").fetchone()
        return float(row[0]) if row else 0.0
    return float(sum(p.stat().st_size for p in Path(library).parent.glob(Path(library).name + "*")))


def two_at_once(folder: Path, pages: int, library: str) -> float:
    """Seconds two ingests of the corpus into a fresh library take when run together."""
    library = fresh_library(library, f"{pages}_two")
    command = [sys.executable, __file__, "--child", "ingest", str(folder), library]
    start = time.perf_counter()
    both = [subprocess.Popen(command, cwd=HERE, stdout=subprocess.DEVNULL) for _ in range(2)]
    assert [p.wait() for p in both] == [0, 0]
    return time.perf_counter() - start


def queries(folder: Path, library: str) -> dict[str, float]:
    from reader.library.session import Session

    session = Session([folder], library)
    view = session.view()
    assert view is not None
    rows = view.headlines()
    rng = random.Random(7)
    total = len(rows)
    ids = [rows[rng.randrange(total)].id for _ in range(SAMPLES)]
    opening = []
    for ident in ids:
        start = time.perf_counter()
        article = view.get(ident)
        opening.append(time.perf_counter() - start)
        assert article is not None
    tags = [name for name, _ in view.tag_counts()]
    filtering = []
    for _ in range(SAMPLES):
        tag = rng.choice(tags)
        start = time.perf_counter()
        listed = view.headlines(tag)
        _ = [listed[i].title for i in range(min(len(listed), SIZE[1]))]
        filtering.append(time.perf_counter() - start)
    paging = []
    fresh = view.headlines()
    for _ in range(SAMPLES):
        at = rng.randrange(total)
        start = time.perf_counter()
        _ = [fresh[i].title for i in range(at, min(total, at + SIZE[1]))]
        paging.append(time.perf_counter() - start)
    searching = []
    for _ in range(SAMPLES // 10):
        query = rng.choice(tags)[:3]
        start = time.perf_counter()
        view.search_tags(query)
        searching.append(time.perf_counter() - start)
    full_text = []
    words = [w for name in tags for w in name.split() if len(w) > 2]
    for _ in range(SAMPLES // 10):
        start = time.perf_counter()
        view.search(rng.choice(words))
        full_text.append(time.perf_counter() - start)
    print(f"  open an article:          {median_ms(opening)}")
    print(f"  apply a tag filter:       {median_ms(filtering)}")
    print(f"  a screenful anywhere:     {median_ms(paging)}")
    print(f"  tag search as one types:  {median_ms(searching)}")
    print(f"  full-text search, a page: {median_ms(full_text)}")
    session.close()
    return {
        "open ms": statistics.median(opening) * 1000,
        "tag filter ms": statistics.median(filtering) * 1000,
        "screenful ms": statistics.median(paging) * 1000,
        "tag search ms": statistics.median(searching) * 1000,
        "full-text ms": statistics.median(full_text) * 1000,
    }


BARE_APP = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("ready")
Bare().run()
"""


# A tmux server of the benchmark's own, kept up by a session that waits: the user's server
# is left alone, and a session started just as the last one ended cannot meet a server on
# its way out ("server exited unexpectedly").
TMUX = ["tmux", "-L", f"newsreader-bench-{os.getpid()}"]


def tmux_up() -> None:
    """Start the benchmark's tmux server, with its keeper session."""
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep", "86400"], check=True)


def tmux_down() -> None:
    subprocess.run([*TMUX, "kill-server"], capture_output=True)


def tmux_spawn(session: str, command: list[str]) -> None:
    """Start `command` in a detached tmux session of the benchmark's terminal size."""
    size = ["-x", str(SIZE[0]), "-y", str(SIZE[1])]
    subprocess.run([*TMUX, "new-session", "-d", "-s", session, *size, *command], check=True)


def tmux_start(command: list[str], marker: str) -> float:
    """Seconds from spawning `command` in tmux until `marker` is on its screen."""
    session = f"bench-{os.getpid()}"
    subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)
    start = time.perf_counter()
    tmux_spawn(session, command)
    try:
        while time.perf_counter() - start < 60:
            screen = subprocess.run(
                [*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if marker in screen:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise TimeoutError(f"{command[0]} never showed {marker!r}")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def reader_peak(folder: Path, library: str) -> float:
    """The reader's peak resident memory (MB) after paging to the end of its list."""
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    session = f"bench-peak-{os.getpid()}"
    tmux_spawn(session, [script, "--library", library, str(folder)])
    try:
        time.sleep(3)
        pid = subprocess.run(
            [*TMUX, "list-panes", "-t", session, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
        ).stdout.split()[0]
        for key in ["End", "Home"] * 3 + ["PageDown"] * 60 + ["Enter", "1", "c"] * 5:
            subprocess.run([*TMUX, "send-keys", "-t", session, key], check=True)
            time.sleep(0.02)
        time.sleep(2)
        status = Path(f"/proc/{pid}/status").read_text()
        peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
        return int(peak.split()[1]) / 1024
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def first_title(folder: Path, library: str) -> str:
    """A word of the first headline as the terminal shows it (shaped, visual order), with
    the place a previous run left forgotten: the reader then opens at the top of its list,
    where that headline is, instead of on an article far down it."""
    from reader.layout import fit_line
    from reader.library.files import corpus_roots
    from reader.library.session import Session

    session = Session([folder], library)
    with session.connection as connection:
        connection.execute("DELETE FROM places WHERE roots = ?", (corpus_roots([folder]),))
    view = session.view()
    assert view is not None
    words = fit_line(view.headlines()[0].title, 200).split()
    session.close()
    return max(words, key=len)


def startup(folder: Path, library: str) -> None:
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    # An installed package has its bytecode compiled by pip, as Textual's has; a checkout
    # installed for editing, with PYTHONDONTWRITEBYTECODE set, would otherwise compile
    # every module of the reader from source at each start, and only the reader's.
    compileall.compile_dir(HERE.parent / "reader", quiet=1)
    marker = first_title(folder, library)
    bare = [tmux_start([sys.executable, "-c", BARE_APP], "ready") for _ in range(TMUX_TRIES)]
    ours = [
        tmux_start([script, "--library", library, str(folder)], marker) for _ in range(TMUX_TRIES)
    ]
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"  bare Textual app, one line:  median {b * 1000:6.0f} ms")
    print(f"  newsreader, first headlines: median {o * 1000:6.0f} ms  ({o / b:.2f}× bare)")
    print(f"  reader's peak memory after paging: {reader_peak(folder, library):.0f} MB")


def newsboat_relaunch(folder: Path, library: str, count: int = 10_000) -> None:
    """newsboat on an RSS of the first `count` articles, against newsreader on the same."""
    newsboat = shutil.which("newsboat")
    if newsboat is None:
        print("  newsboat is not installed: skipped")
        return
    from xml.sax.saxutils import escape

    from reader.library.session import Session

    view = Session([folder], library).view()
    assert view is not None
    work = Path(tempfile.mkdtemp(prefix="newsboat-bench-"))
    rows = view.headlines()
    items = []
    for n in range(min(count, len(rows))):
        article = view.get(rows[n].id)
        assert article is not None
        items.append(
            f"<item><title>{escape(article.title)}</title><guid>{article.id}</guid>"
            f"<description>{escape(' '.join(article.paragraphs))}</description></item>"
        )
    feed = work / "feed.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title>'
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )
    (work / "urls").write_text(f"file://{feed}\n", encoding="utf-8")
    args = [newsboat, "-u", str(work / "urls"), "-c", str(work / "cache.db"), "-C", "/dev/null"]
    subprocess.run([*args, "-x", "reload"], check=True, capture_output=True)  # fill its cache
    times = [tmux_start(args, "bench") for _ in range(TMUX_TRIES)]
    print(
        f"  newsboat relaunch on {len(items)} articles: "
        f"median {statistics.median(times) * 1000:6.0f} ms (to its feed list)"
    )
    shutil.rmtree(work, ignore_errors=True)


def ingest(folder: Path, pages: int, library: str) -> tuple[str, dict[str, float]]:
    """Ingest the corpus into a fresh library, measured (see the module's account): the
    library, and its figures."""
    base, library = library, fresh_library(library, str(pages))
    raw = measure("raw", folder, library)
    load = measure("load", folder, library)
    first = measure("ingest", folder, library)
    again = measure("ingest", folder, library)
    print(f"{pages} pages, {'PostgreSQL' if is_server(library) else 'SQLite'}:")
    print(f"  raw read:                 {raw['seconds']:7.2f} s")
    print(
        f"  in-memory load:           {load['seconds']:7.2f} s  "
        f"{load['seconds'] / raw['seconds']:5.1f}× raw  {load['peak_mb']:6.0f} MB"
    )
    print(
        f"  first ingest, headlines:  {first['headlines']:7.2f} s  "
        f"{first['headlines'] / raw['seconds']:5.1f}× raw"
    )
    print(
        f"  first ingest, whole:      {first['seconds']:7.2f} s  "
        f"{first['seconds'] / raw['seconds']:5.1f}× raw  {first['peak_mb']:6.0f} MB  "
        f"({first['seconds'] / load['seconds']:.2f}× the in-memory load)"
    )
    print(
        f"  reopen (nothing changed): {again['seconds']:7.2f} s  "
        f"{again['peak_mb']:6.0f} MB  ({again['read']:.0f} files read)"
    )
    extra = folder / "zz-added"
    changes: dict[str, float] = {}
    for label, years in (("later news", (2026,)), ("spread over the years", None)):
        shutil.rmtree(extra, ignore_errors=True)
        ensure_corpus(extra, max(1, pages // 100), seed=2, years=years)
        try:
            added = measure("ingest", folder, library)
        finally:
            shutil.rmtree(extra, ignore_errors=True)
        removed = measure("ingest", folder, library)  # back to the corpus without them
        for what, run in ((f"adding 1%, {label}", added), ("removing them again", removed)):
            print(
                f"  {what + ':':34} {run['seconds']:7.2f} s  "
                f"({run['seconds'] / first['seconds'] * 100:.0f}% of the first ingest"
                f"{', linked by its changes' if run['by_changes'] else ', linked whole'})"
            )
        changes[f"adding 1%, {label} s"] = added["seconds"]
    size = library_size(library)
    print(f"  library size:             {size / 1e6:7.0f} MB")
    together = two_at_once(folder, pages, base)
    print(f"  two ingests at once:      {together:7.2f} s  (into a fresh library)")
    figures = {
        "ingest s": first["seconds"],
        "reopen s": again["seconds"],
        **changes,
        "two at once s": together,
        "size MB": size / 1e6,
    }
    return library, figures


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(HERE))
        child(sys.argv[2], Path(sys.argv[3]), sys.argv[4])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="*", default=[100_000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsreader-bench"))
    parser.add_argument("--library", help="measure this library as it is (with --folder)")
    parser.add_argument("--folder", type=Path, help="the corpus the library holds")
    parser.add_argument("--newsboat", action="store_true", help="also time newsboat")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    server = args.library if args.library and is_server(args.library) and not args.folder else None
    if args.library and server is None:
        assert args.folder is not None, "--library needs --folder"
        runs = [(args.folder, args.library)]
    else:
        runs = []
        for pages in args.pages:
            folder = ensure_corpus(args.workdir / f"corpus_{pages}", pages)
            figures: dict[str, dict[str, float]] = {}
            for kind, library in [
                ("SQLite", str(args.workdir / "library_.sqlite3")),
                *([("PostgreSQL", server)] if server else []),
            ]:
                library, figures[kind] = ingest(folder, pages, library)
                print(f"{folder} in {kind}:")
                figures[kind].update(queries(folder, library))
                runs.append((folder, library))
            if server:
                side_by_side(pages, figures)
    if args.library and server is None:
        print(f"{args.folder} in {args.library}:")
        queries(args.folder, args.library)
    if runs and shutil.which("tmux"):
        tmux_up()
        try:
            for folder, library in runs:
                print(f"{folder} in {library}, start-up:")
                startup(folder, library)
                if args.newsboat:
                    newsboat_relaunch(folder, library)
        finally:
            tmux_down()


def side_by_side(pages: int, figures: dict[str, dict[str, float]]) -> None:
    """The figures of both backends for one size, in one table."""
    kinds = list(figures)
    print(f"{pages} pages, side by side:  " + "  ".join(f"{k:>12}" for k in kinds))
    for name in figures[kinds[0]]:
        print(f"  {name:<22}" + "  ".join(f"{figures[k][name]:12.2f}" for k in kinds))


if __name__ == "__main__":
    main()
