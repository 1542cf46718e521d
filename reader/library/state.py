"""What the reader has done with the news: read and unread, saved, and where it left off.

Kept in tables of its own (`marks`, `places`) that an ingest never touches, keyed by the
article id, which hashes the story's headline: a dump that changes, moves within its
folder or is read again keeps its articles' state, and the state outlives the corpus
(forgetting a folder keeps its marks for the day it is opened again).

Each mark keeps when it was made (`at`, for merging an export from another machine: the
newer mark wins) and when this library learned it (`noted`, which lets a filtered list stay
as it was made while marks change under it; see `reader.library.reading`). A cleared mark
is kept as a mark with value 0, so an import cannot bring back what was cleared since.
Every write is its own transaction, committed before it returns.
"""

from __future__ import annotations

import json
import math
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reader.library.backend import Connection
from reader.library.files import as_json, corpus_roots

Kind = Literal["read", "saved"]
KINDS: tuple[Kind, ...] = ("read", "saved")
EXPORT_FORMAT = 1  # the version of `state export` files this newsreader writes and reads
LOCKED_WAIT = 0.01  # seconds between tries at a library in memory that another thread writes
LOCKED_TRIES = 3000  # tries before giving up: as long as a file library's busy timeout

# SQL for a headline row's flags, where the row's article id is `a.id`.
READ_FLAG = "EXISTS (SELECT 1 FROM marks WHERE article = a.id AND kind = 'read' AND value = 1)"
SAVED_FLAG = "EXISTS (SELECT 1 FROM marks WHERE article = a.id AND kind = 'saved' AND value = 1)"
# Filters of a list made at time `:asof`: unread (by then) and saved (by then, or changed
# since, so that unsaving an article does not pull it from under the cursor).
UNREAD_AS_OF = (
    "NOT EXISTS (SELECT 1 FROM marks WHERE article = a.id AND kind = 'read' AND value = 1 "
    "AND noted <= :asof)"
)
SAVED_AS_OF = (
    "EXISTS (SELECT 1 FROM marks WHERE article = a.id AND kind = 'saved' "
    "AND (value = 1 OR noted > :asof))"
)


class StateFileError(ValueError):
    """A state file that cannot be imported: said in one line that names it."""


@dataclass(frozen=True, slots=True)
class Mark:
    """One mark of one article: set (`value`) or cleared, as of `at` (Unix time)."""

    article: str
    kind: Kind
    value: bool
    at: float


@dataclass(frozen=True, slots=True)
class LastPlace:
    """Where a reader left a corpus: its list (a tag, saved only, unread only), the open
    article and how far down it was scrolled."""

    tag: str | None = None
    saved: bool = False
    unread: bool = False
    article: str | None = None
    scroll: int = 0


Rows = Sequence[Sequence[object] | dict[str, object]]  # the parameters of a write's rows


def _retrying(connection: Connection, *writes: tuple[str, Rows]) -> None:
    """Run writes (a statement and its rows each) in one transaction of their own. A
    shared-cache library in memory answers SQLITE_LOCKED at once, without waiting, while
    the ingest thread writes: try again a while. (A file library waits by itself, and its
    SQLITE_BUSY after that is final.)"""
    for _ in range(LOCKED_TRIES):
        try:
            with connection:
                for work, rows in writes:
                    connection.executemany(work, rows)
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_LOCKED:
                raise
            time.sleep(LOCKED_WAIT)
    raise sqlite3.OperationalError("the library stayed locked")


# A mark that changes nothing is left as it was: when it was made, and when it was noted
# (which decides what a filtered list made since holds).
_UPSERT = (
    "ON CONFLICT (article, kind) DO UPDATE SET value = excluded.value, "
    "at = max(excluded.at, marks.at), noted = excluded.noted "
    "WHERE marks.value != excluded.value"
)
_SET = f"INSERT INTO marks (article, kind, value, at, noted) VALUES (?, ?, ?, ?, ?) {_UPSERT}"
# An imported mark replaces only an older one.
_MERGE = f"{_SET} AND excluded.at > marks.at"
_PLACE = (
    "INSERT INTO places (roots, place, at) VALUES (?, ?, ?) "
    "ON CONFLICT (roots) DO UPDATE SET place = excluded.place, at = excluded.at"
)


def mark(connection: Connection, articles: Iterable[str], kind: Kind, value: bool) -> None:
    """Set or clear a mark on articles, now; committed when this returns."""
    now = time.time()
    rows = [(article, kind, int(value), now, now) for article in dict.fromkeys(articles)]
    if rows:
        _retrying(connection, (_SET, rows))


def mark_selected(
    connection: Connection,
    articles: str,
    parameters: dict[str, object],
    kind: Kind,
    value: bool,
) -> None:
    """Set or clear a mark on the articles a query selects (`articles`, with named
    `parameters`), in one statement: a list of a million articles is never held."""
    now = time.time()
    sql = (
        "INSERT INTO marks (article, kind, value, at, noted) "
        f"SELECT id, :kind_, :value_, :now_, :now_ FROM ({articles}) AS chosen WHERE true {_UPSERT}"
    )
    _retrying(connection, (sql, [{**parameters, "kind_": kind, "value_": int(value), "now_": now}]))


def marks_of(connection: Connection, article: str) -> set[Kind]:
    """The marks set on an article."""
    rows = connection.execute(
        "SELECT kind FROM marks WHERE article = ? AND value = 1", (article,)
    ).fetchall()
    return {kind for (kind,) in rows if kind in KINDS}


def counts(connection: Connection) -> dict[Kind, int]:
    """How many articles carry each mark, over the whole library."""
    found = dict(
        connection.execute(
            "SELECT kind, count(*) FROM marks WHERE value = 1 GROUP BY kind"
        ).fetchall()
    )
    return {kind: int(found.get(kind, 0)) for kind in KINDS}


def unknown_articles(connection: Connection, articles: Iterable[str]) -> list[str]:
    """The ids the library knows nothing of: no corpus holds them (each corpus is asked by
    its key), and they carry no mark (from a corpus forgotten since, or an import)."""
    return [
        article
        for article in dict.fromkeys(articles)
        if not connection.execute(
            "SELECT 1 FROM marks WHERE article = :a UNION ALL SELECT 1 FROM corpora c "
            "WHERE EXISTS (SELECT 1 FROM articles a WHERE a.corpus = c.id AND a.id = :a)",
            {"a": article},
        ).fetchone()
    ]


def save_place(connection: Connection, paths: Sequence[str | Path], place: LastPlace) -> None:
    """Remember where the reader is in the corpus of `paths` (by its roots, which outlive
    the corpus's row: a forgotten folder opened again finds its place)."""
    _retrying(connection, (_PLACE, [(corpus_roots(paths), _place_json(place), time.time())]))


def last_place(connection: Connection, paths: Sequence[str | Path]) -> LastPlace | None:
    """Where the reader left the corpus of `paths`, if it was ever left anywhere."""
    row = connection.execute(
        "SELECT place FROM places WHERE roots = ?", (corpus_roots(paths),)
    ).fetchone()
    if row is None:
        return None
    try:
        return _place(json.loads(row[0]))
    except (ValueError, TypeError):  # written by hand with sqlite3: start at the top
        return None


def _place_json(place: LastPlace) -> str:
    return as_json(
        {
            "tag": place.tag,
            "saved": place.saved,
            "unread": place.unread,
            "article": place.article,
            "scroll": place.scroll,
        }
    )


def _place(value: object) -> LastPlace:
    if not isinstance(value, dict):
        raise TypeError("a place is an object")
    tag, article, scroll = value.get("tag"), value.get("article"), value.get("scroll", 0)
    if not (tag is None or isinstance(tag, str)) or not (
        article is None or isinstance(article, str)
    ):
        raise TypeError("a place's tag and article are text")
    if not isinstance(scroll, int) or isinstance(scroll, bool) or scroll < 0:
        raise TypeError("a place's scroll is a line number")
    return LastPlace(
        tag, bool(value.get("saved", False)), bool(value.get("unread", False)), article, scroll
    )


def copy_state(source: Connection, target: Connection) -> None:
    """Carry every mark and place into another library, in one transaction (all of them or,
    when the target fails, none): a session that goes on in memory keeps what the reader
    marked before, and one that goes on from memory to its server once it answers keeps
    what was marked meanwhile. A mark newer there is kept."""
    marks = source.execute("SELECT article, kind, value, at, noted FROM marks").fetchall()
    places = source.execute("SELECT roots, place, at FROM places").fetchall()
    _retrying(target, (_MERGE, marks), (_PLACE, places))


# ----- moving state between machines -------------------------------------------------
def export_state(connection: Connection) -> dict[str, object]:
    """Every mark (cleared ones too) and place, as JSON types."""
    marks = [
        {"article": article, "kind": kind, "value": bool(value), "at": at}
        for article, kind, value, at in connection.execute(
            "SELECT article, kind, value, at FROM marks ORDER BY article, kind"
        )
    ]
    places = [
        {"roots": json.loads(roots), "place": json.loads(place), "at": at}
        for roots, place, at in connection.execute(
            "SELECT roots, place, at FROM places ORDER BY roots"
        )
    ]
    return {"newsreader_state": EXPORT_FORMAT, "marks": marks, "places": places}


def write_export(connection: Connection, file: Path) -> int:
    """Write the state to `file` (whole or not at all); the number of marks written."""
    state = export_state(connection)
    text = json.dumps(state, ensure_ascii=False, indent=1) + "\n"
    partial = file.with_name(f".{file.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8", errors="surrogateescape")
        partial.replace(file)
    except OSError:
        partial.unlink(missing_ok=True)  # a full disk leaves no half file behind
        raise
    marks = state["marks"]
    assert isinstance(marks, list)
    return len(marks)


def read_export(file: Path) -> tuple[list[Mark], list[tuple[str, LastPlace, float]]]:
    """The marks and places of a state file; a file that is not one is a StateFileError."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise StateFileError(f"{file}: cannot be read as JSON ({reason})") from error
    try:
        return _parse_export(data)
    except (TypeError, ValueError, KeyError) as error:
        raise StateFileError(f"{file}: not a newsreader state export ({error})") from error


def _parse_export(data: object) -> tuple[list[Mark], list[tuple[str, LastPlace, float]]]:
    if not isinstance(data, dict) or data.get("newsreader_state") != EXPORT_FORMAT:
        raise ValueError(f'no "newsreader_state": {EXPORT_FORMAT} at its top')
    marks = []
    for entry in _entries(data, "marks"):
        article, kind, value = entry["article"], entry["kind"], entry["value"]
        if not isinstance(article, str) or not article or kind not in KINDS:
            raise ValueError(f"a mark with article {article!r} and kind {kind!r}")
        if not isinstance(value, bool):
            raise ValueError(f"the mark of {article} has a value that is not true or false")
        marks.append(Mark(article, kind, value, _time(entry)))
    places = []
    for entry in _entries(data, "places"):
        roots = entry["roots"]
        if not isinstance(roots, list) or not all(isinstance(r, str) for r in roots):
            raise ValueError("a place whose roots are not a list of paths")
        places.append((as_json(roots), _place(entry["place"]), _time(entry)))
    return marks, places


def _entries(data: dict[str, object], name: str) -> Iterator[dict[str, object]]:
    entries = data.get(name, [])
    if not isinstance(entries, list):
        raise ValueError(f"{name!r} is not a list")
    for entry in entries:
        if not isinstance(entry, dict):
            raise ValueError(f"an entry of {name!r} is not an object")
        yield entry


def _time(entry: dict[str, object]) -> float:
    at = entry["at"]
    if not isinstance(at, int | float) or isinstance(at, bool) or not math.isfinite(at):
        raise ValueError(f"a time that is not a number: {at!r}")
    return float(at)


def import_state(
    connection: Connection,
    marks: Sequence[Mark],
    places: Sequence[tuple[str, LastPlace, float]],
) -> int:
    """Merge marks and places into the library, in one transaction: each replaces only an
    older one of the same article and kind (or corpus). The number of marks taken."""
    before = connection.total_changes
    now = time.time()
    with connection:
        connection.executemany(
            _MERGE, [(m.article, m.kind, int(m.value), m.at, now) for m in marks]
        )
        taken = connection.total_changes - before
        connection.executemany(
            f"{_PLACE} WHERE excluded.at > places.at",
            [(roots, _place_json(p), at) for roots, p, at in places],
        )
    return taken
