"""The reader ends when its terminal goes away and when it is told to, even mid-load.

The real command on a real pty, over a generated corpus large enough to be still loading
when the first headlines show. Only behaviour is checked (it exited, with which status);
the bound is generous so a loaded machine does not fail it.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pty_support import PtyTerminal, reader_in_pty

from reader.tui import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
# Pages enough that the first headlines show while the load goes on.
PAGES = 20000
# Seconds a reader may take to end; far above the watchdog's grace, for loaded machines.
EXIT_BOUND = 10.0


@pytest.fixture(scope="module")
def large_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("large") / "dumps"
    make_corpus = ROOT / "benchmarks" / "make_corpus.py"
    subprocess.run(
        [sys.executable, str(make_corpus), str(folder), "--pages", str(PAGES)],
        check=True,
        capture_output=True,
    )
    return folder


def _shows_headlines(screen: str) -> bool:
    return re.search(r"\d{4}-\d\d-\d\d", screen) is not None  # a row's date, as 2024-05-03


def _first_headlines(terminal: PtyTerminal) -> None:
    terminal.wait_for(_shows_headlines, timeout=60)


@pytest.mark.parametrize("controlling", [True, False], ids=["sighup", "eof-only"])
def test_the_reader_ends_when_its_terminal_goes_away(
    large_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, controlling: bool
) -> None:
    """With a controlling terminal the kernel sends SIGHUP; without one the tty only hangs
    up (EOF on reads, EIO on writes), which the reader must notice by itself."""
    monkeypatch.setenv("NEWSREADER_LIBRARY", ":memory:")  # every run loads afresh
    with reader_in_pty([str(large_corpus)], tmp_path, controlling=controlling) as terminal:
        _first_headlines(terminal)
        terminal.hang_up()
        assert terminal.wait(EXIT_BOUND) == app.SIGNALLED_STATUS


def test_the_reader_ends_on_sigterm_while_loading(
    large_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSREADER_LIBRARY", ":memory:")
    with reader_in_pty([str(large_corpus)], tmp_path) as terminal:
        _first_headlines(terminal)
        terminal.process.send_signal(signal.SIGTERM)
        assert terminal.wait(EXIT_BOUND) == app.SIGNALLED_STATUS
        # Textual's own exit or the watchdog left the terminal as it found it.
        assert terminal.output.rfind(app.IMPLICIT_BIDI.encode()) > terminal.output.rfind(
            b"\x1b[?1049h"
        )
        assert terminal.screen.cursor.hidden is False


def test_the_reader_ends_on_sigterm_when_nobody_reads_its_terminal(
    large_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal that stops reading (a frozen emulator, a stalled SSH link) blocks
    Textual's writes; SIGTERM must end the reader all the same."""
    monkeypatch.setenv("NEWSREADER_LIBRARY", ":memory:")
    with reader_in_pty([str(large_corpus)], tmp_path, size=(250, 80)) as terminal:
        _first_headlines(terminal)
        for _ in range(40):  # keys that redraw the whole list, none of it read back
            terminal.keys_unread("\x1b[6~")
        terminal.process.send_signal(signal.SIGTERM)
        assert terminal.wait_unread(EXIT_BOUND) == app.SIGNALLED_STATUS


def test_the_watchdog_gives_the_app_less_than_a_second() -> None:
    """The grace is what lets a reader whose terminal went away end within a second."""
    assert 0 < app.EXIT_GRACE < 1.0
