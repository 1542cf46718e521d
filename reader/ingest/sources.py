"""Paths → raw pages: files, folders, JSON Lines (plain or gzipped).

Every problem becomes a Diagnostic naming the file (and line) and the walk carries on, so
one unreadable file never hides the rest of a corpus. Nothing is ever written next to the
inputs. Folder walks are sorted so that a corpus loads the same way on every machine.
"""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reader.ingest.decode import DecodeError, decode
from reader.model import Diagnostic, Origin
from reader.problems import (
    BROKEN_GZIP,
    BROKEN_JSON,
    CANNOT_LIST,
    CANNOT_OPEN,
    CANNOT_READ,
    CORRUPT,
    DENIED,
    EMPTY,
    LINE_TOO_LARGE,
    LINK_LOOP,
    LONE_SURROGATES,
    LOOP,
    MISSING,
    NESTED_JSON,
    NO_TEXT_FIELD,
    NOT_A_FILE,
    NOT_AN_OBJECT,
    NOT_UTF8_LINE,
    READ_PAST,
    TOO_DEEP,
    TOO_LARGE,
    TRUNCATED,
    UNCOMPRESSED_TOO_LARGE,
    UNDECODABLE_SHOWN,
)

# A news page is a few kilobytes; anything this big is not one, and is refused unread.
MAX_PAGE_BYTES = 4 * 1024 * 1024
# Real dumps nest a few folders deep (site, year, month, day); a tree deeper than this is
# a mistake or a trap, and its deeper folders are reported instead of read.
MAX_FOLDER_DEPTH = 100
FOUND_EVERY = 10_000  # files found between two reports of the walk (a million: ~15 s)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_DUMP_SUFFIXES = (".txt", ".text", ".dump")  # or no suffix at all
_GZIP_MAGIC = b"\x1f\x8b"
_SKIP_PIECE = 1 << 20  # how much of a line too long to keep is read at a time


@dataclass(frozen=True, slots=True)
class RawPage:
    """One page's text and where it came from."""

    text: str
    origin: Origin


def _describe(error: BaseException) -> str:
    """Why reading failed, as a short phrase: without the path Python repeats in an
    OSError, and in the project's words where compressed data broke off or is corrupt."""
    if isinstance(error, EOFError):
        return TRUNCATED
    if isinstance(error, zlib.error | gzip.BadGzipFile):
        return CORRUPT
    if not isinstance(error, OSError):
        return str(error)
    if error.errno == errno.ELOOP:
        return LOOP
    if error.errno in (errno.EACCES, errno.EPERM):
        return DENIED
    if error.errno == errno.ENOENT:
        return MISSING
    return error.strerror or str(error) or type(error).__name__


_WANTED_SUFFIXES = (*_JSONL_SUFFIXES, ".txt.gz", *_DUMP_SUFFIXES)


def _wanted(name: str) -> bool:
    """Whether a file met while walking a folder is a dump container (README.md is not):
    a dump's suffix, or none at all (hidden names are skipped before). Asked of every file
    of a walk, a million of them at each start: one pass of `endswith`, not `splitext`."""
    lower = name.lower()
    return lower.endswith(_WANTED_SUFFIXES) or "." not in lower


def discover(
    paths: Sequence[str | Path], found: Callable[[int], None] | None = None
) -> tuple[list[str], list[Diagnostic]]:
    """The files to read, in a deterministic order, and the problems met finding them.

    Paths given explicitly are read whatever their name; inside folders only dump-like
    names are taken. A file reached twice (given twice, or through a link) is read once.
    `found` hears the count of files found so far, every `FOUND_EVERY` files: walking a
    million takes seconds, which a reader should see pass.
    """
    files: list[str] = []
    problems: list[Diagnostic] = []
    # One int a file, not a tuple: a million-file corpus is walked at every start.
    seen_files: set[int] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def add_file(path: str, ident: tuple[int, int]) -> None:
        packed = ident[0] << 64 | ident[1]
        if packed not in seen_files:
            seen_files.add(packed)
            files.append(path)
            if found is not None and len(files) % FOUND_EVERY == 0:
                found(len(files))

    def walk(top: str, dev: int, ident: tuple[int, int]) -> None:
        # Depth first in name order, with a stack of listings rather than recursion, so
        # that however deep a tree goes, the walk stops at the limit with one diagnostic.
        stack: list[tuple[Iterator[os.DirEntry[str]], int, tuple[int, int]]] = []
        ancestors: set[tuple[int, int]] = set()

        def enter(folder: str, dev: int, ident: tuple[int, int]) -> None:
            try:
                with os.scandir(folder) as scan:
                    entries = sorted(scan, key=lambda e: e.name)
            except OSError as error:
                problems.append(Diagnostic(folder, CANNOT_LIST.format(reason=_describe(error))))
                return
            stack.append((iter(entries), dev, ident))
            ancestors.add(ident)

        enter(top, dev, ident)
        while stack:
            entries, dev, _ = stack[-1]
            entry = next(entries, None)
            if entry is None:
                ancestors.discard(stack.pop()[2])
                continue
            if entry.name.startswith("."):
                continue
            # A plain file's identity comes free with the listing (its inode, on the
            # folder's device): skipping a stat per file is most of the listing time of a
            # large corpus. Links and folders are stat'ed, for loops and duplicates.
            try:
                if not entry.is_symlink() and entry.is_file(follow_symlinks=False):
                    if _wanted(entry.name):
                        add_file(entry.path, (dev, entry.inode()))
                    continue
                info = os.stat(entry.path)
            except OSError as error:
                problems.append(Diagnostic(entry.path, CANNOT_OPEN.format(reason=_describe(error))))
                continue
            if stat.S_ISDIR(info.st_mode):
                found = (info.st_dev, info.st_ino)
                if found in ancestors:
                    problems.append(
                        Diagnostic(
                            entry.path,
                            LINK_LOOP,
                            severity="warning",
                        )
                    )
                elif found not in seen_dirs:
                    seen_dirs.add(found)
                    if len(stack) > MAX_FOLDER_DEPTH:
                        problems.append(
                            Diagnostic(
                                entry.path,
                                TOO_DEEP.format(depth=MAX_FOLDER_DEPTH),
                            )
                        )
                    else:
                        enter(entry.path, info.st_dev, found)
            elif stat.S_ISREG(info.st_mode) and _wanted(entry.name):
                add_file(entry.path, (info.st_dev, info.st_ino))

    for given in paths:
        path = os.fspath(given)
        try:
            info = os.stat(path)
        except OSError as error:
            problems.append(Diagnostic(path, CANNOT_OPEN.format(reason=_describe(error))))
            continue
        if stat.S_ISDIR(info.st_mode):
            ident = (info.st_dev, info.st_ino)
            if ident not in seen_dirs:
                seen_dirs.add(ident)
                walk(path, info.st_dev, ident)
        elif stat.S_ISREG(info.st_mode):
            add_file(path, (info.st_dev, info.st_ino))
        else:
            problems.append(Diagnostic(path, NOT_A_FILE))
    return files, problems


def read_file(path: str) -> Iterator[RawPage | Diagnostic]:
    """The pages in one file (one for a dump, one a line for JSON Lines), or why not."""
    lower = path.lower()
    if lower.endswith(_JSONL_SUFFIXES):
        yield from _read_jsonl(path, gzipped=lower.endswith(".gz"))
        return
    try:
        data = _read_bytes(path)
    except _NotRegular:
        yield Diagnostic(path, NOT_A_FILE)
        return
    except _TooLarge as error:
        yield Diagnostic(path, TOO_LARGE.format(size=f"{error.size / 1048576:.1f}"))
        return
    except OSError as error:
        yield Diagnostic(path, CANNOT_READ.format(reason=_describe(error)))
        return
    if data.startswith(_GZIP_MAGIC):
        yield from _read_gzipped(path, data)
        return
    yield from _pages_of(path, data)


# Non-blocking: a path swapped for a pipe after the walk is refused instead of hanging.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)
)


class _NotRegular(Exception):
    """A path that is no longer a regular file when it is opened."""


class _TooLarge(Exception):
    """A file too large to be a news page, refused unread."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _read_bytes(path: str) -> bytes:
    """A file's bytes, read with one system call where the file is the size it says.

    A corpus is thousands of small files, and the file object that open() builds around a
    descriptor costs about as much as reading one, so the descriptor is used directly.
    """
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular
        size = info.st_size
        if size > MAX_PAGE_BYTES:
            raise _TooLarge(size)
        chunks = [os.read(fd, size + 1)]
        # A file that grew since its size was read: read on to its end, or past the limit.
        total = len(chunks[-1])
        while total > size and chunks[-1] and total <= MAX_PAGE_BYTES:
            chunks.append(os.read(fd, 1 << 16))
            total += len(chunks[-1])
    finally:
        os.close(fd)
    if total > MAX_PAGE_BYTES:
        raise _TooLarge(total)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _pages_of(path: str, data: bytes) -> Iterator[RawPage | Diagnostic]:
    """The page in a dump file's bytes, or the pages of JSON Lines saved under another name."""
    if data.lstrip()[:1] == b"{" and data.lstrip()[:200].find(b'"text"') >= 0:
        yield from _jsonl_lines(path, io.BytesIO(data))  # lines end at LF, as in a file
        return
    if not data or data.isspace():
        yield Diagnostic(path, EMPTY)
        return
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield Diagnostic(path, str(error))
        return
    if not decoded.text or decoded.text.isspace():  # nothing but a byte-order mark or spaces
        yield Diagnostic(path, EMPTY)
        return
    if decoded.replaced:
        yield Diagnostic(
            path,
            UNDECODABLE_SHOWN.format(count=decoded.replaced),
            severity="warning",
        )
    yield RawPage(decoded.text, Origin(path))


def _read_gzipped(path: str, data: bytes) -> Iterator[RawPage | Diagnostic]:
    """A gzipped dump (or JSON Lines) under a name that does not say so."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            head = stream.peek(1)[:1]
            if head == b"{":
                yield from _jsonl_lines(path, stream)
                return
            inner = stream.read(MAX_PAGE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        yield Diagnostic(
            path,
            BROKEN_GZIP.format(reason=_describe(error)),
        )
        return
    if len(inner) > MAX_PAGE_BYTES:
        yield Diagnostic(path, UNCOMPRESSED_TOO_LARGE)
        return
    yield from _pages_of(path, inner)


def _read_jsonl(path: str, *, gzipped: bool) -> Iterator[RawPage | Diagnostic]:
    try:
        handle = gzip.open(path, "rb") if gzipped else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        yield Diagnostic(path, CANNOT_READ.format(reason=_describe(error)))
        return
    with handle:
        yield from _jsonl_lines(path, handle)


class _Stream(Protocol):
    """A binary stream read line by line: a file, a gzip stream or bytes in memory."""

    def readline(self, size: int, /) -> bytes: ...


def _lines(stream: _Stream) -> Iterator[bytes | int]:
    """A stream's lines; for a line longer than MAX_PAGE_BYTES, only its length. Such a line
    is read past a piece at a time and never held whole, so that a gzipped gigabyte on one
    line costs reading time, not memory."""
    while line := stream.readline(MAX_PAGE_BYTES + 1):
        if len(line) <= MAX_PAGE_BYTES:
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n") and (line := stream.readline(_SKIP_PIECE)):
            size += len(line)
        yield size


def _jsonl_lines(path: str, stream: _Stream) -> Iterator[RawPage | Diagnostic]:
    """Pages of a JSON Lines stream; a bad line is reported and skipped, the rest still load."""
    number = 0
    empty = True
    try:
        for number, raw in enumerate(_lines(stream), start=1):
            if isinstance(raw, int):
                empty = False
                yield Diagnostic(
                    path,
                    LINE_TOO_LARGE.format(size=f"{raw / 1048576:.1f}"),
                    number,
                )
                continue
            if not raw.strip():
                continue
            empty = False
            found = _json_page(raw)
            if isinstance(found, _BadLine):
                yield Diagnostic(path, found.problem, number)
                continue
            text, url = found
            # JSON can escape half a surrogate pair ("\ud800"), which is no character: kept,
            # it could be neither shown nor written out as UTF-8.
            text, halves = _LONE_SURROGATE.subn("\ufffd", text)
            if halves:
                yield Diagnostic(path, LONE_SURROGATES.format(count=halves), number, "warning")
            yield RawPage(text, Origin(path, number, url))
    except (OSError, EOFError, zlib.error) as error:
        yield Diagnostic(path, READ_PAST.format(line=number, reason=_describe(error) or TRUNCATED))
        return
    if empty:
        yield Diagnostic(path, EMPTY)


@dataclass(frozen=True, slots=True)
class _BadLine:
    problem: str


def _json_page(raw: bytes) -> tuple[str, str | None] | _BadLine:
    """A JSON line's page text and web address (when it is one), or what is wrong."""
    try:
        record = json.loads(raw)
    except UnicodeDecodeError:
        return _BadLine(NOT_UTF8_LINE)
    except json.JSONDecodeError as error:
        return _BadLine(BROKEN_JSON.format(reason=error.msg, column=error.colno))
    except RecursionError:
        return _BadLine(NESTED_JSON)
    if not isinstance(record, dict):
        return _BadLine(NOT_AN_OBJECT)
    text = record.get("text")
    if not isinstance(text, str):
        return _BadLine(NO_TEXT_FIELD)
    return text, web_address(record.get("url"))


MAX_URL = 2048  # longer "addresses" are not links a browser is handed


def web_address(value: object) -> str | None:
    """An http(s) address with a host and no spaces or control characters, else None: a
    crawl's `url` is untrusted, and only a plain web link may reach a browser."""
    if not isinstance(value, str) or len(value) > MAX_URL:
        return None
    url = value.strip()
    # isprintable() is False for control and format characters (escapes, bidi controls).
    if not url.isprintable() or not _WEB_ADDRESS.fullmatch(url):
        return None
    return url


_WEB_ADDRESS = re.compile(r"https?://[^\s/?#@]+(?:[/?#]\S*)?", re.IGNORECASE)
