"""The search box's language, read into a plain record: no SQL, no analysis, no errors.

    روسيا تركيا          both words (words are ANDed)
    "رجب طيب أردوغان"    the words in this order
    -كاراباخ             not this word (or -"a phrase")
    اردو*                a word beginning so
    روسيا OR تركيا       either (OR binds closer than the AND between words)
    tag:روسيا  source:"جريدة الغد"  after:2024-01-01  before:2024-12-31

A search box is typed into a letter at a time, so every string is a query: an unclosed
quote runs to the end, a lone `-`, `*` or a dangling `OR` is dropped, and a filter with a
bad value is left out. What was read leniently is said in `notes`, one line each, for the
view to show; nothing here raises.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from reader import problems

_FILTERS = ("tag", "source", "after", "before")
# A quoted stretch (maybe unclosed), or a run of anything else but whitespace and quotes.
_PIECE = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)("?)|([^\s"]+))')
_OR = "OR"


@dataclass(frozen=True, slots=True)
class Words:
    """Words to find together: one word, or a phrase (in this order); `prefix`: the last
    word is the start of a word."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    """A query as read: groups that must all match (each group: any of its alternatives),
    what must not, and the filters."""

    groups: tuple[tuple[Words, ...], ...] = ()
    excluded: tuple[Words, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    after: dt.date | None = None
    before: dt.date | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.groups or self.tags or self.sources or self.after or self.before)


def parse(text: str) -> Query:
    """Read `text` as a query, leniently (see the module's account)."""
    groups: list[list[Words]] = []
    excluded: list[Words] = []
    filters: dict[str, list[str]] = {name: [] for name in _FILTERS}
    notes: list[str] = []
    joined = False  # the last piece was OR: the next joins the group before it
    for match in _PIECE.finditer(text):
        minus, name, quoted, closing, bare = match.groups()
        if bare is not None and not bare.strip("-"):
            notes.append(problems.LONE_MINUS)
            continue
        if name is None and bare is not None and bare.endswith(":") and bare[:-1] in _FILTERS:
            notes.append(problems.NEEDS_VALUE.format(word=bare))
            continue
        if quoted is not None and not closing:
            notes.append(problems.OPEN_QUOTE)
        value = quoted if quoted is not None else bare
        if name is not None and name.lower() in _FILTERS:
            _add_filter(filters, name.lower(), value.strip(), notes)
            joined = False
            continue
        if name is not None:  # `word:` that is no filter: the whole piece is text
            value = f"{name}:{value}"
        if bare == _OR and not minus and quoted is None:
            joined = bool(groups)
            continue
        words = _words(value, quoted is not None)
        if words is None:
            continue
        if minus:
            excluded.append(words)
        elif joined and groups:
            groups[-1].append(words)
        else:
            groups.append([words])
        joined = False
    after = _date(filters["after"], "after", notes)
    before = _date(filters["before"], "before", notes)
    if not groups and excluded:
        notes.append(problems.ONLY_EXCLUDED)
    return Query(
        tuple(tuple(g) for g in groups),
        tuple(excluded),
        tuple(filters["tag"]),
        tuple(filters["source"]),
        after,
        before,
        tuple(dict.fromkeys(notes)),
    )


def _words(value: str, quoted: bool) -> Words | None:
    """A piece's words; None when it has none (`*`, `-`, `""`)."""
    prefix = not quoted and value.endswith("*")
    parts = tuple(p for p in value.replace("*", " ").split() if p)
    if not parts:
        return None
    return Words(parts, prefix and len(parts) == 1)


def _add_filter(filters: dict[str, list[str]], name: str, value: str, notes: list[str]) -> None:
    if value:
        filters[name].append(value)
    else:
        notes.append(problems.FILTER_NEEDS_VALUE.format(filter=name))


def _date(values: list[str], name: str, notes: list[str]) -> dt.date | None:
    """The last valid date given for `after:` or `before:`; a year or a month alone is its
    first day (`after:2024` is after 2024-01-01)."""
    chosen = None
    for value in values:
        padded = value + "-01-01"[len(value) - 4 :] if len(value) in (4, 7) else value
        try:
            chosen = dt.date.fromisoformat(padded)
        except ValueError:
            notes.append(problems.WANTS_DATE.format(filter=name, value=repr(value)))
    return chosen
