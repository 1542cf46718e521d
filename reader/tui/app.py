"""The Textual application, its factory (shared with the tests) and the `run` entry point.

`run` owns the terminal's bidi mode: terminals that reorder right-to-left text themselves
(implicit mode, ECMA-48 BDSM) would scramble the already-ordered lines the app draws, so
the app switches them to explicit mode on start and restores implicit mode on every exit
path, crashes included.
"""

from __future__ import annotations

import asyncio
import atexit
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Literal

from textual.app import App

from reader.library.session import Session
from reader.tui.screens.main import MainScreen, Opener
from reader.tui.text import Bidi

EXPLICIT_BIDI = "\x1b[8l"
IMPLICIT_BIDI = "\x1b[8h"
_POLITE_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class NewsReaderApp(App[None]):
    """Reads the dumps at `paths`; everything else happens on the main screen."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        paths: Sequence[str | Path],
        *,
        layout: Literal["rtl", "ltr"] = "rtl",
        bidi: Bidi = "app",
        opener: Opener | None = None,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.pane_layout = layout
        self.bidi: Bidi = bidi
        self.opener = opener

    def on_mount(self) -> None:
        self.push_screen(
            MainScreen(self.paths, layout=self.pane_layout, bidi=self.bidi, opener=self.opener)
        )


def make_app(
    paths: Sequence[str | Path],
    *,
    layout: Literal["rtl", "ltr"] = "rtl",
    bidi: Bidi = "app",
    library: str | None = None,
    opener: Opener | None = None,
) -> NewsReaderApp:
    """Build the app without running it (tests drive it with `run_test`).

    `library` is the library file (default: the user's); `opener` replaces the whole
    session, for a test that fills a library of its own.
    """
    if opener is None:
        shown = [str(p) for p in paths]

        def opener() -> Session:
            return Session(shown, library)

    return NewsReaderApp(paths, layout=layout, bidi=bidi, opener=opener)


def _write(sequence: str) -> None:
    stream = sys.__stderr__  # the stream Textual draws on
    if stream is not None and stream.isatty():
        stream.write(sequence)
        stream.flush()


def _stopper(app: NewsReaderApp) -> Callable[[int, FrameType | None], None]:
    """A signal handler that makes the app exit as if the user quit, with status 1."""

    def stop(signum: int, frame: FrameType | None) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app has not started its loop yet, or has stopped it
            raise SystemExit(1) from None
        # call_soon_threadsafe wakes the loop, which a plain call from a handler would not.
        loop.call_soon_threadsafe(lambda: app.exit(return_code=1))

    return stop


def run(
    paths: list[str], *, layout: str = "rtl", bidi: str = "app", library: str | None = None
) -> int:
    """Run the reader until the user quits; returns the process exit status."""
    mode: Bidi = "terminal" if bidi == "terminal" else "app"
    direction: Literal["rtl", "ltr"] = "ltr" if layout == "ltr" else "rtl"
    app = make_app(paths, layout=direction, bidi=mode, library=library)
    if mode == "app":
        atexit.register(_write, IMPLICIT_BIDI)
        _write(EXPLICIT_BIDI)
    # A polite kill (a closed terminal, `kill`) ends the app normally, so the terminal is
    # restored by Textual and by the `finally` below.
    previous = {sig: signal.signal(sig, _stopper(app)) for sig in _POLITE_SIGNALS}
    try:
        app.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if mode == "app":
            _write(IMPLICIT_BIDI)
    return app.return_code or 0
