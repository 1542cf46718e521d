"""`python -m reader.library.worker LIBRARY PATH...`: an ingest in a process of its own.

The reader hands its updates to this process, so that checking and parsing a large corpus
runs on the machine's other core: the reader's memory holds none of it, and its keys never
wait on the parser for the interpreter. Progress goes to standard output as JSON lines; the
last line is the report, or why the library could not be written, or that it does not
answer for now (a server gone away: the reader keeps what it shows and asks again later),
or that a newer newsreader has made it its own (the reader keeps what it shows).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import sys

from reader.library.backend import LibraryUnavailable, NewerSchema
from reader.library.ingest import ingest
from reader.library.progress import IngestProgress
from reader.library.store import open_asked

UNWRITABLE = 3  # exit status: the library refused the writes; the reader goes on in memory
UNAVAILABLE = 4  # exit status: the library does not answer for now; the reader tries later
NEWER = 5  # exit status: a newer newsreader's library; the reader keeps what it shows


class _ReaderGone(Exception):
    """The reader that asked for this ingest has exited: stop between two batches."""


def main(argv: list[str]) -> int:
    location, *paths = argv
    parent = os.getppid()
    try:
        library, connection = open_asked(location)
    except NewerSchema as error:
        _say({"newer": str(error)})
        return NEWER
    except LibraryUnavailable as error:
        _say({"unavailable": str(error)})
        return UNAVAILABLE
    if library.in_memory:  # the file could not be used: say so rather than ingest into air
        _say({"unwritable": library.warning or "the library cannot be opened"})
        return UNWRITABLE

    def progress(step: IngestProgress) -> None:
        if os.getppid() != parent:
            raise _ReaderGone
        _say({"progress": dataclasses.asdict(step)})

    try:
        report = ingest(library, connection, paths, progress)
    except NewerSchema as error:  # migrated by a newer one mid-way: its batch rolled back
        _say({"newer": str(error)})
        return NEWER
    except LibraryUnavailable as error:  # gone mid-way: the batch under way was rolled back
        _say({"unavailable": str(error)})
        return UNAVAILABLE
    except (sqlite3.OperationalError, OSError) as error:  # a full or read-only disk
        _say({"unwritable": str(error)})
        return UNWRITABLE
    except _ReaderGone:
        return 0
    _say({"report": dataclasses.asdict(report)})
    return 0


def _say(message: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=True) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
