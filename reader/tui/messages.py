"""What the reader's threads tell its screen, and its screen the app.

The loading thread, the folder watch, the session's guard and the tries at the library
run apart from the event loop: each hands the screen what it found as one of these
messages (see `MainScreen._post`), and the screen handles it in the loop.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from reader.library.progress import IngestProgress
from reader.library.reading import CorpusView
from reader.library.session import Reopened, Session
from reader.tui.text import Bidi


class LoadProgress(Message):
    def __init__(self, progress: IngestProgress) -> None:
        super().__init__()
        self.progress = progress


class Loaded(Message):
    """The corpus as the library holds it: `final` once it is up to date with the dumps."""

    def __init__(
        self, session: Session, corpus: CorpusView | None, warnings: Sequence[str], final: bool
    ) -> None:
        super().__init__()
        self.session = session
        self.corpus = corpus
        self.warnings = list(warnings)
        self.final = final


class FoldersChanged(Message):
    """Files changed under the reader's paths (posted from the folder watch's thread)."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count


class BidiChanged(Message):
    """The reader now orders right-to-left text itself ("app") or leaves it to the terminal:
    the app tells the terminal which."""

    def __init__(self, bidi: Bidi) -> None:
        super().__init__()
        self.bidi: Bidi = bidi


class LoadFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class LoadDeferred(Message):
    """The library stopped answering while the corpus was brought up to date: done again
    once it answers."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class LibraryLost(Message):
    """The library stopped answering (posted from whichever thread found it); `for_good`:
    a newer newsreader has made it its own."""

    def __init__(self, error: str, for_good: bool) -> None:
        super().__init__()
        self.error = error
        self.for_good = for_good


class LibraryBack(Message):
    """The library answers again (posted from the thread that tried it)."""


class ServerAnswered(Message):
    """The server the reader could not reach at its start answers, its library opened
    (posted from the thread that tried it)."""

    def __init__(self, reopened: Reopened) -> None:
        super().__init__()
        self.reopened = reopened


class ServerRefused(Message):
    """The server the reader could not reach at its start answers, but its library cannot
    serve this newsreader (posted from the thread that tried it): said, and not tried again."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class LoadStopped(Message):
    """An update in memory stopped, for the session to go on in its server instead."""
