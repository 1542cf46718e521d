"""The records that flow from the loader to every view.

They are frozen so that a corpus can be shared between the loading worker and the
interface without copies or locks.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a page came from: a file, the 1-based line inside JSON Lines files, and the web
    address the crawl gave it (JSON Lines `url`), if any."""

    path: str
    line: int | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ReadAlso:
    """A "read also" reference: the title as the page gave it, and the article it resolved to."""

    title: str
    id: str | None


@dataclass(frozen=True, slots=True)
class Story:
    """A headline with its body: a page's own article, or one in its "read also" block.

    The one shape of a story from the page to the article it becomes: carried whole, never
    copied field by field, so that a field added here needs an edit only where it is found
    (the parser) and where it is kept (the library's row).
    """

    title: str
    published: dt.date | None
    place: str | None
    agency: str | None
    paragraphs: tuple[str, ...]


STORY_FIELDS = tuple(field.name for field in fields(Story))
# A story's values in the order of its fields, taken in one call (in C, not a loop): what
# merging, the stored page, the library's row and the export are made from.
story_values: Callable[[Story], tuple[Any, ...]] = attrgetter(*STORY_FIELDS)


@dataclass(frozen=True, slots=True)
class Article:
    """One story, possibly merged from several pages, with what its pages and the corpus
    say of it."""

    id: str
    story: Story
    source: str | None
    tags: tuple[str, ...]
    keywords: tuple[str, ...]
    read_also: tuple[ReadAlso, ...]
    read_by: tuple[str, ...]
    origins: tuple[Origin, ...]

    # The story's fields every view reads, forwarded so that views need not know the shape.
    @property
    def title(self) -> str:
        return self.story.title

    @property
    def published(self) -> dt.date | None:
        return self.story.published

    @property
    def place(self) -> str | None:
        return self.story.place

    @property
    def agency(self) -> str | None:
        return self.story.agency

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return self.story.paragraphs

    @property
    def url(self) -> str | None:
        """The web address of the first of its pages that came with one."""
        return next((origin.url for origin in self.origins if origin.url), None)


Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem with one input, worded for the person who owns the file."""

    path: str
    message: str
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        path = shown_path(self.path)
        where = path if self.line is None else f"{path}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"


# Controls, format characters (bidi overrides among them) and line separators.
_UNSHOWN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def shown_path(path: str) -> str:
    """A path as one line of text a person can read and trust.

    Bytes of a file name that are not UTF-8 (which Python keeps as lone surrogates) are
    spelt `\\xff`, and controls, format characters and line separators are escaped
    (`\\n`, `\\x1b`, `\\u202e`): dropped, they would name a file that does not exist;
    kept, a newline would split a diagnostic in two or forge one, and an escape sequence or
    a bidi override would reach the terminal.
    """
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch) in _UNSHOWN else ch for ch in text)


@dataclass(frozen=True, slots=True)
class Headline:
    """What the headline list shows of an article: read a window at a time, never whole."""

    id: str
    title: str
    published: dt.date | None
    source: str | None
    read: bool = False
    saved: bool = False


@dataclass(frozen=True, slots=True)
class LoadStats:
    """Counts for `newsreader check`: pages parsed, articles made, pages merged, pages failed."""

    pages: int
    articles: int
    merged: int
    failed: int
    warnings: int


@dataclass(frozen=True, slots=True)
class TagMatch:
    """A tag found by search, with the number of articles carrying it."""

    tag: str
    count: int
