"""A loaded corpus kept in the user's data directory, so that reopening a dump is fast.

Loading recovers tags across the whole corpus and merges stories: seconds of work per ten
thousand pages that give the same answer until a file changes. So a loaded corpus is saved
under a key made of every file's identity (path, device, inode, size, change times), the
problems met finding the files, the Python version and the loader's own source code. Any
change to one of them is another key, so a stale corpus is never served; a saved corpus that
cannot be read is loaded afresh. Nothing is ever written beside the dumps.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import platformdirs

from reader import __version__
from reader.corpus import Corpus, LoadStats
from reader.loader import Progress, collector_paused, load_files
from reader.model import Article, Diagnostic, Origin, ReadAlso
from reader.sources import discover

KEEP = 4  # corpora kept; the least recently used beyond these are deleted
_SCHEMA = 2
_CHUNK = 2048  # articles a frame
_PREFIX, _SUFFIX = "corpus-", ".marshal"
_TEMPORARY = ".saving-"  # a corpus being written; older than _STALE, its writer has died
_STALE = 3600.0  # seconds
# The modules whose code decides what a load returns: a change to any is another corpus.
_LOADING_MODULES = (
    "arabic",
    "cache",
    "corpus",
    "decode",
    "loader",
    "model",
    "page",
    "sources",
    "tags",
)
_OFF = {"0", "off", "no", "false"}


def default_folder() -> Path | None:
    """Where corpora are kept: the user's data directory, or None when NEWSREADER_CACHE=off."""
    if os.environ.get("NEWSREADER_CACHE", "").strip().lower() in _OFF:
        return None
    return Path(platformdirs.user_data_dir("newsreader", appauthor=False)) / "corpora"


def load(
    paths: Sequence[str | Path],
    *,
    progress: Callable[[Progress], None] | None = None,
    folder: Path | None = None,
) -> Corpus:
    """`reader.loader.load`, answered from `folder` when nothing changed since the last load.

    `folder` defaults to `default_folder()`; caching is off when that is None.
    """
    files, problems = discover(paths)
    folder = folder or default_folder()
    if folder is None:
        return load_files(files, problems, progress=progress)
    name = _PREFIX + _key(files, problems) + _SUFFIX
    with collector_paused():
        corpus = _read(folder / name)
    if corpus is None:
        corpus = load_files(files, problems, progress=progress)
        with collector_paused():
            _write(folder, name, corpus)
    elif progress is not None:
        progress(Progress(corpus.stats.pages, len(files), len(files), corpus, done=True))
    return corpus


@functools.cache
def _code_digest() -> bytes:
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(f"{_SCHEMA}\n{sys.version}".encode(), digest_size=16)
    for module in _LOADING_MODULES:
        try:
            digest.update((package / f"{module}.py").read_bytes())
        except OSError:  # installed without sources: the version must then tell them apart
            digest.update(__version__.encode())
    return digest.digest()


def _key(files: Sequence[str], problems: Sequence[Diagnostic]) -> str:
    digest = hashlib.blake2b(_code_digest(), digest_size=20)
    for path in files:
        try:
            info = os.stat(path)
        except OSError as error:
            state = f"unreadable {error.errno}"
        else:
            state = (
                f"{info.st_dev} {info.st_ino} {info.st_size} {info.st_mtime_ns} {info.st_ctime_ns}"
            )
        digest.update(f"{path}\0{state}\n".encode("utf-8", "surrogateescape"))
    for problem in problems:
        digest.update(f"{problem}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _read(path: Path) -> Corpus | None:
    """The corpus saved at `path`, or None when there is none or it cannot be trusted."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()  # marshal.load on a file reads it in many small calls
        corpus = _decode(_unframe(data))
    except (OSError, EOFError, ValueError, TypeError, IndexError, AttributeError):
        return None  # missing, or damaged: loaded afresh and saved again
    # Mark it recently used, so it outlives older corpora; a read-only data directory still
    # serves what it has.
    with contextlib.suppress(OSError):
        os.utime(path)
    return corpus


def _write(folder: Path, name: str, corpus: Corpus) -> None:
    """Save `corpus` atomically, then delete the least recently used beyond KEEP.

    A data directory that cannot be written only costs the next load its speed.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = tempfile.NamedTemporaryFile(dir=folder, prefix=_TEMPORARY, delete=False)  # noqa: SIM115
    except OSError:
        return
    try:
        with handle:
            for frame in _encode(corpus):
                handle.write(frame)
        os.replace(handle.name, folder / name)
    except OSError:  # a full disk: leave nothing half written behind
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        return
    _tidy(folder)


def _tidy(folder: Path) -> None:
    """Delete corpora beyond the KEEP most recently used, and temporaries of dead saves."""
    kept = sorted(folder.glob(f"{_PREFIX}*{_SUFFIX}"), key=_used, reverse=True)
    stale = [p for p in folder.glob(f"{_TEMPORARY}*") if _used(p) < time.time() - _STALE]
    for old in [*kept[KEEP:], *stale]:
        with contextlib.suppress(OSError):
            old.unlink()


def _used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _encode(corpus: Corpus) -> Iterator[bytes]:
    """The saved form, frame by frame: a header, then the articles a chunk at a time (so
    that saving never holds the whole corpus as one more copy), each as plain tuples,
    strings and numbers, which marshal stores fastest."""
    s = corpus.stats
    diagnostics = tuple((d.path, d.message, d.line, d.severity) for d in corpus.diagnostics)
    articles = corpus.articles
    header = (
        _SCHEMA,
        len(articles),
        diagnostics,
        (s.pages, s.articles, s.merged, s.failed, s.warnings),
    )
    yield _frame(header)
    for start in range(0, len(articles), _CHUNK):
        yield _frame(tuple(map(_row, articles[start : start + _CHUNK])))


def _frame(value: tuple[Any, ...]) -> bytes:
    """One marshalled value, behind its length."""
    data = marshal.dumps(value)
    return len(data).to_bytes(8, "little") + data


def _unframe(data: bytes) -> Iterator[Any]:
    view = memoryview(data)
    start = 0
    while start < len(view):
        size = int.from_bytes(view[start : start + 8], "little")
        end = start + 8 + size
        if end > len(view):
            raise EOFError("the saved corpus is cut short")
        yield marshal.loads(view[start + 8 : end])
        start = end


def _row(a: Article) -> tuple[Any, ...]:
    return (
        a.id,
        a.title,
        a.published.toordinal() if a.published else 0,
        a.place,
        a.agency,
        a.source,
        a.paragraphs,
        a.tags,
        a.keywords,
        tuple((r.title, r.id) for r in a.read_also),
        a.read_by,
        tuple((o.path, o.line) for o in a.origins),
    )


def _decode(frames: Iterator[Any]) -> Corpus:
    header = next(frames, None)
    if header is None:
        raise EOFError("the saved corpus is empty")
    schema, count, diagnostics, stats = header
    if schema != _SCHEMA:
        raise ValueError("saved by another version")
    articles = [_article(row) for chunk in frames for row in chunk]
    if len(articles) != count:
        raise ValueError("the saved corpus is incomplete")
    problems = [Diagnostic(*d) for d in diagnostics]
    return Corpus.ordered(articles, problems, LoadStats(*stats))


def _article(row: tuple[Any, ...]) -> Article:
    """An article from its `_row`: fields in order, dates and references plain."""
    (
        ident,
        title,
        published,
        place,
        agency,
        source,
        paragraphs,
        tags,
        keywords,
        read_also,
        read_by,
        origins,
    ) = row
    return Article(
        ident,
        title,
        dt.date.fromordinal(published) if published else None,
        place,
        agency,
        source,
        paragraphs,
        tags,
        keywords,
        tuple(ReadAlso(t, i) for t, i in read_also),
        read_by,
        tuple(Origin(p, n) for p, n in origins),
    )
