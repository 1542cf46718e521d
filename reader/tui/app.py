"""The Textual application, its factory (shared with the tests) and the `run` entry point.

`run` owns the terminal's bidi mode: terminals that reorder right-to-left text themselves
(implicit mode, ECMA-48 BDSM) would scramble the already-ordered lines the app draws, so
the app switches them to explicit mode on start and restores implicit mode on every exit
path, crashes included.

`run` also makes sure the reader ends when its terminal does (SIGHUP, or the tty hanging
up without one, as when the terminal's side of the pty closes) and on SIGTERM. Asking the
app to exit is not enough: once the terminal is gone, Textual's writer thread dies on the
first EIO, its bounded queue fills, and the app's event loop blocks for ever putting the
next write into it, so it never runs the exit it was asked for. A watchdog gives the app
`EXIT_GRACE` to finish, then restores what terminal modes it still can and ends the process.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import select
import signal
import sys
import termios
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Literal

from textual.app import App, SystemCommand
from textual.command import Provider
from textual.screen import Screen
from textual.theme import Theme

from reader import language as languages
from reader.library.session import Opening, Session
from reader.settings import preferences
from reader.settings.config import Settings
from reader.tui.keymap import keymap_keys
from reader.tui.messages import BidiChanged
from reader.tui.notices import tell
from reader.tui.screens.main import MainScreen
from reader.tui.text import Bidi

EXPLICIT_BIDI = "\x1b[8l"
IMPLICIT_BIDI = "\x1b[8h"
_POLITE_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
# Seconds the app has to exit on its own after SIGHUP or SIGTERM before the watchdog ends
# the process: short enough that a reader whose terminal went away is gone within a second.
PALETTE_ID = "--command-palette"  # the id Textual's palette has: one is open at a time
NOTICE_SECONDS = 12  # how long a warning about the settings stays on screen
EXIT_GRACE = 0.5
# The exit status of a reader ended by a signal, the same whether it exits on its own or not.
SIGNALLED_STATUS = 1
# What Textual's driver turns on, turned off again as its own exit does: mouse reporting,
# bracketed paste, in-band resize, no line wrap, the kitty keyboard protocol, the alternate
# screen, the hidden cursor and focus events.
TEXTUAL_MODES_OFF = (
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?2048l\x1b[?7h"
    "\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l"
)


def _reader_commands() -> type[Provider]:
    """The reader's palette commands, imported when the palette first opens."""
    from reader.tui.palette import ReaderCommands

    return ReaderCommands


class NewsReaderApp(App[None]):
    """Reads the dumps at `paths`; everything else happens on the main screen."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {_reader_commands}

    def __init__(
        self,
        paths: Sequence[str | Path],
        *,
        layout: Literal["rtl", "ltr"] = "rtl",
        bidi: Bidi = "app",
        opening: Opening | None = None,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.pane_layout = layout
        self.bidi: Bidi = bidi
        self.opening = opening
        self.notices: list[str] = []  # shown once the reader is up (bad settings, say)
        self.settings_theme: str | None = None  # the settings file's theme, if it names one
        self._default_theme = self.theme  # Textual's, when neither settings nor choice name one
        self.keymap: dict[str, str] = {}  # binding id -> keys, from the settings
        self.settings = Settings()  # what the settings file chose (the factory sets it)
        self.explicit_bidi = False  # the terminal was told the reader orders bidi itself

    def get_default_screen(self) -> Screen[Any]:
        """The main screen is the app's own first screen, not one pushed on a blank one: it
        is then built before Textual paints anything, and its first frame is the first one
        painted (a screen pushed while the app starts is painted once for nothing)."""
        return MainScreen(self.paths, layout=self.pane_layout, bidi=self.bidi, opening=self.opening)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        for notice in self.notices:
            tell(self, notice, severity="warning", timeout=NOTICE_SECONDS)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, in English; the Arabic interface has them translated among the
        reader's own (`ReaderCommands`)."""
        if not languages.right_to_left():
            yield from super().get_system_commands(screen)

    def action_command_palette(self) -> None:
        """Textual's palette, with a field that draws Arabic queries right to left."""
        from reader.tui.palette import ReaderPalette

        if self.use_command_palette and self.screen.id != PALETTE_ID:
            self.push_screen(ReaderPalette(id=PALETTE_ID))

    def on_bidi_changed(self, message: BidiChanged) -> None:
        """Tell the terminal who orders right-to-left text now (ECMA-48's bidi modes)."""
        self.bidi = message.bidi
        if message.bidi == "app":
            if not self.explicit_bidi:
                atexit.register(_write, IMPLICIT_BIDI)  # the terminal's own mode, at exit
            self.explicit_bidi = True
        _write(EXPLICIT_BIDI if message.bidi == "app" else IMPLICIT_BIDI)

    def _remember_theme(self, theme: Theme) -> None:
        """A theme picked in the palette is the one the next session starts with."""
        if theme.name != (preferences.theme(self.settings_theme) or self._default_theme):
            preferences.remember_theme(theme.name, self.settings_theme)


def make_app(
    paths: Sequence[str | Path],
    *,
    layout: Literal["rtl", "ltr"] = "rtl",
    bidi: Bidi = "app",
    library: str | None = None,
    opener: Callable[[], Session] | None = None,
    opening: Opening | None = None,
    settings: Settings | None = None,
    language: languages.Language | None = None,
) -> NewsReaderApp:
    """Build the app without running it (tests drive it with `run_test`).

    `library` is the library file (default: the user's); `opener` replaces the whole
    session, for a test that fills a library of its own; `opening`: the session already
    being opened (by the command, while it imports the interface); `settings` (read by the command)
    choose the theme and rebind keys. The interface speaks `language`, else the settings'
    language, else the locale's.
    """
    chosen = settings.language if settings is not None else None
    languages.use(languages.choose(language, chosen, os.environ))
    if opening is None:
        shown = [str(p) for p in paths]
        opening = Opening(opener or (lambda: Session(shown, library)))
    app = NewsReaderApp(paths, layout=layout, bidi=bidi, opening=opening)
    app.settings = settings or Settings()
    app.settings_theme = settings.theme if settings is not None else None
    theme = preferences.theme(app.settings_theme)
    if theme is not None and theme in app.available_themes:
        app.theme = theme
    if settings is not None:
        app.keymap = keymap_keys(settings.keymap)
        app.set_keymap(app.keymap)
    return app


def _write(sequence: str) -> None:
    stream = sys.__stderr__  # the stream Textual draws on
    if stream is not None and stream.isatty():
        stream.write(sequence)
        stream.flush()


def _tty(stream: Any) -> int | None:
    """The stream's file descriptor if it is a terminal."""
    if stream is None:
        return None
    try:
        fd: int = stream.fileno()
    except (OSError, ValueError):  # a stream with no descriptor of its own, as in tests
        return None
    return fd if os.isatty(fd) else None


@dataclass(frozen=True)
class _Watchdog:
    """Ends the process `EXIT_GRACE` after it is armed, restoring the terminal first."""

    restore: str  # escape sequences that give the terminal back its modes
    output: int | None  # the terminal Textual draws on
    terminal: int | None  # the terminal whose attributes Textual changes
    attributes: list[Any] | None  # those attributes before the app started
    armed: threading.Event = field(default_factory=threading.Event)

    def arm(self) -> None:
        if self.armed.is_set():
            return
        self.armed.set()
        timer = threading.Timer(EXIT_GRACE, self.end)
        timer.daemon = True
        timer.start()

    def end(self) -> None:
        """Give back what can be given back, then exit whatever the app is doing."""
        if self.output is not None:
            # A terminal that is gone answers EIO, one that is stopped would block: neither
            # may keep the process alive, so the write does not wait and may fail.
            with suppress(OSError):
                os.set_blocking(self.output, False)
                os.write(self.output, self.restore.encode())
            with suppress(OSError):
                os.set_blocking(self.output, True)
        if self.terminal is not None and self.attributes is not None:
            with suppress(termios.error):  # a terminal that is gone has no attributes
                termios.tcsetattr(self.terminal, termios.TCSANOW, self.attributes)
        os._exit(SIGNALLED_STATUS)


def _stopper(app: NewsReaderApp, watchdog: _Watchdog) -> Callable[[int, FrameType | None], None]:
    """A signal handler that makes the app exit as if the user quit, with status 1, and
    arms the watchdog in case it cannot."""

    def stop(signum: int, frame: FrameType | None) -> None:
        watchdog.arm()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app has not started its loop yet, or has stopped it
            raise SystemExit(SIGNALLED_STATUS) from None
        # call_soon_threadsafe wakes the loop, which a plain call from a handler would not.
        loop.call_soon_threadsafe(lambda: app.exit(return_code=SIGNALLED_STATUS))

    return stop


def _watch_for_hang_up(terminal: int) -> int:
    """Send this process SIGHUP when `terminal` hangs up, from a thread that ends when the
    returned descriptor is closed.

    Without a controlling terminal (a pty handed over by another program, a session that
    lost its controlling terminal) no SIGHUP comes when the terminal goes away, and Textual
    only sees EOF or EIO, on which it stops reading or writing but never exits.
    """
    stopped, stop = os.pipe()

    def watch() -> None:
        poller = select.poll()
        poller.register(terminal, 0)  # hang-ups and errors are always reported
        poller.register(stopped, select.POLLIN)  # readable, or hung up, once `stop` closes
        try:
            if any(fd == terminal for fd, _events in poller.poll()):
                os.kill(os.getpid(), signal.SIGHUP)
        finally:
            os.close(stopped)

    threading.Thread(target=watch, name="newsreader-hang-up", daemon=True).start()
    return stop


def run(
    paths: list[str],
    *,
    layout: str = "rtl",
    bidi: str = "app",
    library: str | None = None,
    settings: Settings | None = None,
    notices: Sequence[str] = (),
    language: languages.Language | None = None,
    opening: Opening | None = None,
) -> int:
    """Run the reader until the user quits; returns the process exit status."""
    mode: Bidi = "terminal" if bidi == "terminal" else "app"
    direction: Literal["rtl", "ltr"] = "ltr" if layout == "ltr" else "rtl"
    app = make_app(
        paths,
        layout=direction,
        bidi=mode,
        library=library,
        opening=opening,
        settings=settings,
        language=language,
    )
    app.notices = [*notices]
    if mode == "app":
        app.explicit_bidi = True
        atexit.register(_write, IMPLICIT_BIDI)
        _write(EXPLICIT_BIDI)
    terminal = _tty(sys.__stdin__)
    watchdog = _Watchdog(
        TEXTUAL_MODES_OFF + (IMPLICIT_BIDI if mode == "app" else ""),
        _tty(sys.__stderr__),
        terminal,
        termios.tcgetattr(terminal) if terminal is not None else None,
    )
    # A polite kill (a closed terminal, `kill`) ends the app normally, so the terminal is
    # restored by Textual and by the `finally` below; the watchdog, when it cannot.
    previous = {sig: signal.signal(sig, _stopper(app, watchdog)) for sig in _POLITE_SIGNALS}
    stop_watching = None if terminal is None else _watch_for_hang_up(terminal)
    try:
        app.run()
    finally:
        if stop_watching is not None:
            os.close(stop_watching)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if app.explicit_bidi:  # from the start, or since the palette switched to it
            _write(IMPLICIT_BIDI)
    return app.return_code or 0
