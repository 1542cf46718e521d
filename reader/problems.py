"""Problems met reading the dumps or a query: worded once in English, shown in the reader's
language.

A problem is made from one of the templates here, filled with its values (a count, a line
number, a reason). The library keeps its English words, as any reader of the library can
read them and as older libraries already hold them; the interface words it again on the
way to the screen (`worded`): the English is matched back to its template, and the
template's translation is filled with the same values, themselves worded again when they
are problems too (`not a news page: no text`). Words a template does not make (an
operating system's reason, a JSON parser's) are shown as they came.
"""

from __future__ import annotations

import re
from functools import cache

from reader.language import N_, _
from reader.model import Diagnostic, shown_path

# Finding the files.
CANNOT_LIST = N_("cannot list folder: {reason}")
CANNOT_OPEN = N_("cannot open: {reason}")
CANNOT_READ = N_("cannot read: {reason}")
LINK_LOOP = N_("symbolic link loop: leads back to a folder being read; not followed")
TOO_DEEP = N_("folder nested more than {depth} deep; not read")
NOT_A_FILE = N_("not a regular file or folder")
NAME_NOT_UTF8 = N_("a name that is not UTF-8 cannot be kept on a server; not read")
# Why a file cannot be opened or read.
LOOP = N_("symbolic link loop")
DENIED = N_("permission denied")
MISSING = N_("no such file or directory")
CORRUPT = N_("corrupt compressed data")
# Reading them.
EMPTY = N_("empty file")
TOO_LARGE = N_("{size} MB is far too large for one news page; skipped")
UNCOMPRESSED_TOO_LARGE = N_("uncompressed, far too large for one news page; skipped")
BROKEN_GZIP = N_("broken gzip data: {reason}")
UNDECODABLE_SHOWN = N_("{count} undecodable byte sequence(s) shown as �")
BYTE_ORDER_MARK = N_("starts with a {codec} mark but is not {codec}")
BINARY = N_("binary data, not text")
UNDECODABLE = N_("undecodable bytes: neither UTF-8, UTF-16 nor Windows-1256 text")
# JSON Lines.
LINE_TOO_LARGE = N_("line of {size} MB is far too large for one page; skipped")
LONE_SURROGATES = N_("{count} lone surrogate escape(s) shown as �")
READ_PAST = N_("cannot read past line {line}: {reason}")
TRUNCATED = N_("truncated")
NOT_UTF8_LINE = N_("line is not UTF-8 text")
BROKEN_JSON = N_("broken JSON ({reason} at column {column})")
NESTED_JSON = N_("broken JSON (nested too deeply)")
NOT_AN_OBJECT = N_('JSON line is not an object with a "text" field')
NO_TEXT_FIELD = N_('JSON object has no "text" string')
# Parsing a page.
NOT_A_PAGE = N_("not a news page: {reason}")
NO_TEXT = N_("no text")
NO_HEADLINE = N_("no headline before the page chrome")
NO_BODY = N_("a headline with no body under it")
NO_ARABIC = N_("no Arabic headline and body, and none of the dump's labels")
LONG_FIRST_LINE = N_("first line is {length} characters long, not a headline")
WORDLESS_FIRST_LINE = N_("first line has no words, not a headline")
IGNORED_READ_ALSO = N_('a "read also" block without a plausible headline was ignored')
UNREADABLE_DATE = N_("unreadable publication date {date}")
# A search query read leniently (`reader.text.query`).
LONE_MINUS = N_("a lone - excludes nothing: left out")
NEEDS_VALUE = N_("{word} needs a value: left out")
OPEN_QUOTE = N_("a quote was not closed: read to the end")
ONLY_EXCLUDED = N_("a query needs a word to find, not only words to leave out")
FILTER_NEEDS_VALUE = N_("{filter}: needs a value: left out")
WANTS_DATE = N_("{filter}: wants a date such as 2024-01-31, not {value}: left out")
UNSEARCHABLE = N_("no word of the query can be searched for")
# The installation.
FEEDS_MISSING = N_("the bundled sample feeds are missing (looked in {places})")
# The library (`reader.library.store`, `session`, `postgres`): why it cannot serve, and
# what the reader does instead.
LIBRARY_UNUSABLE = N_(
    "the library {where} cannot be used ({reason}); reading without one this time"
)
LIBRARY_DAMAGED = N_("the library {path} is damaged ({reason})")
LIBRARY_NEWER = N_(
    "the library was made by a newer newsreader (schema {version}, this one reads {ours})"
)
LIBRARY_FOREIGN = N_("the library file holds tables of something else")
NO_WAL = N_("cannot use write-ahead logging ({mode})")
LIBRARY_MOVED = N_("{reason}; it was moved to {path} and is made again")
MOVED_FAILED = N_("{note}, which failed too ({reason}); reading without a library")
WITHOUT_LIBRARY = N_("{reason}; reading without a library this time")
WITHOUT_IT = N_("{reason}; reading without it this time")
UNWRITABLE = N_("the library cannot be written ({reason}); reading without it")
NOT_UP_TO_DATE = N_("the library could not be brought up to date: {reason}")
MARKS_LOST = N_("{warning}; the marks made so far could not be carried over ({reason})")
SERVER_UNREACHED = N_("the library server {server} cannot be reached ({reason})")
SERVER_GONE = N_("the library server {server} is unreachable ({reason})")
SERVER_SILENT = N_("the library server {server} does not answer (nothing for {seconds} s)")
SERVER_NEWER = N_(
    "the library on {server} was made by a newer newsreader (schema {version}, this one "
    "reads {ours}); it is left as it is"
)
# Reasons the operating system and SQLite give most often, in their words.
OS_EXISTS = N_("File exists")
OS_FULL = N_("No space left on device")
OS_READ_ONLY = N_("Read-only file system")
OS_DENIED = N_("Permission denied")
OS_NOT_A_FOLDER = N_("Not a directory")
OS_MISSING = N_("No such file or directory")
OS_IS_A_FOLDER = N_("Is a directory")
DB_LOCKED = N_("database is locked")
DB_FULL = N_("database or disk is full")
DB_READ_ONLY = N_("attempt to write a readonly database")
DB_UNOPENABLE = N_("unable to open database file")

TEMPLATES = (
    CANNOT_LIST,
    CANNOT_OPEN,
    CANNOT_READ,
    LINK_LOOP,
    TOO_DEEP,
    NOT_A_FILE,
    NAME_NOT_UTF8,
    LOOP,
    DENIED,
    MISSING,
    CORRUPT,
    EMPTY,
    TOO_LARGE,
    UNCOMPRESSED_TOO_LARGE,
    BROKEN_GZIP,
    UNDECODABLE_SHOWN,
    BYTE_ORDER_MARK,
    BINARY,
    UNDECODABLE,
    LINE_TOO_LARGE,
    LONE_SURROGATES,
    READ_PAST,
    TRUNCATED,
    NOT_UTF8_LINE,
    BROKEN_JSON,
    NESTED_JSON,
    NOT_AN_OBJECT,
    NO_TEXT_FIELD,
    NOT_A_PAGE,
    NO_TEXT,
    NO_HEADLINE,
    NO_BODY,
    NO_ARABIC,
    LONG_FIRST_LINE,
    WORDLESS_FIRST_LINE,
    IGNORED_READ_ALSO,
    UNREADABLE_DATE,
    LONE_MINUS,
    NEEDS_VALUE,
    OPEN_QUOTE,
    ONLY_EXCLUDED,
    FILTER_NEEDS_VALUE,
    WANTS_DATE,
    UNSEARCHABLE,
    FEEDS_MISSING,
    LIBRARY_UNUSABLE,
    LIBRARY_DAMAGED,
    LIBRARY_NEWER,
    LIBRARY_FOREIGN,
    NO_WAL,
    LIBRARY_MOVED,
    MOVED_FAILED,
    WITHOUT_LIBRARY,
    WITHOUT_IT,
    UNWRITABLE,
    NOT_UP_TO_DATE,
    MARKS_LOST,
    SERVER_UNREACHED,
    SERVER_GONE,
    SERVER_SILENT,
    SERVER_NEWER,
    OS_EXISTS,
    OS_FULL,
    OS_READ_ONLY,
    OS_DENIED,
    OS_NOT_A_FOLDER,
    OS_MISSING,
    OS_IS_A_FOLDER,
    DB_LOCKED,
    DB_FULL,
    DB_READ_ONLY,
    DB_UNOPENABLE,
)
_FIELD = re.compile(r"\{(\w+)\}")
# A problem as `newsreader check` and the reader's list of problems give it.
SEVERITIES = {
    "error": N_("{where}: error: {problem}"),
    "warning": N_("{where}: warning: {problem}"),
}


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each template as a pattern that reads its values back out of the English."""
    patterns = []
    for template in TEMPLATES:
        pieces = []
        seen: set[str] = set()
        for n, part in enumerate(_FIELD.split(template)):
            if n % 2 == 0:
                pieces.append(re.escape(part))
            elif part in seen:  # a field used twice ("a {codec} mark but is not {codec}")
                pieces.append(f"(?P={part})")
            else:
                seen.add(part)
                pieces.append(f"(?P<{part}>.+?)")
        patterns.append((re.compile("^" + "".join(pieces) + "$", re.DOTALL), template))
    return tuple(patterns)


def worded(message: str) -> str:
    """A problem's English in the interface's language (as it came, when no template
    made it)."""
    for pattern, template in _patterns():
        found = pattern.match(message)
        if found is not None:
            values = {name: worded(value) for name, value in found.groupdict().items()}
            return _(template).format(**values)
    return message


def diagnostic_text(diagnostic: Diagnostic) -> str:
    """`path:line: severity: problem`, the severity and problem in the reader's language
    (the path and line as they are)."""
    path = shown_path(diagnostic.path)
    where = path if diagnostic.line is None else f"{path}:{diagnostic.line}"
    return _(SEVERITIES[diagnostic.severity]).format(
        where=where, problem=worded(diagnostic.message)
    )
